"""Wall time of `claimx run` on the local engine and on Dask, cold and with a warm per-document cache.

Writes the Gun Violence Archive development incidents (`../shared/eval/gva/incidents_dev.jsonl`, 534 articles)
as a corpus folder in a temporary folder (one sub-folder per incident, one JSON article per document; nothing is
copied into the repository), then runs `claimx run` as a user does, one process per run, alternating the engines:

- cold: `--engine local --jobs 2`, and `--engine dask --jobs 2` (a LocalCluster of two worker processes, started
  and stopped by the run), each with a new output folder and cache;
- warm: each cold run again on the same folder, every document then taken from the cache.

Python keeps the compiled bytecode of claimx's modules between the runs, as it does in any installation, even on a
machine that sets PYTHONDONTWRITEBYTECODE (in a temporary folder: `PYTHONPYCACHEPREFIX`).

Prints each run's wall time and CPU time (user + system, of the run and every process it started) with the load
average before it, then the minima: Dask's overhead over the local engine (goal: under 10%), in wall time and in
CPU time (which other users of the machine disturb less), and the warm rerun against the cold run (goal: under 5%). Checks that the outputs of every
run are the same bytes. The machine is shared: run it when `uptime` shows a low load, and repeat. A benchmark prints
figures; it asserts nothing.

    python bench/engine.py --repeat 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
GVA = ROOT.parent / "shared" / "eval" / "gva" / "incidents_dev.jsonl"
FILES = ("documents.jsonl", "claims.jsonl", "facts.json", "conflicts.json")


def write_gva(jsonl: Path, folder: Path) -> int:
    """The incidents' articles as a corpus: FOLDER/INCIDENT/DOC.json (text, title, published, url, source)."""
    n = 0
    with open(jsonl, encoding="utf-8") as fh:
        for line in fh:
            incident = json.loads(line)
            where = folder / str(incident["incident_id"])
            where.mkdir(parents=True, exist_ok=True)
            for doc in incident["documents"]:
                url = doc["url"]
                real = url.split("/", 5)[-1] if "web.archive.org" in url else url
                host = urlparse(real if "://" in real else "http://" + real).netloc.lower().removeprefix("www.")
                article = {"text": doc["text"], "title": doc["title"], "published": doc["dct"], "url": real,
                           "source": host.split(":")[0]}
                (where / f"{doc['doc_id']}.json").write_text(json.dumps(article, ensure_ascii=False),
                                                             encoding="utf-8")
                n += 1
    return n


def load() -> float:
    return os.getloadavg()[0]


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def claimx_run(corpus: Path, out: Path, *args: str, env: dict[str, str] | None = None) -> tuple[float, float, dict]:
    """Wall and CPU seconds of one `claimx run` process (with its workers), and its report."""
    c0, t0 = _children_cpu(), time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimx", "run", str(corpus), "--out", str(out), *args],
                          capture_output=True, text=True, check=False, env=env)
    seconds, cpu = time.perf_counter() - t0, _children_cpu() - c0
    if done.returncode != 0:
        raise SystemExit(f"claimx run failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, cpu, json.loads((out / "report.json").read_text(encoding="utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gva", type=Path, default=GVA, help="incidents JSONL (default: ../shared/eval/gva dev)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes of each engine")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each engine (alternated)")
    ap.add_argument("--engines", nargs="+", default=["local", "dask"], choices=["local", "dask"])
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="claimx-bench-engine-"))
    try:
        corpus = work / "gva"
        n = write_gva(args.gva, corpus)
        print(f"{n} articles of {args.gva.name}; {os.cpu_count()} processors; Python {sys.version.split()[0]}")
        # Python keeps the compiled bytecode of claimx's modules, as in any installation (pip compiles a wheel's
        # modules when it installs them), in a folder of its own here: a machine that sets
        # PYTHONDONTWRITEBYTECODE would compile them again in every run.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        if "PYTHONDONTWRITEBYTECODE" in os.environ:
            print("PYTHONDONTWRITEBYTECODE is set here: the runs keep their bytecode in a temporary folder "
                  "all the same")
        cold: dict[str, list[float]] = {e: [] for e in args.engines}
        warm: dict[str, list[float]] = {e: [] for e in args.engines}
        cpu: dict[str, list[float]] = {e: [] for e in args.engines}
        outputs: dict[str, bytes] = {}
        for r in range(args.repeat):
            for engine in args.engines:
                out = work / f"out-{engine}-{r}"
                before = load()
                seconds, used, report = claimx_run(corpus, out, "--engine", engine, "--jobs", str(args.jobs), env=env)
                cold[engine].append(seconds)
                cpu[engine].append(used)
                print(f"cold {engine:5} run {r + 1}: {seconds:6.1f} s, CPU {used:6.1f} s  (load {before:.1f} before; "
                      f"{report['documents_extracted']} extracted, stages {report['seconds']})", flush=True)
                before = load()
                seconds, used, report = claimx_run(corpus, out, "--engine", engine, "--jobs", str(args.jobs), env=env)
                warm[engine].append(seconds)
                print(f"warm {engine:5} run {r + 1}: {seconds:6.2f} s, CPU {used:6.1f} s  (load {before:.1f} before; "
                      f"{report['documents_reused']} reused, stages {report['seconds']})", flush=True)
                for name in FILES:
                    data = (out / name).read_bytes()
                    if outputs.setdefault(name, data) != data:
                        print(f"  {name} differs from the first run's")
                shutil.rmtree(out)
        print("minima:")
        for engine in args.engines:
            c, w = min(cold[engine]), min(warm[engine])
            print(f"  {engine:5} cold {c:6.1f} s, warm {w:5.2f} s: warm rerun {100 * w / c:.1f}% of the cold run "
                  "(goal < 5%)")
        if {"local", "dask"} <= set(args.engines):
            over = min(cold["dask"]) / min(cold["local"]) - 1
            over_cpu = min(cpu["dask"]) / min(cpu["local"]) - 1
            print(f"  Dask's overhead over the local engine (cold, minima): wall {100 * over:+.1f}%, CPU "
                  f"{100 * over_cpu:+.1f}% (goal < 10%)")
        print("outputs: the same bytes in every run" if len(outputs) == len(FILES) else "outputs: see above")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
