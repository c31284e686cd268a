"""`claimx eval conflicts TSV`: claimx's conflicts scored on sentence pairs labelled contradiction or not.

Layouts (tab-separated, with a header): DACCORD (`id, premise, hypothesis, label, ...`; label 1 = contradiction,
0 = compatible) and RTE3-FR (`id, language, premise, hypothesis, label, ...`; label 2 = contradiction, 0 and 1 =
entailment, neutral); a `language` column tells the second layout and gives each document's language.

Each pair becomes two documents (the premise and the hypothesis) of two sources, all dated 2020-01-01 so that
relative times resolve alike, and all pairs run as one corpus through the same pipeline as `claimx run`
(`claimx.evaluation.corpus`; a text used by several pairs is one document). A pair is *flagged* when a conflict
has one side in its premise and another in its hypothesis. Reported: `recall` (contradiction pairs flagged),
`false_alarm_rate` (other pairs flagged), `precision` (flagged pairs that are contradictions), the conflicts
between documents of no common pair (`cross_pair`, counted, not scored) and inside one document
(`intra_document`), and recall per kind of contradiction.

The kind is a heuristic on the pair's text, first that holds: `date` when both texts carry a date (a year
1800-2099, a month name in French or English, "may" and "march" only beside a day) and their sets of dates
differ (a day and its month count as one date); `number` when both carry numbers (digits, other than those years and days) and their sets differ;
`negation` when one text has more negation words (ne, n', pas, jamais, aucun(e), rien, ni, non, sans; not, n't,
never, no, none, nothing, nobody, neither, nor, without) than the other; else `other`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from claimx.schemas import Conflict

KINDS = ("date", "number", "negation", "other")
PUBLISHED = date(2020, 1, 1)
_MONTHS = ("janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre "
           "decembre january february march april may june july august september october november december")
_MONTH = r"(?:" + "|".join(_MONTHS.split()) + r")\b"
_BARE_MONTH = r"(?:" + "|".join(m for m in _MONTHS.split() if m not in ("may", "march")) + r")\b"  # verbs too
_DATE = re.compile(rf"\b(?:(\d{{1,2}})(?:er)?\s+{_MONTH}|{_MONTH}\s+(\d{{1,2}})\b|{_BARE_MONTH}|(?:18|19|20)\d\d\b)",
                   re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,]\d+)*")
_NEGATION = re.compile(r"\b(?:ne|n'|n’|pas|jamais|aucun|aucune|rien|ni|non|sans|not|never|no|none|nothing|nobody|"
                       r"neither|nor|without)\b|n't|n’t", re.IGNORECASE)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KindScore(_Model):
    flagged: int = 0
    pairs: int = 0
    recall: float = 0.0


class ConflictsReport(_Model):
    """`claimx eval conflicts` output (see the module docstring)."""

    file: str
    layout: str  # daccord or rte3
    pairs: int = 0
    contradictions: int = 0
    flagged_contradictions: int = 0
    flagged_others: int = 0
    recall: float = 0.0
    false_alarm_rate: float = 0.0
    precision: float = 0.0
    conflicts: int = 0
    cross_pair: int = 0
    intra_document: int = 0
    by_kind: dict[str, KindScore] = Field(default_factory=dict)
    flagging_types: dict[str, int] = Field(default_factory=dict)  # types of the conflicts that flag a pair
    documents_rejected: int = 0
    failed_stages: list[str] = Field(default_factory=list)
    seconds: float = 0.0


@dataclass
class Pair:
    id: str
    premise: str
    hypothesis: str
    contradiction: bool
    lang: str | None = None

    @property
    def keys(self) -> tuple[str, str]:
        return f"{self.id}/premise", f"{self.id}/hypothesis"


def read_pairs(path: Path) -> tuple[list[Pair], str]:
    """The pairs of a DACCORD or RTE3-FR TSV file and the layout's name; ValueError on another layout."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    need = {"id", "premise", "hypothesis", "label"}
    if not rows or not need <= set(rows[0]):
        raise ValueError(f"{path}: not a DACCORD/RTE3-FR TSV (columns {', '.join(sorted(need))} and a header)")
    layout = "rte3" if "language" in rows[0] else "daccord"
    contra = "2" if layout == "rte3" else "1"
    pairs = [Pair(r["id"], r["premise"].strip(), r["hypothesis"].strip(), r["label"].strip() == contra,
                  (r.get("language") or "").strip() or None) for r in rows]
    return [p for p in pairs if p.premise and p.hypothesis], layout


def _dates(text: str) -> set[str]:
    out = set()
    for m in _DATE.finditer(text):
        day = m.group(1) or m.group(2)
        words = re.sub(r"\d+|er\b", "", m.group(0).lower()).split()
        out.add(f"{int(day)} {words[0]}" if day and words else m.group(0).lower())
    return out


def _numbers(text: str) -> set[str]:
    spans = [m.span() for m in _DATE.finditer(text)]
    out = set()
    for m in _NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        out.add(re.sub(r"[ \u00a0\u202f]", "", m.group(0)).replace(",", "."))
    return out


