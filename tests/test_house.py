"""The shape of the package: stages import one way, no module imports itself back, spaCy stays upstream of claims."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src" / "claimx"
STAGES = ("common", "ingest", "nlp", "claims", "temporal", "quantities", "reconcile", "output", "evaluation", "engines")
# Downstream of claims/, nothing imports spaCy: reconciliation and outputs run without it.
SPACY_FREE = ("common", "temporal", "quantities", "reconcile", "output")


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Module -> the claimx modules it imports anywhere in its file (at the top or inside a function)."""
    modules = {_module(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("claimx"):
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if sub in modules else node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("claimx"))
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else module


def test_no_module_imports_itself_back():
    assert _cycle(_imports()) is None


def test_stages_import_one_way():
    stages: dict[str, set[str]] = {}
    for module, targets in _imports().items():
        stages.setdefault(_stage(module), set()).update(_stage(t) for t in targets if _stage(t) != _stage(module))
    assert _cycle(stages) is None


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_imports_alone(stage):
    modules = sorted(m for m in _imports() if m.startswith(f"claimx.{stage}"))
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    if stage in SPACY_FREE:
        assert done.stdout.strip() == "False", f"claimx.{stage} imports spaCy"
