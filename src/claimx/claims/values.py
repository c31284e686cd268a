"""A claim's time and value: the time expression and the quantity attached to the trigger's own clause.

Attached means the dependency path from the item's root up to the predicate (its chain, the trigger's tokens or its
required context) crosses no clause boundary (a relative, adverbial or complement clause has its own time and
numbers: "two officers who shot a man" counts officers, not victims). Nothing is taken for being near.

- A time is the claim's time only when no noun or other verb stands on that path ("the 1991 agreement", "since its
  launch in 2003": those dates belong to the agreement and the launch), and a duration or a set ("six months",
  "every week") is no time of an event. A subjectless participle clause that follows the predicate describes the
  same event ("..., shutting the company down as of July"): its time is the predicate's.
- A value must count what the frame counts (`Frame.measures`, through `claimx.claims.measures`): "Shelton, 35" (an
  age), "the 4200 block" (an address), "nine counts" (charges) are nobody's value. A bare number ("killing two",
  "three were injured") counts what the frame counts only when it is itself the counted argument. A number inside
  the argument a frame does not count is not its value (`Frame.counted`: "two officers killed a man").
- With no number, a frame that counts its patients (`Frame.count_patients`) counts them: "a man and his son were
  shot dead" says two people were killed, "the death of Trinity Gay" one, "found two women with gunshot wounds" two
  injured, "people were killed" nothing. Coordinated patients are added up ("seven officers and two civilians":
  nine). A sentence does not say that nobody else was hurt, so such a count is a lower bound (`mod` AT_LEAST).
"""

from __future__ import annotations

from itertools import pairwise

from claimx.claims.context import doc_text, tokens_at
from claimx.claims.cues import Cues, cues_for
from claimx.claims.deps import (
    AGENT,
    OBJ,
    PRED_POS,
    SUBJ,
    SUBJ_PASS,
    case_marked,
    modifying_participle,
    np_end,
    np_start,
    passive,
)
from claimx.claims.frames import Frame
from claimx.claims.measures import fits, measure_of, not_values, noun_measures
from claimx.schemas import Quantity

# Arcs into another clause: what hangs below them is not the predicate's.
CLAUSE_BOUNDARY = {"relcl", "acl:relcl", "advcl", "ccomp", "csubj", "csubjpass", "csubj:pass", "parataxis"}
# Words that may stand between a time expression and its predicate ("in", "on", "last", "early").
TIME_GLUE = {"ADP", "DET", "ADV", "NUM", "AUX", "PART", "PUNCT", "ADJ", "SCONJ", "CCONJ"}
PERSON_LABELS = {"PERSON", "PER"}
SAME = "others"  # the measure of "others", "autres": the same as what the sentence counts
_MAX_PATH = 12


# Arcs by which a noun trigger is an argument of a verb whose clause is its own ("the toll rose to five", "carried
# out the attack"); a noun reached through a preposition ("charged in connection with the death") is not.
CORE_LINKS = {"nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj", "attr", "xcomp", "aux", "aux:pass", "auxpass", "cop"}


def own_clause(chain) -> list:
    """The part of a predicate chain whose times and numbers are the trigger's: up through control verbs and core
    argument links, not through a preposition to the verb of another phrase."""
    out = [chain[0]]
    for prev, tok in pairwise(chain):
        if prev.dep_ not in CORE_LINKS:
            break
        out.append(tok)
    return out


def path_up(tok, anchors: set[int]) -> list | None:
    """The tokens from `tok` up to (not including) the first anchor, or None when the way up leaves the clause."""
    path = []
    cur = tok
    while cur.i not in anchors:
        if cur.dep_ in CLAUSE_BOUNDARY or cur.head.i == cur.i or len(path) > _MAX_PATH:
            return None
        # a coordinated clause has its own time and numbers, and so has a conjunct the parse hangs on a verb without
        # one of its own ("cinq personnes ont été tuées et 11 blessées": the 11 are the injured)
        if cur.dep_ == "conj" and (cur.pos_ in PRED_POS or cur.head.pos_ in PRED_POS):
            return None
        path.append(cur)
        cur = cur.head
    return path


