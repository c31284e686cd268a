"""Fast construction and copying of trusted pydantic records, for the million-claim paths.

Validation is the contract at every boundary (files in, user data); inside reconciliation the values are built
from already-validated records, and pydantic's `model_copy`/`__init__` would cost more than the work itself
(bench/reconcile.py). These two helpers do what `model_copy` does, without its generic machinery, and build a
record from complete, well-typed fields. Missing fields take their declared defaults, so a field added to a
schema later does not break them; tests check that their output validates and round-trips.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def replace(model: M, **changes: Any) -> M:
    """A shallow copy of `model` with `changes` applied, unvalidated (like `model_copy(update=...)`)."""
    new = object.__new__(type(model))
    data = model.__dict__.copy()
    data.update(changes)
    object.__setattr__(new, "__dict__", data)
    object.__setattr__(new, "__pydantic_fields_set__", model.__pydantic_fields_set__ | changes.keys())
    object.__setattr__(new, "__pydantic_extra__", model.__pydantic_extra__)
    object.__setattr__(new, "__pydantic_private__", model.__pydantic_private__)
    return new


@cache
def _fields(cls: type[BaseModel]) -> tuple[str, ...]:
    return tuple(cls.model_fields)


def build(cls: type[M], **fields: Any) -> M:
    """A record from trusted, well-typed `fields`, unvalidated; absent fields get their defaults."""
    names = _fields(cls)
    if len(fields) != len(names):
        for name in names:
            if name not in fields:
                fields[name] = cls.model_fields[name].get_default(call_default_factory=True)
    new = object.__new__(cls)
    object.__setattr__(new, "__dict__", {name: fields[name] for name in names})
    object.__setattr__(new, "__pydantic_fields_set__", set(names))
    object.__setattr__(new, "__pydantic_extra__", None)
    object.__setattr__(new, "__pydantic_private__", None)
    return new


@contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of acyclic records.

    Each collection walks every live object, so with a million claims in memory the collections triggered by
    allocation make construction quadratic; reference counting still frees everything these paths create.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
