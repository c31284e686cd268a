"""Attribution: who a sentence says its content comes from, and which of its claims that covers.

"according to X", "citing X", "selon X", "d'après X" cover the whole sentence when X is a source (a name or a
source noun from the cue lexicon); a reporting verb ("X reports that ...", "..., a affirmé son directeur")
covers what it introduces; "This is reported by X" covers the sentence before.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimx.claims.context import ents_in, span_text, tokens_at
from claimx.claims.cues import Cues
from claimx.claims.deps import (
    AGENT,
    NOUNISH,
    NUMERIC_LABELS,
    OBJ,
    PRED_POS,
    RELATIVE_CLAUSE,
    SUBJ,
    SUBJ_PASS,
    non_finite,
    np_end,
    np_start,
)
from claimx.claims.entities import antecedent, is_relative, picture_counter
from claimx.schemas import Attribution


@dataclass
class Attributed:
    """An attribution and the part of the sentence it covers (None: the whole sentence)."""

    attribution: Attribution
    scope: object | None = None  # claims below this token are attributed (None: the whole sentence)
    inclusive: bool = False  # the scope token's own claim is attributed too
    backward: bool = False  # "This is reported by X": it covers the previous sentence


def attributions_in(sent, doc, cues: Cues) -> list[Attributed]:
    """Who the sentence says its content comes from: "according to X", "X reports", "citing X", "selon X"."""
    ac = cues.attribution
    found: list[Attributed] = []
    low = span_text(sent).lower()
    for prep in ac.prepositions:
        i = low.find(prep + " ")
        if i < 0 or (i > 0 and low[i - 1].isalnum()):
            continue
        start = sent.start_char + i + len(prep) + 1
        span = tokens_at(doc, start, start + 1)
        if span is None:
            continue
        tok = span.root
        while tok.head.i != tok.i and tok.head.i >= span.start and tok.head.pos_ in NOUNISH:
            tok = tok.head
        edge = max(t.i for t in tok.subtree if t.i >= span.start)
        # a pronoun is its own phrase, whatever the parse hangs on it ("selon elle à « discréditer » les forces")
        end = span.start + 1 if tok.pos_ == "PRON" and tok.i == span.start else min(edge + 1, span.start + 12)
        end = next((t.i for t in doc[span.start : end] if t.is_punct and t.text in ",;()—–"), end)
        phrase = doc[span.start : end]
        if len(phrase) and _is_source(phrase, ac):  # "citing two insiders" is a source, "citing weak demand" is not
            found.append(Attributed(_attr(phrase, ac)))
    for tok in sent:
        if tok.lemma_.lower() not in ac.verbs or tok.pos_ not in PRED_POS:
            continue
        subj = next((c for c in tok.children if c.dep_ in SUBJ | SUBJ_PASS and c.lower_ not in ac.euphonic), None)
        agent = next((c for c in tok.children if c.dep_ in AGENT), None)
        if agent is not None:
            agent = next((g for g in agent.children if g.dep_ == "pobj"), agent)
        passive = subj is not None and subj.dep_ in SUBJ_PASS
        who = agent if passive or subj is None else subj
        # a reporting verb another subordinator introduces is a circumstance of its main clause ("Lorsque les
        # assistants ont annoncé une grève, …", "after several people reported the gunfire"): it sources what it
        # reports, not the main clause
        circumstance = any(c.dep_ == "mark" and c.lower_ not in ac.markers for c in tok.children)
        # an inverted subject taken for an object: "..., a affirmé son directeur", "…, écrit Naomi Oreskes"; a
        # non-finite verb has no subject of its own to invert ("L'allocution annonçant l'invasion", "to announce new
        # details")
        if who is None and not non_finite(tok) and not circumstance:
            who = next((c for c in tok.children if c.i > tok.i and c.dep_ in OBJ and c.pos_ in ("NOUN", "PROPN")), None)
        if who is None or any(picture_counter(t, cues) for t in who.subtree):
            continue  # "Photo: 21 Pro Video Image 4 of 14 Police say …": a caption's label, no source
        reports = any(c.dep_.split(":")[0] in ("ccomp", "xcomp", "parataxis") or (c.dep_ in OBJ and c.pos_ in PRED_POS)
                      for c in tok.children)
        if who is subj and is_relative(subj) and tok.dep_ in RELATIVE_CLAUSE and tok.head.pos_ in NOUNISH:
            # "Le maire, qui a déclaré que …", "Smith, who said …": the noun the relative clause is about says so,
            # what the clause reports only ("a fatal shooting that claimed the lives of four" reports nothing)
            if not reports:
                continue
            who = antecedent(tok, cues)
            who = who.head if who.dep_ == "appos" and who.head.pos_ in NOUNISH else who
            # the noun's phrase without its case, its conjuncts or its clauses: "d'un reportage de CNN qui …" is
            # "un reportage de CNN"
            found.append(Attributed(_attr(doc[np_start(who) : np_end(who)], ac), scope=tok))
            continue
        phrase = _attr(doc[who.left_edge.i : who.right_edge.i + 1], ac)
        if subj is not None and subj.lower_ in cues.demonstratives:  # "This is reported by Reuters": backward
            found.append(Attributed(phrase, backward=True))
        elif circumstance or reports or any(c.dep_ == "advcl" and c.i < tok.i for c in tok.children):
            found.append(Attributed(phrase, scope=tok))  # "X said that ...": what it introduces
        else:
            found.append(Attributed(phrase, scope=tok.head, inclusive=True))  # "..., a affirmé son directeur"
    return found


def _is_source(span, ac) -> bool:
    if any(e.label_ not in NUMERIC_LABELS for e in ents_in(span)) or any(t.pos_ == "PROPN" for t in span):
        return True
    return any(t.lower_ in ac.anonymous or t.lemma_.lower() in ac.anonymous for t in span)


def _attr(span, ac) -> Attribution:
    ents = ents_in(span)
    has_name = any(e.label_ in ("ORG", "PERSON", "PER") for e in ents) or any(t.pos_ == "PROPN" for t in span)
    kind = "named" if has_name else "anonymous"  # no proper name: an unnamed source ("officials", "son directeur")
    if any(e.label_ in ac.media_labels for e in ents) and not any(e.label_ in ("PERSON", "PER") for e in ents):
        kind = "media"
    return Attribution(text=span.text, start=span.start_char, end=span.end_char, kind=kind)


def attribution_for(head, found: list[Attributed]) -> Attribution | None:
    for a in found:
        if a.backward or a.attribution.start <= head.idx < a.attribution.end:
            continue  # a source phrase does not report itself ("Une équipe … a conquis le sommet, a confirmé …")
        if a.scope is None or a.scope in head.ancestors or (a.inclusive and a.scope.i == head.i):
            return a.attribution
    return None
