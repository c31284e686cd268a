"""Size of the HTML report of the GVA development incidents, and how long headless Chromium takes to open it.

Writes the 534 articles of `../shared/eval/gva/incidents_dev.jsonl` as a corpus folder in a temporary folder (as
`bench/engine.py` does; nothing is copied into the repository), runs `claimx run CORPUS --report` as a user does,
then loads `OUT/report.html` in headless Chromium (Debian's `chromium`) with `--dump-dom`, which returns once the
page is loaded and its script has run. Chromium's own start is timed on an empty page the same way, and the page's
cost is the difference of the minima. Prints the page's size (goal: under 5 MB) and its open time (goal: under
2 s). A benchmark prints figures; it asserts nothing.

    python bench/report.py --repeat 5
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from engine import GVA, write_gva  # noqa: E402  (the same corpus folder as the engine benchmark)

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic")


def open_seconds(chromium: str, page: Path, profile: Path) -> float:
    """Wall seconds until Chromium has loaded `page` and run its script (the DOM is dumped then)."""
    t0 = time.perf_counter()
    subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                   capture_output=True, check=True, timeout=300)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gva", type=Path, default=GVA, help="incidents JSONL (default: ../shared/eval/gva dev)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of the claimx run")
    parser.add_argument("--repeat", type=int, default=5, help="page loads (alternated with the empty page)")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("needs Chromium (Debian: apt-get install chromium)")
    work = Path(tempfile.mkdtemp(prefix="claimx-bench-report-"))
    try:
        corpus, out = work / "corpus", work / "out"
        n = write_gva(args.gva, corpus)
        done = subprocess.run([sys.executable, "-m", "claimx", "run", str(corpus), "--out", str(out), "--jobs",
                               str(args.jobs), "--report"], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"claimx run failed ({done.returncode}): {done.stderr[-2000:]}")
        page = out / "report.html"
        empty = work / "empty.html"
        empty.write_text("<!doctype html><title>empty</title>", encoding="utf-8")
        pages, blanks = [], []
        for r in range(args.repeat):
            blanks.append(open_seconds(chromium, empty, work / f"profile-e{r}"))
            pages.append(open_seconds(chromium, page, work / f"profile-p{r}"))
        size = page.stat().st_size
        summary = (done.stdout + done.stderr).strip().splitlines()
        print(f"{n} articles of {args.gva.name}: {summary[-1] if summary else '(claimx printed nothing)'}")
        print(f"report.html: {size:,} bytes ({size / 1e6:.2f} MB; goal: under 5 MB)")
        print(f"Chromium --dump-dom, minima of {args.repeat}: the report {min(pages):.2f} s, an empty page "
              f"{min(blanks):.2f} s: the page's own open time {min(pages) - min(blanks):.2f} s (goal: under 2 s)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
