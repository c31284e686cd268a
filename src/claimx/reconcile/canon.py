"""Entity canonicalisation: one id per real-world entity, within and across documents and languages.

A mention ("the Renault Group's", "d'Ampère", "M. Provost") becomes a canonical id ("renault", "ampere",
"francois_provost") in four steps, driven by the data in `models/aliases/*.json` (see `claimx.reconcile.aliases`):

1. **Normalise** (`AliasTable.analyse`): French elisions written in lower case are dropped ("d'Ampere", never
   "D'Angelo"), possessives ("Renault's") too; then Unicode folding (case, accents, ligatures) and
   tokenising on non-alphanumerics. Person names lose leading titles ("Mme", "Dr"); other names lose
   leading articles and group words ("le groupe") and trailing legal or group suffixes ("SA", "Group",
   "GmbH"), never down to nothing. Digits stay: "Renault 5" is `renault_5`, neither `renault` nor
   `renault_4`. The alias table maps known names, in any language, to one id ("UE" → `european_union`);
   lower-case noun phrases ("the company", "us") are never looked up in it, so a pronoun never becomes a
   country.
2. **Within a document**, a short person mention joins the one full name it ends ("Provost" → "François
   Provost", "De Meo" → "Luca de Meo"), and an acronym joins the one long name whose initials it spells.
   Ambiguous joins (two people named Le Pen) are not made, and an organisation never joins a person.
3. **Across documents**, a short form resolved the same way everywhere it was resolved is applied where the
   full form is absent (person-labelled surnames and acronyms only).
4. **Fuzzy matching** (rapidfuzz) merges spelling variants ("Zelensky"/"Zelenskyy") only between ids of the
   same coarse type (spaCy's PERSON/PER, ORG, GPE/LOC... mapped by the `labels` table), same number of
   tokens, same digits, same initials and same first two letters, with every differing token close (ratio ≥
   85) and the whole close (ratio ≥ 90). Candidates are blocked on that signature, never compared all
   against all. Alias-table ids are authoritative and never fuzzy-merged.

`participants.NamedEntities` then tells reconciliation which named entities a claim's participants are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from claimx.common.records import bulk, replace, with_field
from claimx.common.unionfind import UnionFind
from claimx.reconcile.aliases import ACRONYM, AliasTable, load_aliases
from claimx.schemas import Claim

# ----------------------------------------------------------------------------------------------
# Canonicalisation


def canonical_id(text: str, label: str | None = None, *, aliases: AliasTable | None = None) -> str:
    """The context-free canonical id of one mention ("the Renault Group's" → "renault")."""
    return (aliases or load_aliases()).analyse(text, label)[1]


def display_name(text: str, label: str | None = None, *, aliases: AliasTable | None = None) -> str:
    """The mention as a reader would name it: original case, without articles or suffixes ("Renault")."""
    return (aliases or load_aliases()).analyse(text, label)[2]


_Mention = tuple  # (key tokens, context-free id, coarse type, display name)
Mention = tuple[str, str | None, str | None]  # (text, label, canonical id or None)


def _document_joins(mentions: list[_Mention], table: AliasTable) -> dict[str, str]:
    """Short id -> full id for one document: surnames to the one full name, acronyms to the one long name."""
    surnames: dict[tuple[str, ...], set[str]] = defaultdict(set)
    initials: dict[str, set[str]] = defaultdict(set)
    for key, cid, ctype, _ in mentions:
        if ctype == "PER" and len(key) >= 2:
            for k in range(1, len(key)):
                surnames[key[-k:]].add(cid)
        elif ctype in (None, "ORG", "MISC") and len(key) >= 2:
            sig = [w for w in key if w not in table.acronym_stopwords and not w.isdigit()]
            if len(sig) >= 2:
                initials["".join(w[0] for w in sig)].add(cid)
    joins: dict[str, str] = {}
    if not surnames and not initials:
        return joins
    for key, cid, ctype, display in mentions:
        if cid in joins or table.is_alias(cid):
            continue
        if ctype in (None, "PER", "MISC") and 1 <= len(key) <= 2 and display[:1].isupper():
            full = surnames.get(key)
            if full and len(full) == 1 and cid not in full:
                joins[cid] = next(iter(full))
                continue
        if ctype in (None, "ORG", "MISC") and ACRONYM.match(display):
            full = initials.get(cid)
            if full and len(full) == 1 and cid not in full:
                joins[cid] = next(iter(full))
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
    """Spelling variants merged; id -> representative.

    Blocked on (type, token count, digits, initials, first two letters): a typo in the first two letters of a
    name is missed, but no block grows with the corpus the way "every ORG starting with k" would.
    """
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for cid, (ctype, _) in ids.items():
        if ctype is None or table.is_alias(cid):
            continue
        toks = cid.split("_")
        digits = tuple(t for t in toks if t.isdigit())
        blocks[(ctype, len(toks), digits, "".join(t[0] for t in toks), cid[:2])].append(cid)
    sets: UnionFind[str] = UnionFind()
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
                    sets.union(chunk[i], chunk[j])
    clusters: dict[str, list[str]] = defaultdict(list)
    for cid in sets.parent:
        clusters[sets.find(cid)].append(cid)
    out: dict[str, str] = {}
    for root, members in clusters.items():
        members = sorted(set(members) | {root})
        rep = min(members, key=lambda c: (-ids[c][1], len(c), c))
        out.update({c: rep for c in members if c != rep})
    return out


CanonicalIds = list[tuple[str | None, str | None]]  # per claim: (subject id, object id), None without one


@dataclass(frozen=True)
class Resolution:
    """What `resolve_mentions` found: each claim's canonical ids, and its mentions numbered corpus-wide."""

    ids: CanonicalIds  # per claim: (subject id, object id)
    mentions: list[Mention]  # the distinct (text, label, canonical id) of the claims' subjects and objects
    mention_of: list[tuple[int, int]]  # per claim: its (subject, object) numbers in `mentions`, -1 for none


