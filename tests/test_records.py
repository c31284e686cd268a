"""Fast record helpers."""

from __future__ import annotations

import gc
import io
import pickle
from datetime import date

from claimx.common.records import bulk, dump
from claimx.schemas import Fact, TimeSpan


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


def test_dump_rebuilds_records_as_pydantic_would() -> None:
    """Records pickled by `dump` load equal, with the same set fields, as pydantic's own pickling gives them."""
    span = TimeSpan(text="in January 2024", start_char=3, end_char=18, value="2024-01", start=date(2024, 1, 1),
                    end=date(2024, 1, 31), granularity="month")
    partial = Fact(key="f1", story="s1", subject="renault", frame="ipo_postpone", status="single_source",
                   claim_ids=["c1"], independent_sources=1, languages=["en"])  # defaults left unset
    complete = partial.model_copy(update={"entities": ["ampere", "renault"], "time_start": date(2024, 1, 1)})
    complete.__pydantic_fields_set__.update(Fact.model_fields)
    found = {"facts": [partial, complete, partial], "span": span}
    out = io.BytesIO()
    dump(found, out, [Fact, TimeSpan])
    loaded = pickle.loads(out.getvalue())
    assert loaded == pickle.loads(pickle.dumps(found)) == found
    assert [f.__pydantic_fields_set__ for f in loaded["facts"]] == [f.__pydantic_fields_set__ for f in found["facts"]]
    assert loaded["facts"][0] is loaded["facts"][2]  # one record pickled once
    assert loaded["span"].model_dump_json() == span.model_dump_json()
    assert len(out.getvalue()) < len(pickle.dumps(found, pickle.HIGHEST_PROTOCOL))  # not pydantic's own pickling
