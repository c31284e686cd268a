"""Speed of time expressions and quantities on news text: `find_times` and `find_quantities` per 5,000-character
article, and `normalise_time` on short expressions. The targets: under 50 ms per article for `find_times`, at
least 1,000 expressions/s for `normalise_time`, well under 20 ms per article for `find_quantities`. A benchmark
prints figures; it asserts nothing (no test times anything).

    python bench/temporal.py --runs 7
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = {"000_8cf3a627c898c9d9.txt": "fr", "004_52bc62e776807247.txt": "en"}  # the two seed articles


def article(name: str, size: int = 5000) -> str:
    """A seed article of `corpus/`, repeated and cut to `size` characters."""
    text = (ROOT / "corpus" / name).read_text(encoding="utf-8")
    return ((text + "\n") * (size // len(text) + 1))[:size]


def median_ms(fn, runs: int) -> float:
    times = []
    for k in range(runs):
        t0 = time.perf_counter()
        fn(k)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    from claimx.quantities.finder import find_quantities
    from claimx.temporal.finder import find_times, normalise_time

    anchor = date(2026, 1, 22)
    for name, lang in LANGS.items():
        text = article(name)
        t0 = time.perf_counter()
        spans = find_times(text, lang, anchor)  # compiles the grammar, fills the caches
        first = (time.perf_counter() - t0) * 1000
        # another anchor on every run: the resolution caches miss, as on a corpus of different days
        cold = median_ms(lambda k: find_times(text, lang, anchor + timedelta(days=k + 1)), args.runs)
        warm = median_ms(lambda k: find_times(text, lang, anchor), args.runs)
        quant = median_ms(lambda k: find_quantities(text, lang), args.runs)
        print(f"{lang} {len(text)} chars, {len(spans)} time spans: find_times first call {first:.1f} ms "
              f"(grammar compiled), {cold:.1f} ms new anchor, {warm:.1f} ms same anchor; "
              f"find_quantities {quant:.1f} ms (medians of {args.runs})")
        exprs = sorted({s.text for s in spans})
        anchors = [date(2020, 1, 1) + timedelta(days=k) for k in range(40)]
        normalise_time("warm up", lang, anchor)
        t0 = time.perf_counter()
        for a in anchors:
            for e in exprs:
                normalise_time(e, lang, a)
        dt = time.perf_counter() - t0
        n = len(anchors) * len(exprs)
        print(f"{lang} normalise_time: {n} expressions ({len(exprs)} distinct x 40 anchors) in {dt * 1000:.0f} ms "
              f"= {n / dt:,.0f} expressions/s")


if __name__ == "__main__":
    main()
