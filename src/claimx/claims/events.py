"""Whether a frame trigger reports an event of its frame where it stands: not inside a name, a list item's label or
an imperative, not a kind of event (data about events, a crew or an instrument, a universal, a bare noun after
'de'), not a vehicle shot down for a killing, not a cause another trigger's frame absorbs."""

from __future__ import annotations

from claimx.claims.context import ent_at
from claimx.claims.cues import Cues
from claimx.claims.deps import OBJ, PRED_POS, SUBJ_PASS, case_marked, imperative, marked_apart_from
from claimx.claims.measures import measure_of_token

LABEL_WORDS = 3  # words of a list item's label before its trigger ("New IPO Cancellation:")


def no_event(doc, sent, m, chain, frame, words_of: dict[str, set[int]], cues: Cues) -> bool:
    """Whether the trigger `m`, whose predicate chain is `chain`, reports no event of its frame where it stands."""
    return (_in_name(doc, m.start, m.end, m.head, cues)  # "the Bureau of Alcohol, Tobacco, Firearms and Explosives"
            or _label(doc, sent, m)  # "Launch: Ampere was formed …", "IPO Cancellation: …": a list item's label
            or imperative(chain)  # "Visit our site", "Sign in": the reader is told to do something
            # "statistics on deaths", "données sur les hospitalisations": a kind of event, none that took place
            or any(t.pos_ == "NOUN" and t.lemma_.lower() in cues.data_nouns for t in chain[1:])
            or _kind_of(doc[m.head], cues)  # "assault weapons", "fusil d'assaut", "rescue crews": no event
            or _every(doc[m.head], cues)  # "tout déplacement futur", "every shooting": a kind of event
            or _bare_kind(doc[m.head], cues)  # "victimes d'avalanche", "risque d'incendie": a kind of event
            or _vehicle_patient(doc[m.head], frame)  # "son avion a été abattu": shot down, nobody killed
            or _absorbed(chain, frame, words_of, cues))  # "died from their injuries": the death's, no injury


def _every(head, cues: Cues) -> bool:
    """Whether a trigger noun is determined by a universal ("tout déplacement", "every shooting", `universal`); not
    "all the charges", a set of events."""
    return head.pos_ == "NOUN" and any(c.dep_ in ("det", "predet") and c.lower_ in cues.universal
                                       for c in head.children)


def _bare_kind(head, cues: Cues) -> bool:
    """Whether a trigger noun without a determiner of its own follows another noun through one of
    `kind_prepositions`: it names a kind of event ("des victimes d'avalanche", "un risque d'incendie", "victimes de
    brûlures"), unless it is plural after a noun of a group or a count of events ("un mouvement de grèves", "des
    milliers de manifestations"), or a name or a definite phrase says whose it is ("la cérémonie d'investiture du
    président élu Rafael Calderon", "en cas de victoire des démocrates"). A noun coordinated with the first takes its
    place in the phrase ("une cause majeure d'incendies et de décès")."""
    plural = "Plur" in head.morph.get("Number") or (  # "un mouvement de grèves", tagged singular
        head.lower_.endswith(("s", "x")) and not head.lemma_.lower().endswith(("s", "x")))
    first = head
    while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ == "NOUN":
        first = first.head
    group = first.head.lemma_.lower()
    return (head.pos_ == "NOUN" and first.dep_ == "nmod" and first.head.pos_ == "NOUN"
            and group not in cues.partitive_nouns and not (plural and group in cues.aggregate_nouns)
            and group not in cues.occasion_prepositions  # "à la suite de frappes de missiles": when, not which kind
            and case_marked(head, cues.kind_prepositions)
            and not any(c.dep_ in ("det", "nummod", "nmod:poss", "poss") for t in {head, first} for c in t.children)
            and not any(c.dep_ == "nmod" and case_marked(c, cues.genitive_prepositions)
                        and (any(t.ent_type_ for t in c.subtree) or any(g.morph.get("Definite") for g in c.children))
                        for c in head.children))


def _vehicle_patient(head, frame) -> bool:
    """Whether a verb of a frame whose patients are people (`Frame.count_patients`: killed, injured) has a vehicle
    as its patient ("son avion a été abattu", "a car was hit"): another sense of the verb, nobody its frame counts."""
    return frame.count_patients and head.pos_ in PRED_POS and any(
        c.dep_ in OBJ | SUBJ_PASS and measure_of_token(c) == "vehicles"
        for c in head.children)


def _kind_of(head, cues: Cues) -> bool:
    """Whether a trigger noun modifies the name of an instrument, a crew or a service (`instruments`,
    `kind_nouns`), which it names a kind of: as a compound or through a genitive ("navire de secours"), not as a
    state ("services d'urgence en grève")."""
    kind = head.head.lemma_.lower()
    return (head.pos_ == "NOUN" and head.dep_ in ("compound", "nmod") and head.head.i != head.i
            and (kind in cues.instruments or kind in cues.kind_nouns)
            and not marked_apart_from(head, cues.genitive_prepositions))


def _label(doc, sent, m) -> bool:
    """Whether the trigger ends the label that opens a list item or a caption: a few words before a colon at the
    start of the sentence ("Launch: Ampere was formed in late 2023", "IPO Cancellation: An IPO planned for 2024 …")."""
    return (m.end < sent.end and doc[m.end].text == ":" and m.start - sent.start <= LABEL_WORDS
            and not any(t.pos_ in PRED_POS for t in doc[sent.start : m.start]))


def _absorbed(chain, frame, words_of: dict[str, set[int]], cues: Cues) -> bool:
    """Whether the trigger is the prepositional complement of (a word of) a trigger of a frame that absorbs its own
    (`Frame.absorbed_by`): "died from their injuries", "found dead of a gunshot wound", "succombé à ses blessures";
    not a noun coordinated with it or beside it ("dead and injured victims", "morts, d'autres blessés")."""
    head = chain[0]
    if not frame.absorbed_by or head.dep_.split(":")[0] == "conj":
        return False
    causes = set(cues.cause_prepositions)
    if head.dep_ == "pobj" and len(chain) > 2 and chain[1].lower_ in causes:  # "died [from [injuries]]"
        governor = chain[2]
    elif len(chain) > 1 and case_marked(head, causes):  # "mort [de …]"
        governor = chain[1]
    else:
        return False
    return any(governor.i in words_of.get(f, ()) for f in frame.absorbed_by)


def _in_name(doc, start: int, end: int, head: int, cues: Cues) -> bool:
    """Whether the trigger `start:end` is a modifier inside a name (`Cues.name_labels`): "Bureau of Investigation",
    "Blaze Smith". A name the trigger heads names the event ("the Bastrop Shooting", in a title-case headline)."""
    ent = ent_at(doc, start)
    return (ent is not None and ent.end >= end and ent.label_ in cues.name_labels and ent.root.i != head)
