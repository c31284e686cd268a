"""`claimx eval boilerplate`: the two benchmarks' scorers on tiny folders with known answers."""

from __future__ import annotations

import gzip
import json
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from claimx.evaluation.boilerplate import (
    BoilerplateReport,
    Scores,
    benchmark_scores,
    detect_layout,
    evaluate_boilerplate,
    page_precision,
    page_recall,
    render_boilerplate_report,
    shingle_tp_fp_fn,
    snippet_counts,
    snippet_scores,
)

PAGE = Path(__file__).parent / "data" / "boilerplate" / "page_fr.html"


# ----------------------------------------------------------------------------------------------
# Article-extraction benchmark scoring (word 4-gram shingles)


@pytest.mark.parametrize(
    ("true", "pred", "expected"),
    [
        ("a b c d e", "a b c d e", (1.0, 0.0, 0.0)),
        ("a b c d e", "a b c d x", (1 / 3, 1 / 3, 1 / 3)),  # shingles abcd+bcde vs abcd+bcdx
        ("a b c d e", "", (0.0, 0.0, 1.0)),
        ("", "a b c d e", (0.0, 1.0, 0.0)),
        ("", "", (0.0, 0.0, 0.0)),
        ("a b", "a b", (1.0, 0.0, 0.0)),  # fewer tokens than n: one short shingle
        ("Hello, world!", "hello world", (0.0, 0.5, 0.5)),  # tokens keep their case
        ("a b c d a b c d", "a b c d", (0.2, 0.0, 0.8)),  # repeated shingles are counted
    ],
)
def test_shingle_counts(true, pred, expected):
    assert shingle_tp_fp_fn(true, pred) == pytest.approx(expected)


def test_per_page_precision_recall_edge_cases():
    assert page_precision(1.0, 0.0, 0.0) == page_recall(1.0, 0.0, 0.0) == 1.0
    assert page_precision(0.0, 0.0, 1.0) is None  # empty prediction: left out of precision
    assert page_recall(0.0, 0.0, 1.0) == 0.0
    assert page_recall(0.0, 1.0, 0.0) is None  # empty gold: left out of recall
    assert page_precision(0.0, 0.0, 0.0) is None and page_recall(0.0, 0.0, 0.0) is None


def test_scores_average_pages_then_f1():
    scores = benchmark_scores([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (0.5, 0.5, 0.0)])
    assert scores.precision == pytest.approx(0.75)  # pages 1 and 3
    assert scores.recall == pytest.approx(2 / 3)  # pages 1, 2, 3
    assert scores.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert benchmark_scores([]) == Scores(precision=0.0, recall=0.0, f1=0.0)


def test_article_benchmark_text_dumps(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "a.txt").write_text("alpha beta gamma delta epsilon\n", encoding="utf-8")
    (tmp_path / "text" / "b.txt").write_text("one two three four five six\n", encoding="utf-8")
    truth = {
        "a": {"articleBody": "alpha beta gamma delta epsilon", "url": "https://a.example/1"},
        "b": {"articleBody": "", "url": "https://b.example/1"},
        "c": {"articleBody": "no page for this one", "url": "https://c.example/1"},
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    report = evaluate_boilerplate(tmp_path)
    assert (report.layout, report.mode, report.n, report.n_missing) == ("article-benchmark", "text", 2, 1)
    assert report.precision == pytest.approx(0.5)  # page a: 1, page b: 0 (everything it kept is wrong)
    assert report.recall == pytest.approx(1.0)  # page b has no gold: left out
    assert report.f1 == pytest.approx(2 / 3)
    assert report.extract_only is None
    data = json.loads(report.model_dump_json())
    assert {"precision", "recall", "f1", "n", "layout"} <= data.keys()


def test_article_benchmark_html_page(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p.html.gz").write_bytes(gzip.compress(PAGE.read_bytes()))
    body = (
        "Le grand port maritime de Marseille a annoncé mercredi un plan d'investissement de 200 millions "
        "d'euros sur cinq ans pour électrifier ses quais et accueillir des navires de croisière moins polluants."
    )
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p": {"articleBody": body, "url": None}}))
    report = evaluate_boilerplate(tmp_path)
    assert (report.mode, report.n) == ("html", 1)
    assert report.recall == pytest.approx(1.0)
    assert 0.2 < report.precision < 1.0  # the rest of the article is extra text for this gold
    assert report.extract_only is not None
    assert report.pages[0].lang == "fr"


# ----------------------------------------------------------------------------------------------
# trafilatura's benchmark scoring (with / without snippets)


def test_snippet_counts_normalise_whitespace():
    assert snippet_counts(["foo  bar", "missing"], ["baz qux", "absent"], "x foo\nbar y baz   qux") == (1, 1, 1, 1)
    assert snippet_counts(["a"], ["b", "c"], None) == (0, 0, 1, 2)


def test_snippet_scores():
    scores, accuracy = snippet_scores(2, 1, 1, 2)
    assert (scores.precision, scores.recall, scores.f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert accuracy == pytest.approx(4 / 6)
    assert snippet_scores(0, 0, 0, 0) == (Scores(precision=0.0, recall=0.0, f1=0.0), 0.0)


def test_trafilatura_layout_scores_only_pages_present(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "port.html.gz").write_bytes(gzip.compress(PAGE.read_bytes()))
    data = {
        "https://gazette.example/port": {
            "file": "port.html",
            "with": ["grand port maritime de Marseille", "terminal de la   Joliette", "texte absent de la page"],
            "without": ["Tout accepter", "Mentions légales", "Les premiers travaux"],
        },
        "https://gazette.example/other": {"file": "other.html", "with": ["x"], "without": ["y"]},
    }
    (tmp_path / "evaldata.json").write_text(json.dumps(data), encoding="utf-8")
    report = evaluate_boilerplate(tmp_path)
    assert (report.layout, report.n, report.n_missing) == ("trafilatura", 1, 1)
    assert report.counts == {"tp": 2, "fp": 1, "fn": 1, "tn": 2}
    assert (report.precision, report.recall, report.f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert report.accuracy == pytest.approx(4 / 6)


def test_unknown_layout_is_one_clear_error(tmp_path):
    with pytest.raises(ValueError, match="ground-truth.json"):
        detect_layout(tmp_path)


# ----------------------------------------------------------------------------------------------
# Rendering


def test_render_report_table():
    report = BoilerplateReport(
        layout="trafilatura", mode="html", precision=0.9, recall=0.8, f1=0.847, n=41, n_missing=2,
        accuracy=0.85, counts={"tp": 8, "fp": 1, "fn": 2, "tn": 9},
        extract_only=Scores(precision=0.85, recall=0.8, f1=0.824),
    )
    out = StringIO()
    render_boilerplate_report(report, Console(file=out, width=80, color_system=None))
    assert out.getvalue() == GOLDEN_TABLE


GOLDEN_TABLE = """\
boilerplate · trafilatura · html             
┏━━━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━┓
┃ system       ┃ precision ┃ recall ┃    F1 ┃
┡━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━┩
│ claimx       │     0.900 │  0.800 │ 0.847 │
│ before strip │     0.850 │  0.800 │ 0.824 │
└──────────────┴───────────┴────────┴───────┘
41 pages scored; 2 without a page; tp 8 fp 1 fn 2 tn 9, accuracy 0.850
"""
