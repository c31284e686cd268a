"""Main text and metadata of an HTML page, with trafilatura; never touches the network.

trafilatura is run precision-first (`favor_precision=True`, comments off) on the page as given, with its
metadata (title, site name, date, author). The date comes from the page's metadata and date markup only
(htmldate without its extensive search): a year named in the body ("opened in 2019") is not a publication date,
and claimx never guesses one. The main text comes back one paragraph, heading or list item per
line; the title is metadata, not text. The page language is read from the markup (`<html lang>`,
`Content-Language`, `og:locale`); claimx's own detector decides later. A malformed or empty page gives an
empty `text`, and the caller rejects the file with a reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from pydantic import BaseModel, ConfigDict

from claimx.ingest.metadata import parse_date

_DATE_PARAMS = {"original_date": True, "extensive_search": False}  # markup only: no date guessed from the text
_LANG_CODE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")


class HtmlExtract(BaseModel):
    """What claimx keeps of an HTML page: its main text (one block per line) and metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str = ""
    title: str | None = None
    sitename: str | None = None
    date: dt.date | None = None
    lang: str | None = None  # declared by the page's markup, lower-case ISO 639 code
    author: str | None = None


def extract_html(raw: str | bytes, url: str | None = None) -> HtmlExtract:
    """Extract the article text and metadata of one HTML page.

    `url` only helps metadata (site name, date patterns in the path); nothing is fetched. Paragraphs are
    separated by newlines. Returns an empty `HtmlExtract` when the page cannot be parsed or has no main text.
    """
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    if not raw or not (raw.strip() if isinstance(raw, str) else raw.strip()):
        return HtmlExtract()
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its per-page warnings are not ours to show
    try:
        tree = load_html(raw)
        if tree is None:
            return HtmlExtract()
        lang = _declared_lang(tree)
        doc = bare_extraction(
            tree, url=url, favor_precision=True, with_metadata=True, include_comments=False,
            include_tables=True, include_images=False, include_links=False, deduplicate=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # noqa: BLE001 - a page trafilatura cannot handle is an empty page, not a crash
        return HtmlExtract()
    if doc is None:
        return HtmlExtract(lang=lang)
    lines = [line.strip() for line in (doc.text or "").splitlines() if line.strip()]
    title = _clean(doc.title)
    if lines and title and _same(lines[0], title):
        lines = lines[1:]  # the headline is metadata, not body text
    return HtmlExtract(
        text="\n".join(lines), title=title, sitename=_clean(doc.sitename), date=parse_date(doc.date),
        lang=lang, author=_clean(doc.author),
    )


def _declared_lang(tree: object) -> str | None:
    """The language the markup declares, if it looks like a language code."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]  # type: ignore[attr-defined]
    for xpath in ('//meta[@http-equiv="content-language" or @http-equiv="Content-Language"]/@content',
                  '//meta[@property="og:locale"]/@content', '//meta[@name="language"]/@content'):
        candidates += tree.xpath(xpath)[:1]  # type: ignore[attr-defined]
    for value in candidates:
        m = _LANG_CODE.match(str(value)) if value else None
        if m:
            return m.group(1).lower()
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None
