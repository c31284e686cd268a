"""Start-up costs: `claimx --help` (must not import spaCy) and loading each trained pipeline.

    python bench/startup.py
"""

from __future__ import annotations

import subprocess
import sys
import time


def timed(cmd: list[str], runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    print(f"claimx --help: best of 5 {timed([sys.executable, '-m', 'claimx', '--help']):.2f}s")
    print(f"python -c pass: best of 5 {timed([sys.executable, '-c', 'pass']):.2f}s (interpreter floor)")
    for lang in ("en", "fr"):
        code = f"import time; t=time.perf_counter(); from claimx.nlp.pipelines import get_pipeline; get_pipeline('{lang}'); print(time.perf_counter()-t)"
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
        print(f"load claimx pipeline {lang}: {float(out):.2f}s in-process ({time.perf_counter() - t0:.2f}s with interpreter)")


if __name__ == "__main__":
    main()
