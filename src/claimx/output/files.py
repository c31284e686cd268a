"""Files out (and back in): atomic, deterministic JSON and JSONL, and the JSON Schemas of every record.

Formats:

- `facts.json`: `{"version": 2, "facts": [Fact, ...]}` and `conflicts.json`: `{"version": 2, "conflicts":
  [Conflict, ...]}`: an object, not a bare list, so a later version can add fields beside the list without
  breaking readers. The lists are written in the order given (`reconcile` sorts them). Version 2: facts are
  per predicate and carry `story` and `conflicts`; a conflict's sides carry their `fact_key` (version 1 had
  one family-wide fact and a conflict-level `fact_key`).
- `claims.jsonl`, `documents.jsonl`: one record a line.

Every file is UTF-8 (`ensure_ascii=False`; a lone surrogate, from a file name that is not UTF-8 or a JSON
escape, is written as its `\\udcXX` escape), with sorted keys and a final newline, written to a temporary file in
the same folder, flushed, fsync'ed and moved over the target with `os.replace`: a reader sees the old file or the
new one, never half of one, and the same records always give the same bytes. A run writes them all in a staging
folder and moves them into its output folder together (`folder`); its `report.json` lists the size and SHA-256 of
each (`outputs`), and the readers here check a file against that list when given it (`read_manifest`), so files
of two different runs are never read together. Readers raise `ValueError("<file>: <reason>")`, one line the CLI
can print as is, for any content, deeply nested JSON included.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict, ValidationError

from claimx.common.errors import first_error
from claimx.schemas import Claim, Conflict, DocumentRecord, Fact, RunReport

FORMAT_VERSION = 2
FACTS_FILE = "facts.json"
CONFLICTS_FILE = "conflicts.json"
CLAIMS_FILE = "claims.jsonl"

T = TypeVar("T", bound=BaseModel)


class FactsFile(BaseModel):
    """`facts.json`."""

    model_config = ConfigDict(extra="forbid")

    version: int = FORMAT_VERSION
    facts: list[Fact]


class ConflictsFile(BaseModel):
    """`conflicts.json`."""

    model_config = ConfigDict(extra="forbid")

    version: int = FORMAT_VERSION
    conflicts: list[Conflict]


def to_jsonable(obj: Any) -> Any:
    """Pydantic models (also inside lists, tuples and dicts) as plain JSON values."""
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    return obj


def _model(obj: Any) -> Any:
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    raise TypeError(f"{type(obj).__name__} is not JSON serializable")


_ORJSON_INDENT = {None: 0, 2: orjson.OPT_INDENT_2}


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """The JSON text claimx writes: sorted keys, non-ASCII kept, no trailing newline.

    orjson writes it (the same text as `json.dumps(..., ensure_ascii=False, sort_keys=True)` with these separators,
    but for floats under 1e-4, which it writes as 0.00001 or 2.5e-7 where the standard library writes 1e-05 or
    2.5e-07), six times faster; what it refuses (a lone surrogate, a key that is not a string, an integer past 64
    bits, another indent) the standard library writes."""
    option = _ORJSON_INDENT.get(indent)
    if option is not None:
        try:  # the encoder meets the models itself: no walk over every value first
            return orjson.dumps(obj, default=_model, option=orjson.OPT_SORT_KEYS | option).decode("utf-8")
        except (orjson.JSONEncodeError, TypeError):
            pass
    separators = (",", ": ") if indent is not None else (",", ":")
    try:
        return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=indent, separators=separators, default=_model)
    except TypeError:  # keys that are not strings, numbers or null: each written as its str()
        return json.dumps(to_jsonable(obj), ensure_ascii=False, sort_keys=True, indent=indent, separators=separators)


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write `text` (one string, or pieces written one after the other, never joined) to a temporary file, then
    move it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes 0600 files; outputs get the usual umask-derived mode
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n",
                       buffering=1 << 20) as fh:
            if isinstance(text, str):
                fh.write(text)
            else:
                for piece in text:
                    fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable where the platform allows it
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def write_json(path: str | Path, obj: Any) -> Path:
    """Write one JSON value (models allowed) atomically; returns the path."""
    path = Path(path)
    write_atomic(path, dumps(obj) + "\n")
    return path


def write_jsonl(path: str | Path, records: Iterable[Any]) -> Path:
    """Write one JSON value a line, atomically; returns the path. The records are read and written one at a
    time, so a generator of them is never held whole."""
    return write_lines(path, (dumps(r, indent=None) for r in records))


def write_lines(path: str | Path, lines: Iterable[str]) -> Path:
    """Write lines already in claimx's JSON form (`dumps(record, indent=None)`), one a line, atomically, as they
    come; returns the path."""
    path = Path(path)
    write_atomic(path, (line + "\n" for line in lines))
    return path


def write_listing(path: str | Path, obj: BaseModel, field: str) -> Path:
    """Write a model whose `field` is a list, atomically, with the text `write_json` gives it, the list's records
    dumped one at a time: the file is never held whole as one value and one string. Returns the path."""
    path = Path(path)
    records = getattr(obj, field)
    shell = dumps(obj.model_copy(update={field: []}))  # '{\n  "facts": [],\n  "version": 1\n}'
    empty = f'"{field}": []'
    if not records or shell.count(empty) != 1:  # nothing to stream, or the key is not plain: whole, as before
        return write_json(path, obj)
    before, after = shell.split(empty)

    def pieces() -> Iterator[str]:
        yield f'{before}"{field}": ['
        sep = "\n"
        for record in records:  # each at the depth of a list inside the top object: four spaces
            yield sep + "    " + dumps(record).replace("\n", "\n    ")
            sep = ",\n"
        yield "\n  ]" + after + "\n"

    write_atomic(path, pieces())
    return path


def write_facts(out_dir: str | Path, facts: list[Fact]) -> Path:
    """`<out_dir>/facts.json`."""
    return write_listing(Path(out_dir) / FACTS_FILE, FactsFile(facts=facts), "facts")


def write_conflicts(out_dir: str | Path, conflicts: list[Conflict]) -> Path:
    """`<out_dir>/conflicts.json`."""
    return write_listing(Path(out_dir) / CONFLICTS_FILE, ConflictsFile(conflicts=conflicts), "conflicts")


def write_claims(out_dir: str | Path, claims: Iterable[Claim]) -> Path:
    """`<out_dir>/claims.jsonl`."""
    return write_jsonl(Path(out_dir) / CLAIMS_FILE, claims)


# ----------------------------------------------------------------------------------------------
# Reading


def file_digest(path: Path) -> dict[str, int | str]:
    """`{"bytes": size, "sha256": hex}` of a file, as `report.json` lists each output."""
    with open(path, "rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    return {"bytes": path.stat().st_size, "sha256": digest}


@dataclass(frozen=True)
class Manifest:
    """What `report.json` says its run wrote: the run id and each output's size and SHA-256."""

    folder: Path
    run_id: str
    outputs: dict[str, dict]

    def check(self, path: Path, data: bytes) -> None:
        """ValueError when `data`, read from `path`, is not the file of this run."""
        listed = self.outputs.get(path.name)
        if listed is None:
            raise ValueError(f"{self.folder}: inconsistent output folder: {path.name} is not among the files of "
                             f"run {self.run_id} in report.json (run `claimx run` again)")
        if listed.get("bytes") != len(data) or listed.get("sha256") != hashlib.sha256(data).hexdigest():
            raise ValueError(f"{self.folder}: inconsistent output folder: {path.name} is not the file of run "
                             f"{self.run_id} in report.json (an interrupted run, or a file changed since; run "
                             "`claimx run` again)")

    def check_sizes(self) -> None:
        """ValueError when a listed file is missing or has another size (cheap: no file is read)."""
        for name, listed in sorted(self.outputs.items()):
            path = self.folder / name
            size = path.stat().st_size if path.is_file() else None
            if size != listed.get("bytes"):
                what = "is missing" if size is None else "is not the file"
                raise ValueError(f"{self.folder}: inconsistent output folder: {name} {what} of run {self.run_id} "
                                 "in report.json (an interrupted run, or a file changed since; run `claimx run` "
                                 "again)")


