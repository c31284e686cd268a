"""`claimx eval dates DIR`: TempEval-3 scores of claimx's time tagging against gold TimeML TIMEX3.

Every `.tml` file of DIR is read: the document creation time (the TIMEX3 with
`functionInDocument="CREATION_TIME"`) is the anchor, the `<TEXT>` element with its tags removed is the text, and
the gold TIMEX3 inside it (with their offsets in that stripped text) are the answers; the DCT itself is not
scored. claimx tags the text exactly as the pipeline does: `find_times(text, lang, anchor=DCT, candidates=...)`,
the candidates being the DATE/TIME entities of the trained spaCy model when the language has one.

Scores follow TempEval-3: strict (exact offsets) and relaxed (overlapping) precision, recall and F1 over a
one-to-one matching; type and value accuracy over the relaxed matches; value F1 counts only relaxed matches whose
value is right (P = right values / predictions, R = right values / gold), i.e. relaxed F1 × value accuracy.
Per gold type, recall counts gold TIMEX3 of that type and precision counts predictions of that type.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

TYPES = ("DATE", "TIME", "DURATION", "SET")


class Timex(BaseModel):
    """A time expression, gold or predicted, as character offsets into the stripped text."""

    model_config = ConfigDict(extra="forbid")

    start: int
    end: int
    text: str
    type: str
    value: str | None = None


class TimeMLDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    text: str
    dct: date | None
    timexes: list[Timex]


class Scores(BaseModel):
    """Counts and TempEval-3 measures for one set of documents (or one gold type)."""

    model_config = ConfigDict(extra="forbid")

    n_gold: int = 0
    n_pred: int = 0
    strict_matches: int = 0
    relaxed_matches: int = 0
    type_correct: int = 0
    value_correct: int = 0
    strict_precision: float = 0.0
    strict_recall: float = 0.0
    strict_f1: float = 0.0
    relaxed_precision: float = 0.0
    relaxed_recall: float = 0.0
    relaxed_f1: float = 0.0
    type_accuracy: float = 0.0
    value_accuracy: float = 0.0
    value_precision: float = 0.0
    value_recall: float = 0.0
    value_f1: float = 0.0


class DateError(BaseModel):
    """One disagreement, for error analysis: a miss, a spurious span, or a wrong type/value/extent."""

    model_config = ConfigDict(extra="forbid")

    doc: str
    kind: str  # missed, spurious, value, type, extent
    gold: Timex | None = None
    pred: Timex | None = None


class DatesReport(Scores):
    """`claimx eval dates` output: overall scores, per gold type, and what was read."""

    dir: str
    lang: str
    n_docs: int = 0
    skipped: list[str] = Field(default_factory=list)  # files that could not be read, with the reason
    seconds: float = 0.0
    by_type: dict[str, Scores] = Field(default_factory=dict)
    errors: list[DateError] = Field(default_factory=list)  # only with details=True


# ----------------------------------------------------------------------------------------------
# Reading TimeML


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_timeml(path: Path) -> TimeMLDoc:
    """A TimeML file: the stripped `<TEXT>`, its DCT and its gold TIMEX3 (offsets into the stripped text)."""
    root = ET.parse(path).getroot()
    dct: date | None = None
    for el in root.iter():
        if _local(el.tag) == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME":
            m = re.match(r"(\d{4})-(\d\d)-(\d\d)", el.get("value") or "")
            if m:
                dct = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                break
    text_el = next((el for el in root.iter() if _local(el.tag) == "TEXT"), None)
    if text_el is None:
        raise ValueError("no <TEXT> element")
    parts: list[str] = []
    timexes: list[Timex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if _local(el.tag) == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME" and pos > start:
            timexes.append(Timex(start=start, end=pos, text="", type=el.get("type") or "DATE", value=el.get("value")))

    walk(text_el)
    text = "".join(parts)
    gold = []
    for t in timexes:  # trim spaces the annotators included ("five years' ", "les mois d'été,")
        s, e = t.start, t.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        gold.append(t.model_copy(update={"start": s, "end": e, "text": text[s:e]}))
    return TimeMLDoc(name=path.name, text=text, dct=dct, timexes=sorted(gold, key=lambda t: t.start))


# ----------------------------------------------------------------------------------------------
# Scoring


def _match(gold: list[Timex], pred: list[Timex], strict: bool) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs: exact extents (strict) or overlapping ones, largest overlap first (relaxed)."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if strict:
                if (g.start, g.end) == (p.start, p.end):
                    cands.append((0, i, j))
            else:
                overlap = min(g.end, p.end) - max(g.start, p.start)
                if overlap > 0:
                    cands.append((-overlap, i, j))
    pairs, used_g, used_p = [], set(), set()
    for _, i, j in sorted(cands):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((gold[i], pred[j]))
    return pairs


def _same_value(g: Timex, p: Timex) -> bool:
    return (g.value or "").strip().upper() == (p.value or "").strip().upper()


def _scores(pairs: list[tuple[Timex, Timex, bool]], gold_type: str | None, n_gold: int, n_pred: int) -> Scores:
    """Scores of the matched (gold, pred, exact) pairs; for one type, recall counts pairs whose gold has the type
    and precision pairs whose prediction has it."""
    on_gold = [x for x in pairs if gold_type is None or x[0].type == gold_type]
    on_pred = [x for x in pairs if gold_type is None or x[1].type == gold_type]

    def count(rows: list[tuple[Timex, Timex, bool]], what: str) -> int:
        if what == "strict":
            return sum(exact for _, _, exact in rows)
        if what == "value":
            return sum(_same_value(g, p) for g, p, _ in rows)
        return len(rows)

    c = Scores(n_gold=n_gold, n_pred=n_pred, strict_matches=count(on_gold, "strict"), relaxed_matches=len(on_gold),
               type_correct=sum(g.type == p.type for g, p, _ in on_gold), value_correct=count(on_gold, "value"))  # fmt: skip
    for what in ("strict", "relaxed", "value"):
        tp_p, tp_r = count(on_pred, what), count(on_gold, what)
        prec = tp_p / n_pred if n_pred else 0.0
        rec = tp_r / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        setattr(c, f"{what}_precision", round(prec, 4))
        setattr(c, f"{what}_recall", round(rec, 4))
        setattr(c, f"{what}_f1", round(f1, 4))
    c.type_accuracy = round(c.type_correct / c.relaxed_matches, 4) if c.relaxed_matches else 0.0
    c.value_accuracy = round(c.value_correct / c.relaxed_matches, 4) if c.relaxed_matches else 0.0
    return c


def score(
    docs: list[tuple[str, list[Timex], list[Timex]]], *, details: bool = False
) -> tuple[Scores, dict[str, Scores], list[DateError]]:
    """TempEval-3 scores over (document name, gold, predicted) triples; overall, per type, and the errors."""
    pairs: list[tuple[Timex, Timex, bool]] = []
    golds: list[Timex] = []
    preds: list[Timex] = []
    errors: list[DateError] = []
    for name, gold, pred in docs:
        golds += gold
        preds += pred
        strict = {(id(g), id(p)) for g, p in _match(gold, pred, strict=True)}
        relaxed = _match(gold, pred, strict=False)
        for g, p in relaxed:
            exact = (id(g), id(p)) in strict
            pairs.append((g, p, exact))
            if details and not (exact and g.type == p.type and _same_value(g, p)):
                kind = "value" if not _same_value(g, p) else "type" if g.type != p.type else "extent"
                errors.append(DateError(doc=name, kind=kind, gold=g, pred=p))
        if details:
            matched_g = {id(g) for g, _ in relaxed}
            matched_p = {id(p) for _, p in relaxed}
            errors += [DateError(doc=name, kind="missed", gold=g) for g in gold if id(g) not in matched_g]
            errors += [DateError(doc=name, kind="spurious", pred=p) for p in pred if id(p) not in matched_p]
    total = _scores(pairs, None, len(golds), len(preds))
    by_type = {}
    for t in sorted({x.type for x in golds + preds}, key=lambda t: (t not in TYPES, TYPES.index(t) if t in TYPES else 0, t)):
        n_g = sum(g.type == t for g in golds)
        n_p = sum(p.type == t for p in preds)
        by_type[t] = _scores(pairs, t, n_g, n_p)
    return total, by_type, errors


# ----------------------------------------------------------------------------------------------
# Running claimx


def _is_language(code: str) -> bool:
    """A code claimx, spaCy or dateparser knows as a language ("en", "fr", "de"), not any short folder name."""
    import importlib.util

    from claimx.nlp.pipelines import has_trained
    from claimx.temporal.lexicon import load_lexicon

    if has_trained(code) or load_lexicon(code) is not None:
        return True
    return importlib.util.find_spec(f"dateparser.data.date_translation_data.{code}") is not None


def _lang_for(folder: Path, docs: list[TimeMLDoc], lang: str | None) -> str:
    if lang:
        return lang
    name = folder.name.lower()
    if re.fullmatch(r"[a-z]{2,3}", name) and _is_language(name):
        return name
    try:
        from claimx.ingest.langid import detect_document
    except ImportError:
        return "en"
    sample = "\n".join(d.text for d in docs)[:4000]
    return detect_document(sample).lang or "en"


def _labels_times(lang: str) -> bool:
    """Whether the trained model of `lang` can label DATE/TIME at all (the French one cannot: no need to parse)."""
    from claimx.nlp.pipelines import base_pipeline

    nlp = base_pipeline(lang)
    labels = set(nlp.get_pipe("ner").labels) if "ner" in nlp.pipe_names else set()
    return bool(labels & {"DATE", "TIME"})


def predict(doc: TimeMLDoc, lang: str) -> list[Timex]:
    """claimx's time expressions for one document, exactly as the pipeline finds them."""
    from claimx.claims.extract import time_candidates
    from claimx.nlp.pipelines import base_pipeline, has_trained
    from claimx.temporal.finder import find_times

    candidates: list[tuple[int, int]] = []
    if has_trained(lang) and _labels_times(lang):
        candidates = time_candidates(base_pipeline(lang)(doc.text))
    spans = find_times(doc.text, lang, doc.dct, candidates)
    return [Timex(start=s.start_char, end=s.end_char, text=s.text, type=s.type, value=s.value) for s in spans]


