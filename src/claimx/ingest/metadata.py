"""Article metadata: dates, front matter, sidecar files, and the merge of their layers (first found wins)."""

from __future__ import annotations

import json
import math
import os
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from claimx.ingest.discover import SIDECAR, ReadPolicy, read_input

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_META_KEYS = ("title", "source", "url", "published", "lang")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def parse_date(value: object) -> date | None:
    """An ISO date or datetime (text), or a Unix time in seconds (read in UTC, whatever the machine's time zone), as a
    date; None when it is not one: booleans, NaN, infinities and numbers past the calendar included."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return None
        try:
            return (_EPOCH + timedelta(seconds=value)).date()
        except OverflowError:
            return None
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


def read_sidecar(path: Path, policy: ReadPolicy | None = None) -> dict:
    """The metadata of `NAME.meta.json` or `STEM.meta.json` beside `path`, read under the same `policy` as inputs;
    ValueError when it exists and cannot be read."""
    for cand in (path.with_name(path.name + SIDECAR), path.with_name(path.stem + SIDECAR)):
        if os.path.lexists(cand):
            try:
                data = json.loads(read_input(cand, policy or ReadPolicy()).decode("utf-8"))
            except OSError as exc:
                raise ValueError(f"sidecar {cand.name} unreadable: {exc.strerror or exc}") from None
            except RecursionError:
                raise ValueError(f"sidecar {cand.name} unreadable: nested too deeply") from None
            except ValueError as exc:
                raise ValueError(f"sidecar {cand.name} unreadable: {exc}") from None
            if not isinstance(data, dict):
                raise ValueError(f"sidecar {cand.name} is not a JSON object")
            return data
    return {}


def merge_layers(layers: list[tuple[str, dict]]) -> tuple[dict, str | None]:
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
