"""Dependency labels and small parse helpers shared by the extractor and the attribution finder.

Labels are compared as spaCy's English (ClearNLP) and French (UD) models emit them.
"""

from __future__ import annotations

SUBJ = {"nsubj", "csubj", "expl:subj"}
SUBJ_PASS = {"nsubjpass", "nsubj:pass", "csubjpass", "csubj:pass"}
OBJ = {"dobj", "obj", "attr", "iobj"}
AGENT = {"agent", "obl:agent"}
CONTROL = {"xcomp", "aux", "aux:tense", "aux:pass", "auxpass", "cop"}  # climbing these keeps us in the same predication
DIRECT_OBJ = {"dobj", "obj"}
CONTROLLER_OBJ = DIRECT_OBJ  # the object of an object-control verb with an xcomp does its action
CONTROLLER_POS = {"NOUN", "PROPN"}  # what can be the doer of a clause without its own subject
ADJUNCT = {"advcl"}  # a clause that modifies a verb ("to buy Y", "pour racheter Y", "closing Y")
ADJUNCT_VIA = {"pcomp"}  # ... or hangs from one through a preposition ("by buying Y", "after cutting Y")
APPOSITION = {"appos", "flat"}  # a name beside a head noun that names the same thing ("the president, Joe Biden")
MODIFIER_CLAUSE = {"acl", "relcl", "acl:relcl"}  # a clause inside a noun phrase ("the plan announced by X")
RELATIVE_CLAUSE = {"relcl", "acl:relcl"}  # a relative clause ("the man who said", "le maire, qui a déclaré")
NOMINAL_LINK = {"nmod", "prep", "pobj", "obl", "dobj", "obj", "iobj", "nsubj", "nsubjpass", "compound", "appos",
                "conj", "amod", "acl", "case"}  # compared on the base label: obl:agent counts as obl
NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
FINAL_PUNCT = ".!?…:;»\"”)"
PRED_POS = {"VERB", "AUX"}
NOUNISH = {"NOUN", "PROPN", "PRON", "NUM"}
NOMINAL = {"NOUN", "PROPN"}  # a noun or a name: what names an event or a participant


def non_finite(tok) -> bool:
    """An infinitive, gerund or present participle: a verb form whose subject is left to its governor.

    Past participles are not ("Founded in 2023, Ampere ...": Ampere is what was founded)."""
    forms = tok.morph.get("VerbForm")
    return "Inf" in forms or "Ger" in forms or ("Part" in forms and "Pres" in tok.morph.get("Tense"))


def modifying_participle(tok) -> bool:
    """A past participle that modifies a noun ("three others injured", "a commitment demonstrated by", "la
    résolution proposée"): the noun is its patient. A past form the tagger calls finite is one all the same when it
    has no subject of its own ("among the applications demonstrated were …")."""
    return tok.dep_ in ("acl", "amod") and "Past" in tok.morph.get("Tense") and (
        "Part" in tok.morph.get("VerbForm") or not has_subject(tok))


def has_subject(tok) -> bool:
    """Whether a verb has a subject of its own, active or passive."""
    return any(c.dep_ in SUBJ | SUBJ_PASS for c in tok.children)


def passive(verb) -> bool:
    """A passive verb: it has a passive auxiliary or subject ("was killed", "a été tué"), or it is a participle
    with a subject and no auxiliary of its own coordinated with a passive ("two were killed and four others
    injured": the elided auxiliary is "were"), or a bare past participle with a subject ("four others injured")."""
    if any(c.dep_ in ("auxpass", "aux:pass") for c in verb.children):
        return True
    if any(c.dep_ in SUBJ_PASS for c in verb.children):
        # ... unless beside a tense auxiliary and no passive one: "a sévèrement critiqué le président" (the small
        # French model gives the subject of a compound past the passive subject's label) is active
        return not any(c.dep_ == "aux:tense" for c in verb.children)
    if any(c.dep_ in ("aux", "aux:tense") for c in verb.children):
        return False
    if verb.tag_ == "VBN" and verb.dep_ in ("xcomp", "oprd", "acomp", "acl"):
        return True  # "two people were found shot to death", "a conference held by Apple": a passive participle
    if verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense"):
        # "la résolution proposée par la Russie": a past participle modifying a noun, in any language (only there:
        # the small French model also gives the morphology of a participle to some finite verbs and numbers)
        return True
    if not any(c.dep_ in SUBJ for c in verb.children):
        return False
    if verb.dep_ == "conj" and verb.head.pos_ in PRED_POS and verb.head.i != verb.i and passive(verb.head):
        return True
    return verb.tag_ == "VBN"


