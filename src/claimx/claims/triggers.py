"""Finds frame triggers in a spaCy `Doc`: the spaCy side of `claimx.claims.frames`.

Two kinds of trigger (see `models/triggers/<lang>.jsonl`):

- `lemmas` phrases ("spin off", "perte d'emploi") are tokenised once by the pipeline's own tokenizer at build
  time; a text token matches a phrase token when any of its keys (lowercased lemma, lowercased form and, where
  the pipeline has one, the lemma its lookup table gives the form, whatever the tagger said) equals the phrase
  token's lowercased written form. So "spin off" matches "spun off", "réintégrer" matches "réintègre", and
  "perte d'emploi" matches "pertes d'emplois". This is a small trie walk rather than spaCy's Matcher because a
  Matcher can only OR across attributes by multiplying patterns, and French small-model tags are too noisy
  for lemma-only matching (the lookup-table key is what rescues "réintègre" tagged as a noun).
- `pattern` triggers are spaCy Matcher token patterns, for expressions with gaps ("take X public").

A trigger may `require` context words related to its head ("postpone" + "IPO" for `ipo_postpone`); the
context then joins the match, so the longer reading wins over "IPO" alone (`ipo_plan`). `unless` context
vetoes a trigger ("attack" in "heart attack"). Overlaps are resolved longest and most specific first: the
size of a match counts its context, a context may be shared by two triggers ("the IPO was postponed and then
cancelled") but is never a trigger itself.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimx.claims.context import doc_ents
from claimx.claims.cues import cues_for
from claimx.claims.deps import DIRECT_OBJ, SUBJ_PASS, modifying_participle
from claimx.claims.frames import FrameSet, Trigger, TriggerContext, load_frames
from claimx.common.text import fold_quotes
from claimx.resources import ResourceError, register_cache

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# Arcs that enter another clause: context beyond them does not belong to the trigger.
_CLAUSE_DEPS = {"advcl", "ccomp", "csubj", "csubjpass", "csubj:pass", "parataxis", "relcl", "acl:relcl", "mark",
                "discourse", "vocative"}
_SUBJ_DEPS = {"nsubj", "nsubjpass", "nsubj:pass"}
_GLUE_POS = {"ADP", "DET", "PRON", "ADJ", "NUM", "PART", "ADV", "AUX"}  # words that may stand between
_END = ""  # trie key holding the values of phrases that end at a node (real keys are never empty)


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """One trigger found in a Doc; all positions are token indices (`end` exclusive)."""

    frame: str
    trigger_id: str
    start: int
    end: int
    head: int  # the predicate's head token
    polarity: str = "positive"
    context: tuple[int, int] | None = None  # the span that satisfied the trigger's `requires`, if any


class _PhraseTrie:
    """Token sequences in which each position accepts any of a few keys."""

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}

    def add(self, alternatives: list[frozenset[str]], value: int) -> None:
        nodes = [self._root]
        for keys in alternatives:
            nodes = list({id(n): n for n in (node.setdefault(k, {}) for node in nodes for k in keys)}.values())
        for node in nodes:
            node.setdefault(_END, []).append(value)

    def find(self, keys: list[frozenset[str]]) -> Iterator[tuple[int, int, int]]:
        """(start, end, value) of every phrase occurrence, overlapping ones included."""
        root = self._root.keys()
        for i in range(len(keys)):
            if root.isdisjoint(keys[i]):
                continue  # no phrase starts with this token (most tokens): no walk
            frontier, j = [self._root], i
            while frontier and j < len(keys):
                nxt = {id(c): c for node in frontier for k in keys[j] if (c := node.get(k)) is not None}
                frontier, j = list(nxt.values()), j + 1
                for node in frontier:
                    for value in node.get(_END, ()):
                        yield i, j, value


def _lookup_table(nlp: Language):
    """The lemmatizer's form -> lemma lookup table when the pipeline has one (French does), else None."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or "lemma_lookup" not in lookups.tables:
        return None
    return lookups.get_table("lemma_lookup")


def _norm(text: str) -> str:
    return " ".join(fold_quotes(text).split())


def _has_patient(tok: Token) -> bool:
    """Whether a verb has a patient: a direct object, a passive subject, or the noun its past participle modifies
    ("demonstrated their applications", "a commitment demonstrated by our students", "son intérêt manifesté")."""
    return any(c.dep_ in DIRECT_OBJ | SUBJ_PASS for c in tok.children) or modifying_participle(tok)


def _bare_modifier(tok: Token) -> bool:
    """Whether a word modifies a noun and has no complement of its own ("les forces alliées", "allied troops"; not
    "une entreprise associée à Renault")."""
    return tok.dep_ in _MODIFIER_DEPS and tok.head.pos_ in ("NOUN", "PROPN") and not any(
        c.dep_.split(":")[0] in _COMPLEMENT_DEPS for c in tok.children)