def pick_time(times, sent, anchors: set[int], doc):
    """The time expression attached to the predicate (see the module docstring), the closest one first."""
    best, best_d = None, None
    for t in times:
        if not (sent.start_char <= t.start_char < sent.end_char) or t.type in ("DURATION", "SET"):
            continue
        if t.value == "FUTURE_REF" or t.start is None and t.value and t.value.endswith("_REF"):
            continue  # "soon" is more often "soon after", "as soon as" than a future; "formerly": no interval
        if _recurring(t, times, doc):
            continue  # "every year on May 9", "chaque année le 9 mai": a date that comes back, no one day
        span = tokens_at(doc, t.start_char, t.end_char)
        if span is None:
            continue
        inside = {x.i for x in span}
        if inside & anchors:
            continue  # the trigger's own words ("daily", "weekly") are not its time
        if len(span) == 1 and span.root.dep_ in SUBJ | SUBJ_PASS and span.root.head.i in anchors:
            continue  # a bare month or day as the subject is what the clause is about ("Mars est appelée la planète
            # rouge"); not "March 2016 saw 46 homicides"
        if _aside(doc, sent, t.start_char, anchors):
            continue  # "(les six premières étaient avec les Bulls dans les années 1990)": another statement's
        path = path_up(span.root, anchors | _accompanying(anchors, doc))
        if path is None or any(x.i not in inside and x.pos_ not in TIME_GLUE for x in path):
            continue
        d = min(abs(span.start - a) for a in anchors)
        if best_d is None or d < best_d:
            best, best_d = t, d
    return best


def _aside(doc, sent, start: int, anchors: set[int]) -> bool:
    """Whether the character `start` lies in a parenthetical clause of the sentence, one with a verb of its own
    and none of the `anchors` ("(les six premières étaient toutes avec les Bulls dans les années 1990)"; not
    "closed (in March 2019)")."""
    text = doc_text(doc)
    opened = text.rfind("(", sent.start_char, start)
    if opened < 0 or text.rfind(")", opened, start) >= 0:
        return False
    closed = text.find(")", start, sent.end_char)
    if closed < 0 or any(opened < doc[i].idx < closed for i in anchors):
        return False
    return any(opened < t.idx < closed and t.pos_ in ("VERB", "AUX") for t in sent)


def _recurring(t, times, doc) -> bool:
    """Whether a date stands right next to a recurrence, at most one short word apart ("every year on May 9", "le 9
    mai de chaque année"); a word that starts a stretch of time after it (the grammar's `range_words.start`: "par an
    de 1992 à 2001", "from") makes a stretch, not a date that comes back."""
    from claimx.temporal.grammar import grammar

    text = doc_text(doc)
    starts = {w.casefold() for w in grammar(doc.lang_).lexicon.range_words.start}

    def next_to(a, b, after_set: bool) -> bool:
        words = text[a.end_char : b.start_char].split() if a.end_char <= b.start_char else None
        return (words is not None and len(words) <= 1 and all(len(w) <= 3 for w in words)
                and not (after_set and words and words[0].casefold() in starts))

    return any(s.type == "SET" and (next_to(s, t, True) or next_to(t, s, False)) for s in times if s is not t)


def _accompanying(anchors: set[int], doc) -> set[int]:
    """Subjectless participle clauses that follow the predicate and describe the same event from another side
    ("Renault will fold Ampere back into the group, shutting the separate company down as of July"): their time is
    the predicate's."""
    out = set()
    for i in anchors:
        for c in doc[i].children:
            if (c.dep_ == "advcl" and c.i > i and "Part" in c.morph.get("VerbForm") and "Pres" in c.morph.get("Tense")
                    and not any(g.dep_ in SUBJ | SUBJ_PASS or g.dep_ in ("mark",) for g in c.children)):
                out.add(c.i)
    return out


