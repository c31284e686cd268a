"""Fast record helpers."""

from __future__ import annotations

import gc

from claimx.records import bulk


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
