"""`claimx eval dates`: reading TimeML and scoring the TempEval-3 way."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from claimx.evaluation.dates import Timex, evaluate_dates, read_timeml, render, run, score

FIXTURE = Path(__file__).parent / "data" / "timeml" / "xx_fixture"


def test_read_timeml_strips_tags_and_keeps_offsets():
    doc = read_timeml(FIXTURE / "council.tml")
    assert doc.dct == date(2024, 3, 15)
    assert "<" not in doc.text and "voted at 3 p.m." in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Tuesday", "DATE", "2024-03-12"),
        ("3 p.m.", "TIME", "2024-03-12T15:00"),
        ("four hours", "DURATION", "PT4H"),
    ]  # the DCT is not among them
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def _t(start: int, end: int, type_: str, value: str) -> Timex:
    return Timex(start=start, end=end, text="x" * (end - start), type=type_, value=value)


GOLD = [_t(0, 7, "DATE", "2024-03-12"), _t(20, 26, "TIME", "2024-03-12T15:00"), _t(50, 60, "DURATION", "PT4H")]


def test_score_arithmetic():
    pred = [
        _t(0, 7, "DATE", "2024-03-12"),  # exact extent, right value
        _t(18, 26, "TIME", "2024-03-15T15:00"),  # overlapping extent, wrong value
        _t(70, 75, "DURATION", "P1D"),  # spurious
    ]
    total, by_type, errors = score([("doc", GOLD, pred)], details=True)
    assert (total.n_gold, total.n_pred, total.strict_matches, total.relaxed_matches) == (3, 3, 1, 2)
    assert (total.strict_precision, total.strict_recall, total.strict_f1) == (0.3333, 0.3333, 0.3333)
    assert (total.relaxed_precision, total.relaxed_recall, total.relaxed_f1) == (0.6667, 0.6667, 0.6667)
    assert (total.type_accuracy, total.value_accuracy) == (1.0, 0.5)
    assert (total.value_precision, total.value_recall, total.value_f1) == (0.3333, 0.3333, 0.3333)
    # value F1 is relaxed F1 x value accuracy
    assert total.value_f1 == pytest.approx(total.relaxed_f1 * total.value_accuracy, abs=1e-4)
    assert (by_type["DATE"].value_f1, by_type["TIME"].relaxed_recall, by_type["TIME"].value_f1) == (1.0, 1.0, 0.0)
    dur = by_type["DURATION"]  # one gold missed, one prediction spurious
    assert (dur.n_gold, dur.n_pred, dur.relaxed_precision, dur.relaxed_recall) == (1, 1, 0.0, 0.0)
    assert sorted(e.kind for e in errors) == ["missed", "spurious", "value"]


def test_score_is_one_to_one_and_uses_predicted_type_for_precision():
    # two predictions overlap one gold: one match, one spurious
    pred = [_t(0, 3, "DATE", "2024-03-12"), _t(4, 7, "DATE", "2024-03-12"), _t(50, 60, "DATE", "PT4H")]
    total, by_type, _ = score([("doc", GOLD, pred)])
    assert (total.relaxed_matches, total.value_correct, total.type_correct) == (2, 2, 1)
    assert by_type["DATE"].relaxed_precision == pytest.approx(2 / 3, abs=1e-4)  # 2 of 3 DATE predictions match
    assert by_type["DURATION"].relaxed_recall == 1.0 and by_type["DURATION"].n_pred == 0
    assert total.type_accuracy == 0.5


def test_score_empty():
    total, by_type, errors = score([("doc", [], [])])
    assert (total.n_gold, total.value_f1, by_type, errors) == (0, 0.0, {}, [])


def test_evaluate_end_to_end():
    report = evaluate_dates(FIXTURE, lang="en")
    assert (report.lang, report.n_docs, report.n_gold, report.n_pred) == ("en", 1, 3, 3)
    assert (report.strict_f1, report.relaxed_f1, report.value_f1, report.type_accuracy) == (1.0, 1.0, 1.0, 1.0)
    assert set(report.by_type) == {"DATE", "TIME", "DURATION"}
    keys = json.loads(report.model_dump_json())
    for k in ("strict_f1", "relaxed_f1", "value_f1", "value_accuracy", "type_accuracy", "n_gold", "n_pred", "by_type",
              "strict_precision", "strict_recall", "relaxed_precision", "relaxed_recall"):  # fmt: skip
        assert k in keys


def test_language_is_detected_when_the_folder_is_not_a_code():
    assert evaluate_dates(FIXTURE).lang == "en"


def test_bad_files_are_skipped_and_reported(tmp_path):
    (tmp_path / "good.tml").write_text((FIXTURE / "council.tml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    report = evaluate_dates(tmp_path, lang="en")
    assert report.n_docs == 1 and len(report.skipped) == 1 and report.skipped[0].startswith("bad.tml")
    out = StringIO()
    assert run(tmp_path, json=False, console=Console(file=out, width=200)) == 1


def test_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="no .tml files"):
        evaluate_dates(tmp_path)


def test_render_and_json_output():
    out = StringIO()
    assert run(FIXTURE, json=False, console=Console(file=out, width=200)) == 0
    text = out.getvalue()
    assert "value F1 1.000" in text and "DURATION" in text and "all" in text
    out = StringIO()
    run(FIXTURE, json=True, console=Console(file=out, width=200))
    assert json.loads(out.getvalue())["n_gold"] == 3
    table = render(evaluate_dates(FIXTURE, lang="en"))
    assert table.row_count == 4  # DATE, TIME, DURATION, all
