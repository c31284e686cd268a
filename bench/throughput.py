"""Throughput of claimx's per-document path (ingest → claims) against raw `nlp.pipe` on the same texts.

Builds N documents by perturbing the corpus articles (paragraphs shuffled, capitalised names swapped between
documents, digits replaced), so no cache helps; writes them to a temporary folder; then measures in one
process, for each --jobs value: claimx's run (ingest, language ID, boilerplate, NER, parse, rules, claims;
no reconciliation) and raw `nlp.pipe` with the same spaCy pipelines over the same texts. Prints docs/s,
words/s, the ratio claimx/raw and peak memory. A benchmark prints figures; it asserts nothing.

    python bench/throughput.py --n 1000 --jobs 1 2
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
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


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(kids, 1)


def bench_claimx(folder: Path, jobs: int) -> tuple[float, int]:
    from claimx.pipeline import RunOptions, run

    out = Path(tempfile.mkdtemp(prefix="claimx-bench-out-"))
    t0 = time.perf_counter()
    result = run(RunOptions(corpus=folder, out=out, jobs=jobs, reconcile=False))
    dt = time.perf_counter() - t0
    shutil.rmtree(out)
    return dt, len(result.claims)


def bench_raw(texts_by_lang: dict[str, list[str]], jobs: int) -> float:
    from claimx.nlp.pipelines import base_pipeline

    t0 = time.perf_counter()
    for lang, texts in sorted(texts_by_lang.items()):
        nlp = base_pipeline(lang)
        for _ in nlp.pipe(texts, batch_size=32, n_process=jobs):
            pass
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()

    from claimx.ingest.langid import detect_document

    docs = perturbed(args.corpus, args.n)
    folder = Path(tempfile.mkdtemp(prefix="claimx-bench-"))
    for name, text in docs:
        (folder / name).write_text(text, encoding="utf-8")
    texts_by_lang: dict[str, list[str]] = {}
    for _, text in docs:
        texts_by_lang.setdefault(detect_document(text).lang or "xx", []).append(text)
    words = sum(len(t.split()) for _, t in docs)
    print(f"{args.n} documents, {words} words, languages {{{', '.join(f'{k}: {len(v)}' for k, v in texts_by_lang.items())}}}")
    t0 = time.perf_counter()
    from claimx.nlp.pipelines import base_pipeline

    for lang in texts_by_lang:
        base_pipeline(lang)
    print(f"pipelines loaded in {time.perf_counter() - t0:.1f}s")
    for jobs in args.jobs:
        raw = bench_raw(texts_by_lang, jobs)
        cx, n_claims = bench_claimx(folder, jobs)
        print(
            f"jobs={jobs}: raw nlp.pipe {args.n / raw:6.1f} docs/s {words / raw:8.0f} words/s | "
            f"claimx {args.n / cx:6.1f} docs/s {words / cx:8.0f} words/s, {n_claims} claims | "
            f"claimx/raw throughput ratio {raw / cx:.2f}"
        )
    own, kids = peak_mb()
    print(f"peak RSS: main process {own} MB, largest child {kids} MB")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
