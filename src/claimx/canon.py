"""Entity canonicalisation: one id per real-world entity, within and across documents and languages.

A mention ("the Renault Group's", "d'Ampère", "M. Provost") becomes a canonical id ("renault", "ampere",
"francois_provost") in four steps, all driven by the data in `models/aliases/*.json` (`AliasFile`):

1. **Normalise** (`mention_key`): French elisions written in lower case are dropped ("d'Ampere", never
   "D'Angelo"), possessives ("Renault's") too; then Unicode folding (case, accents, ligatures) and
   tokenising on non-alphanumerics. Person names lose leading titles ("Mme", "Dr"); other names lose
   leading articles and group words ("le groupe") and trailing legal or group suffixes ("SA", "Group",
   "GmbH"), never down to nothing. Digits stay: "Renault 5" is `renault_5`, neither `renault` nor
   `renault_4`. The alias table maps known names, in any language, to one id ("UE" → `european_union`).
2. **Within a document**, a short person mention joins the one full name it ends ("Provost" → "François
   Provost", "De Meo" → "Luca de Meo"), and an acronym joins the one long name whose initials it spells.
   Ambiguous joins (two people named Le Pen) are not made.
3. **Across documents**, a short form resolved the same way everywhere it was resolved is applied where the
   full form is absent (person-labelled surnames and acronyms only).
4. **Fuzzy matching** (rapidfuzz) merges spelling variants ("Zelensky"/"Zelenskyy") only between ids of the
   same coarse type, same number of tokens, same digits and same initials, with every differing token close
   (ratio ≥ 85) and the whole close (ratio ≥ 90). Candidates are blocked on that signature, so this is never
   a comparison of all ids. Alias-table ids are authoritative and never fuzzy-merged.

spaCy labels map to coarse types through the `labels` table (PERSON/PER → PER, GPE/LOC → LOC, ...).
Lower-case noun phrases ("the company", "us") are never looked up in the alias table, so a pronoun never
becomes a country. `Gazetteer` then tells reconciliation which named entities a claim's participants are,
including names embedded in noun phrases ("the IPO of Ampere" → `ampere`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from claimx.records import bulk, replace
from claimx.resources import ResourceError, find_files, models_dirs, read_validated
from claimx.schemas import Claim, Entity

# ----------------------------------------------------------------------------------------------
# Data


class AliasEntry(BaseModel):
    """One real-world entity: its canonical id, coarse type, and names in any language."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    type: str | None = None
    names: list[str] = Field(min_length=1)


class AliasFile(BaseModel):
    """`models/aliases/*.json`. Every folder's files are merged; a later folder's alias wins on a name."""

    model_config = ConfigDict(extra="forbid")

    version: str = "1"
    labels: dict[str, str] = Field(default_factory=dict)  # spaCy label -> coarse type
    participant_types: list[str] = Field(default_factory=list)  # coarse types that anchor a fact
    articles: list[str] = Field(default_factory=list)
    elisions: list[str] = Field(default_factory=list)
    possessives: list[str] = Field(default_factory=list)
    prefixes: list[str] = Field(default_factory=list)
    suffixes: list[str] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)
    particles: list[str] = Field(default_factory=list)  # lower-case words inside names: "de", "von"
    acronym_stopwords: list[str] = Field(default_factory=list)
    aliases: list[AliasEntry] = Field(default_factory=list)


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l",
                            "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})
