"""Walks a corpus folder, decodes files, reads metadata and builds `Article`s.

One input file gives one article (a `.jsonl` file one per line). A file that cannot be read gives an
`IngestError` naming the file and the reason; the run goes on. Metadata is taken, first found wins, from:
JSON fields, a front-matter block, a sidecar `NAME.meta.json`, HTML metadata, then `--reference-date` (for the
date only). An article with no date keeps `published=None`: claimx never guesses a date silently.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from claimx.schemas import Article

SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
SIDECAR = ".meta.json"
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_META_KEYS = ("title", "source", "url", "published", "lang")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass
class IngestError:
    """A file (or JSONL line) that could not become an article."""

    path: str
    reason: str
    item: int | None = None


def discover(corpus: Path) -> tuple[list[Path], list[IngestError], list[str]]:
    """Input files under `corpus` (recursive, sorted), unreadable folders, and skipped files of other types."""
    files: list[Path] = []
    errors: list[IngestError] = []
    skipped: list[str] = []

    def onerror(exc: OSError) -> None:
        errors.append(IngestError(str(exc.filename), f"cannot read directory: {exc.strerror}"))

    for root, dirs, names in os.walk(corpus, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or name.endswith(SIDECAR):
                continue
            path = Path(root) / name
            if path.suffix.lower() in SUFFIXES:
                files.append(path)
            else:
                skipped.append(str(path))
    return files, errors, skipped


def doc_id_for(text: str, path: str, item: int | None = None) -> str:
    """Stable id: a hash of the content (and, for JSONL items, the position so duplicates stay distinct)."""
    h = hashlib.sha256(text.encode("utf-8"))
    if item is not None:
        h.update(f"\x00{Path(path).name}#{item}".encode())
    return h.hexdigest()[:16]


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding). Raises ValueError with the reason for empty, binary or undecodable input.

    Valid UTF-8 (with or without BOM) is taken as is. A file with valid multi-byte UTF-8 sequences *and*
    invalid bytes is corrupt or mixes encodings: rejected rather than silently patched. Otherwise the
    encoding is detected (charset-normalizer); among equally plausible candidates the widely used Western
    ones are preferred, since short texts rarely tell cp1252 from cp1250.
    """
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise ValueError(
                f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) in a file that is otherwise UTF-8"
            ) from None
        text, encoding = _detect(data, exc.start)
    if len(_CONTROL.findall(text)) > max(2, len(text) // 200):
        raise ValueError("binary file (control characters)")
    return text, encoding


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Preferred when charset-normalizer finds several encodings equally plausible (lower index wins).
_PREFERRED = ("cp1252", "iso8859_15", "latin_1", "cp1251", "cp1250", "iso8859_2", "mac_roman")


def _detect(data: bytes, bad_at: int) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches or min(m.chaos for m in matches) > 0.2:
        raise ValueError(f"not UTF-8 (invalid byte at offset {bad_at}) and no other encoding fits")
    floor = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= floor + 0.1]
    best = min(close, key=lambda m: (_PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else len(_PREFERRED), m.chaos))
    return str(best), best.encoding


def parse_date(value: object) -> date | None:
    """An ISO date or datetime (string or number of seconds) → date; None when it is not one."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value).date()
    s = str(value).strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """`key: value` lines of a leading `---` block, and the offset where the body starts."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    meta = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in _META_KEYS:
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, m.end()


def _sidecar(path: Path) -> dict:
    for cand in (path.with_name(path.name + SIDECAR), path.with_name(path.stem + SIDECAR)):
        if cand.is_file():
            try:
                data = json.loads(cand.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ValueError(f"sidecar {cand.name} unreadable: {exc}") from None
            if not isinstance(data, dict):
                raise ValueError(f"sidecar {cand.name} is not a JSON object")
            return data
    return {}


def _merge(layers: list[tuple[str, dict]]) -> tuple[dict, str | None]:
    """First non-empty value of each metadata key, in the order of `layers`; and where the date came from."""
    meta: dict = {}
    date_from = None
    for name, layer in layers:
        for key in ("title", "source", "url", "lang"):
            if not meta.get(key) and layer.get(key):
                meta[key] = str(layer[key])
        if "published" not in meta:
            raw = layer.get("published") or layer.get("date")
            d = parse_date(raw)
            if d is not None:
                meta["published"], date_from = d, name
    return meta, date_from


def _article(
    path: Path, text: str, encoding: str, fmt: str, layers: list[tuple[str, dict]],
    reference_date: date | None, item: int | None = None, body_start: int = 0, warnings: list[str] | None = None,
) -> Article:
    meta, date_from = _merge(layers)
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
        sidecar = _sidecar(path)
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
