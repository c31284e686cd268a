"""What a phrase names: the named entity its head is part of or is apposed to, else its noun group; the entity a
pronoun continues, the noun a relative pronoun stands for; the participant of a type a frame wants inside a phrase
or through its possessor."""

from __future__ import annotations

from claimx.claims.context import doc_ents, ent_at, tokens_at
from claimx.claims.cues import Cues, cues_for
from claimx.claims.deps import APPOSITION, NUMERIC_LABELS, SUBJ, SUBJ_PASS
from claimx.claims.measures import measure_of_token
from claimx.claims.voting import label_map
from claimx.schemas import Entity


def entity_in(tok, doc) -> Entity:
    """What the phrase headed by `tok` names: the named entity its head is part of, else one its head is
    apposed to ("le président russe Boris Eltsine", "its chief executive, Tim Cook"), else its head's noun group.

    A name that only modifies the head is not what the phrase names: "Apple CEO Steve Jobs" is Steve Jobs, "Apple
    executive" an executive, "the price of the iPhone" a price, "Russian police" police."""
    ent = _entity_of(tok, doc)
    apposed = next((e for c in tok.children if _apposed(c) for e in [_entity_of(c, doc)] if e is not None), None)
    if ent is None or tok.pos_ == "NOUN" and apposed is not None and apposed.label_ in ("PERSON", "PER"):
        ent = apposed  # a title the model took into a name: "le ministre de l'Intérieur Jean Dupont" is Dupont
    if ent is not None:
        return _entity(ent.text, ent.label_, ent.start_char, ent.end_char)
    kids = [c for c in tok.lefts if c.dep_ in _GROUP_DEPS]
    start = kids[0].i if kids else tok.i
    # ... with the words of its modifiers before them: "New Haven police", "a 4-year-old girl's sibling" (not across a
    # dash or a comma: "SAN ANTONIO - San Antonio police")
    while start > 0 and (_in_word(doc, start - 1) or not doc[start - 1].is_punct
                         and start <= doc[start - 1].head.i <= tok.i
                         and (doc[start - 1].head.i < tok.i or doc[start - 1].dep_ in _MODIFIER_DEPS)):
        start -= 1
    end = tok.i + 1
    if cues_for(doc.lang_).adjectives_follow:  # "le conseil municipal", "le groupe automobile français"
        while (end < len(doc) and doc[end].head.i == tok.i and doc[end].dep_ == "amod" and doc[end].pos_ == "ADJ"
               and not list(doc[end].children)):
            end += 1
    span = doc[start:end]
    return _entity(span.text, "NP", span.start_char, span.end_char)


_GROUP_DEPS = {"det", "amod", "compound", "nummod", "poss", "nmod:poss"}
# a head's own dependents before it that belong to its group besides those: "14-year-old" (npadvmod)
_MODIFIER_DEPS = _GROUP_DEPS | {"npadvmod", "quantmod"}


def _in_word(doc, i: int) -> bool:
    """Whether token `i` is a hyphen inside a word ("4-year-old"), with no space on either side."""
    return i > 0 and doc[i].text in ("-", "\u2010") and not doc[i].whitespace_ and not doc[i - 1].whitespace_


def _entity(text: str, label: str, start: int, end: int) -> Entity:
    """An entity without the marks a token kept in front of it ("•Jaime Rodriguez": a list item's bullet)."""
    lead = len(text) - len(text.lstrip("•·▪◦*-–—\"'“‘«( "))
    if 0 < lead < len(text):
        text, start = text[lead:], start + lead
    return Entity(text=text, label=label, start=start, end=end)


def _apposed(c) -> bool:
    """A dependent that names its head: an apposition, or a bare name after it with no preposition (the small French
    model's `nmod` in "le groupe Acme", "le président russe Boris Eltsine")."""
    dep = c.dep_.split(":")[0]
    return dep in APPOSITION or dep == "nmod" and c.i > c.head.i and (c.pos_ == "PROPN" or bool(c.ent_type_)) \
        and not any(g.dep_ == "case" for g in c.children)


def _entity_of(tok, doc):
    """The named (non-numeric) entity the token is part of, if any."""
    if not tok.ent_type_ or tok.ent_type_ in NUMERIC_LABELS:
        return None
    return ent_at(doc, tok.i)


# the roles of a name that can be a later pronoun's antecedent, besides the subject: an object, an apposition, a
# possessor ("quoted Bennett as saying he", "one of the boys, Jacob Hall, … where he", "Abdulazeez's friends say he")
_ANTECEDENT_ROLES = {"dobj", "obj", "iobj", "appos", "poss", "nmod"}