def case_marked(tok, words) -> bool:
    """Whether a case marker of `tok` is one of `words` (UD puts the preposition under its noun: French "sans",
    "dans", "de"; English parses head the phrase with it instead)."""
    return any(c.dep_ == "case" and c.lower_ in words for c in tok.children)


def introduced_by(tok, words) -> bool:
    """Whether one of `words` introduces the clause of the verb `tok`: its marker (French "sans faire de
    blessés") or the preposition it is the complement of (English parses: "without injuring anyone")."""
    return any(c.dep_ == "mark" and c.lower_ in words for c in tok.children) or (
        tok.dep_ == "pcomp" and tok.head.lower_ in words)


def marked_apart_from(tok, words) -> bool:
    """Whether a case marker of `tok` is a preposition other than `words` (the genitives): an oblique or a state
    ("peu après son arrivée", "en grève"), not "de l'usine"."""
    return any(c.dep_ == "case" and c.lower_ not in words for c in tok.children)


def imperative(chain) -> bool:
    """Whether the predicate at the top of `chain` is a sentence-initial imperative ("Visit our site", "Sign in",
    "Call 801-538-4100", "Cliquez ici"): it tells the reader to do something and reports nothing."""
    first = chain[0]
    if (first.i == first.sent.start and first.pos_ in PRED_POS and first.tag_ == "VB"
            and not first.dep_.startswith("aux")):
        return True  # a base-form verb opening the sentence, whatever the parse made of it ("Visit dcfs.utah.gov/…")
    top = chain[-1]
    if top.pos_ not in PRED_POS or any(c.dep_ in SUBJ or c.dep_ in SUBJ_PASS or c.dep_.startswith("aux")
                                       for c in top.children):
        return False
    if top.dep_ == "conj" and top.head.i < top.i:
        return imperative([top.head])  # "Visit us and sign in"
    if top.dep_ != "ROOT":
        return False
    before = [t for t in top.sent if t.i < top.i]
    if any(not t.is_punct and t.lower_ != "please" for t in before):
        return False
    return "Imp" in top.morph.get("Mood") or (top.tag_ == "VB" and "Inf" in top.morph.get("VerbForm"))


def first_conjunct(head):
    """The verb a coordinated verb without a subject of its own shares its arguments, auxiliaries and negation
    with ("was shot and killed", "will not buy or sell"), else None."""
    if head.dep_ == "conj" and head.head.pos_ in PRED_POS and not any(
            c.dep_ in SUBJ | SUBJ_PASS or c.dep_ in ("aux", "aux:tense") for c in head.children):
        # a noun between the conjunction and the verb is a subject of its own the parse lost ("... and their
        # mother, Jennifer Laber, died"): nothing is shared then
        cc = [c.i for c in head.head.children if c.dep_ == "cc" and c.i < head.i]
        gap = head.doc[(max(cc) if cc else head.head.i) + 1 : head.i]
        if any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in gap):
            return None
        return head.head
    return None


def np_start(tok) -> int:
    """Start of the noun phrase of `tok` without the preposition that marks it ("de Jean Dupont")."""
    left = [c for c in tok.lefts if c.dep_ not in ("case", "mark", "cc", "punct")]
    return min([tok.i, *(c.left_edge.i for c in left)])


def np_end(tok) -> int:
    """End of the noun phrase of `tok` without its conjuncts and clauses."""
    right = [c for c in tok.rights if c.dep_ not in ("conj", "cc", "punct", "relcl", "acl", "acl:relcl", "appos")]
    return max([tok.i + 1, *(c.right_edge.i + 1 for c in right)])
