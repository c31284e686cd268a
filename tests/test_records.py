"""Fast record helpers and the compact rows of reconciliation."""

from __future__ import annotations

import gc
from pathlib import Path

from claimx.export import read_claims
from claimx.records import bulk
from claimx.relations import Row

DATA = Path(__file__).parent / "data" / "reconcile"


def test_bulk_pauses_the_collector_and_what_it_built_stays_collectable() -> None:
    assert gc.isenabled()
    with bulk():
        assert not gc.isenabled()
        cycle: list = []
        cycle.append(cycle)  # garbage only the cyclic collector can free
    assert gc.isenabled()
    del cycle
    assert gc.collect() >= 1  # moved to the oldest generation on the way out of bulk, not frozen for good
    assert gc.get_freeze_count() == 0


def test_bulk_inside_bulk_leaves_the_collector_off_until_the_outer_one_ends() -> None:
    with bulk():
        with bulk():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_row_copy_copies_every_slot() -> None:
    claim = read_claims(DATA / "reprint.jsonl")[0]
    row = Row(claim)
    for n, name in enumerate(Row.__slots__):
        if name != "claim":
            setattr(row, name, ("value", n))  # distinct values, whatever the slot holds in a real run
    copy = row.copy()
    assert copy is not row
    assert {name: getattr(copy, name) for name in Row.__slots__} == {name: getattr(row, name) for name in Row.__slots__}
