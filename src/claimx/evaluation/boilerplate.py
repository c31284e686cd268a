"""`claimx eval boilerplate DIR`: claimx's main-text extraction scored on public benchmarks.

Two layouts, recognised by their index file:

* ``ground-truth.json`` — the article-extraction benchmark (Zyte/Scrapinghub): id → ``{articleBody, url}``,
  pages as ``html/<id>.html.gz`` (or ``.html``) or plain-text dumps as ``text/<id>.txt``. Scored as the
  benchmark's own ``evaluate.py`` does: word 4-gram shingles of the prediction against ``articleBody``,
  tp/fp/fn per page normalised to sum to 1, precision and recall averaged over the pages where they are
  defined, F1 from the two averages.
* ``evaldata.json`` — trafilatura's benchmark: url → ``{file, with, without}``, pages as ``html/<file>.gz``.
  Scored as trafilatura's ``tests/evaluate.py`` does: a ``with`` snippet found in the whitespace-normalised
  output is a true positive (missing: false negative), a ``without`` snippet found is a false positive
  (absent: true negative), counts summed over pages. Entries whose page is absent are not scored.

HTML pages go through claimx's own path (`extract_html`, language ID, `boilerplate.strip`); text dumps
through `strip` alone. For HTML the report also scores trafilatura's text before `strip`, to show what the
stripping adds or costs.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

Layout = Literal["article-benchmark", "trafilatura"]
Mode = Literal["auto", "html", "text"]


class Scores(BaseModel):
    model_config = ConfigDict(extra="forbid")

    precision: float
    recall: float
    f1: float


class PageResult(BaseModel):
    """One scored page: its scores (None where undefined) and what claimx kept of it."""

    model_config = ConfigDict(extra="forbid")

    id: str
    source: Literal["html", "text"]
    precision: float | None = None
    recall: float | None = None
    chars_extracted: int = 0  # text before boilerplate stripping
    chars_kept: int = 0
    removed: int = 0  # paragraphs removed by `strip`
    lang: str | None = None


class BoilerplateReport(BaseModel):
    """Scores of claimx on one benchmark folder (JSON keys `precision`, `recall`, `f1`, `n`, `layout`)."""

    model_config = ConfigDict(extra="forbid")

    layout: Layout
    mode: Literal["html", "text", "mixed"]
    precision: float
    recall: float
    f1: float
    n: int  # pages scored
    n_missing: int = 0  # benchmark entries whose page is not in the folder
    n_empty: int = 0  # pages where claimx kept no text at all
    accuracy: float | None = None  # trafilatura layout: (tp + tn) / all snippets
    counts: dict[str, int] | None = None  # trafilatura layout: tp, fp, fn, tn
    extract_only: Scores | None = None  # HTML pages scored on trafilatura's text, before `strip`
    pages: list[PageResult] = []


# ----------------------------------------------------------------------------------------------
# Scorers (the benchmarks' own definitions)

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    # like the benchmark: a text shorter than n tokens is one shorter shingle; no tokens, no shingle
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_tp_fp_fn(true: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    """tp, fp, fn over word n-gram shingles, normalised to sum to 1 (all 0 when both texts are empty)."""
    t, p = _shingles(true, n), _shingles(pred, n)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_precision(tp: float, fp: float, fn: float) -> float | None:
    """The benchmark's per-page precision; None where it leaves the page out of the average (tp + fp = 0)."""
    if tp + fp == 0:
        return None
    return 1.0 if fp == fn == 0 else tp / (tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float | None:
    """The benchmark's per-page recall; None where it leaves the page out of the average (tp + fn = 0)."""
    if tp + fn == 0:
        return None
    return 1.0 if fp == fn == 0 else tp / (tp + fn)


def benchmark_scores(tp_fp_fns: list[tuple[float, float, float]]) -> Scores:
    """Precision and recall averaged over pages (each where defined), F1 from the two averages."""
    precisions = [x for c in tp_fp_fns if (x := page_precision(*c)) is not None]
    recalls = [x for c in tp_fp_fns if (x := page_recall(*c)) is not None]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision=precision, recall=recall, f1=f1)


def _norm_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def snippet_counts(with_: list[str], without: list[str], text: str | None) -> tuple[int, int, int, int]:
    """tp, fp, fn, tn of one page: whitespace-normalised substring search of each snippet in `text`."""
    if text is None:
        return 0, 0, len(with_), len(without)
    found = _norm_ws(text)
    tp = sum(_norm_ws(s) in found for s in with_)
    fp = sum(_norm_ws(s) in found for s in without)
    return tp, fp, len(with_) - tp, len(without) - fp