def kind_of(premise: str, hypothesis: str) -> str:
    """The kind of a contradiction by the heuristic of the module docstring: date, number, negation or other."""
    dp, dh = _dates(premise), _dates(hypothesis)
    if dp and dh and dp != dh:
        return "date"
    np_, nh = _numbers(premise), _numbers(hypothesis)
    if np_ and nh and np_ != nh:
        return "number"
    if len(_NEGATION.findall(premise)) != len(_NEGATION.findall(hypothesis)):
        return "negation"
    return "other"


def score(pairs: list[Pair], conflicts: list[Conflict], keys: dict[str, list[str]], file: str = "",
          layout: str = "daccord") -> ConflictsReport:
    """Score conflicts (their sides' `doc_id`s map to document keys through `keys`) against the pairs' labels."""
    pair_of_key: dict[str, list[Pair]] = {}
    for p in pairs:
        for k in p.keys:
            pair_of_key.setdefault(k, []).append(p)
    flagged: set[str] = set()
    types: dict[str, int] = {}
    rep = ConflictsReport(file=file, layout=layout, pairs=len(pairs), conflicts=len(conflicts),
                          contradictions=sum(p.contradiction for p in pairs))
    for c in conflicts:
        docs = [d for d in dict.fromkeys(s.doc_id for s in c.sides)]
        if len(docs) < 2:
            rep.intra_document += 1
            continue
        hits = set()
        for i, a in enumerate(docs):
            for b in docs[i + 1 :]:
                for p in _pairs_between(keys.get(a, []), keys.get(b, []), pair_of_key):
                    hits.add(p.id)
        if not hits:
            rep.cross_pair += 1
            continue
        flagged |= hits
        types[c.type] = types.get(c.type, 0) + 1
    by_kind = {k: KindScore() for k in KINDS}
    for p in pairs:
        if p.contradiction:
            ks = by_kind[kind_of(p.premise, p.hypothesis)]
            ks.pairs += 1
            ks.flagged += p.id in flagged
            rep.flagged_contradictions += p.id in flagged
        else:
            rep.flagged_others += p.id in flagged
    for ks in by_kind.values():
        ks.recall = _share(ks.flagged, ks.pairs)
    rep.by_kind = by_kind
    rep.flagging_types = dict(sorted(types.items()))
    rep.recall = _share(rep.flagged_contradictions, rep.contradictions)
    rep.false_alarm_rate = _share(rep.flagged_others, rep.pairs - rep.contradictions)
    rep.precision = _share(rep.flagged_contradictions, rep.flagged_contradictions + rep.flagged_others)
    return rep


def _pairs_between(a: list[str], b: list[str], pair_of_key: dict[str, list[Pair]]) -> list[Pair]:
    """The pairs whose premise is among keys `a` and hypothesis among `b`, or the other way round."""
    out = []
    for ka in a:
        for p in pair_of_key.get(ka, []):
            prem, hyp = p.keys
            if (ka == prem and hyp in b) or (ka == hyp and prem in b):
                out.append(p)
    return out


def _share(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def evaluate_conflicts(path: Path, *, jobs: int = 1) -> ConflictsReport:
    """Run claimx on every pair of the TSV file as one corpus and score its conflicts (see the module docstring)."""
    from claimx.evaluation.corpus import EvalDoc, run_documents

    pairs, layout = read_pairs(Path(path))
    if not pairs:
        raise ValueError(f"{path}: no pairs")
    docs = [EvalDoc(key=key, text=text, published=PUBLISHED, source=key.replace("/", "-"), lang=p.lang)
            for p in pairs for key, text in zip(p.keys, (p.premise, p.hypothesis))]
    run = run_documents(docs, jobs=jobs)
    rep = score(pairs, run.conflicts, run.keys, file=str(path), layout=layout)
    rep.documents_rejected, rep.failed_stages = run.rejected, run.failed_stages
    rep.seconds = run.seconds
    return rep


def render(report: ConflictsReport):
    """A rich table: the flagged pairs and recall per kind of contradiction."""
    from rich.table import Table

    table = Table(title=(f"conflicts vs {report.layout} ({report.pairs} pairs, {report.contradictions} "
                         f"contradictions): recall {report.recall:.3f}, precision {report.precision:.3f}, "
                         f"false alarms {report.false_alarm_rate:.3f}"),
                  caption=(f"{report.conflicts} conflicts: {report.cross_pair} between documents of different pairs, "
                           f"{report.intra_document} inside one document"))
    for col in ("contradictions", "flagged", "pairs", "recall"):
        table.add_column(col, justify="left" if col == "contradictions" else "right")
    for kind, k in report.by_kind.items():
        table.add_row(kind, str(k.flagged), str(k.pairs), f"{k.recall:.3f}")
    table.add_row("all", str(report.flagged_contradictions), str(report.contradictions), f"{report.recall:.3f}",
                  style="bold")
    others = report.pairs - report.contradictions
    table.add_row("other pairs (false alarms)", str(report.flagged_others), str(others),
                  f"{report.false_alarm_rate:.3f}")
    return table
