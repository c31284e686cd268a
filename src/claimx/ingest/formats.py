"""Reads one input file of any format (txt, md, html, json, jsonl) into `Article`s.

One input file gives one article (a `.jsonl` file one per line). A file that cannot be read gives an
`IngestError` naming the file and the reason; the run goes on. Metadata is taken, first found wins, from:
JSON fields, a front-matter block, a sidecar `NAME.meta.json`, HTML metadata, then `--reference-date` (for the
date only). An article with no date keeps `published=None`: claimx never guesses a date silently.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from claimx.ingest.decode import decode
from claimx.ingest.discover import SUFFIXES, IngestError
from claimx.ingest.metadata import front_matter, merge_layers, parse_date, read_sidecar
from claimx.schemas import Article


def doc_id_for(text: str, path: str, item: int | None = None) -> str:
    """Stable id: a hash of the content (and, for JSONL items, the position so duplicates stay distinct)."""
    h = hashlib.sha256(text.encode("utf-8"))
    if item is not None:
        h.update(f"\x00{Path(path).name}#{item}".encode())
    return h.hexdigest()[:16]


def _article(
    path: Path, text: str, encoding: str, fmt: str, layers: list[tuple[str, dict]],
    reference_date: date | None, item: int | None = None, body_start: int = 0, warnings: list[str] | None = None,
) -> Article:
    meta, date_from = merge_layers(layers)
    warnings = list(warnings or [])
    if not meta.get("published") and reference_date is not None:
        meta["published"], date_from = reference_date, "reference-date"
    for name, layer in layers:
        raw = layer.get("published") or layer.get("date")
        if raw and parse_date(raw) is None:
            warnings.append(f"{name}: unreadable date {raw!r} ignored")
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(f"decoded as {encoding} (detected)")
    return Article(
        doc_id=doc_id_for(text, str(path), item), path=str(path), item=item, text=text,
        title=meta.get("title"), source=meta.get("source"), url=meta.get("url"),
        published=meta.get("published"), published_from=date_from, lang_hint=meta.get("lang"),
        encoding=encoding, format=fmt, body_start=body_start, warnings=warnings,
    )


def _json_article(raw: str) -> tuple[str, dict]:
    """(text, metadata) of one JSON article; ValueError when it is not one."""
    obj = json.loads(raw)
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    text = obj.get("text") if obj.get("text") is not None else obj.get("content")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no non-empty `text` or `content` field")
    return text, obj


def read_file(path: Path, reference_date: date | None = None) -> Iterator[Article | IngestError]:
    """Articles from one file (several for JSONL), or errors naming the file (and line) and the reason."""
    fmt = SUFFIXES[path.suffix.lower()]
    try:
        data = path.read_bytes()
        text, encoding = decode(data)
        sidecar = read_sidecar(path)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        yield IngestError(str(path), reason)
        return
    if fmt in ("txt", "md"):
        meta, body_start = front_matter(text)
        yield _article(path, text, encoding, fmt, [("front-matter", meta), ("sidecar", sidecar)],
                       reference_date, body_start=body_start)
    elif fmt == "html":
        from claimx.ingest.html import extract_html

        ex = extract_html(text)
        if not ex.text.strip():
            yield IngestError(str(path), "HTML page has no extractable article text")
            return
        html_meta = {"title": ex.title, "source": ex.sitename, "published": ex.date, "lang": ex.lang}
        yield _article(path, ex.text, encoding, fmt, [("sidecar", sidecar), ("html", html_meta)], reference_date)
    else:  # one JSON article, or one a line
        items = [(None, text)] if fmt == "json" else [
            (n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        for n, chunk in items:
            where = "" if n is None else f"line {n}: "
            try:
                body, layer = _json_article(chunk)
            except ValueError as exc:
                yield IngestError(str(path), f"{where}malformed JSON article: {exc}", item=n)
                continue
            yield _article(path, body, encoding, fmt, [("json", layer), ("sidecar", sidecar)], reference_date, item=n)
