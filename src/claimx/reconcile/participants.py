"""Participants: which named entities a claim's subject and object are, or name inside a noun phrase.

`NamedEntities` is built from the canonicalised mentions of a corpus (`canon`): a participant labelled as a named
entity is its canonical id; a noun phrase names the known entities inside it ("the IPO of Ampere" → `ampere`).
Reconciliation groups claims into stories on these ids (`grouping`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from claimx.common.text import fold
from claimx.reconcile.aliases import ACRONYM, TOKEN, AliasTable, load_aliases
from claimx.reconcile.canon import Mention
from claimx.reconcile.places import generic_acronym, generic_words, is_broad, is_town
from claimx.schemas import Claim, Entity


class NamedEntities:
    """The named entities of a canonicalised corpus, to tell which ones a claim's participants name.

    A participant labelled with a participant type (PER, ORG, LOC, PRODUCT, MISC) is its canonical id, unless it is a
    common noun the model mislabelled (the `generic` list of the aliases: "IPO", "CEO", "le groupe"), an institution
    (a generic word of `models/participants`: "Houston Police"), or a country or a region (`places.is_broad`: where
    thousands of events happen). Some participants are *weak* (`weak`): they take part, but do not tell one event
    from another across documents: a surname alone ("Adams": many people), and a known town labelled a place
    ("LOUISVILLE, Ky. —", "a Detroit man": `places.is_town`), which is also where the event happens (`places`); a
    name the small models label a place that is no known town ("Ampere will cut jobs") stays strong. A noun phrase
    contributes the known names inside it: runs of capitalised words looked up whole, or with a
    trailing or leading acronym dropped ("the Ampere IPO", "CEO Provost"), never with a word or number
    dropped ("Renault Trucks", "the Renault 5" do not name Renault).
    """

    def __init__(self, claims: Iterable[Claim], *, aliases: AliasTable | None = None):
        mentions: dict[Mention, int] = {}
        for claim in claims:
            for ent in (claim.subject, claim.object):
                if ent is not None:
                    m = (ent.text, ent.label, ent.canonical)
                    mentions[m] = mentions.get(m, 0) + 1
        self._build(mentions, aliases)

    @classmethod
    def from_mentions(cls, mentions: dict[Mention, int], *, aliases: AliasTable | None = None) -> NamedEntities:
        """A gazetteer from counted mentions, (text, label, canonical id or None) -> number of occurrences."""
        gaz = cls.__new__(cls)
        gaz._build(mentions, aliases)
        return gaz

    def _build(self, mentions: dict[Mention, int], aliases: AliasTable | None) -> None:
        self.table = aliases or load_aliases()
        self._generic = generic_words()
        self.weak: set[str] = set()
        self.places: set[str] = set()  # the weak ones that are towns
        named_labels: dict[str | None, bool] = {}
        self.named: set[str] = set()
        keys: dict[str, set[str]] = defaultdict(set)
        shown: dict[str, dict[str, int]] = defaultdict(dict)
        for (text, label, canonical), n in mentions.items():
            named = named_labels.get(label)
            if named is None:
                named = named_labels[label] = self.table.coarse(label) in self.table.participant_types
            if not named:
                continue
            key, cid, display = self.table.analyse(text, label)
            cid = canonical or cid
            if self.table.is_generic(key) or self._institution(key, cid, text) or self._region(key, label):
                continue
            self.named.add(cid)
            keys[" ".join(key)].add(cid)
            shown[cid][display] = shown[cid].get(display, 0) + n
            coarse = self.table.coarse(label)
            if coarse == "LOC" and is_town(" ".join(key)):
                self.places.add(cid)
            elif coarse == "PER" and len(key) == 1:
                self.weak.add(cid)  # a surname alone: one of many people
        self.weak |= self.places
        # canonical id -> the name readers see most often for it, ties to the shortest, then alphabetical
        self.names = {cid: min(n.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0] for cid, n in shown.items()}
        self.keys = {k: next(iter(v)) for k, v in keys.items() if len(v) == 1}
        for name, cid in self.table.names.items():
            if self.table.types.get(cid) in self.table.participant_types:
                self.keys.setdefault(name, cid)
        self._cache: dict[tuple[str, str | None, str | None], tuple[str, ...]] = {}

    def participants(self, ent: Entity | None) -> tuple[str, ...]:
        """The canonical ids of the named entities this participant is or contains (sorted, unique)."""
        if ent is None:
            return ()
        return self.participants_of((ent.text, ent.label, ent.canonical))

    def participants_of(self, mention: Mention) -> tuple[str, ...]:
        """`participants` of a mention given as (text, label, canonical id or None)."""
        hit = self._cache.get(mention)
        if hit is None:
            hit = self._cache[mention] = self._participants(*mention)
        return hit

    def _participants(self, text: str, label: str | None, canonical: str | None) -> tuple[str, ...]:
        key, cid, _ = self.table.analyse(text, label)
        cid = canonical or cid
        if self.table.coarse(label) in self.table.participant_types and not self.table.is_generic(key):
            return () if self._institution(key, cid, text) or self._region(key, label) else (cid,)
        if cid in self.named and text != text.lower():
            return (cid,)
        found: set[str] = set()
        for run in self._runs(self.table.clean(text)):
            hit = self._lookup(run)
            if hit:
                found.add(hit)
        return tuple(sorted(found))

    def identifying(self, mention: Mention) -> tuple[str, ...]:
        """The participants of a mention that tell one event from another: the weak ones left out, except a person
        this very mention names in full ("Brittany Thomas" is her even where "Thomas" alone was resolved to her)."""
        found = self.participants_of(mention)
        if self.weak.isdisjoint(found):
            return found
        full = self.named_in_full(mention)
        return tuple(p for p in found if p not in self.weak or p == full)

    def named_in_full(self, mention: Mention) -> str | None:
        """The person a mention names by more than one word ("Brittany Thomas"), else None."""
        text, label, canonical = mention
        if self.table.coarse(label) != "PER":
            return None
        key, cid, _ = self.table.analyse(text, label)
        return (canonical or cid) if len(key) > 1 else None

    def surname_people(self, mention: Mention) -> tuple[str, ...]:
        """The people a mention names by a surname alone ("Thomas"): weak, for the surname may have been resolved
        to them from another document; somebody where their own document names them in full (`reconcile.engine`)."""
        if self.table.coarse(mention[1]) != "PER":
            return ()
        return tuple(p for p in self.participants_of(mention) if p in self.weak and p not in self.places)

    def _institution(self, key: tuple[str, ...], cid: str, text: str) -> bool:
        """A name with a generic word in it, or whose canonical id has one (a misspelling merged into "police"), or an
        acronym with a generic ending ("NYPD"): an institution in every event of its kind ("Houston Police")."""
        return (not self._generic.isdisjoint(key) or not self._generic.isdisjoint(cid.split("_"))
                or generic_acronym(text.strip()))

    def _region(self, key: tuple[str, ...], label: str | None) -> bool:
        """A country or a wider region: where events happen, never who takes part in one."""
        return self.table.coarse(label) == "LOC" and is_broad(" ".join(key))

    def _runs(self, text: str) -> list[list[str]]:
        """Maximal runs of capitalised words (digits and name particles may continue a run)."""
        runs: list[list[str]] = []
        cur: list[str] = []
        words = TOKEN.findall(text)
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
            words = " ".join(run[lo:hi])
            key = " ".join(self.table.analyse(words, None)[0])
            hit = self.keys.get(key)
            if hit and self.table.written_as_named(key, words):
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
                if all(ACRONYM.match(w) for w in dropped):
                    out.append((lo, hi))
        return out
