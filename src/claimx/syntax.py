"""Dependency labels and small parse helpers shared by the extractor and the attribution finder.

Labels are compared as spaCy's English (ClearNLP) and French (UD) models emit them.
"""

from __future__ import annotations

SUBJ = {"nsubj", "csubj", "expl:subj"}
SUBJ_PASS = {"nsubjpass", "nsubj:pass", "csubjpass", "csubj:pass"}
OBJ = {"dobj", "obj", "attr", "iobj"}
AGENT = {"agent", "obl:agent"}
CONTROL = {"xcomp", "aux", "aux:pass", "auxpass", "cop"}  # climbing these keeps us in the same predication
NOMINAL_LINK = {"nmod", "prep", "pobj", "obl", "dobj", "obj", "iobj", "nsubj", "nsubjpass", "compound", "appos",
                "conj", "amod", "acl", "case"}  # compared on the base label: obl:agent counts as obl
NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
FINAL_PUNCT = ".!?…:;»\"”)"
NEAR_TOKENS = 8  # an unattached time or value this close to the predicate still counts
PRED_POS = {"VERB", "AUX"}
NOUNISH = {"NOUN", "PROPN", "PRON", "NUM"}