def snippet_scores(tp: int, fp: int, fn: int, tn: int) -> tuple[Scores, float]:
    """Micro-averaged precision, recall, F1 (each 0 when undefined) and accuracy."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    total = tp + fp + fn + tn
    return Scores(precision=precision, recall=recall, f1=f1), ((tp + tn) / total if total else 0.0)


# ----------------------------------------------------------------------------------------------
# claimx's path for one page


def clean_text(text: str, declared_lang: str | None = None) -> tuple[str, str | None, int]:
    """What claimx keeps of a plain text: its kept lines joined by newlines, the language, lines removed."""
    from claimx.ingest.boilerplate import strip
    from claimx.common.text import line_spans

    spans = line_spans(text)
    if not spans:
        return "", None, 0
    lang, paragraphs = _languages(text, spans, declared_lang)
    removed = strip(text, paragraphs, lang)
    gone = {(r.start, r.end) for r in removed}
    kept = [text[p.start : p.end] for p in paragraphs if (p.start, p.end) not in gone]
    return "\n".join(kept), lang, len(removed)


def _languages(text: str, spans: list[tuple[int, int]], declared: str | None) -> tuple[str | None, list]:
    from claimx.schemas import Paragraph

    try:
        from claimx.ingest import langid
    except ImportError:  # language ID written elsewhere; plain seeded langdetect until then
        lang = _langdetect(text)
        return lang, [Paragraph(start=s, end=e, lang=lang, inherited=True) for s, e in spans]
    guess = langid.detect_document(text, spans)
    if declared and (guess.lang is None or guess.prob < 0.9):
        guess = langid.LangGuess(declared, 1.0)  # as the pipeline does: markup beats an unsure guess
    return guess.lang, langid.detect_paragraphs(text, spans, guess)


def _langdetect(text: str) -> str | None:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        return detect(text[:4000]).split("-")[0]
    except LangDetectException:
        return None


def _read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _run_page(path: Path, url: str | None) -> tuple[str, str, PageResult]:
    """(text before strip, text after strip, page record) for an HTML page or a text dump."""
    from claimx.ingest.html import extract_html

    if path.parent.name == "text":
        raw = _read_page(path).decode("utf-8", errors="replace")
        kept, lang, removed = clean_text(raw)
        return raw, kept, PageResult(id="", source="text", chars_extracted=len(raw), chars_kept=len(kept),
                                     removed=removed, lang=lang)
    ex = extract_html(_read_page(path), url=url)
    kept, lang, removed = clean_text(ex.text, ex.lang)
    return ex.text, kept, PageResult(id="", source="html", chars_extracted=len(ex.text), chars_kept=len(kept),
                                     removed=removed, lang=lang)


def _find_page(folder: Path, names: list[str], mode: Mode) -> Path | None:
    """The first existing page among html/<name>(.gz) and text/<name>, honouring `mode`."""
    for name in names:
        sub = "text" if name.endswith(".txt") else "html"
        if mode != "auto" and sub != mode:
            continue
        for candidate in (folder / sub / name, folder / sub / f"{name}.gz"):
            if candidate.is_file():
                return candidate
    return None


# ----------------------------------------------------------------------------------------------
# Public API


def detect_layout(folder: Path) -> Layout:
    """Which benchmark layout `folder` holds; ValueError naming what is missing when neither."""
    if (folder / "ground-truth.json").is_file():
        return "article-benchmark"
    if (folder / "evaldata.json").is_file():
        return "trafilatura"
    raise ValueError(f"{folder}: no ground-truth.json (article-extraction benchmark) or evaldata.json (trafilatura)")


def evaluate_boilerplate(folder: Path, mode: Mode = "auto") -> BoilerplateReport:
    """Score claimx's text extraction on the benchmark in `folder` (layout detected from its index file).

    `mode` picks the pages when a folder has both: `html` (extract + strip), `text` (strip alone on
    `text/<id>.txt` dumps), or `auto` (HTML when present, else the text dump).
    """
    folder = Path(folder)
    layout = detect_layout(folder)
    if layout == "article-benchmark":
        return _evaluate_article_benchmark(folder, mode)
    return _evaluate_trafilatura(folder, mode)


def _load_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object at the top level")
    return data


def _mode_of(pages: list[PageResult]) -> Literal["html", "text", "mixed"]:
    sources = {p.source for p in pages}
    return "mixed" if len(sources) > 1 else ("text" if sources == {"text"} else "html")


def _evaluate_article_benchmark(folder: Path, mode: Mode) -> BoilerplateReport:
    truth = _load_json(folder / "ground-truth.json")
    pages: list[PageResult] = []
    after: list[tuple[float, float, float]] = []
    before: list[tuple[float, float, float]] = []
    missing = empty = 0
    for key in sorted(truth):
        item = truth[key] if isinstance(truth[key], dict) else {}
        path = _find_page(folder, [f"{key}.html", f"{key}.txt"], mode)
        if path is None:
            missing += 1
            continue
        extracted, kept, page = _run_page(path, item.get("url"))
        gold = item.get("articleBody") or ""
        counts = shingle_tp_fp_fn(gold, kept)
        after.append(counts)
        if page.source == "html":
            before.append(shingle_tp_fp_fn(gold, extracted))
        page.id, page.precision, page.recall = key, page_precision(*counts), page_recall(*counts)
        empty += not kept.strip()
        pages.append(page)
    scores = benchmark_scores(after)
    return BoilerplateReport(
        layout="article-benchmark", mode=_mode_of(pages), **scores.model_dump(), n=len(pages),
        n_missing=missing, n_empty=empty, extract_only=benchmark_scores(before) if before else None, pages=pages,
    )


def _evaluate_trafilatura(folder: Path, mode: Mode) -> BoilerplateReport:
    data = _load_json(folder / "evaldata.json")
    pages: list[PageResult] = []
    total = [0, 0, 0, 0]
    total_before = [0, 0, 0, 0]
    missing = empty = 0
    for url in sorted(data):
        item = data[url]
        name = str(item.get("file") or "")
        path = _find_page(folder, [name], "html" if mode == "auto" else mode) if name else None
        if path is None:
            missing += 1
            continue
        with_, without = list(item.get("with") or []), list(item.get("without") or [])
        extracted, kept, page = _run_page(path, url)
        counts = snippet_counts(with_, without, kept)
        total = [a + b for a, b in zip(total, counts)]
        total_before = [a + b for a, b in zip(total_before, snippet_counts(with_, without, extracted))]
        tp, fp, fn, _ = counts
        page.id = url
        page.precision = tp / (tp + fp) if tp + fp else None
        page.recall = tp / (tp + fn) if tp + fn else None
        empty += not kept.strip()
        pages.append(page)
    scores, accuracy = snippet_scores(*total)
    before, _ = snippet_scores(*total_before)
    return BoilerplateReport(
        layout="trafilatura", mode=_mode_of(pages), **scores.model_dump(), n=len(pages), n_missing=missing,
        n_empty=empty, accuracy=accuracy, counts=dict(zip(("tp", "fp", "fn", "tn"), total)),
        extract_only=before if pages else None, pages=pages,
    )


def render(report: BoilerplateReport):
    """A rich renderable: the score table (claimx, and the extraction before `strip`), then a line of counts."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"boilerplate · {report.layout} · {report.mode}", title_justify="left")
    table.add_column("system")
    for name in ("precision", "recall", "F1"):
        table.add_column(name, justify="right")
    table.add_row("claimx", f"{report.precision:.3f}", f"{report.recall:.3f}", f"{report.f1:.3f}")
    if report.extract_only is not None:
        e = report.extract_only
        table.add_row("before strip", f"{e.precision:.3f}", f"{e.recall:.3f}", f"{e.f1:.3f}")
    notes = [f"{report.n} pages scored"]
    if report.n_missing:
        notes.append(f"{report.n_missing} without a page")
    if report.n_empty:
        notes.append(f"{report.n_empty} empty")
    if report.counts is not None and report.accuracy is not None:
        c = report.counts
        notes.append(f"tp {c['tp']} fp {c['fp']} fn {c['fn']} tn {c['tn']}, accuracy {report.accuracy:.3f}")
    return Group(table, Text("; ".join(notes)))


def render_boilerplate_report(report: BoilerplateReport, console: object) -> None:
    """Print the report on `console` (a `rich.console.Console`)."""
    console.print(render(report))  # type: ignore[attr-defined]
