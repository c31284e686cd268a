"""The per-document stages of a run, on an engine and through the per-document cache.

Reading (ingest and language ID) takes files, extraction (boilerplate, spaCy, claim rules, entity votes) takes
documents. Each stage looks its units up in the cache a group at a time (`GROUP`), sends what it did not find to
the engine in batches sized by bytes (`READ_BYTES`) or characters (`EXTRACT_CHARS`), never by counting files, stores
what comes back as it comes, and gives every unit's results in the order of the units, whichever way they were
found. Results cross as plain data (`tasks`) and become records here.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from claimx.engines import tasks
from claimx.engines.batches import Batch, Tick, batches_of
from claimx.engines.cache import DocumentCache, content_digest, document_key, file_key
from claimx.schemas import Claim, DocumentRecord

READ_BYTES = 200_000  # bytes of input files a reading task takes (language ID: about a second of work)
EXTRACT_CHARS = 20_000  # characters of documents an extraction task takes (spaCy and the rules: about a second)
GROUP = 512  # units looked up in the cache at once
GROUP_BYTES = 64_000_000  # at most (about) this many bytes of files read here at once
T = TypeVar("T")


@dataclass
class Reuse:
    """How many documents this run extracted, and how many it took from the cache."""

    extracted: int = 0
    reused: int = 0


def _groups(items: Iterable, size: int) -> Iterator[list]:
    source = iter(items)
    while group := list(islice(source, size)):
        yield group


def _file_groups(files: list[tuple[Path, str]]) -> Iterator[list[tuple[Path, str]]]:
    """The files in groups of at most GROUP files and (about) GROUP_BYTES bytes."""
    for group in _groups(files, GROUP):
        yield from batches_of(((f, _size(f[0])) for f in group), GROUP_BYTES)


def read_stage(engine, cache: DocumentCache | None, files: list[tuple[Path, str]], context: dict,
               tick: Tick = None) -> Iterator[list]:
    """Per file (`(path, path inside the corpus)`), in order: its prepared articles and rejected records
    (`documents.Prepared` and `DocumentRecord`), from the cache or read by the engine's workers."""
    _, policy, _ = tasks.read_options(context)
    options = {"reference_date": context["reference_date"], "max_chars": context["max_chars"]}
    stored: deque[list[tuple[str, str] | None] | None] = deque()  # per batch: per unit its (key, digest) to store

    def batches() -> Iterator[Batch]:
        from claimx.ingest.formats import load_input

        for group in _file_groups(files):
            sent: dict[Path, tuple] = {}  # what is sent to the workers, when they do not read the files themselves
            keys: dict[Path, tuple[str, str]] = {}  # the key and the digest of what was read here
            for path, name in group:
                if cache is None and engine.reads_paths:
                    break
                try:  # read here: for the key, or to send the bytes
                    loaded = load_input(path, policy)
                except (OSError, ValueError):
                    continue  # rejected by a worker, or here, with its reason
                if cache is not None:
                    digest = content_digest(*loaded)
                    keys[path] = (file_key(context["fingerprint"], str(path), name, options, digest), digest)
                if not engine.reads_paths:
                    sent[path] = loaded
                del loaded
            found = cache.get([k for k, _ in keys.values()]) if cache is not None else {}
            misses: list[tuple[dict, int]] = []
            for path, name in group:
                key = keys.get(path)
                done = _reused(found.get(key[0]), tasks.read_of) if key is not None else None
                if done is not None:
                    yield from _flush(misses)
                    stored.append(None)
                    yield Batch([], done=[done])
                    continue
                unit: dict = {"path": str(path), "name": name}
                if engine.reads_paths:
                    weight = _size(path)
                elif path in sent:
                    unit["data"], unit["sidecar"] = sent.pop(path)
                    weight = len(unit["data"])
                else:  # not readable here: rejected here, as a worker would
                    yield from _flush(misses)
                    stored.append(None)
                    yield Batch([], done=[tasks.read_one(context, unit)])
                    continue
                misses.append(({**unit, "_key": key}, weight))
            yield from _flush(misses)

    def _flush(misses: list[tuple[dict, int]]) -> Iterator[Batch]:
        for batch in batches_of(misses, READ_BYTES):
            stored.append([u.pop("_key") for u in batch])
            yield Batch(batch)
        misses.clear()

    for results in engine.map(tasks.read_files, context, batches(), tick):
        keys = stored.popleft()
        if keys is not None:
            cache_put(cache, [(key[0], {"items": r["items"]}) for key, r in zip(keys, results, strict=True)
                              if key is not None and r["cacheable"] and r["digest"] == key[1]])
        for result in results:
            yield result if isinstance(result, list) else tasks.read_of(result)


def _reused(value: Any, parse: Callable[[Any], T]) -> T | None:
    """A cached result through `parse` (`tasks.read_of`, `tasks.extracted_of`); None, a miss replaced when stored
    again, if there is none or it is not one (another shape, spoiled JSON)."""
    if value is None:
        return None
    try:
        return parse(value)
    except (KeyError, TypeError, ValueError):
        return None


def extract_stage(engine, cache: DocumentCache | None, prepared: Iterable, templates: frozenset[str], context: dict,
                  reuse: Reuse, tick: Tick = None) -> Iterator[tuple[DocumentRecord, list[Claim], Counter]]:
    """Per prepared document, in order: its record, claims and entity votes, from the cache or extracted by the
    engine's workers. `reuse` counts which."""
    from claimx.ingest.boilerplate import templates_in

    langs = context["langs"]
    stored: deque[list[str | None] | None] = deque()

    def batches() -> Iterator[Batch]:
        for group in _groups(prepared, GROUP):
            units = []
            for prep in group:
                claims = context["extract"] and prep.lang is not None and (langs is None or prep.lang in langs)
                unit = {"prepared": tasks.prepared_json(prep),
                        "templates": sorted(templates_in(prep.article.text, prep.paragraphs, templates))}
                key = document_key(context["fingerprint"], unit["prepared"], unit["templates"], claims) \
                    if cache is not None else None
                units.append((unit, key, len(prep.article.text)))
            found = cache.get([k for _, k, _ in units if k is not None], raw=True) if cache is not None else {}
            misses: list[tuple[dict, int]] = []
            for unit, key, weight in units:
                done = _reused(found.get(key), tasks.extracted_of) if key is not None else None
                if done is not None:
                    yield from _flush(misses)
                    reuse.reused += 1
                    stored.append(None)
                    yield Batch([], done=[done])
                else:
                    misses.append(({**unit, "_key": key}, weight))
            yield from _flush(misses)

    def _flush(misses: list[tuple[dict, int]]) -> Iterator[Batch]:
        for batch in batches_of(misses, EXTRACT_CHARS):
            stored.append([u.pop("_key") for u in batch])
            reuse.extracted += len(batch)
            yield Batch(batch)
        misses.clear()

    for results in engine.map(tasks.extract, context, batches(), tick):
        keys = stored.popleft()
        if keys is not None:
            cache_put(cache, [(key, {k: v for k, v in r.items() if k != "cacheable"})
                              for key, r in zip(keys, results, strict=True) if key is not None and r["cacheable"]])
        for result in results:
            yield result if isinstance(result, tuple) else tasks.extracted_of(result)


def cache_put(cache: DocumentCache | None, items: list) -> None:
    if cache is not None and items:
        cache.put(items)


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
