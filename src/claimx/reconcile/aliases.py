"""The alias data of `models/aliases/*.json` and the normalisation of entity mentions it drives.

`AliasFile` is the validated file format: how spaCy labels map to coarse types (PERSON and PER → PER, GPE →
LOC), the articles, elisions, possessives, group prefixes, legal suffixes and titles stripped from mentions, and
the alias table mapping known names in any language to one id ("UE", "European Union" → `european_union`).
Every `aliases/*.json` of every models folder is merged (bundled first, then `CLAIMX_MODELS` folders, then
folders added at run time), so users extend the table with a file of their own; the merged `AliasTable` is
cached per set of folders.

`AliasTable.analyse(text, label)` gives a mention's key tokens, its context-free canonical id and its display
name; `canon` builds corpus-wide ids on top of it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from claimx.common.text import fold, fold_quotes
from claimx.resources import ResourceError, find_files, models_dirs, read_validated, register_cache


class AliasEntry(BaseModel):
    """One real-world entity: its canonical id, coarse type, and names in any language."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    type: Literal["PER", "ORG", "LOC", "NORP", "PRODUCT", "MISC"] | None = None  # a coarse type
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
    generic: list[str] = Field(default_factory=list)  # common nouns however labelled ("IPO", "le groupe")
    aliases: list[AliasEntry] = Field(default_factory=list)


TOKEN = re.compile(r"[^\W_]+")  # a word: letters and digits of any script
ACRONYM = re.compile(r"^[A-Z]{2,6}$")  # "AMF", "IPO": short, all capitals


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(fold(text)))


def _by_length(words: list[str]) -> list[tuple[int, frozenset[tuple[str, ...]]]]:
    """Token tuples grouped by length, longest first (so "s a s" is tried before "s a")."""
    groups: dict[int, set[tuple[str, ...]]] = defaultdict(set)
    for w in words:
        toks = _tokens(w)
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
        self.generic = frozenset(" ".join(_tokens(g)) for g in data.generic)
        stems = sorted({fold_quotes(e).rstrip("'") for e in data.elisions if fold_quotes(e).strip("'")}, key=len,
                       reverse=True)
        # Lower-case only: "d'Ampere" loses its article, "D'Angelo" keeps its name.
        self.elision_re = re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, stems)) + r")'(?=\w)") if stems \
            else None
        poss = sorted({fold_quotes(p) for p in data.possessives}, key=len, reverse=True)
        parts = [re.escape(p) + (r"(?=\W|$)" if p.strip("'") else r"(?=\s|$|[,.;:])") for p in poss]
        self.possessive_re = re.compile(r"(?<=\w)(?:" + "|".join(parts) + ")") if parts else None
        self.names: dict[str, str] = {}
        self.types: dict[str, str | None] = {}
        acronyms: set[str] = set()
        words: set[str] = set()
        for entry in data.aliases:
            self.types[entry.id] = entry.type
            for name in entry.names:
                key = " ".join(self._analyse(name, entry.type)[0])
                self.names[key] = entry.id
                (acronyms if ACRONYM.match(name) else words).add(key)
        # keys that only an acronym gives ("un" of UN, "us" of US, "who" of WHO): a word that is no acronym as written
        # ("Un tribunal administratif", "Who") is not that name
        self.acronym_keys = frozenset(acronyms - words)
        self._keys: dict[tuple[str, str | None], tuple[tuple[str, ...], str, str]] = {}

    def coarse(self, label: str | None) -> str | None:
        """The coarse type of a spaCy label (PERSON and PER → PER, GPE → LOC); None for NP or unknown."""
        return self.labels.get(label.upper()) if label else None

    def clean(self, text: str) -> str:
        """The text without lower-case elisions and possessive endings, apostrophes unified."""
        text = fold_quotes(text).strip()
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
        for m in TOKEN.finditer(cleaned):
            word = "".join(TOKEN.findall(fold(m.group())))  # one word per original word, whatever folding does
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
        if alias is not None and not self.written_as_named(joined, text):
            alias = None
        cid = alias or "_".join(key) or fold(text).strip()
        out = (key, cid, display)
        self._keys[cache_key] = out
        return out

    def written_as_named(self, key: str, text: str) -> bool:
        """Whether `text` writes the alias key `key` as its name is written: an acronym's key only in capitals."""
        return key not in self.acronym_keys or any(w.isupper() and fold(w) == key for w in TOKEN.findall(text))

    def is_alias(self, cid: str) -> bool:
        return cid in self.types

    def is_generic(self, key: tuple[str, ...]) -> bool:
        """A common noun however labelled ("IPO", "CEO", "le groupe"): never a participant of a fact."""
        return " ".join(key) in self.generic


def _merge(files: Iterable[AliasFile]) -> AliasFile:
    merged = AliasFile()
    listed = ("articles", "elisions", "possessives", "prefixes", "suffixes", "titles", "particles",
              "acronym_stopwords", "participant_types", "generic")
    for data in files:
        merged.labels.update(data.labels)
        for name in listed:
            getattr(merged, name).extend(x for x in getattr(data, name) if x not in getattr(merged, name))
        merged.aliases.extend(data.aliases)  # later entries win on a shared name (AliasTable fills in order)
    return merged


@register_cache
@cache
def _load(dirs: tuple[str, ...]) -> AliasTable:
    files = find_files("aliases", "*.json")
    if not files:
        raise ResourceError(f"no alias file under {', '.join(dirs)}/aliases")
    return AliasTable(_merge(read_validated(p, AliasFile) for p in files))


def load_aliases() -> AliasTable:
    """The alias table merged from `aliases/*.json` in every models folder (bundled first), cached."""
    return _load(tuple(str(d) for d in models_dirs()))
