"""Peak memory of `claimx run` against the size of the corpus: N perturbed articles (as bench/throughput.py makes
them), one whole `claimx run` process each size, its resident memory and its workers' sampled every 0.1 s.

    python bench/memory.py --n 300 3000 --jobs 2

Prints, per size, the peak RSS of the main process, of the largest worker, and of all of them at one instant
(shared pages counted in each process), with the wall time and the claims written. A benchmark prints figures;
it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import ROOT, perturbed


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            kids = [int(x) for x in fh.read().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in _children(k)]


def measure(corpus: Path, jobs: int) -> dict:
    out = Path(tempfile.mkdtemp(prefix="claimx-mem-out-"))
    cmd = [sys.executable, "-m", "claimx", "run", str(corpus), "--out", str(out), "--jobs", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    main = worker = total = 0
    while proc.poll() is None:
        m = _rss_kb(proc.pid)
        kids = [_rss_kb(k) for k in _children(proc.pid)]
        main, worker, total = max(main, m), max([worker, *kids]), max(total, m + sum(kids))
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else ""
    report = json.loads((out / "report.json").read_text(encoding="utf-8")) if (out / "report.json").exists() else {}
    shutil.rmtree(out, ignore_errors=True)
    return {"main_mb": main // 1024, "largest_worker_mb": worker // 1024, "all_at_once_mb": total // 1024,
            "wall_s": round(wall, 1), "claims": report.get("claims"), "exit": proc.returncode,
            "error": err.strip().splitlines()[-1] if proc.returncode else ""}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, nargs="+", default=[300, 3000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()
    for n in args.n:
        folder = Path(tempfile.mkdtemp(prefix="claimx-mem-"))
        for name, text in perturbed(args.corpus, n):
            (folder / name).write_text(text, encoding="utf-8")
        r = measure(folder, args.jobs)
        print(json.dumps({"documents": n, "jobs": args.jobs, **r}), flush=True)
        shutil.rmtree(folder)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
