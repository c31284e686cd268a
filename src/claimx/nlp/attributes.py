"""spaCy's attribute ruler, the same rules applied with array operations.

The trained pipelines map tags to coarse parts of speech and morphology, and fix lemmas and tags of a few words,
with an `AttributeRuler`: a Matcher over every token, then a Python `Span` and an attribute assignment for every
match, about one a token (a sixth of the English pipeline's time). `ArrayAttributeRuler` reads the same rules from
the trained component and gives every token the same attributes: a rule's conditions (an attribute equal to, in,
not in a list, or matching a regular expression; one or two tokens) are tested on the arrays of the document's
token attributes, all against the document as it came in (as the Matcher runs before any assignment), and each
attribute of a token takes the value of the last rule that sets it (spaCy sorts the matches by rule and applies
them in that order). The assignment is one `Doc.from_array`, which sets each value with the same
`Token.set_struct_attr`. A test compares both on every token of the test articles.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from spacy.attrs import IDS
from spacy.language import Language
from spacy.tokens import Doc

# The token attributes a condition may test, and how they are read from the document's arrays.
_TESTED = ("TAG", "LOWER", "DEP", "POS", "IS_SPACE")


@Language.factory("claimx_attribute_rules", assigns=["token.pos", "token.tag", "token.morph", "token.lemma"])
def make_attribute_rules(nlp: Language, name: str) -> ArrayAttributeRuler:
    return ArrayAttributeRuler(nlp)


class _Unsupported(ValueError):
    """A rule this implementation does not read (the pipeline then keeps spaCy's own ruler)."""


class ArrayAttributeRuler:
    """The rules of an `AttributeRuler` (`add_rules(ruler)`), applied with array operations."""

    def __init__(self, nlp: Language):
        self.vocab = nlp.vocab
        # per rule: its patterns (each a list of one or two tokens' conditions), the offset in a match of the
        # token it sets, and the attributes it sets (attribute id -> value, as spaCy normalised them)
        self.rules: list[tuple[list[list[list[tuple[str, str, Any]]]], list[int], dict[int, int]]] = []
        self.columns: list[int] = []

    def add_rules(self, ruler) -> None:
        """Take over the rules of spaCy's `ruler`; `_Unsupported` when one is beyond what this reads."""
        strings = self.vocab.strings
        rules = []
        for entry, attrs, index in zip(ruler.patterns, ruler.attrs, ruler.indices, strict=True):
            patterns, offsets = [], []
            for pattern in entry["patterns"]:
                if not 1 <= len(pattern) <= 2 or not -len(pattern) <= index < len(pattern):
                    raise _Unsupported(f"a pattern of {len(pattern)} tokens, index {index}")
                patterns.append([[_condition(k, v, strings) for k, v in spec.items()] for spec in pattern])
                offsets.append(index % len(pattern))
            if "_" in attrs:
                raise _Unsupported("extension attributes")
            rules.append((patterns, offsets, dict(attrs)))
        self.rules = rules
        self.columns = sorted({attr for _, _, attrs in rules for attr in attrs})

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n or not self.rules:
            return doc
        table = doc.to_array([IDS[a] for a in _TESTED])
        arrays = {name: table[:, k] for k, name in enumerate(_TESTED)}
        texts: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        values = doc.to_array(self.columns).reshape(n, len(self.columns))
        out = values.copy()
        where = {attr: k for k, attr in enumerate(self.columns)}
        for patterns, offsets, attrs in self.rules:
            hit = np.zeros(n, dtype=bool)
            for pattern, offset in zip(patterns, offsets, strict=True):
                if len(pattern) == 1:
                    hit |= _test(pattern[0], arrays, doc, texts)
                elif n >= 2:  # a match starts at i when token i meets the first conditions and i + 1 the second
                    starts = np.flatnonzero(_test(pattern[0], arrays, doc, texts)[:-1]
                                            & _test(pattern[1], arrays, doc, texts)[1:])
                    hit[starts + offset] = True
            if hit.any():
                for attr, value in attrs.items():
                    out[hit, where[attr]] = value
        changed = [k for k in range(len(self.columns)) if not np.array_equal(out[:, k], values[:, k])]
        if changed:
            doc.from_array([self.columns[k] for k in changed], out[:, changed])
        return doc


def _condition(key: str, value: Any, strings) -> tuple[str, str, Any]:
    """(attribute, operator, operand) of one key of a token pattern, operands as the arrays hold them."""
    if key not in _TESTED:
        raise _Unsupported(f"a condition on {key}")
    if isinstance(value, dict):
        if len(value) != 1:
            raise _Unsupported(f"{key}: {value}")
        (op, operand), = value.items()
        if op in ("IN", "NOT_IN"):
            return key, op, np.array([strings.add(v) if isinstance(v, str) else int(v) for v in operand],
                                     dtype=np.uint64)
        if op == "REGEX" and key == "LOWER":
            return key, op, (re.compile(operand), {})  # the pattern, and its answer for each form seen
        raise _Unsupported(f"{key}: {op}")
    if key == "IS_SPACE":
        return key, "==", int(bool(value))
    return key, "==", np.uint64(strings.add(value))


def _test(conditions: list[tuple[str, str, Any]], arrays: dict[str, np.ndarray], doc: Doc,
          texts: dict[str, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """The tokens meeting every condition (`texts`: the document's distinct values of an attribute, kept)."""
    ok = np.ones(len(doc), dtype=bool)
    for key, op, operand in conditions:
        column = arrays[key]
        if op == "==":
            ok &= column == operand
        elif op == "IN":
            ok &= np.isin(column, operand)
        elif op == "NOT_IN":
            ok &= ~np.isin(column, operand)
        else:  # REGEX on the lower-case form, searched as the Matcher does, once for each distinct form
            if key not in texts:
                texts[key] = np.unique(column, return_inverse=True)
            forms, inverse = texts[key]
            pattern, seen = operand
            strings = doc.vocab.strings
            found = np.array([seen[h] if h in seen else seen.setdefault(h, bool(pattern.search(strings[h])))
                              for h in forms.tolist()], dtype=bool)
            ok &= found[inverse]
    return ok
