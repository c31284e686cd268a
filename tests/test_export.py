"""Export: atomic deterministic files, clear one-line errors, JSON Schemas of every output record."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimx.output.files import (
    FactsFile, dumps, json_schemas, read_claims, read_conflicts, read_facts, write_claims, write_conflicts,
    write_facts, write_json, write_jsonl, write_listing,
)
from claimx.schemas import Fact

DATA = Path(__file__).parent / "data" / "reconcile"

FACT = Fact(key="f1", story="s1", subject="kestrel_motors", frame="headcount", status="single_source", claim_ids=["a"],
            independent_sources=1, languages=["fr"], sources=["Le Quotidien"])


def test_json_is_utf8_sorted_and_ends_with_newline(tmp_path: Path) -> None:
    path = write_json(tmp_path / "x.json", {"b": "É", "a": [FACT]})
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert '"É"' in text  # ensure_ascii=False
    assert text.index('"a"') < text.index('"b"')
    assert json.loads(text)["a"][0]["subject"] == "kestrel_motors"


@pytest.mark.parametrize("value", [
    {"z": [1, 2.5, None, True], "a": {"é": "Zürich “quoted”", "n": -3}, "m": [[], {}]},  # the usual records
    {"b": "\udcff name", "a": 1},  # a lone surrogate (a file name that is not UTF-8): orjson refuses it
    {2: "two", "1": "one"},  # a key that is not a string
    {"big": 2**70},  # an integer past 64 bits
])
@pytest.mark.parametrize("indent", [None, 2])
def test_dumps_writes_what_the_standard_library_writes(value, indent):
    separators = (",", ": ") if indent else (",", ":")
    expected = json.dumps({str(k): v for k, v in value.items()}, ensure_ascii=False, sort_keys=True, indent=indent,
                          separators=separators)
    assert dumps(value, indent=indent) == expected


def test_dumps_writes_a_model_inside_plain_values_as_its_json_record():
    assert json.loads(dumps({"facts": (FACT,)}, indent=None)) == {"facts": [FACT.model_dump(mode="json")]}


def test_write_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    write_json(tmp_path / "x.json", {"v": 1})
    write_json(tmp_path / "x.json", {"v": 2})
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8")) == {"v": 2}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "x.json").stat().st_mode & 0o777 == 0o666 & ~umask


def test_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    write_json(tmp_path / "x.json", {"v": 1})
    with pytest.raises(TypeError):
        write_json(tmp_path / "x.json", {"v": object()})
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8")) == {"v": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]


def test_jsonl_round_trip(tmp_path: Path) -> None:
    claims = read_claims(DATA / "numeric.jsonl")
    path = write_claims(tmp_path, claims)
    assert path.name == "claims.jsonl"
    assert read_claims(tmp_path) == claims  # a folder holding claims.jsonl works too
    assert path.read_text(encoding="utf-8").count("\n") == len(claims)
    write_jsonl(tmp_path / "empty.jsonl", [])
    assert (tmp_path / "empty.jsonl").read_text(encoding="utf-8") == ""


def test_facts_and_conflicts_round_trip_byte_identical(tmp_path: Path) -> None:
    write_facts(tmp_path, [FACT])
    write_conflicts(tmp_path, [])
    assert read_facts(tmp_path) == [FACT]
    assert read_conflicts(tmp_path) == []
    first = (tmp_path / "facts.json").read_bytes()
    assert json.loads(first)["version"] == 2
    write_facts(tmp_path, read_facts(tmp_path))
    assert (tmp_path / "facts.json").read_bytes() == first


@pytest.mark.parametrize("facts", [
    [],
    [FACT],
    [FACT, FACT.model_copy(update={"key": "f2", "claim_ids": ["b", "c"], "sources": ["Zürich “Zeitung”\n"]})],
])
def test_a_listing_written_record_by_record_is_what_one_dump_writes(tmp_path: Path, facts) -> None:
    whole = write_json(tmp_path / "whole.json", FactsFile(facts=facts)).read_bytes()
    assert write_listing(tmp_path / "listed.json", FactsFile(facts=facts), "facts").read_bytes() == whole


@pytest.mark.parametrize(("content", "reason"), [
    (None, "no such file"),
    ("{", "invalid JSON"),
    ('{"version": 2, "facts": [{"key": "f1"}]}', "facts.0.story: Field required"),
    ('{"version": 1, "facts": []}', "format version 1, this claimx reads 2"),
    ('{"version": 2, "facts": [], "extra": 1}', "extra: Extra inputs are not permitted"),
])
def test_read_facts_errors_are_one_line(tmp_path: Path, content: str | None, reason: str) -> None:
    if content is not None:
        (tmp_path / "facts.json").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        read_facts(tmp_path)
    message = str(err.value)
    assert message.startswith(f"{tmp_path / 'facts.json'}: ")
    assert reason in message
    assert "\n" not in message


@pytest.mark.parametrize(("lines", "reason"), [
    (['{"id": 1'], "line 1: invalid JSON"),
    (["", '{"id": "x"}'], "line 2: doc_id: Field required"),
])
def test_read_claims_errors_name_file_and_line(tmp_path: Path, lines: list[str], reason: str) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"^{path}: {reason}"):
        read_claims(path)


def test_read_conflicts_missing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="conflicts.json: no such file"):
        read_conflicts(tmp_path)


def test_json_schemas() -> None:
    schemas = json_schemas()
    assert {"DocumentRecord", "Claim", "Fact", "Conflict", "RunReport"} <= set(schemas)
    assert schemas["Conflict"]["properties"]["type"]["enum"] == ["antonym", "negation", "numeric", "temporal",
                                                                  "modality"]
    assert dumps(schemas) == dumps(json_schemas())