_MODIFIER_DEPS = {"amod", "acl", "compound"}
_COMPLEMENT_DEPS = {"obl", "obj", "iobj", "dobj", "prep", "agent", "nsubj", "ccomp", "xcomp", "advcl", "nmod"}


class TriggerMatcher:
    """Finds the frame triggers of one language in a parsed Doc. Build with `build_trigger_matcher`."""

    def __init__(self, nlp: Language, lang: str, triggers: Iterable[Trigger]) -> None:
        from spacy.matcher import Matcher

        self.lang = lang
        self.triggers: list[Trigger] = list(triggers)
        self._lookup = _lookup_table(nlp)
        self._trie = _PhraseTrie()
        self._matcher = Matcher(nlp.vocab, validate=True)
        self._n_patterns = 0
        # Every context (requires / unless of every trigger) gets an id; one trie finds all their phrases.
        self._contexts: list[TriggerContext] = []
        self._ctx_ids: list[tuple[int | None, int | None]] = []
        self._ctx_trie = _PhraseTrie()

        phrases = {_norm(p) for t in self.triggers for p in t.lemmas or []}
        phrases |= {_norm(p) for t in self.triggers for c in (t.requires, t.unless) if c for p in c.lemmas}
        phrases.discard("")
        alternatives = self._phrase_keys(nlp, sorted(phrases))

        for index, trig in enumerate(self.triggers):
            for phrase in trig.lemmas or []:
                if alts := alternatives.get(_norm(phrase)):
                    self._trie.add(alts, index)
            if trig.pattern:
                try:
                    self._matcher.add(f"claimx.trigger.{lang}.{index}", [trig.pattern])
                except Exception as exc:  # spaCy raises ValueError or MatchPatternError
                    raise ResourceError(f"trigger {trig.id}: invalid pattern: {exc}") from exc
                self._n_patterns += 1
            ids = []
            for ctx in (trig.requires, trig.unless):
                if ctx is None:
                    ids.append(None)
                    continue
                cid = len(self._contexts)
                self._contexts.append(ctx)
                for phrase in ctx.lemmas:
                    if alts := alternatives.get(_norm(phrase)):
                        self._ctx_trie.add(alts, cid)
                ids.append(cid)
            self._ctx_ids.append((ids[0], ids[1]))
        self._vocab = nlp.vocab

    @staticmethod
    def _phrase_keys(nlp: Language, phrases: list[str]) -> dict[str, list[frozenset[str]]]:
        """Each phrase as the pipeline tokenises it: one key (the lowercased written form) per token.

        The written form, not the phrase's own lemma: a word lemmatised out of context over-generalises
        ("signing" -> "sign", "bodies" -> "body", "sales" -> "sale"), while the text side already offers every
        token's lemma. So a trigger written as a base form matches every inflection, and one written as an
        inflected form matches that form only.
        """
        out = {}
        for phrase, doc in zip(phrases, nlp.tokenizer.pipe(phrases), strict=True):
            out[phrase] = [frozenset([t.lower_]) for t in doc if not t.is_space]
        return out

    def _keys(self, tok: Token) -> frozenset[str]:
        keys = {tok.lower_, tok.lemma_.lower()}
        if self._lookup is not None:
            found = self._lookup.get(tok.lower_)
            if isinstance(found, list):
                keys.update(f.lower() for f in found)
            elif isinstance(found, str):
                keys.add(found.lower())
        keys.add(fold_quotes(tok.lower_))
        keys.discard("")
        return frozenset(keys)

    def __len__(self) -> int:
        return len(self.triggers)

    def __call__(self, doc: Doc) -> list[TriggerMatch]:
        """Non-overlapping trigger matches, longest and most specific first, returned sorted by start."""
        if not self.triggers or len(doc) == 0:
            return []
        keys = [self._keys(t) for t in doc]
        hits = set(self._trie.find(keys))
        if self._n_patterns:
            for match_id, start, end in self._matcher(doc):
                hits.add((start, end, int(self._vocab.strings[match_id].rsplit(".", 1)[1])))
        if not hits:
            return []
        ctx_hits: dict[int, list[tuple[int, int]]] = {}
        for start, end, cid in self._ctx_trie.find(keys):
            ctx_hits.setdefault(cid, []).append((start, end))
        parse = _Parse(doc)

        candidates = []
        for start, end, index in hits:
            trig = self.triggers[index]
            head = self._head(parse, start, end, trig)
            if trig.pos and doc[head].pos_ not in trig.pos:
                continue
            if trig.intransitive and parse.dep and _has_patient(doc[head]):
                continue
            if trig.predicative and parse.dep and _bare_modifier(doc[head]):
                continue
            requires_id, unless_id = self._ctx_ids[index]
            if unless_id is not None and self._context(parse, head, start, end, unless_id, ctx_hits) is not None:
                continue
            context, echoes = None, ()
            if requires_id is not None:
                context = self._context(parse, head, start, end, requires_id, ctx_hits)
                if context is None:
                    continue
                echoes = _echoes(parse, head, context, ctx_hits.get(requires_id, ()))
            size = (end - start) + (context[1] - context[0] if context else 0)
            match = TriggerMatch(trig.frame, trig.id or f"{self.lang}.{trig.frame}", start, end, head,
                                 trig.polarity, context)
            candidates.append(((-size, -(end - start), index, start), match, echoes))
        return _non_overlapping(candidates)

    @staticmethod
    def _head(parse: _Parse, start: int, end: int, trig: Trigger) -> int:
        if trig.head is not None:
            return min(max(start + trig.head, start), end - 1)
        if end - start == 1 or not parse.dep:
            return start
        return parse.doc[start:end].root.i

    def _context(self, parse: _Parse, head: int, start: int, end: int, cid: int,
                 ctx_hits: dict[int, list[tuple[int, int]]]) -> tuple[int, int] | None:
        """The nearest span of context `cid` in the trigger's sentence related to its head, or None."""
        ctx = self._contexts[cid]
        spans = list(ctx_hits.get(cid, ()))
        if ctx.ent_types:
            spans += [(e.start, e.end) for e in doc_ents(parse.doc) if e.label_ in ctx.ent_types and not _counted(e)]
        lo, hi = parse.sentence(head)
        best, best_key = None, None
        for span in spans:
            if span[0] < lo or span[1] > hi or (span[0] < end and start < span[1]):
                continue  # another sentence, or the trigger's own words
            dist = _related(parse, parse.doc[head], (start, end), span, ctx)
            if dist is not None and (best_key is None or (dist, span[0]) < best_key):
                best, best_key = span, (dist, span[0])
        return best


