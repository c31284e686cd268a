"""Reads one input file of any format (txt, md, html, json, jsonl) into `Article`s.

One input file gives one article (a `.jsonl` file one per line). A file that cannot be read gives an
`IngestError` naming the file and the reason; the run goes on. Files are read through `discover.read_input`
(regular files inside the corpus, at most `max_bytes`); a document longer than `max_chars` characters is rejected
before language ID, since the time the claim rules take grows faster than the length of one document. Metadata is
taken, first found wins, from: JSON fields, a front-matter block, a sidecar `NAME.meta.json`, HTML metadata, then
`--reference-date` (for the date only). An article with no date keeps `published=None`: claimx never guesses a date
silently.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from claimx.ingest.decode import decode
from claimx.ingest.discover import SUFFIXES, IngestError, ReadPolicy, read_input
from claimx.ingest.langid import language_code
from claimx.ingest.metadata import front_matter, merge_layers, parse_date, read_sidecar
from claimx.schemas import Article

MAX_CHARS = 200_000  # default cap on one document's characters
SPACY_MAX_CHARS = 1_000_000  # spaCy's own limit (nlp.max_length): --max-chars cannot go past it


def doc_id_for(text: str, name: str, item: int | None = None) -> str:
    """Stable id of one input item: a hash of its path inside the corpus (`name`), its line in a JSONL file and
    its text. Two files with the same text have two ids (a reprint is found by its content, in reconciliation);
    the same file gives the same id in every run, wherever the corpus folder is."""
    h = hashlib.sha256(f"{name}\x00{'' if item is None else item}\x00".encode("utf-8", "surrogateescape"))
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def _short(value: object, n: int = 40) -> str:
    r = repr(value)
    return r if len(r) <= n else r[: n - 1] + "…"


def _article(
    path: Path, name: str, text: str, encoding: str, fmt: str, layers: list[tuple[str, dict]],
    reference_date: date | None, item: int | None = None, body_start: int = 0,
) -> Article:
    meta, date_from = merge_layers(layers)
    warnings = []
    if not meta.get("published") and reference_date is not None:
        meta["published"], date_from = reference_date, "reference-date"
    for layer_name, layer in layers:
        raw = layer.get("published") or layer.get("date")
        if raw and parse_date(raw) is None:
            warnings.append(f"{layer_name}: unreadable date {_short(raw)} ignored")
    lang = language_code(meta.get("lang"))
    if meta.get("lang") and lang is None:
        warnings.append(f"declared language {_short(meta['lang'])} ignored: not a language claimx detects")
    if encoding not in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        warnings.append(f"decoded as {encoding} (detected)")
    return Article(
        doc_id=doc_id_for(text, name, item), path=str(path), item=item, text=text,
        title=meta.get("title"), source=meta.get("source"), url=meta.get("url"),
        published=meta.get("published"), published_from=date_from, lang_hint=lang,
        encoding=encoding, format=fmt, body_start=body_start, warnings=warnings,
    )


def _json_article(raw: str) -> tuple[str, dict]:
    """(text, metadata) of one JSON article; ValueError when it is not one."""
    try:
        obj = json.loads(raw)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    text = obj.get("text") if obj.get("text") is not None else obj.get("content")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no non-empty `text` or `content` field")
    return text, obj


Loaded = tuple[bytes, dict | str]  # a file's bytes, and its sidecar's metadata ({}: none) or why it is unreadable


def load_input(path: Path, policy: ReadPolicy | None = None) -> Loaded:
    """The bytes of one input file and its sidecar's metadata, read under `policy` (as `read_file` reads them);
    OSError or ValueError (`load_reason` words it) when the file itself is not read. A sidecar that cannot be read
    is its reason, a string: the file's decoding errors come first."""
    policy = policy or ReadPolicy()
    data = read_input(path, policy)
    try:
        sidecar: dict | str = read_sidecar(path, policy)
    except ValueError as exc:
        sidecar = str(exc)
    return data, sidecar


def load_reason(exc: OSError | ValueError) -> str:
    """Why a file was not read, as the one line a rejected file gets."""
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def read_file(
    path: Path, reference_date: date | None = None, *, name: str | None = None, policy: ReadPolicy | None = None,
    max_chars: int = MAX_CHARS, loaded: Loaded | None = None,
) -> Iterator[Article | IngestError]:
    """Articles from one file (several for JSONL), or errors naming the file (and line) and the reason.

    `name` is the file's path inside the corpus (its id depends on it; default: the file name); `policy` says what
    may be read; a document over `max_chars` characters is an error. `loaded` is what `load_input` read of the
    file when it was read already (elsewhere, maybe on another machine): the file is not read again."""
    fmt = SUFFIXES[path.suffix.lower()]
    policy = policy or ReadPolicy()
    name = name or path.name
    try:
        data, sidecar = loaded if loaded is not None else load_input(path, policy)
        text, encoding = decode(data)
        del data
        if isinstance(sidecar, str):  # the sidecar's reason, once the file itself decoded
            raise ValueError(sidecar)  # noqa: TRY004 - a reason, not a wrong type
    except (OSError, ValueError) as exc:
        yield IngestError(str(path), load_reason(exc))
        return

    def checked(article: Article) -> Article | IngestError:
        if len(article.text) > max_chars:
            return IngestError(str(path), f"document has {len(article.text):,} characters, more than --max-chars "
                               f"{max_chars:,}: not processed (split it, or raise --max-chars)", item=article.item)
        return article

    if fmt in ("txt", "md"):
        meta, body_start = front_matter(text)
        yield checked(_article(path, name, text, encoding, fmt, [("front-matter", meta), ("sidecar", sidecar)],
                               reference_date, body_start=body_start))
    elif fmt == "html":
        from claimx.ingest.html import extract_html

        ex = extract_html(text)
        if not ex.text.strip():
            yield IngestError(str(path), "HTML page has no extractable article text")
            return
        html_meta = {"title": ex.title, "source": ex.sitename, "published": ex.date, "lang": ex.lang}
        yield checked(_article(path, name, ex.text, encoding, fmt, [("sidecar", sidecar), ("html", html_meta)],
                               reference_date))
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
            yield checked(_article(path, name, body, encoding, fmt, [("json", layer), ("sidecar", sidecar)],
                                   reference_date, item=n))
