"""Rendering: rich output at 80 columns without colour, compared exactly to golden files.

Regenerate the golden files after an intended change with `CLAIMX_UPDATE_GOLDEN=1 pytest tests/test_render.py`
(see `golden.py`), then read the diff before committing them.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import golden
import pytest
from golden import render
from rich.console import Console

from claimx.reconcile.canon import canonicalise
from claimx.output.files import read_claims
from claimx.claims.frames import FrameFile, FrameSet
from claimx.reconcile.engine import ReconcileResult, reconcile
from claimx.output.render import HighlightedSentence, render_diff, render_show
from claimx.schemas import Claim

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "render"


@pytest.fixture(scope="module")
def corpus() -> tuple[list[Claim], ReconcileResult]:
    frames = FrameFile.model_validate_json((DATA / "reconcile" / "frames.json").read_text(encoding="utf-8"))
    frameset = FrameSet(frames={f.id: f for f in frames.frames}, triggers={})
    claims = canonicalise([c for p in sorted((DATA / "reconcile").glob("*.jsonl")) for c in read_claims(p)])
    return claims, reconcile(claims, frameset)


def check(name: str, text: str) -> None:
    golden.check(GOLDEN / name, text)


def test_diff(corpus) -> None:
    _, result = corpus
    check("diff.txt", render(render_diff(result.conflicts, result.facts)))


def test_diff_filtered(corpus) -> None:
    _, result = corpus
    check("diff_numeric.txt", render(render_diff(result.conflicts, result.facts, type="numeric")))
    check("diff_entity_lang.txt", render(render_diff(result.conflicts, result.facts, entity="Norvane", lang="en")))


def test_diff_nothing(corpus) -> None:
    _, result = corpus
    assert "No conflicts." in render(render_diff(result.conflicts, result.facts, type="numeric", lang="xx"))


def test_show(corpus) -> None:
    claims, result = corpus
    check("show.txt", render(render_show(result.facts, claims)))


def test_fits_80_columns_and_marks_differences_without_colour(corpus) -> None:
    _, result = corpus
    text = render(render_diff(result.conflicts, result.facts))
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "≠ value" in text and "≠ time" in text and "≠ predicate" in text and "≠ modality" in text
    assert "⟦2,500⟧" in text


def test_colour_terminal_styles_instead_of_brackets() -> None:
    console = Console(file=StringIO(), width=80, color_system="standard", force_terminal=True)
    console.print(HighlightedSentence("A: ", "Kestrel employs 2,500 workers.", [[16, 21]]))
    out = console.file.getvalue()
    assert "⟦" not in out and "2,500" in out and "\x1b[" in out
