"""Fast construction and copying of trusted pydantic records, for the million-claim paths; stable ids.

Validation is the contract at every boundary (files in, user data); inside reconciliation the values are built
from already-validated records, and pydantic's `model_copy`/`__init__` would cost more than the work itself
(bench/reconcile.py). These two helpers do what `model_copy` does, without its generic machinery, and build a
record from complete, well-typed fields. Missing fields take their declared defaults, so a field added to a
schema later does not break them; tests check that their output validates and round-trips.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import IO, Any, TypeVar, get_args

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


_new = object.__new__
_SLOTS = BaseModel.__dict__  # pydantic keeps a model's bookkeeping in slots; their setters are the fast path
_set_fields = _SLOTS["__pydantic_fields_set__"].__set__
_set_extra = _SLOTS["__pydantic_extra__"].__set__
_set_private = _SLOTS["__pydantic_private__"].__set__
_set_dict = _SLOTS["__dict__"].__set__


def replace(model: M, **changes: Any) -> M:
    """A shallow copy of `model` with `changes` applied, unvalidated (like `model_copy(update=...)`)."""
    new = _new(model.__class__)
    data = new.__dict__
    data.update(model.__dict__)
    data.update(changes)
    _set_fields(new, model.__pydantic_fields_set__ | changes.keys())
    _set_extra(new, model.__pydantic_extra__)
    _set_private(new, model.__pydantic_private__)
    return new


def with_field(model: M, name: str, value: Any) -> M:
    """`replace(model, **{name: value})` for one field, without building a keyword dictionary."""
    new = _new(model.__class__)
    data = new.__dict__
    data.update(model.__dict__)
    data[name] = value
    fields = model.__pydantic_fields_set__
    _set_fields(new, fields | {name} if name not in fields else fields.copy())
    _set_extra(new, model.__pydantic_extra__)
    _set_private(new, model.__pydantic_private__)
    return new


def digest(text: str) -> str:
    """A stable 15-hex-digit digest of `text` (SHA-1): the same content gives the same id in every run."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:15]


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
        if len(fields) != len(names):
            raise TypeError(f"{cls.__name__} has no field {sorted(set(fields) - set(names))}")
    return _restore(cls, {name: fields[name] for name in names}, None)


def dump(obj: Any, file: IO[bytes], records: Iterable[type[BaseModel]]) -> None:
    """Pickle `obj` into `file`, the pydantic records of the classes `records` as their class and fields.

    pydantic pickles a record as a dictionary of its four parts of state and sets them back one by one in Python;
    here a record is its class, its field dictionary and its set fields when not all, rebuilt in one call by
    `pickle.load` (the facts and conflicts of 48,000 claims: 0.12 s to write against 0.16 s, 0.07-0.09 s to read
    against 0.10-0.13 s). Other objects, and records with extra or private values, pickle as usual."""
    pickler = pickle.Pickler(file, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = dict.fromkeys(records, _reduce)
    pickler.dump(obj)


def _reduce(model: BaseModel) -> tuple:
    if model.__pydantic_extra__ is not None or model.__pydantic_private__ is not None:
        return model.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
    cls, fields = model.__class__, model.__pydantic_fields_set__
    return _restore, (cls, model.__dict__, None if len(fields) == len(_fields(cls)) else fields)


def _restore(cls: type[M], data: dict[str, Any], fields: set[str] | None) -> M:
    """A record of `cls` with the field dictionary `data` (in field order) and the set `fields` (None: all)."""
    new = _new(cls)
    _set_dict(new, data)
    _set_fields(new, set(_fields(cls)) if fields is None else fields)
    _set_extra(new, None)
    _set_private(new, None)
    return new


_SHARED_FIELDS: dict[tuple[type, frozenset[str] | None], set[str]] = {}


def share_field_sets(records: Iterable[Any]) -> None:
    """Records (and the records inside them) with the same set fields share one `__pydantic_fields_set__`.

    pydantic gives every instance its own set of the fields it was given: for a claim and the eight records
    inside it, about 4 of its 7 KB. Nothing in claimx reads those sets but `replace` and `with_field`, which
    copy them, and pydantic adds a field to the set when one is assigned, which a field already in it leaves
    unchanged; so records that are assigned no field they were not built with may share them. Called on the
    claims a run holds for reconciliation."""
    shared = _SHARED_FIELDS
    stack = list(records)
    while stack:
        rec = stack.pop()
        if isinstance(rec, BaseModel):
            cls, fields = rec.__class__, rec.__pydantic_fields_set__
            # all fields set (records read back from JSON): the class's shared set, without hashing this one
            key = (cls, None) if len(fields) == len(_fields(cls)) else (cls, frozenset(fields))
            one = shared.get(key)
            if one is None:
                one = shared[key] = set(fields)
            if fields is not one:
                _set_fields(rec, one)
            data = rec.__dict__
            for name in _nested(cls):  # only the fields that may hold records: 8 of a claim's 20
                value = data[name]
                if value is not None:
                    stack.append(value)
        elif isinstance(rec, list):
            stack.extend(rec)


@cache
def _nested(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `cls` whose values may be records, or lists of them."""
    return tuple(name for name, info in cls.model_fields.items() if _may_hold_records(info.annotation))


def _may_hold_records(annotation: Any) -> bool:
    if annotation is Any:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_hold_records(arg) for arg in get_args(annotation))


@contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of acyclic records.

    Each collection walks every live object, so with a million claims in memory the collections triggered by
    allocation make construction quadratic; reference counting still frees everything these paths create.
    On the way out, what was built is moved to the oldest generation (`gc.freeze` then `gc.unfreeze`, which
    relink lists without visiting an object): re-enabled, the collector would otherwise walk the millions of
    records at the next allocation, and again each time they age a generation.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
