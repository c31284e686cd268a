"""Dependency labels and small parse helpers shared by the extractor and the attribution finder.

Labels are compared as spaCy's English (ClearNLP) and French (UD) models emit them.
"""

from __future__ import annotations

SUBJ = {"nsubj", "csubj", "expl:subj"}
SUBJ_PASS = {"nsubjpass", "nsubj:pass", "csubjpass", "csubj:pass"}
OBJ = {"dobj", "obj", "attr", "iobj"}
AGENT = {"agent", "obl:agent"}
CONTROL = {"xcomp", "aux", "aux:pass", "auxpass", "cop"}  # climbing these keeps us in the same predication
CONTROLLER_OBJ = {"dobj", "obj"}  # the object of an object-control verb with an xcomp does its action
CONTROLLER_POS = {"NOUN", "PROPN"}  # what can be the doer of a clause without its own subject
ADJUNCT = {"advcl"}  # a clause that modifies a verb ("to buy Y", "pour racheter Y", "closing Y")
ADJUNCT_VIA = {"pcomp"}  # ... or hangs from one through a preposition ("by buying Y", "after cutting Y")
MODIFIER_CLAUSE = {"acl", "relcl", "acl:relcl"}  # a clause inside a noun phrase ("the plan announced by X")
NOMINAL_LINK = {"nmod", "prep", "pobj", "obl", "dobj", "obj", "iobj", "nsubj", "nsubjpass", "compound", "appos",
                "conj", "amod", "acl", "case"}  # compared on the base label: obl:agent counts as obl
NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
FINAL_PUNCT = ".!?…:;»\"”)"
NEAR_TOKENS = 8  # an unattached time or value this close to the predicate still counts
PRED_POS = {"VERB", "AUX"}
NOUNISH = {"NOUN", "PROPN", "PRON", "NUM"}


def non_finite(tok) -> bool:
    """An infinitive, gerund or present participle: a verb form whose subject is left to its governor.

    Past participles are not ("Founded in 2023, Ampere ...": Ampere is what was founded)."""
    forms = tok.morph.get("VerbForm")
    return "Inf" in forms or "Ger" in forms or ("Part" in forms and "Pres" in tok.morph.get("Tense"))
