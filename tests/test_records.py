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


def test_records_with_the_same_set_fields_share_one_set_and_stay_equal() -> None:
    from claimx.common.records import replace, share_field_sets
    from claimx.schemas import Claim, Entity, Evidence, Predicate

    def claim(n: int) -> Claim:
        return Claim(id=f"c{n}", doc_id="d", lang="en", subject=Entity(text="Acme", label="ORG"),
                     predicate=Predicate(lemma="buy", text="buys"), evidence=Evidence(sentence="Acme buys.", start=0,
                                                                                        end=10),
                     rule="r", confidence=0.8, places=[Entity(text="Ohio", label="GPE", start=1, end=5)])

    claims = [claim(1), claim(2)]
    before = [c.model_dump_json() for c in claims]
    sets = [c.subject.__pydantic_fields_set__ for c in claims]
    share_field_sets(claims)
    assert [c.model_dump_json() for c in claims] == before and claims == [claim(1), claim(2)]
    assert claims[0].__pydantic_fields_set__ is claims[1].__pydantic_fields_set__
    assert claims[0].subject.__pydantic_fields_set__ is claims[1].subject.__pydantic_fields_set__ == sets[0]
    assert claims[0].places[0].__pydantic_fields_set__ is claims[1].places[0].__pydantic_fields_set__
    assert claims[0].subject.__pydantic_fields_set__ is not claims[0].places[0].__pydantic_fields_set__
    copied = replace(claims[0], confidence=0.5)  # a copy gets a set of its own
    assert copied.__pydantic_fields_set__ is not claims[0].__pydantic_fields_set__
    assert claims[0].model_dump(exclude_unset=True) == claim(1).model_dump(exclude_unset=True)
