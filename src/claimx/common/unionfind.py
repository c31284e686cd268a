"""Disjoint sets whose representative is always the smallest member, so results never depend on the order of unions."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    """Union-find over any comparable keys; a key never joined is its own set (and costs nothing)."""

    __slots__ = ("parent",)

    def __init__(self, pairs: Iterable[tuple[T, T]] = ()) -> None:
        self.parent: dict[T, T] = {}
        for a, b in pairs:
            self.union(a, b)

    def find(self, x: T) -> T:
        """The smallest member of `x`'s set (paths are halved on the way)."""
        parent = self.parent
        while (up := parent.get(x, x)) != x:
            parent[x] = parent.get(up, up)
            x = up
        return x

    def union(self, a: T, b: T) -> bool:
        """Join the sets of `a` and `b`; True when they were apart."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:  # type: ignore[operator]
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True

    def __bool__(self) -> bool:
        """True once any two keys were joined."""
        return bool(self.parent)