_TOKEN = re.compile(r"[^\W_]+")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def fold(text: str) -> str:
    """Case-, accent- and ligature-folded text ("Élysée" → "elysee"); apostrophes become "'"."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).translate(_LIGATURES))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(text)))


def _by_length(words: list[str]) -> list[tuple[int, frozenset[tuple[str, ...]]]]:
    """Token tuples grouped by length, longest first (so "s a s" is tried before "s a")."""
    groups: dict[int, set[tuple[str, ...]]] = defaultdict(set)
    for w in words:
        toks = _tokens(w.translate(_APOSTROPHES))
        if toks:
            groups[len(toks)].add(toks)
    return [(n, frozenset(groups[n])) for n in sorted(groups, reverse=True)]


class AliasTable:
    """The merged alias data, compiled for fast normalisation (mention keys are cached)."""

    def __init__(self, data: AliasFile):
        self.labels = {k.upper(): v for k, v in data.labels.items()}
        self.participant_types = frozenset(data.participant_types)
        self.articles = _by_length(data.articles)
        self.prefixes = _by_length(data.prefixes)
        self.suffixes = _by_length(data.suffixes)
        self.titles = _by_length(data.titles)
        self.particles = frozenset(fold(p) for p in data.particles)
        self.acronym_stopwords = frozenset(fold(p) for p in data.acronym_stopwords)
        stems = sorted({e.translate(_APOSTROPHES).rstrip("'") for e in data.elisions if e.strip("'")}, key=len,
                       reverse=True)
        # Lower-case only: "d'Ampere" loses its article, "D'Angelo" keeps its name.
        self.elision_re = re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, stems)) + r")'(?=\w)") if stems \
            else None
        poss = sorted({p.translate(_APOSTROPHES) for p in data.possessives}, key=len, reverse=True)
        parts = [re.escape(p) + (r"(?=\W|$)" if p.strip("'") else r"(?=\s|$|[,.;:])") for p in poss]
        self.possessive_re = re.compile(r"(?<=\w)(?:" + "|".join(parts) + ")") if parts else None
        self.names: dict[str, str] = {}
        self.types: dict[str, str | None] = {}
        for entry in data.aliases:
            self.types[entry.id] = entry.type
            for name in entry.names:
                self.names[" ".join(self._analyse(name, entry.type)[0])] = entry.id
        self._keys: dict[tuple[str, str | None], tuple[tuple[str, ...], str, str]] = {}

    def coarse(self, label: str | None) -> str | None:
        """The coarse type of a spaCy label (PERSON and PER → PER, GPE → LOC); None for NP or unknown."""
        return self.labels.get(label.upper()) if label else None

    def clean(self, text: str) -> str:
        """The text without lower-case elisions and possessive endings, apostrophes unified."""
        text = text.translate(_APOSTROPHES).strip()
        if self.elision_re is not None:
            text = self.elision_re.sub("", text)
        if self.possessive_re is not None:
            text = self.possessive_re.sub("", text)
        return text

    def _analyse(self, text: str, ctype: str | None) -> tuple[tuple[str, ...], str]:
        """(key tokens, display text) of a mention of coarse type `ctype` (None: unknown)."""
        cleaned = self.clean(text)
        spans: list[tuple[int, int]] = []
        words: list[str] = []
        for m in _TOKEN.finditer(cleaned):
            word = "".join(_TOKEN.findall(fold(m.group())))  # one word per original word, whatever folding does
            if word:
                spans.append((m.start(), m.end()))
                words.append(word)
        lo, hi = 0, len(words)
        if not words:
            folded = fold(text).strip()
            return ((folded,) if folded else ()), text.strip()

        def strip_front(lists: list[tuple[int, frozenset[tuple[str, ...]]]]) -> None:
            nonlocal lo
            changed = True
            while changed:
                changed = False
                for n, items in lists:
                    if hi - lo > n and tuple(words[lo:lo + n]) in items:
                        lo += n
                        changed = True
                        break

        if ctype in (None, "PER"):
            strip_front(self.titles)
        if ctype != "PER":
            strip_front(self.articles)
            strip_front(self.prefixes)
            changed = True
            while changed:
                changed = False
                for n, items in self.suffixes:
                    if hi - lo > n and tuple(words[hi - n:hi]) in items:
                        hi -= n
                        changed = True
                        break
        end = spans[hi - 1][1]
        if cleaned[end:end + 1] in (")", "]") and cleaned.count("(") + cleaned.count("[") > 0:
            end += 1  # "introduction en bourse (IPO)" keeps its closing bracket
        return tuple(words[lo:hi]), cleaned[spans[lo][0]:end]

    def analyse(self, text: str, label: str | None = None) -> tuple[tuple[str, ...], str, str]:
        """(key tokens, context-free canonical id, display name) of a mention, cached."""
        cache_key = (text, label)
        hit = self._keys.get(cache_key)
        if hit is not None:
            return hit
        ctype = self.coarse(label)
        key, display = self._analyse(text, ctype)
        joined = " ".join(key)
        alias = self.names.get(joined) if (ctype is not None or text != text.lower()) else None
        cid = alias or "_".join(key) or fold(text).strip()
        out = (key, cid, display)
        self._keys[cache_key] = out
        return out

    def is_alias(self, cid: str) -> bool:
        return cid in self.types


def _merge(files: Iterable[AliasFile]) -> AliasFile:
    merged = AliasFile()
    listed = ("articles", "elisions", "possessives", "prefixes", "suffixes", "titles", "particles",
              "acronym_stopwords", "participant_types")
    for data in files:
        merged.labels.update(data.labels)
        for name in listed:
            getattr(merged, name).extend(x for x in getattr(data, name) if x not in getattr(merged, name))
        merged.aliases.extend(data.aliases)  # later entries win on a shared name (AliasTable fills in order)
    return merged


@cache
def _load(dirs: tuple[str, ...]) -> AliasTable:
    files = find_files("aliases", "*.json")
    if not files:
        raise ResourceError(f"no alias file under {', '.join(dirs)}/aliases")
    return AliasTable(_merge(read_validated(p, AliasFile) for p in files))


def load_aliases() -> AliasTable:
    """The alias table merged from `aliases/*.json` in every models folder (bundled first), cached."""
    return _load(tuple(str(d) for d in models_dirs()))


# ----------------------------------------------------------------------------------------------
# Canonicalisation


def canonical_id(text: str, label: str | None = None, *, aliases: AliasTable | None = None) -> str:
    """The context-free canonical id of one mention ("the Renault Group's" → "renault")."""
    return (aliases or load_aliases()).analyse(text, label)[1]


def display_name(text: str, label: str | None = None, *, aliases: AliasTable | None = None) -> str:
    """The mention as a reader would name it: original case, without articles or suffixes ("Renault")."""
    return (aliases or load_aliases()).analyse(text, label)[2]


class _Mention:
    __slots__ = ("key", "cid", "ctype", "display")

    def __init__(self, key: tuple[str, ...], cid: str, ctype: str | None, display: str):
        self.key, self.cid, self.ctype, self.display = key, cid, ctype, display


def _document_joins(mentions: list[_Mention], table: AliasTable) -> dict[str, str]:
    """Short id -> full id for one document: surnames to the one full name, acronyms to the one long name."""
    surnames: dict[tuple[str, ...], set[str]] = defaultdict(set)
    initials: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.ctype == "PER" and len(m.key) >= 2:
            for k in range(1, len(m.key)):
                surnames[m.key[-k:]].add(m.cid)
        elif m.ctype in (None, "ORG", "MISC") and len(m.key) >= 2:
            sig = [w for w in m.key if w not in table.acronym_stopwords and not w.isdigit()]
            if len(sig) >= 2:
                initials["".join(w[0] for w in sig)].add(m.cid)
    joins: dict[str, str] = {}
    for m in mentions:
        if m.cid in joins or table.is_alias(m.cid):
            continue
        if m.ctype in (None, "PER", "MISC") and 1 <= len(m.key) <= 2 and m.display[:1].isupper():
            full = surnames.get(m.key)
            if full and len(full) == 1 and m.cid not in full:
                joins[m.cid] = next(iter(full))
                continue
        if m.ctype in (None, "ORG", "MISC") and _ACRONYM.match(m.display):
            full = initials.get(m.cid)
            if full and len(full) == 1 and m.cid not in full:
                joins[m.cid] = next(iter(full))
    return joins


def _fuzzy_ok(a: str, b: str) -> bool:
    ta, tb = a.split("_"), b.split("_")
    if min(len(a), len(b)) < 6:
        return False
    for x, y in zip(ta, tb, strict=True):
        if x != y and (min(len(x), len(y)) < 4 or fuzz.ratio(x, y) < 85):
            return False
    return True


def _fuzzy_clusters(ids: dict[str, tuple[str | None, int]], table: AliasTable) -> dict[str, str]:
    """Spelling variants merged, blocked on (type, token count, digits, initials); id -> representative."""
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for cid, (ctype, _) in ids.items():
        if ctype is None or table.is_alias(cid):
            continue
        toks = cid.split("_")
        digits = tuple(t for t in toks if t.isdigit())
        blocks[(ctype, len(toks), digits, "".join(t[0] for t in toks))].append(cid)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for members in blocks.values():
        if len(members) < 2:
            continue
        members.sort()
        for start in range(0, len(members), 2000):  # caps a pathological block at 2000 x 2000 cells
            chunk = members[start:start + 2000]
            scores = process.cdist(chunk, chunk, scorer=fuzz.ratio, score_cutoff=90, workers=1)
            rows, cols = scores.nonzero()
            for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
                if i < j and _fuzzy_ok(chunk[i], chunk[j]):
                    ra, rb = find(chunk[i]), find(chunk[j])
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    clusters: dict[str, list[str]] = defaultdict(list)
    for cid in parent:
        clusters[find(cid)].append(cid)
    out: dict[str, str] = {}
    for root, members in clusters.items():
        members = sorted(set(members) | {root})
        rep = min(members, key=lambda c: (-ids[c][1], len(c), c))
        out.update({c: rep for c in members if c != rep})
    return out


def canonicalise(claims: list[Claim], *, aliases: AliasTable | None = None) -> list[Claim]:
    """Copies of `claims` with `subject.canonical` and `object.canonical` filled, consistently corpus-wide.

    Pure: the input claims are not modified. The result depends on the whole list (a surname in one
    document can be resolved by the full name in another), never on its order.
    """
    with bulk():
        return _canonicalise(claims, aliases or load_aliases())


def _canonicalise(claims: list[Claim], table: AliasTable) -> list[Claim]:
    by_doc: dict[str, list[_Mention]] = defaultdict(list)
    seen: dict[tuple[str, str, str | None], str] = {}  # (doc, text, label) -> context-free id
    for claim in claims:
        for ent in (claim.subject, claim.object):
            if ent is None or (claim.doc_id, ent.text, ent.label) in seen:
                continue
            key, cid, display = table.analyse(ent.text, ent.label)
            seen[(claim.doc_id, ent.text, ent.label)] = cid
            by_doc[claim.doc_id].append(_Mention(key, cid, table.coarse(ent.label), display))

    doc_joins: dict[str, dict[str, str]] = {}
    resolved: dict[str, set[str]] = defaultdict(set)  # short id -> full ids it joined anywhere
    per_surnames: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for doc in sorted(by_doc):
        mentions = by_doc[doc]
        doc_joins[doc] = joins = _document_joins(mentions, table)
        for short, full in joins.items():
            resolved[short].add(full)
        for m in mentions:
            if m.ctype == "PER" and len(m.key) >= 2:
                for k in range(1, len(m.key)):
                    per_surnames[m.key[-k:]].add(m.cid)

    # Short forms resolved one way everywhere apply where their full form is absent.
    global_joins: dict[str, str] = {}
    for doc in sorted(by_doc):
        for m in by_doc[doc]:
            if m.cid in doc_joins[doc] or m.cid in global_joins or table.is_alias(m.cid):
                continue
            full = resolved.get(m.cid)
            if full and len(full) == 1:
                person = m.ctype == "PER" and len(per_surnames.get(m.key, ())) == 1
                acronym = m.ctype != "PER" and _ACRONYM.match(m.display) is not None
                if person or acronym:
                    global_joins[m.cid] = next(iter(full))

    # Fuzzy merging over the resolved ids, with each id's majority coarse type and its mention count.
    type_votes: dict[str, Counter] = defaultdict(Counter)
    for doc, mentions in by_doc.items():
        for m in mentions:
            final = doc_joins[doc].get(m.cid) or global_joins.get(m.cid) or m.cid
            type_votes[final][m.ctype] += 1
    ids: dict[str, tuple[str | None, int]] = {}
    for cid, votes in type_votes.items():
        typed = [(n, t) for t, n in votes.items() if t is not None]
        ids[cid] = (max(typed, key=lambda x: (x[0], x[1]))[1] if typed else None, sum(votes.values()))
    fuzzy = _fuzzy_clusters(ids, table)

    final: dict[tuple[str, str, str | None], str] = {}
    for (doc, text, label), cid in seen.items():
        cid = doc_joins[doc].get(cid) or global_joins.get(cid) or cid
        final[(doc, text, label)] = fuzzy.get(cid, cid)

    out = []
    for c in claims:
        subj, obj = c.subject, c.object
        if subj is not None:
            subj = replace(subj, canonical=final[(c.doc_id, subj.text, subj.label)])
        if obj is not None:
            obj = replace(obj, canonical=final[(c.doc_id, obj.text, obj.label)])
        out.append(replace(c, subject=subj, object=obj))
    return out


# ----------------------------------------------------------------------------------------------
# Participants


class Gazetteer:
    """The named entities of a canonicalised corpus, to tell which ones a claim's participants name.

    A participant labelled with a participant type (PER, ORG, LOC, PRODUCT, MISC) is its canonical id; a
    noun phrase contributes the known names inside it: runs of capitalised words looked up whole, or with a
    trailing or leading acronym dropped ("the Ampere IPO", "CEO Provost"), never with a word or number
    dropped ("Renault Trucks", "the Renault 5" do not name Renault).
    """

    def __init__(self, claims: Iterable[Claim], *, aliases: AliasTable | None = None):
        self.table = aliases or load_aliases()
        self.named: set[str] = set()
        keys: dict[str, set[str]] = defaultdict(set)
        for claim in claims:
            for ent in (claim.subject, claim.object):
                if ent is not None and self.table.coarse(ent.label) in self.table.participant_types:
                    cid = ent.canonical or self.table.analyse(ent.text, ent.label)[1]
                    self.named.add(cid)
                    keys[" ".join(self.table.analyse(ent.text, ent.label)[0])].add(cid)
        self.keys = {k: next(iter(v)) for k, v in keys.items() if len(v) == 1}
        for name, cid in self.table.names.items():
            self.keys.setdefault(name, cid)
        self._cache: dict[tuple[str, str | None, str | None], tuple[str, ...]] = {}

    def participants(self, ent: Entity | None) -> tuple[str, ...]:
        """The canonical ids of the named entities this participant is or contains (sorted, unique)."""
        if ent is None:
            return ()
        ck = (ent.text, ent.label, ent.canonical)
        hit = self._cache.get(ck)
        if hit is None:
            hit = self._cache[ck] = self._participants(ent)
        return hit

    def _participants(self, ent: Entity) -> tuple[str, ...]:
        cid = ent.canonical or self.table.analyse(ent.text, ent.label)[1]
        if self.table.coarse(ent.label) in self.table.participant_types:
            return (cid,)
        if cid in self.named and ent.text != ent.text.lower():
            return (cid,)
        found: set[str] = set()
        for run in self._runs(self.table.clean(ent.text)):
            hit = self._lookup(run)
            if hit:
                found.add(hit)
        return tuple(sorted(found))

    def _runs(self, text: str) -> list[list[str]]:
        """Maximal runs of capitalised words (digits and name particles may continue a run)."""
        runs: list[list[str]] = []
        cur: list[str] = []
        words = _TOKEN.findall(text)
        for i, w in enumerate(words):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if w[:1].isupper() or (cur and w.isdigit()):
                cur.append(w)
            elif cur and fold(w) in self.table.particles and nxt[:1].isupper():
                cur.append(w)
            elif cur:
                runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        return runs

    def _lookup(self, run: list[str]) -> str | None:
        run = run[:8]  # a shouted headline is one long run; names are shorter
        for lo, hi in self._windows(run):
            key = " ".join(self.table.analyse(" ".join(run[lo:hi]), None)[0])
            hit = self.keys.get(key)
            if hit:
                return hit
        return None

    @staticmethod
    def _windows(run: list[str]) -> list[tuple[int, int]]:
        """The whole run, then shorter runs whose dropped words are all acronyms (IPO, CEO, EV)."""
        out = [(0, len(run))]
        n = len(run)
        for lo in range(n):
            for hi in range(n, lo, -1):
                if (lo, hi) == (0, n):
                    continue
                dropped = run[:lo] + run[hi:]
                if all(_ACRONYM.match(w) for w in dropped):
                    out.append((lo, hi))
        return out
