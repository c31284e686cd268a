"""One document's way through the per-document stages: read and language ID (`prepare_file`), then boilerplate
removal (`strip_document`); claims come from `nlp.batch`. Whatever a document raises, it becomes a rejected
`DocumentRecord` with the stage and the reason on one bounded line (`reason`), never an exception: the run goes
on with the others. These run wherever an engine runs its tasks (`engines.tasks`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from claimx.ingest.discover import ReadPolicy
from claimx.ingest.formats import MAX_CHARS
from claimx.schemas import Article, DocumentRecord, Paragraph

MAX_REASON = 200  # characters of an error line


@dataclass
class Prepared:
    """An article after ingest and language ID, ready for boilerplate stripping."""

    article: Article
    paragraphs: list[Paragraph]
    lang: str | None
    lang_prob: float


def error_line(exc: BaseException) -> str:
    """An exception as one bounded line: `TypeName: message`."""
    message = " ".join(str(exc).split())
    line = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return line if len(line) <= MAX_REASON else line[: MAX_REASON - 1] + "…"


def reason(stage: str, exc: BaseException) -> str:
    """Why a document was rejected: the stage that failed and `error_line` of what it raised."""
    return f"{stage}: {error_line(exc)}"


def article_record(a: Article, **found: object) -> DocumentRecord:
    """The `documents.jsonl` record of an article, with what the stages found (or the error) in `found`."""
    return DocumentRecord(
        doc_id=a.doc_id, path=a.path, item=a.item, source=a.source, title=a.title, url=a.url,
        published=a.published, published_from=a.published_from, encoding=a.encoding, chars_in=len(a.text),
        warnings=a.warnings, **found,
    )


def prepare_file(path: Path, reference_date: date | None, name: str | None = None, policy: ReadPolicy | None = None,
                 max_chars: int = MAX_CHARS, loaded: tuple[bytes, dict | str] | None = None
                 ) -> list[Prepared | DocumentRecord]:
    """Ingest one file and detect languages; errors become rejected `DocumentRecord`s and are never raised.
    `name` is the file's path inside the corpus; `policy` and `max_chars` are what may be read; `loaded`, what
    was read of it already (`read_file`)."""
    from claimx.ingest.discover import IngestError
    from claimx.ingest.formats import read_file

    out: list[Prepared | DocumentRecord] = []
    try:
        for item in read_file(path, reference_date, name=name, policy=policy, max_chars=max_chars, loaded=loaded):
            if isinstance(item, IngestError):
                out.append(DocumentRecord(doc_id=None, path=item.path, item=item.item, status="rejected",
                                          error=item.reason))
                continue
            try:
                out.append(detect_languages(item))
            except Exception as exc:  # noqa: BLE001 - whatever one article raises, the others go on
                out.append(article_record(item, status="rejected", error=reason("langid", exc)))
    except Exception as exc:  # noqa: BLE001 - the reader failed on this file: the articles it gave before stay
        out.append(DocumentRecord(doc_id=None, path=str(path), status="rejected", error=reason("ingest", exc)))
    return out


def detect_languages(article: Article) -> Prepared:
    """Language ID of one article, as a whole and per paragraph."""
    from claimx.common.text import line_spans
    from claimx.ingest import langid

    spans = line_spans(article.text, article.body_start)
    guess = langid.detect_document(article.text, spans)
    lang, prob = guess.lang, guess.prob
    if article.lang_hint and (lang is None or prob < 0.9):
        lang, prob = article.lang_hint.lower()[:2], 1.0  # a declared language beats an unsure guess
    doc_guess = langid.LangGuess(lang, prob)
    return Prepared(article, langid.detect_paragraphs(article.text, spans, doc_guess), lang, prob)


def strip_document(prep: Prepared, templates: frozenset[str]) -> DocumentRecord:
    """Boilerplate removal for one prepared article → its `documents.jsonl` record."""
    from claimx.ingest.boilerplate import strip
    from claimx.nlp.pipelines import has_trained

    a = prep.article
    removed = sorted(strip(a.text, prep.paragraphs, prep.lang, templates), key=lambda r: (r.start, r.end))
    gone = _covered(removed)
    kept = sum(p.end - p.start - _overlap(gone, p.start, p.end) for p in prep.paragraphs)
    return article_record(a, lang=prep.lang, lang_prob=prep.lang_prob, has_pipeline=has_trained(prep.lang),
                           paragraphs=prep.paragraphs, removed=removed, chars_kept=kept)


def strip_or_reject(prep: Prepared, templates: frozenset[str]) -> DocumentRecord:
    """`strip_document`, or the article rejected with the reason when it raises."""
    try:
        return strip_document(prep, templates)
    except Exception as exc:  # noqa: BLE001 - whatever one document raises, the others go on
        return article_record(prep.article, lang=prep.lang, lang_prob=prep.lang_prob, paragraphs=prep.paragraphs,
                               status="rejected", error=reason("boilerplate", exc))


def _covered(removed: list) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for r in removed:
        if merged and r.start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], r.end))
        else:
            merged.append((r.start, r.end))
    return merged


def _overlap(spans: list[tuple[int, int]], s: int, e: int) -> int:
    return sum(max(0, min(e, b) - max(s, a)) for a, b in spans)
