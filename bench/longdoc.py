"""Seconds of each pipeline component on one long document, against its length: does any step grow faster than
the text? The document is perturbed corpus articles of one language (as bench/throughput.py makes them) joined
until it has N characters; each component of claimx's pipeline runs on it in turn.

    python bench/longdoc.py --chars 100000 200000 400000 --lang en

A benchmark prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from throughput import ROOT, perturbed


def long_text(corpus: Path, lang: str, chars: int) -> str:
    from claimx.ingest.langid import detect_document

    parts: list[str] = []
    size, n = 0, 0
    while size < chars:
        n += 64
        for _, text in perturbed(corpus, n)[n - 64:]:
            if detect_document(text).lang == lang:
                parts.append(text)
                size += len(text) + 1
    return "\n".join(parts)[:chars]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, nargs="+", default=[100_000, 200_000, 400_000])
    ap.add_argument("--lang", default="en")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()

    from claimx.claims.context import DocContext
    from claimx.nlp.pipelines import get_pipeline

    nlp = get_pipeline(args.lang)
    for chars in args.chars:
        text = long_text(args.corpus, args.lang, chars)
        doc = nlp.make_doc(text)
        doc._.cx = DocContext(doc_id="long", lang=args.lang)
        times = []
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            times.append(f"{name} {time.perf_counter() - t0:.2f}")
        total = sum(float(t.rsplit(" ", 1)[1]) for t in times)
        print(f"{chars} characters, {len(doc)} tokens, {len(doc._.claims)} claims: total {total:.1f} s | "
              + ", ".join(times), flush=True)


if __name__ == "__main__":
    main()