def _counted(ent) -> bool:
    """Whether a number counts the name, which then names units of a product ("sold 13.7 million Macs"), no
    organisation or place."""
    doc = ent.doc
    return any(c.dep_ == "nummod" for c in ent.root.children) or ent.start > 0 and doc[ent.start - 1].like_num


class _Parse:
    """What one matcher call needs to know about a Doc, computed once: is it parsed, where sentences are."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.dep = doc.has_annotation("DEP")
        self._bounds: list[tuple[int, int]] | None = None

    def sentence(self, i: int) -> tuple[int, int]:
        if self._bounds is None:
            if self.dep or self.doc.has_annotation("SENT_START"):
                self._bounds = [(0, 0)] * len(self.doc)
                for sent in self.doc.sents:
                    self._bounds[sent.start:sent.end] = [(sent.start, sent.end)] * (sent.end - sent.start)
            else:
                self._bounds = [(0, len(self.doc))] * len(self.doc)
        return self._bounds[i]


def _related(parse: _Parse, head: Token, trigger: tuple[int, int], span: tuple[int, int],
             ctx: TriggerContext) -> int | None:
    """How far context `span` (same sentence) is from the trigger `head` under the context's scope, or None."""
    doc = parse.doc
    start, end = span
    if doc[start:end].root.pos_ == "DET":
        return None  # "arrêter la vaccination": an article stands for no participant (a clitic "la" is a pronoun)
    linear = min(abs(start - head.i), abs(end - 1 - head.i))
    if ctx.scope == "sentence":
        return linear
    if ctx.scope == "window" or not parse.dep:
        return linear if linear <= ctx.window else None
    root = doc[start:end].root
    if ctx.deps is not None:  # the root's own arc is vetted by `deps`, even a clausal one ("take it public")
        down = _arcs_down(head, root, ctx.depth, vetted=True) if root.dep_ in ctx.deps else None
        if down is None and start >= trigger[1] and _same_chunk(doc, trigger, span):
            return linear  # misparsed, but in object position right after the trigger: "quitte le groupe"
        return down
    down = _arcs_down(head, root, ctx.depth)
    if down is not None:
        return down
    cur = head
    for steps in (1, 2):  # the phrase the trigger modifies: "the postponed IPO", "l'IPO, reportée"
        if cur.dep_ in _CLAUSE_DEPS - {"relcl", "acl:relcl"} or cur.head.i == cur.i or _active_participle(cur):
            break  # "une structure créant des échanges": the noun is the participle's agent, not its object
        cur = cur.head
        if start <= cur.i < end:
            return steps
    if head.dep_ == "conj" and root.dep_ in _SUBJ_DEPS and root.head.i == head.head.i:
        return 2  # a subject shared with a coordinated verb: "the IPO was postponed and then cancelled"
    return linear if _same_chunk(doc, trigger, span) else None


