"""Finds, validates and caches the data under `models/`, per language.

Every data file is validated by a pydantic schema with `extra="forbid"` the first time it is used, and cached
after that. A language without a file falls back cleanly: `load_lang` returns `None` and the caller decides.
Extra model folders (a user's own frames or lexicons) can be added with `CLAIMX_MODELS` (os.pathsep-separated
list of folders searched after the bundled one) or `add_models_dir`.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from claimx.common.errors import first_error

T = TypeVar("T", bound=BaseModel)

_EXTRA_DIRS: list[Path] = []


class ResourceError(ValueError):
    """A file under models/ is missing or does not match its schema."""


def bundled_models_dir() -> Path:
    """The `models/` folder: beside the package in a source checkout, or inside it when installed."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "models", here.parent.parent / "models"):
        if candidate.is_dir():
            return candidate
    raise ResourceError(f"claimx models folder not found near {here}")


def models_dirs() -> list[Path]:
    """All model folders, bundled first, then CLAIMX_MODELS, then folders added at run time (or, in a worker,
    the folders of the run it works for: `use_models_dirs`)."""
    dirs = [bundled_models_dir()]
    if _USED is not None:
        return dirs + _USED
    env = os.environ.get("CLAIMX_MODELS")
    if env:
        dirs += [Path(p) for p in env.split(os.pathsep) if p]
    return dirs + _EXTRA_DIRS


def add_models_dir(path: str | Path) -> None:
    """Search `path` too (after the bundled models); clears the caches."""
    _EXTRA_DIRS.append(Path(path))
    clear_caches()


_USED: list[Path] | None = None  # set in a worker process: the extra folders of the run it works for


def use_models_dirs(extra: list[Path]) -> None:
    """Search exactly these folders after the bundled one, whatever CLAIMX_MODELS and `add_models_dir` say: a
    worker process reads the models of the run it works for. Clears the caches when that changes the folders."""
    global _USED
    if models_dirs()[1:] != extra:
        _USED = list(extra)
        clear_caches()


def models_digest() -> str:
    """SHA-256 of every file under the model folders in use (each folder's files by their path inside it, and
    their bytes), read again only when a file's size or time changed. When it changes, the caches are cleared:
    what was built from the old files (a pipeline's trigger matcher, say) is stale."""
    global _DIGEST
    state = _models_state()
    if _DIGEST is None or _DIGEST[0] != state:
        if _DIGEST is not None:
            clear_caches()
        h = hashlib.sha256()
        for n, (folder, files) in enumerate(state):
            h.update(f"folder {n}\x00".encode())
            for rel, *_ in files:
                h.update(rel.encode("utf-8", "surrogateescape") + b"\x00")
                h.update(hashlib.sha256((Path(folder) / rel).read_bytes()).digest())
        _DIGEST = (state, h.hexdigest())
    return _DIGEST[1]


_DIGEST: tuple[tuple, str] | None = None


def _models_state() -> tuple:
    """(folder, ((path inside it, size, mtime in ns), ...)) of every model folder in use, files sorted."""
    state = []
    for folder in models_dirs():
        files = []
        for top, dirs, names in os.walk(folder):
            dirs.sort()
            for name in names:
                st = os.stat(os.path.join(top, name))
                files.append((os.path.relpath(os.path.join(top, name), folder), st.st_size, st.st_mtime_ns))
        state.append((str(folder), tuple(sorted(files))))
    return tuple(state)


def clear_caches() -> None:
    """Forget every cached resource (after adding a models folder, or between tests)."""
    for fn in _CACHED:
        fn.cache_clear()


def register_cache(fn):
    """Have `clear_caches` clear `fn` too (anything with a `cache_clear()` method); usable as a decorator."""
    _CACHED.append(fn)
    return fn


def read_validated(path: Path, schema: type[T]) -> T:
    """Read one JSON file and validate it; a clear one-line error names the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return schema.model_validate(data)
    except (OSError, json.JSONDecodeError) as exc:
        raise ResourceError(f"{path}: cannot read: {exc}") from exc
    except ValidationError as exc:
        raise ResourceError(f"{path}: {first_error(exc)}") from exc


def read_jsonl_validated(path: Path, schema: type[T]) -> list[T]:
    """Read a JSONL file (blank lines skipped), validating every line."""
    out: list[T] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(schema.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise ResourceError(f"{path}:{n}: invalid JSON: {exc.msg}") from exc
        except ValidationError as exc:
            raise ResourceError(f"{path}:{n}: {first_error(exc)}") from exc
    return out


def find_files(kind: str, pattern: str) -> list[Path]:
    """Every file matching `pattern` under `<models dir>/<kind>/`, across all model folders, sorted per folder."""
    found: list[Path] = []
    for d in models_dirs():
        folder = d / kind
        if folder.is_dir():
            found += sorted(folder.glob(pattern))
    return found


@cache
def _load_lang_cached(kind: str, lang: str, schema: type[BaseModel]) -> BaseModel | None:
    files = find_files(kind, f"{lang}.json")
    if not files:
        return None
    return read_validated(files[-1], schema)  # a later folder overrides the bundled file


def load_lang(kind: str, lang: str, schema: type[T]) -> T | None:
    """`models/<kind>/<lang>.json` validated with `schema`, cached; None when the language has no file."""
    return _load_lang_cached(kind, lang, schema)  # type: ignore[return-value]


def available_langs(kind: str) -> list[str]:
    """Languages that have a `models/<kind>/<lang>.json` or `.jsonl` file."""
    langs = {p.name.split(".")[0] for p in find_files(kind, "*.json*")}
    return sorted(langs)


_CACHED = [_load_lang_cached]