def pick_value(quants, sent, anchors: set[int], head, frame: Frame | None, doc, lang: str) -> Quantity | None:
    """The quantity attached to the predicate that counts what its frame counts, with `counts` filled."""
    if frame is not None and frame.value is None:
        return None  # a frame that counts nothing has no value ("a forensic team investigated ...")
    kinds = {frame.value} if frame is not None and frame.value in ("money", "count", "percent") else None
    wanted = frame.measures if frame is not None else []
    cues = cues_for(lang)
    best, best_d = None, None
    for q in quants:
        if not (sent.start_char <= q.start_char < sent.end_char) or (kinds is not None and q.kind not in kinds):
            continue
        span = tokens_at(doc, q.start_char, q.end_char)
        if span is None:
            continue
        inside = {x.i for x in span}
        if span.root.i == _modified(head):  # "three others injured", "deux personnes tuées": the noun it modifies
            measure = measure_of(q, doc, lang)
            measure = None if measure == SAME else measure
            measure = measure or (wanted[0] if wanted else None)
        elif not inside & anchors:  # "three injured", "deux morts": the trigger is inside the quantity
            path = path_up(span.root, anchors)
            if path is None or (path and _in_other_argument(path[-1], frame)) or _part_of_group(path, span, cues):
                continue
            if frame is None and (_inside_another_noun(path, cues) or _attributive(q, span)):
                continue  # a clause claim's number is its verb's own, not one inside another noun's phrase
            measure = measure_of(q, doc, lang)
            if measure == SAME:
                measure = None  # "four others", "quatre autres": what the frame counts, when it is its argument
            if measure is None and path == [span.root] and _is_argument(span.root):
                measure = wanted[0] if wanted else None  # "killing two": the number is the counted argument
        else:
            measure = measure_of(q, doc, lang)
        if not fits(measure, wanted) or not wanted and measure in not_values(lang):
            continue
        d = min(abs(span.start - head.i), abs(span.end - 1 - head.i))
        if best_d is None or d < best_d:
            best, best_d = q.model_copy(update={"counts": measure}), d
    return best


def _part_of_group(path: list, span, cues: Cues) -> bool:
    """Whether the number is in a phrase that names part of a group ("seven others were wounded, including two teens",
    "quatre personnes, dont deux enfants, ont été blessées", `inclusive_words`): the word that opens it comes before
    the number, on its way up to the verb or beside it; the number counts the part, not what the predicate counts (a
    group's own number, "Six people, including an elderly woman, were wounded", comes before the word)."""
    words = cues.inclusive_words
    return bool(words) and any(w.lower_ in words and w.i < span.start
                               for t in path for w in (t, *t.children))


def _attributive(q: Quantity, span) -> bool:
    """Whether a measure modifies a noun that it does not measure: a property of that thing ("on the 60GB iPod",
    "owned 9mm and .22-caliber handguns"), not what the clause is about."""
    root = span.root
    return q.kind == "measure" and root.dep_ in ("nummod", "compound", "amod") and root.head.pos_ in ("NOUN", "PROPN")


def _inside_another_noun(path: list, cues: Cues) -> bool:
    """Whether a number's way up to its verb passes through the phrase of a noun that is not what it counts ("arrived
    at the college, a school with about 34,000 students", "found a 9 mm handgun"); a conjunct ("ran over his wife
    and two people") or a noun of an amount ("a total of 16 people were involved") is on the way."""
    return any(t.head.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("conj", "nummod")
               and t.head.lemma_.lower() not in cues.partitive_nouns for t in path[:-1])


def _modified(head) -> int | None:
    """The noun a participle trigger modifies ("three others injured"): its patient."""
    if modifying_participle(head) and head.head.pos_ in ("NOUN", "PRON", "NUM", "PROPN"):
        return head.head.i
    return None