def resolve(claims: list[Claim], *, aliases: AliasTable | None = None) -> CanonicalIds:
    """The canonical ids of each claim's subject and object, consistently corpus-wide, in `claims` order.

    Pure. The result depends on the whole list (a surname in one document can be resolved by the full name in
    another), never on its order. `reconcile` takes these ids directly, so a million claims need not be copied.
    """
    return resolve_mentions(claims, aliases=aliases).ids


def resolve_mentions(claims: list[Claim], *, aliases: AliasTable | None = None) -> Resolution:
    """`resolve`, with the mentions the ids came from: `reconcile` reads those instead of every claim again."""
    with bulk():
        return _resolution(claims, aliases or load_aliases())


def canonicalise(claims: list[Claim], *, aliases: AliasTable | None = None, ids: CanonicalIds | None = None
                 ) -> list[Claim]:
    """Copies of `claims` with `subject.canonical` and `object.canonical` filled (from `ids` when given).

    Pure: the input claims are not modified.
    """
    with bulk():
        if ids is None:
            ids = _resolution(claims, aliases or load_aliases()).ids
        return _with_ids(claims, ids)


def canonical_records(claims: Iterable[Claim], ids: CanonicalIds) -> Iterator[dict]:
    """Each claim's JSON record (`model_dump(mode="json")`) with its subject's and object's canonical ids, as
    `canonicalise` then a dump would give it, made one at a time and without copying the claims: what
    claims.jsonl is written from."""
    for c, (sid, oid) in zip(claims, ids, strict=True):
        data = c.model_dump(mode="json")
        if data["subject"] is not None:
            data["subject"]["canonical"] = sid
        if data["object"] is not None:
            data["object"]["canonical"] = oid
        yield data


def _with_ids(claims: list[Claim], ids: CanonicalIds) -> list[Claim]:
    out = []
    for c, (sid, oid) in zip(claims, ids, strict=True):
        subj, obj = c.subject, c.object
        if subj is not None:
            subj = with_field(subj, "canonical", sid)
        if obj is not None:
            obj = with_field(obj, "canonical", oid)
        out.append(replace(c, subject=subj, object=obj))
    return out


def _join_role(key: tuple[str, ...], cid: str, ctype: str | None, display: str, table: AliasTable) -> int:
    """2: a mention that may join a longer one (surname, acronym); 1: one that may be joined; 0: neither."""
    if table.is_alias(cid):
        return 0
    if (ctype in (None, "PER", "MISC") and 1 <= len(key) <= 2 and display[:1].isupper()) or (
            ctype in (None, "ORG", "MISC") and ACRONYM.match(display) is not None):
        return 2
    return 1 if len(key) >= 2 and ctype in (None, "PER", "ORG", "MISC") else 0