def evaluate_dates(dir: Path, lang: str | None = None, *, details: bool = False) -> DatesReport:  # noqa: A002
    """Tag every `.tml` file of `dir` with claimx and score it against the gold TIMEX3 (see the module doc)."""
    dir = Path(dir)  # noqa: A001
    paths = sorted(dir.glob("*.tml"))
    if not paths:
        raise ValueError(f"{dir}: no .tml files")
    docs, skipped = [], []
    for path in paths:
        try:
            docs.append(read_timeml(path))
        except (ET.ParseError, ValueError, OSError) as exc:  # fail soft per document
            skipped.append(f"{path.name}: {exc}")
    lang = _lang_for(dir, docs, lang)
    t0 = time.perf_counter()
    triples = [(d.name, d.timexes, predict(d, lang)) for d in docs]
    seconds = time.perf_counter() - t0
    total, by_type, errors = score(triples, details=details)
    return DatesReport(
        **total.model_dump(), dir=str(dir), lang=lang, n_docs=len(docs), skipped=skipped,
        seconds=round(seconds, 3), by_type=by_type, errors=errors,
    )  # fmt: skip


def render(report: DatesReport):
    """A rich table of the scores, overall and per gold type (fits 80 columns)."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=f"dates ({report.lang}, {report.n_docs} documents): value F1 {report.value_f1:.3f}",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        collapse_padding=True,
        pad_edge=False,
    )
    cols = ("type", "gold", "pred", "strict\nF1", "relaxed\nP", "relaxed\nR", "relaxed\nF1", "type\nacc",
            "value\nacc", "value\nF1")  # fmt: skip
    for col in cols:
        table.add_column(col, justify="left" if col == "type" else "right")

    def row(name: str, c: Scores, **kw) -> None:
        nums = (c.strict_f1, c.relaxed_precision, c.relaxed_recall, c.relaxed_f1, c.type_accuracy, c.value_accuracy,
                c.value_f1)  # fmt: skip
        table.add_row(name, str(c.n_gold), str(c.n_pred), *(f"{x:.3f}" for x in nums), **kw)

    for t, c in report.by_type.items():
        row(t, c)
    row("all", report, style="bold")
    if report.skipped:
        table.caption = f"skipped {len(report.skipped)} file(s): " + "; ".join(report.skipped)
    return table


def run(dir: Path, json: bool, console) -> int:  # noqa: A002 (names of the CLI options)
    """Evaluate `dir` and print JSON or the table on `console`; the exit status (1 if a file was skipped)."""
    report = evaluate_dates(Path(dir))
    if json:
        console.print_json(report.model_dump_json())
    else:
        console.print(render(report))
    return 1 if report.skipped else 0
