"""Throughput of `claimx run` end to end against the raw `nlp.pipe` loop on the same texts, whole processes.

Builds N documents by perturbing the corpus articles (paragraphs shuffled, capitalised names swapped between
documents, digits replaced), so few caches help; writes them to a temporary folder; then, for each --jobs value,
times two whole processes, as a user would run them: `claimx run FOLDER --out TMP --jobs J` (ingest, language ID,
boilerplate, NER, parse, rules, claims, reconciliation, files), and the loop a user would write (`spacy.load`
the same two pipelines, `nlp.pipe(texts, batch_size=32, n_process=J)` over each language's texts). Both pay their
imports and pipeline loading. Prints docs/s, words/s, the ratio claimx/raw (throughput), and each process's peak
RSS (its workers' too). With --repeat R the two alternate R times and the minima are printed. A benchmark prints
figures; it asserts nothing.

    python bench/throughput.py --n 300 --jobs 1 2 --repeat 2
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_NAME = re.compile(r"\b[A-Z][a-zéèàç]{3,}\b")
_DIGITS = re.compile(r"\d+")


def perturbed(corpus: Path, n: int, seed: int = 0) -> list[tuple[str, str]]:
    """(file name, text) of `n` documents made from the corpus articles."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    names = sorted({m.group() for s in sources for m in _NAME.finditer(s)})
    docs = []
    for i in range(n):
        paras = [p for p in sources[i % len(sources)].split("\n") if p.strip()]
        head, body = paras[:2], paras[2:]
        rng.shuffle(body)
        text = "\n".join(head + body) + "\n"
        swap = dict(zip(names, rng.sample(names, len(names))))
        text = _NAME.sub(lambda m: swap.get(m.group(), m.group()) if rng.random() < 0.3 else m.group(), text)
        text = _DIGITS.sub(lambda m: "".join(rng.choice("123456789") for _ in m.group()), text)
        docs.append((f"doc{i:05d}.txt", text))
    return docs


RAW = """
import importlib, json, sys
paths = json.load(open(sys.argv[1]))
jobs = int(sys.argv[2])
for lang, files in sorted(paths.items()):
    from claimx.nlp.pipelines import trained
    pkg = trained().get(lang)
    nlp = importlib.import_module(pkg).load() if pkg else __import__("spacy").blank(lang)
    texts = [open(f, encoding="utf-8").read() for f in files]
    for _ in nlp.pipe(texts, batch_size=32, n_process=jobs):
        pass
"""


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds of a whole process, its peak RSS and its largest descendant's (MB)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    dt = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed: {err.strip()[-500:]}")
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest process so far, any
    return dt, usage.ru_maxrss / 1024, kids


def bench_claimx(folder: Path, jobs: int) -> tuple[float, float, float]:
    out = Path(tempfile.mkdtemp(prefix="claimx-bench-out-"))
    try:
        return timed([sys.executable, "-m", "claimx", "run", str(folder), "--out", str(out), "--jobs", str(jobs)])
    finally:
        shutil.rmtree(out, ignore_errors=True)


def bench_raw(paths: Path, jobs: int) -> tuple[float, float, float]:
    return timed([sys.executable, "-c", RAW, str(paths), str(jobs)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()

    from claimx.ingest.langid import detect_document

    docs = perturbed(args.corpus, args.n)
    folder = Path(tempfile.mkdtemp(prefix="claimx-bench-"))
    by_lang: dict[str, list[str]] = {}
    for name, text in docs:
        (folder / name).write_text(text, encoding="utf-8")
        by_lang.setdefault(detect_document(text).lang or "xx", []).append(str(folder / name))
    paths = folder.parent / (folder.name + ".json")
    paths.write_text(json.dumps(by_lang), encoding="utf-8")
    words = sum(len(t.split()) for _, t in docs)
    print(f"{args.n} documents, {words} words, languages {{{', '.join(f'{k}: {len(v)}' for k, v in by_lang.items())}}}")
    best: dict[tuple[str, int], float] = {}
    for k in range(args.repeat):
        for jobs in args.jobs:
            order = [("raw", bench_raw, paths), ("claimx", bench_claimx, folder)]
            for what, fn, arg in order if k % 2 == 0 else order[::-1]:  # alternate which runs first
                dt, rss, kids = fn(arg, jobs)
                best[(what, jobs)] = min(best.get((what, jobs), dt), dt)
                print(f"run {k + 1} jobs={jobs} {what:6s} {dt:6.1f}s {args.n / dt:5.1f} docs/s {words / dt:7.0f} "
                      f"words/s | peak RSS {rss:.0f} MB (largest process so far {kids:.0f} MB)", flush=True)
    for jobs in args.jobs:
        raw, cx = best[("raw", jobs)], best[("claimx", jobs)]
        print(f"jobs={jobs} (minima): raw {args.n / raw:5.1f} docs/s, claimx {args.n / cx:5.1f} docs/s: "
              f"claimx/raw throughput ratio {raw / cx:.2f}")
    if 1 in args.jobs and 2 in args.jobs:
        print(f"claimx --jobs 2 / --jobs 1: {best[('claimx', 1)] / best[('claimx', 2)]:.2f}x")
    shutil.rmtree(folder)
    paths.unlink()


if __name__ == "__main__":
    main()