def _loads(text: str):
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def read_manifest(out_dir: str | Path) -> Manifest | None:
    """The outputs `<out_dir>/report.json` lists; None when there is no report.json (a folder made by hand) or it
    lists none (written before claimx listed them)."""
    folder = Path(out_dir)
    path = folder / "report.json"
    if not path.exists():
        return None
    text = _read_text(path)
    try:
        data = _loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: invalid JSON: {exc.msg} (line {exc.lineno})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a JSON object")  # noqa: TRY004 - a reader's errors are ValueError lines
    outputs = data.get("outputs")
    if not outputs:
        return None
    if not isinstance(outputs, dict) or not all(isinstance(v, dict) for v in outputs.values()):
        raise ValueError(f"{path}: outputs: not an object of files")
    return Manifest(folder, str(data.get("run_id")), outputs)


def _read_text(path: Path, manifest: Manifest | None = None) -> str:
    if not path.is_file():
        if manifest is not None and path.name in manifest.outputs:
            raise ValueError(f"{manifest.folder}: inconsistent output folder: {path.name} of run {manifest.run_id} "
                             "is missing (run `claimx run` again)")
        raise ValueError(f"{path}: no such file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if manifest is not None:
        manifest.check(path, data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: cannot read: not UTF-8 (byte offset {exc.start})") from exc


def read_jsonl(path: str | Path, schema: type[T], manifest: Manifest | None = None) -> list[T]:
    """Records of a JSONL file, each validated by `schema` (blank lines skipped)."""
    path = Path(path)
    out: list[T] = []
    for n, line in enumerate(_read_text(path, manifest).splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(schema.model_validate_json(line))
        except ValidationError as exc:
            if exc.errors()[0]["type"] == "json_invalid":
                raise ValueError(f"{path}: line {n}: invalid JSON") from exc
            raise ValueError(f"{path}: line {n}: {first_error(exc)}") from exc
        except RecursionError as exc:
            raise ValueError(f"{path}: line {n}: nested too deeply") from exc
    return out


def read_claims(path: str | Path, manifest: Manifest | None = None) -> list[Claim]:
    """Claims from a `claims.jsonl` file (or a folder holding one)."""
    path = Path(path)
    return read_jsonl(path / CLAIMS_FILE if path.is_dir() else path, Claim, manifest)


def _read_wrapped(path: Path, schema: type[T], manifest: Manifest | None = None) -> T:
    text = _read_text(path, manifest)
    try:
        data = _loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: invalid JSON: {exc.msg} (line {exc.lineno})") from exc
    if isinstance(data, dict) and data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise ValueError(f"{path}: format version {data.get('version')!r}, this claimx reads {FORMAT_VERSION}")
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise ValueError(f"{path}: {first_error(exc)}") from exc
    except RecursionError as exc:
        raise ValueError(f"{path}: nested too deeply") from exc


def read_facts(out_dir: str | Path, manifest: Manifest | None = None) -> list[Fact]:
    """Facts from `<out_dir>/facts.json`."""
    return _read_wrapped(Path(out_dir) / FACTS_FILE, FactsFile, manifest).facts


def read_conflicts(out_dir: str | Path, manifest: Manifest | None = None) -> list[Conflict]:
    """Conflicts from `<out_dir>/conflicts.json`."""
    return _read_wrapped(Path(out_dir) / CONFLICTS_FILE, ConflictsFile, manifest).conflicts


def json_schemas() -> dict[str, dict]:
    """JSON Schema of every output record, by model name (for `claimx schema`)."""
    models: list[type[BaseModel]] = [DocumentRecord, Claim, Fact, Conflict, RunReport, FactsFile, ConflictsFile]
    return {m.__name__: m.model_json_schema() for m in models}