def _in_other_argument(tok, frame: Frame | None) -> bool:
    """Whether `tok`, a dependent of the predicate, is the argument its frame does not count."""
    if frame is None or frame.counted is None:
        return False
    dep = tok.dep_
    if frame.counted == "object":
        return dep in AGENT or dep in SUBJ and not passive(tok.head)  # "four others [were] injured": a patient
    return dep in OBJ


def _is_argument(tok) -> bool:
    """A number standing as an argument of the predicate ("killing two", "two died", "the deaths of two")."""
    if tok.dep_ in SUBJ | SUBJ_PASS | OBJ:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in ("of", "de") or tok.dep_ in ("nmod", "obl")


def frame_value(quants, sent, anchors: set[int], chain, frame: Frame, doc, lang: str, cues: Cues) -> Quantity | None:
    """A frame claim's value: its patients counted when they are coordinated ("seven officers and two civilians
    were hurt": nine), else the attached quantity, else its patients counted ("a man was shot dead": one)."""
    counted = count_patients(chain, frame, doc, lang, cues) if frame.count_patients else None
    if counted is not None and counted[1] > 1:
        return counted[0]
    return pick_value(quants, sent, anchors, chain[0], frame, doc, lang) or (counted[0] if counted else None)


def count_patients(chain, frame: Frame, doc, lang: str, cues: Cues) -> tuple[Quantity, int] | None:
    """How many people the predicate's patients are, when each is one person or a counted group (see above), and
    how many conjuncts they were."""
    patient = _patient(chain, frame, cues)
    if patient is None:
        return None
    conjuncts = [patient]
    k = 0
    while k < len(conjuncts):
        # "her mother, Laverne Holmes, and her boyfriend": the parse hangs the next conjunct on the name in apposition
        # to one person (not on the names of a counted group: "her two sons — Adam and Ethan")
        if "Plur" not in conjuncts[k].morph.get("Number"):
            conjuncts += [g for c in conjuncts[k].children if c.dep_ == "appos" and c.pos_ == "PROPN"
                          for g in c.children if g.dep_ == "conj"]
        conjuncts += [c for c in conjuncts[k].children if c.dep_ == "conj"]
        k += 1
    if any(t.lower_ in cues.negative_pronouns and not any(c.dep_ == "det" for c in t.children) for t in conjuncts):
        return None  # "Personne n'a été blessé" counts nobody (not "une personne")
    people = noun_measures(lang)
    persons = {p for lab in PERSON_LABELS for p in cues.pronouns.get(lab, [])} - set(cues.pronouns.get("ORG", []))
    total = 0
    for tok in conjuncts:
        n = _persons(tok, people, persons, lang)
        if n is None:
            return None
        total += n
    start = min(np_start(t) for t in conjuncts)
    end = max(np_end(t) for t in conjuncts)
    span = doc[start:end]
    # The people a sentence names are not all there were ("a man was wounded" does not say nobody else was): at least.
    return Quantity(text=span.text, start_char=span.start_char, end_char=span.end_char, amount=float(total),
                    kind="count", counts="people", mod="AT_LEAST"), len(conjuncts)