def resolve_pronoun(tok, doc, cues: Cues, table: dict[str, list[str]] | None = None) -> Entity | None:
    """A pronoun → the entity it continues: the subject of an earlier clause of its sentence, else of the sentence
    before, when that subject names an entity of a label the pronoun can stand for ("Acme said ... . It will ...").
    The nearest name is no antecedent ("according to the Times, they were still searching"), nor is the sentence
    before's subject when a name of such a label comes first in the pronoun's own sentence as an object, apposition
    or possessor ("a source quoted Bennett as saying he intended to shoot"): None then."""
    labels = {lab for lab, prons in (table or cues.pronouns).items() if tok.lower_ in prons}
    if not labels:
        return None
    sent = tok.sent
    before = doc[sent.start - 1].sent if sent.start > 0 else None
    for span in (sent, before):
        if span is None:
            continue
        subjects = [t for t in span if t.dep_ in SUBJ | SUBJ_PASS and t.i < tok.i and t.pos_ in ("PROPN", "NOUN")]
        for subj in subjects:
            ent = _entity_of(subj, doc)
            if ent is not None and ent.label_ in labels:
                return Entity(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char)
        if subjects or span is sent and any(e.label_ in labels and e.root.dep_.split(":")[0] in _ANTECEDENT_ROLES
                                            for e in doc_ents(doc) if sent.start <= e.start < tok.i):
            return None  # the subject is no entity it can stand for; or one it can is named nearer, in another role
    return None


def typed(tok, ent: Entity, doc, cues: Cues, types: list[str]) -> Entity:
    """The participant a phrase names for a frame that wants named participants of `types` (coarse entity types
    of models/labels, or measures of models/measures): the phrase itself when its head is one ("the separate EV
    company" for a frame that closes organisations), else a name of a wanted type inside it: "its initial public
    offering of Ampere shares" names Ampere, "the investment agreement with Mitsubishi" Mitsubishi."""
    if not types or ent.label != "NP":
        return ent
    if measure_of_token(tok) in types:
        return ent
    coarse = label_map().coarse
    wanted = {k for t in types if t.isupper() for k in NAMED_AS.get(t, {t})}
    inside = [c for c in tok.children if c.dep_.split(":")[0] in ("compound", "appos", "flat")]
    for c in tok.children:
        if c.dep_ in ("prep", "nmod"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), c)
            inside += [pobj, *(g for g in pobj.children if g.dep_.split(":")[0] in ("compound", "appos", "flat"))]
    for c in inside:
        e = ent_at(doc, c.i)
        if e is not None and coarse.get(e.label_) in wanted:
            return Entity(text=e.text, label=e.label_, start=e.start_char, end=e.end_char)
    return _possessor(tok, ent, doc, cues, wanted)


def of_types(doc, ent: Entity, types: list[str]) -> bool:
    """Whether the participant `ent` (offsets into `doc.text`) is of one of `types` (as `Frame.object_types`): a
    name of such a coarse type, or a phrase whose head noun is of such a measure ("her twin brother": people)."""
    if label_map().coarse.get(ent.label or "") in types:
        return True
    span = tokens_at(doc, ent.start, ent.end) if ent.start is not None else None
    return span is not None and measure_of_token(span.root) in types


# The small models confuse companies, places and products ("Ampere" is a GPE in one sentence, an ORG in the next):
# a frame that wants an organisation takes a name of any of these types.
NAMED_AS = {"ORG": {"ORG", "LOC", "MISC"}, "LOC": {"LOC", "ORG"}, "PERSON": {"PERSON"}}


def _possessor(tok, ent: Entity, doc, cues: Cues, wanted: set[str]) -> Entity:
    """The possessor of a noun phrase when it is a name of a wanted type ("its workers" → the company it stands for)."""
    coarse = label_map().coarse
    for c in tok.children:
        if c.dep_ in ("poss", "nmod:poss", "det") and any(c.lower_ in words for words in cues.possessives.values()):
            e = resolve_pronoun(c, doc, cues, cues.possessives)
        elif c.dep_ in ("poss", "nmod:poss"):
            e = entity_in(c, doc)
        else:
            continue
        if e is not None and coarse.get(e.label or "") in wanted:
            return e
    return ent


def picture_counter(tok, cues: Cues) -> bool:
    """Whether the phrase counts a page's pictures ("Image 11 of 16 A man died …", "Photo 3"): a caption's, no one."""
    return tok.lemma_.lower() in cues.picture_nouns and any(c.like_num for c in tok.children)


def is_relative(tok) -> bool:
    """A relative pronoun ("qui", "which", "who")."""
    return "Rel" in tok.morph.get("PronType") or tok.tag_ in ("WDT", "WP")


def antecedent(clause, cues: Cues):
    """What the subject pronoun of a relative clause stands for: the noun the clause hangs on, unless the clause's
    finite verb does not agree with it in number and a noun in its genitive does ("les actions de O2 Plc, qui a
    accepté d'être rachetée": O2 Plc accepted; "the shares of Acme, which has agreed"). A plural the tagger gives a
    verb whose form does not end as the language's plurals do (`plural_verb_endings`) is not believed ("jugera")."""
    noun = clause.head
    finite = [t for t in (clause, *clause.children) if "Fin" in t.morph.get("VerbForm")]
    number = finite[0].morph.get("Number") if finite else []
    endings = tuple(cues.plural_verb_endings)
    if number == ["Plur"] and endings and not finite[0].lower_.endswith(endings):
        return noun
    if not number or number == noun.morph.get("Number") or not noun.morph.get("Number"):
        return noun
    for c in noun.children:
        owner = next((g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" else c
        if owner is not None and c.dep_ in ("prep", "nmod") and c.i > noun.i and owner.pos_ in ("NOUN", "PROPN") \
                and owner.morph.get("Number") in (number, []):
            return owner
    return noun
