"""`claimx eval langid DIR`: accuracy of claimx's language detection on lingua's test-data layout.

DIR holds any of `sentences/`, `word-pairs/`, `single-words/`, each with `{iso639-1}.txt` files, one item
a line, the file name being the gold language. Every item is scored as the pipeline would see a document
made of that text (`claimx.ingest.langid.detect_document`).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from claimx.ingest.langid import detect_document

KINDS = ("sentences", "word-pairs", "single-words")
# Codes that name the same language: langdetect says "no" for Norwegian, lingua's files say "nb".
EQUIVALENT = {"no": "nb"}


class LangidReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accuracy: float
    n: int
    by_kind: dict[str, float]
    by_lang: dict[str, float]
    by_kind_lang: dict[str, dict[str, float]]


def _items(root: Path) -> list[tuple[str, str, str]]:
    """(kind, gold language, text) for every non-empty line of the layout."""
    out = []
    for kind in KINDS:
        folder = root / kind
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.txt")):
            gold = path.stem.lower()
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    out.append((kind, gold, line.strip()))
    return out


def score(rows: list[tuple[str, str, str | None]]) -> LangidReport:
    """Accuracy over (kind, gold, predicted) rows, overall, per kind, per language and per both."""
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for kind, gold, pred in rows:
        pred = EQUIVALENT.get(pred, pred) if pred else pred
        t = tally[(kind, gold)]
        t[0] += pred == gold
        t[1] += 1

    def acc(keys) -> float:
        ok = sum(tally[k][0] for k in keys)
        n = sum(tally[k][1] for k in keys)
        return round(ok / n, 4) if n else 0.0

    kinds = sorted({k for k, _ in tally})
    langs = sorted({g for _, g in tally})
    return LangidReport(
        accuracy=acc(list(tally)),
        n=len(rows),
        by_kind={k: acc([x for x in tally if x[0] == k]) for k in kinds},
        by_lang={g: acc([x for x in tally if x[1] == g]) for g in langs},
        by_kind_lang={k: {g: acc([(k, g)]) for g in langs if (k, g) in tally} for k in kinds},
    )


def evaluate_langid(root: Path) -> LangidReport:
    """Run claimx's detector over every item under `root` and score it."""
    items = _items(root)
    if not items:
        raise ValueError(f"{root}: no sentences/, word-pairs/ or single-words/ folder with <lang>.txt files")
    return score([(kind, gold, detect_document(text).lang) for kind, gold, text in items])


def render(report: LangidReport):
    """A rich table: accuracy per language (rows) and kind (columns)."""
    from rich.table import Table

    kinds = list(report.by_kind)
    table = Table(title=f"language ID: accuracy {report.accuracy:.4f} on {report.n} items")
    table.add_column("lang")
    for k in kinds:
        table.add_column(k, justify="right")
    table.add_column("all", justify="right")
    for lang, total in report.by_lang.items():
        cells = [f"{report.by_kind_lang[k][lang]:.3f}" if lang in report.by_kind_lang[k] else "" for k in kinds]
        table.add_row(lang, *cells, f"{total:.3f}")
    table.add_row("all", *[f"{report.by_kind[k]:.3f}" for k in kinds], f"{report.accuracy:.3f}", style="bold")
    return table