def _persons(tok, people: dict[str, str], pronouns: set[str], lang: str) -> int | None:
    """How many people one conjunct is: 1 for one person ("a man", "his son", "Trinity Gay", "him"), N for a
    counted group of people ("seven officers", "one man"), None for anything else (a bare plural, a thing)."""
    from claimx.quantities.finder import parse_number

    kind = people.get(tok.lower_) or people.get(tok.lemma_.lower())
    one_more = kind == SAME and "Plur" not in tok.morph.get("Number") and not tok.lower_.endswith("s")  # "another"
    if tok.pos_ == "PRON":
        return 1 if tok.lower_ in pronouns or one_more else None
    if tok.pos_ == "NUM" and not any(c.dep_ in ("prep", "nmod") for c in tok.children):  # "one was wounded"
        n = parse_number(tok.text, lang)
        return int(n) if n is not None and n == int(n) and 0 < n < 1000 else None
    numbers = [c for c in tok.children if c.dep_ == "nummod" and c.i < tok.i]
    if numbers:
        n = parse_number(numbers[0].text, lang)
        ok = kind in ("people", SAME) and n is not None and n == int(n) and 0 < n < 10000
        return int(n) if ok else None
    if tok.ent_type_ in PERSON_LABELS:
        return 1
    if one_more and not tok.n_lefts:
        return 1
    if tok.pos_ == "PROPN" and not tok.ent_type_ and any(c.dep_ == "compound" and c.pos_ == "PROPN"
                                                         for c in tok.children):
        return 1  # a first and last name the model left untagged ("Derrius Brandon")
    if tok.pos_ == "NOUN" and "Sing" in tok.morph.get("Number") and kind == "people":
        return 1
    return None


def _patient(chain, frame: Frame, cues: Cues):
    """The token of the predicate's counted argument: its object or passive subject ("object"), or its subject."""
    head = chain[0]
    if head.pos_ in ("NOUN", "PROPN"):  # "the death of X", "X's death", "la mort de X"
        for c in head.children:
            if c.dep_ in ("poss", "nmod:poss"):
                return c
            if c.dep_ == "prep" and c.lower_ == "of":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
            if c.dep_ == "nmod" and case_marked(c, ("de", "d'", "du")):
                return c
        verb = head.head
        if head.dep_ in OBJ and verb.lemma_.lower() in cues.undergo_verbs:  # "one man suffered injuries"
            return next((c for c in verb.children if c.dep_ in SUBJ), None)
        if head.dep_ in ("pobj", "obl", "nmod") and _with(head, cues) is not None:
            return _with(head, cues)
        return None
    if _modified(head) is not None:
        return head.head
    for tok in [*own_clause(chain), *_shared(head)]:
        wanted = SUBJ | SUBJ_PASS if frame.counted == "subject" or passive(tok) else SUBJ_PASS | OBJ
        found = next((c for c in tok.children if c.dep_ in wanted and c.dep_ not in ("attr",)), None)
        if found is not None:
            return found
    return None


def _with(noun, cues: Cues):
    """The person who has the injury a "with" phrase names: "found two women with gunshot wounds", "a man was taken
    to a hospital with critical injuries", "left a boy with a wound to the head"."""
    prep = noun.head if noun.dep_ == "pobj" else next((c for c in noun.children if c.dep_ == "case"), None)
    if prep is None or prep.lower_ not in cues.undergo_prepositions:
        return None
    host = prep.head if noun.dep_ == "pobj" else noun.head
    for _ in range(3):  # "taken to a hospital with injuries": past the place, to the verb
        if host.pos_ not in ("NOUN", "PROPN") or host.ent_type_ in PERSON_LABELS or noun_measures(
                host.lang_).get(host.lower_) == "people":
            break
        host = host.head.head if host.dep_ in ("pobj", "obl", "nmod") else host.head
    if host.pos_ in ("NOUN", "PROPN"):
        return host
    if host.pos_ in PRED_POS:
        if host.lemma_.lower() in cues.alleged:
            return None  # "charged with murder": the accused is no victim
        wanted = SUBJ | SUBJ_PASS if passive(host) else OBJ
        found = next((c for c in host.children if c.dep_ in wanted and c.dep_ != "attr"), None)
        if found is None and not passive(host):
            found = next((c for c in host.children if c.dep_ in SUBJ), None)
        return found
    return None


def _shared(head) -> list:
    """The first conjunct of a coordinated verb without arguments of its own ("was shot and killed")."""
    if head.dep_ == "conj" and head.head.pos_ in PRED_POS and not any(c.dep_ in SUBJ | SUBJ_PASS
                                                                     for c in head.children):
        return [head.head]
    return []