def _active_participle(tok: Token) -> bool:
    return tok.tag_ == "VBG" or ("Part" in tok.morph.get("VerbForm") and "Pres" in tok.morph.get("Tense"))


def _same_chunk(doc: Doc, trigger: tuple[int, int], span: tuple[int, int]) -> bool:
    """Whatever the (small-model) parse says, a context two or three function words away belongs to the
    trigger: "renonce à son introduction en bourse", "IPO postponement"; only through the language's
    `glue_prepositions`: not a conative one ("shot at him": aimed at, not hit), nor "sold under the Renault brand"."""
    lo, hi = (trigger[1], span[0]) if trigger[1] <= span[0] else (span[1], trigger[0])
    if hi - lo > 3:
        return False
    glue = cues_for(doc.lang_).glue_prepositions
    return all(doc[k].pos_ in _GLUE_POS and (doc[k].pos_ != "ADP" or doc[k].lower_ in glue) for k in range(lo, hi))


def _arcs_down(head: Token, tok: Token, depth: int, vetted: bool = False) -> int | None:
    """Arcs from `head` down to `tok`, at most `depth`, not entering another clause; None otherwise."""
    cur, steps = tok, 0
    while cur.i != head.i:  # spaCy makes a new Token object on every access: compare indices
        if steps >= depth or cur.head.i == cur.i or (cur.dep_ in _CLAUSE_DEPS and not (vetted and steps == 0)):
            return None
        if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX"):
            return None
        cur, steps = cur.head, steps + 1
    return steps


def _echoes(parse: _Parse, head: int, context: tuple[int, int],
            spans: Iterable[tuple[int, int]]) -> tuple[int, ...]:
    """Tokens of other mentions of the same context that only restate it: "l'annulation de l'introduction en
    bourse (IPO)" is one cancelled IPO, so "(IPO)" must not also fire on its own."""
    doc = parse.doc
    anchors = {head, doc[context[0]:context[1]].root.i} if parse.dep else {head}
    out: list[int] = []
    for start, end in spans:
        if (start, end) == context or start < context[0] - 12 or start > context[1] + 12:
            continue
        root = doc[start:end].root
        bracketed = start > 0 and end < len(doc) and doc[start - 1].text in "([" and doc[end].text in ")]"
        if bracketed or (root.dep_ == "appos" and root.head.i in anchors):
            out += range(start, end)
    return tuple(out)


def _non_overlapping(candidates: list[tuple[tuple, TriggerMatch, tuple[int, ...]]]) -> list[TriggerMatch]:
    """Greedy, best first: trigger words are used once; a context may be shared but is never a trigger too."""
    taken: set[int] = set()
    contexts: set[int] = set()
    out: list[TriggerMatch] = []
    for _, m, echoes in sorted(candidates, key=lambda c: c[0]):
        words = set(range(m.start, m.end))
        ctx = set(range(*m.context)) if m.context else set()
        if words & (taken | contexts) or ctx & taken:
            continue
        taken |= words
        contexts |= ctx | set(echoes)
        out.append(m)
    return sorted(out, key=lambda m: (m.start, m.end))


class _Matchers:
    """The trigger matcher of each pipeline and language, built once. Keyed weakly by the pipeline: a pipeline let go
    of (`claimx.nlp.pipelines.release_pipelines`) takes its matchers with it, and is not kept alive by them (a
    matcher holds the pipeline's vocabulary, not the pipeline). `clear_caches` forgets them all."""

    def __init__(self) -> None:
        self._of: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def get(self, nlp: Language, lang: str) -> TriggerMatcher:
        per_lang = self._of.setdefault(nlp, {})
        if lang not in per_lang:
            per_lang[lang] = TriggerMatcher(nlp, lang, load_frames().triggers_for(lang))
        return per_lang[lang]

    def cache_clear(self) -> None:
        self._of.clear()


_MATCHERS = register_cache(_Matchers())


def build_trigger_matcher(nlp: Language, lang: str, frameset: FrameSet | None = None) -> TriggerMatcher:
    """The trigger matcher of `lang` for pipeline `nlp`, cached per (nlp, lang) when `frameset` is None.

    A language without a trigger file gets an empty matcher (it finds nothing). `claimx.resources.clear_caches`
    forgets the cached matchers, with the frames they were built from.
    """
    if frameset is None:
        return _MATCHERS.get(nlp, lang)
    return TriggerMatcher(nlp, lang, frameset.triggers_for(lang))
