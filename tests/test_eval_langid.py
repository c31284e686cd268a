"""The language-ID scorer, on a tiny layout with known answers."""

from __future__ import annotations

from claimx.evaluation.langid import evaluate_langid, score


def test_score_arithmetic():
    rows = [("sentences", "en", "en"), ("sentences", "en", "fr"), ("single-words", "fr", "fr"), ("sentences", "nb", "no")]
    rep = score(rows)
    assert rep.n == 4 and rep.accuracy == 0.75
    assert rep.by_kind == {"sentences": round(2 / 3, 4), "single-words": 1.0}
    assert rep.by_lang == {"en": 0.5, "fr": 1.0, "nb": 1.0}


def test_end_to_end_on_a_small_layout(tmp_path):
    (tmp_path / "sentences").mkdir()
    (tmp_path / "sentences" / "en.txt").write_text(
        "The government announced a new budget on Tuesday.\nShe said the company would hire more staff next year.\n",
        encoding="utf-8")
    (tmp_path / "sentences" / "fr.txt").write_text(
        "Le gouvernement a annoncé mardi un nouveau budget pour l'année prochaine.\n", encoding="utf-8")
    rep = evaluate_langid(tmp_path)
    assert rep.n == 3 and rep.accuracy == 1.0 and set(rep.by_lang) == {"en", "fr"}