def _resolution(claims: list[Claim], table: AliasTable) -> Resolution:
    # Each distinct (document, text, label) is one mention, numbered; claims keep their mentions' numbers.
    index: dict[tuple[str, str, str | None], int] = {}
    numbers: list[tuple[int, int]] = []
    for c in claims:
        ms = mo = -1
        if (ent := c.subject) is not None:
            k = (c.doc_id, ent.text, ent.label)
            ms = index.get(k, -1)
            if ms < 0:
                ms = index[k] = len(index)
        if (ent := c.object) is not None:
            k = (c.doc_id, ent.text, ent.label)
            mo = index.get(k, -1)
            if mo < 0:
                mo = index[k] = len(index)
        numbers.append((ms, mo))

    # Each distinct (text, label) is analysed once; documents keep the mentions that may join.
    forms: dict[tuple[str, str | None], int] = {}
    info: list[_Mention] = []
    roles: list[int] = []
    docs: list[str] = []
    form_of: list[int] = []
    candidates: dict[str, list[int]] = defaultdict(list)
    shorts: set[str] = set()  # documents with a mention that may join another
    for doc, text, label in index:
        f = forms.get((text, label), -1)
        if f < 0:
            f = forms[(text, label)] = len(info)
            key, cid, display = table.analyse(text, label)
            ctype = table.coarse(label)
            info.append((key, cid, ctype, display))
            roles.append(_join_role(key, cid, ctype, display, table))
        docs.append(doc)
        form_of.append(f)
        if roles[f]:
            candidates[doc].append(f)
            if roles[f] == 2:
                shorts.add(doc)

    doc_joins: dict[str, dict[str, str]] = {}
    resolved: dict[str, set[str]] = defaultdict(set)  # short id -> full ids it joined anywhere
    for doc in sorted(shorts):
        joins = _document_joins([info[f] for f in candidates[doc]], table)
        if joins:
            doc_joins[doc] = joins
            for short, full in joins.items():
                resolved[short].add(full)

    # Short forms resolved one way everywhere apply where their full form is absent.
    global_joins: dict[str, str] = {}
    if resolved:
        per_surnames: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for key, cid, ctype, _ in info:
            if ctype == "PER" and len(key) >= 2:
                for k in range(1, len(key)):
                    per_surnames[key[-k:]].add(cid)
        for doc in sorted(shorts):
            joins = doc_joins.get(doc, {})
            for f in candidates[doc]:
                key, cid, ctype, display = info[f]
                full = resolved.get(cid)
                if full is None or len(full) != 1 or cid in joins or cid in global_joins:
                    continue
                person = ctype == "PER" and len(per_surnames.get(key, ())) == 1
                acronym = ctype != "PER" and ACRONYM.match(display) is not None
                if person or acronym:
                    global_joins[cid] = next(iter(full))

    # Fuzzy merging over the resolved ids, with each id's majority coarse type and its mention count.
    mentioned: list[str | None] = []
    votes: dict[tuple[str, str | None], int] = {}
    for doc, f in zip(docs, form_of, strict=True):
        _, cid, ctype, _ = info[f]
        joins = doc_joins.get(doc)
        cid = (joins and joins.get(cid)) or global_joins.get(cid) or cid
        mentioned.append(cid)
        vk = (cid, ctype)
        votes[vk] = votes.get(vk, 0) + 1
    ids: dict[str, tuple[str | None, int]] = {}
    for (cid, ctype), n in sorted(votes.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1] or "")):
        typed, total = ids.get(cid, (None, 0))
        ids[cid] = (typed or ctype, total + n)  # the most frequent type first; an untyped count adds up
    fuzzy = _fuzzy_clusters(ids, table)
    final = [fuzzy.get(cid, cid) for cid in mentioned] if fuzzy else mentioned

    # Mentions of one text, label and id in several documents are one mention for reconciliation.
    distinct: dict[Mention, int] = {}
    renumber = [distinct.setdefault((text, label, cid), len(distinct))
                for (_, text, label), cid in zip(index, final, strict=True)]
    final.append(None)  # so that number -1 (no subject, no object) reads None and -1 below
    renumber.append(-1)
    return Resolution(ids=[(final[ms], final[mo]) for ms, mo in numbers], mentions=list(distinct),
                      mention_of=[(renumber[ms], renumber[mo]) for ms, mo in numbers])
