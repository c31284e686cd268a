"""Documents/s of the first stages alone (ingest + language ID + boilerplate) on N perturbed corpus articles.

The articles are made as bench/throughput.py makes them (paragraphs shuffled, names swapped, digits replaced), so
that language ID's cache of repeated paragraphs helps only as much as real repetition would.

    python bench/ingest.py --n 1000 --jobs 1 2
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()

    from claimx.pipeline import RunOptions, run

    from throughput import perturbed

    folder = Path(tempfile.mkdtemp(prefix="claimx-ingest-"))
    for name, text in perturbed(ROOT / "corpus", args.n):
        (folder / name).write_text(text, encoding="utf-8")
    for jobs in args.jobs:
        out = Path(tempfile.mkdtemp(prefix="claimx-ingest-out-"))
        t0 = time.perf_counter()
        result = run(RunOptions(corpus=folder, out=out, jobs=jobs, extract=False))
        dt = time.perf_counter() - t0
        secs = result.report.seconds
        print(f"jobs={jobs}: {args.n} files in {dt:.1f}s = {args.n / dt:.1f} docs/s "
              f"(ingest+langid {secs.langid:.1f}s, templates {secs.boilerplate:.1f}s, strip {secs.extract:.1f}s)")
        shutil.rmtree(out)
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
