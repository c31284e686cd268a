"""Golden files for rich output: render without colour at a fixed width and compare exactly.

Regenerate them after an intended change with `CLAIMX_UPDATE_GOLDEN=1 pytest`, then read the diff before
committing them.
"""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path

from rich.console import Console


def render(renderable, width: int = 80) -> str:
    console = Console(file=StringIO(), width=width, color_system=None, force_terminal=False)
    console.print(renderable)
    return console.file.getvalue()


def check(path: Path, text: str) -> None:
    if os.environ.get("CLAIMX_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
