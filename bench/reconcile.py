"""Benchmark canonicalisation + reconciliation on synthetic claims (no assertions; prints numbers).

    python bench/reconcile.py --sizes 10000 100000 1000000
    python bench/reconcile.py --sizes 1000000 --jobs 1 2 --repeat 2     # one process against two
    python bench/reconcile.py --sizes 100000 --repeat 5 --against ../other-checkout/src   # A/B two versions

What is timed is what `claimx run` does in its reconcile stage: `canon.resolve_mentions` (canonical ids,
corpus-wide) then `reconcile` on what it found (`total_cpu`, `total_wall`), with `--jobs` processes
(`claimx run --jobs`; the workers' CPU is `workers_cpu`, included in `total_cpu`, their largest peak memory
`workers_rss_mb`, which counts the pages they share with the parent). `copies_cpu` is the step after it,
apart: copies of the claims with the ids filled, for claims.jsonl. Each size runs in a fresh subprocess, so peak memory
(ru_maxrss after reconciling, which includes the generated claims, shown apart) is per size. Times are CPU
seconds (user + system; the system part, mostly page faults of fresh memory, is shown apart) and wall
seconds. On a shared virtual machine even CPU time drifts with the host's load (time stolen by the
host is charged to the running process): on this project's 2-core VM the same code at 300k claims took 15 to
24 s within ten minutes, and at 1M 83 and 145 s wall within twenty. Each size also times a fixed pure-Python
loop just before (`calib_cpu`, the best of 5, and `total_per_calib`), but that ratio does not track the drift
either (the loop and the memory-bound work slow down differently). To compare two versions, or two job
counts, run them alternately (`--against`, several `--jobs`) several times (`--repeat`) and compare the
minimum of each time, printed after the runs; with the same code on both sides, 3 runs each at 100k gave
minima of 6.0 and 7.5 s, so use more runs, or larger differences.

The synthetic corpus mimics news: entities with Zipf-like frequencies and varied surface forms ("Norvane SA",
"the Norvane Group", "Norvane's", "le groupe Norvane"; persons by full name, then by surname), each with a
storyline of a few events (frames with contradicting and superseding relations, partners, values, dates) that
documents report with noise (wrong or rounded figures, coarser or wrong dates, plans, denials, the contrary
frame), about eight claims per document, two languages, generic noun-phrase participants, and 5% of documents
reprinted under another source. Claims are built with `model_construct` (generation is not what is measured).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

import claimx
from claimx.reconcile import canon
from claimx.reconcile.canon import canonicalise
from claimx.claims.frames import Frame, FrameSet
from claimx.reconcile.engine import reconcile
from claimx.schemas import Claim, Entity, Evidence, Predicate, Quantity, TimeSpan

SYLLABLES = ["ka", "lo", "ver", "na", "tri", "mon", "sel", "da", "ro", "vin", "tas", "mer", "gal", "zo", "pel",
             "an", "cor", "bel", "fi", "nor", "qua", "hel", "ix", "ran", "tor", "lu", "me", "sa", "do", "ber"]
FIRST = ["Anna", "Luc", "Marie", "Paul", "Sofia", "Jean", "Elena", "Marc", "Chloé", "Omar", "Lena", "Hugo"]
ORG_FORMS = ["{n}", "{n}", "{n}", "{n} SA", "the {n} Group", "{n}'s", "le groupe {n}", "{n} Group", "{N}"]
VOCABULARY = ("said on market plans year group sources union shares the of in to for with after its new according "
              "le la des pour avec selon marché année groupe analysts week chief deal talks board").split()
GENERIC = ["a man", "the company", "the group", "two people", "the plan", "l'entreprise", "the unit"]
FRAMES = [  # id, contradicts, supersedes, weight, value kind
    ("spin_off", ["reintegrate"], [], 3, None), ("reintegrate", ["spin_off"], [], 2, None),
    ("ipo_plan", [], [], 3, None), ("ipo_postpone", ["ipo_cancel"], ["ipo_plan"], 2, None),
    ("ipo_cancel", ["ipo_postpone"], ["ipo_plan", "ipo_postpone"], 2, None),
    ("ipo_complete", [], ["ipo_plan", "ipo_postpone"], 1, None), ("cut_jobs", [], [], 5, "count"),
    ("headcount", [], [], 5, "count"), ("establish", [], [], 4, None), ("acquire", [], [], 4, "money"),
    ("approve", ["reject"], [], 3, None), ("reject", ["approve"], [], 2, None), ("kill", [], [], 4, "count"),
    ("injure", [], [], 3, "count"), ("convict", ["acquit"], [], 2, None), ("acquit", ["convict"], [], 1, None),
]


CALIBRATION_LOOPS = 5_000_000


def frameset() -> FrameSet:
    frames = {f: Frame(id=f, domain="bench", description=f, contradicts=c, supersedes=s) for f, c, s, _, _ in FRAMES}
    return FrameSet(frames=frames, triggers={})


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _month(day: date) -> tuple[date, date, str, str]:
    start = day.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return start, end, start.isoformat()[:7], "month"


def _storyline(rng: random.Random, n_ent: int, e: int, start_day: int) -> list[tuple]:
    """An entity's events: (frame, partner entity or None, true value or None, true day)."""
    frame_ids = [f for f, *_ in FRAMES]
    weights = [w for *_, w, _ in FRAMES]
    kinds = {f: k for f, _, _, _, k in FRAMES}
    events = []
    for _ in range(rng.randint(1, 5)):
        frame = rng.choices(frame_ids, weights=weights, k=1)[0]
        partner = rng.randrange(n_ent) if rng.random() < 0.5 else None
        value = rng.randint(20, 50000) if kinds[frame] else None
        events.append((frame, partner, value, date.fromordinal(start_day + rng.randint(0, 1100))))
    return events


def generate(n: int, seed: int = 7) -> list[Claim]:
    """Exactly `n` synthetic claims, deterministic for a seed.

    Each entity has a storyline of a few events; a document covers one topic entity and reports its events
    (and some of other entities') the way outlets do: mostly right, sometimes with a rounded or wrong figure,
    a coarser date, a plan instead of a fact, a denial, or the contrary frame.
    """
    rng = random.Random(seed)
    n_ent = max(200, n // 20)
    orgs = [_name(rng) + rng.choice(["", "", " Motors", " Energy", " Bank"]) for _ in range(n_ent)]
    people = [(rng.choice(FIRST), _name(rng)) for _ in range(n_ent // 4)]
    weights = [1 / (r + 1) ** 1.1 for r in range(n_ent)]
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    outlets = [_name(rng) + " " + rng.choice(["News", "Post", "Wire", "Times", "Matin", "Soir"]) for _ in range(400)]
    opposite = {f: c[0] for f, c, *_ in FRAMES if c}
    kinds = {f: k for f, _, _, _, k in FRAMES}
    start_day = date(2023, 1, 1).toordinal()
    stories: dict[int, list[tuple]] = {}
    claims: list[Claim] = []
    docs: list[list[Claim]] = []
    doc_no = 0
    while len(claims) < n:
        doc_no += 1
        doc = f"d{doc_no}"
        lang = "fr" if rng.random() < 0.3 else "en"
        source = outlets[int(rng.paretovariate(1.2)) % len(outlets)]
        if docs and rng.random() < 0.05:  # a reprint of a recent document under another source
            for c in rng.choice(docs[-200:]):
                claims.append(c.model_copy(update={"id": f"{doc}-{c.id}", "doc_id": doc, "source": source}))
            continue
        topic = rng.choices(range(n_ent), cum_weights=cum, k=1)[0]
        story = stories.setdefault(topic, _storyline(rng, n_ent, topic, start_day))
        pub = story[-1][3] + timedelta(days=rng.randint(0, 400))
        person = people[topic % len(people)]
        mine: list[Claim] = []
        offset = 0
        for k in range(rng.randint(4, 12)):
            if len(claims) + len(mine) >= n:
                break
            e = topic if rng.random() < 0.75 else rng.choices(range(n_ent), cum_weights=cum, k=1)[0]
            frame, partner, truth, day = rng.choice(stories.setdefault(e, _storyline(rng, n_ent, e, start_day)))
            if rng.random() < 0.02 and frame in opposite:
                frame = opposite[frame]
            r = rng.random()
            if r < 0.08:
                subj = Entity.model_construct(text=rng.choice(GENERIC), label=None)
            elif r < 0.2 and e == topic:
                full = k == 0 or rng.random() < 0.5
                subj = Entity.model_construct(text=f"{person[0]} {person[1]}" if full else person[1],
                                              label="PER" if lang == "fr" else "PERSON")
            else:
                form = rng.choice(ORG_FORMS)
                subj = Entity.model_construct(text=form.format(n=orgs[e], N=orgs[e].upper()), label="ORG")
            obj = None
            if partner is not None and rng.random() < 0.8:
                obj = Entity.model_construct(text=orgs[partner], label="ORG")
            elif rng.random() < 0.3:
                obj = Entity.model_construct(text=rng.choice(GENERIC), label=None)
            filler = " ".join(rng.choices(VOCABULARY, k=rng.randint(4, 16)))
            sentence = f"{subj.text} {frame.replace('_', ' ')} {obj.text if obj else ''} {filler}."
            value = None
            if truth is not None and kinds[frame] and rng.random() < 0.7:
                amount = truth if rng.random() < 0.95 else truth * rng.uniform(0.3, 3)
                approx = rng.random() < 0.2
                value = Quantity.model_construct(text=f"{amount:,.0f}", start_char=offset, end_char=offset + 5,
                                                 amount=round(amount, -2 if approx else 0), unit=None,
                                                 kind=kinds[frame], approx=approx, mod=None)
            tspan = None
            if rng.random() < 0.5:
                when = day if rng.random() < 0.97 else date.fromordinal(day.toordinal() - rng.randint(40, 700))
                if rng.random() < 0.4:
                    s, e2, val, gran = date(when.year, 1, 1), date(when.year, 12, 31), str(when.year), "year"
                else:
                    s, e2, val, gran = _month(when)
                tspan = TimeSpan.model_construct(text=val, start_char=offset, end_char=offset + 4, type="DATE",
                                                 value=val, start=s, end=e2, granularity=gran, mod=None,
                                                 relation=None, resolved=True, anchor=pub, rule="bench")
            pred = Predicate.model_construct(frame=frame if rng.random() > 0.05 else None,
                                             lemma=frame.split("_")[0], text=frame.split("_")[0], negated=False)
            claim = Claim.model_construct(
                id=f"{doc}-c{k}", doc_id=doc, source=source, published=pub, lang=lang,
                section="headline" if k == 0 else "body", subject=subj, predicate=pred, object=obj, value=value,
                time=tspan, modality=rng.choices(["asserted", "planned", "hedged", "expected"], [36, 2, 1, 1])[0],
                polarity="negative" if rng.random() < 0.02 else "positive", attribution=None,
                evidence=Evidence.model_construct(sentence=sentence, start=offset, end=offset + len(sentence)),
                rule="bench", confidence=0.8, degraded=False, pipeline_version="bench")
            offset += len(sentence) + 1
            mine.append(claim)
        claims += mine
        docs.append(mine)
    return claims[:n]


def calibrate() -> float:
    """CPU seconds of a fixed pure-Python loop, the best of 5: how fast this machine runs Python right now."""
    best = float("inf")
    for _ in range(5):
        c0 = time.process_time()
        total = 0
        for i in range(CALIBRATION_LOOPS):
            total += i
        best = min(best, time.process_time() - c0)
    return best


def run_one(n: int, jobs: int = 1) -> dict:
    claims = generate(n)
    rss_gen = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    fs = frameset()
    gc.collect()  # a collection owed by generation is not charged to what is measured
    calib = calibrate()
    r0, w0, c0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter(), time.process_time()
    found = getattr(canon, "resolve_mentions", canon.resolve)(claims)  # older code has only resolve
    c1 = time.process_time()
    result = reconcile(claims, fs, ids=found, **({"jobs": jobs} if jobs > 1 else {}))  # older code has no jobs
    r2, w2, c2 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter(), time.process_time()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers of jobs > 1, joined when reconcile returns
    workers = kids.ru_utime + kids.ru_stime
    rss_reconciled = r2.ru_maxrss
    # What the pipeline does next, for claims.jsonl: copies of the claims with the ids filled.
    canonicalise(claims, ids=getattr(found, "ids", found))
    c3 = time.process_time()
    return {"claims": n, "jobs": jobs, "resolve_cpu": round(c1 - c0, 2), "reconcile_cpu": round(c2 - c1, 2),
            "workers_cpu": round(workers, 2), "total_cpu": round(c2 - c0 + workers, 2),
            "of_which_sys": round(r2.ru_stime - r0.ru_stime + kids.ru_stime, 2),
            "total_wall": round(w2 - w0, 2), "facts": len(result.facts), "conflicts": len(result.conflicts),
            "peak_rss_mb": round(rss_reconciled / 1024),
            "workers_rss_mb": round(kids.ru_maxrss / 1024), "rss_generated_mb": round(rss_gen / 1024),
            "copies_cpu": round(c3 - c2, 2), "calib_cpu": round(calib, 2),
            "total_per_calib": round((c2 - c0 + workers) / calib, 1)}


COLUMNS = ["claims", "jobs", "resolve_cpu", "reconcile_cpu", "workers_cpu", "total_cpu", "of_which_sys", "total_wall",
           "facts", "conflicts", "peak_rss_mb", "workers_rss_mb", "rss_generated_mb", "copies_cpu", "calib_cpu",
           "total_per_calib"]


def run_child(n: int, src: str | None, jobs: int = 1) -> dict:
    """One size in a fresh process, importing claimx from `src` when given (another checkout's src/)."""
    env = dict(os.environ, PYTHONPATH=src) if src else None
    out = subprocess.run([sys.executable, __file__, "--one", str(n), "--jobs", str(jobs)], capture_output=True,
                         text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="runs per size (and per code), each in a fresh process; then the minimum of each column")
    parser.add_argument("--against", metavar="SRC",
                        help="also run the claimx package under SRC (another checkout's src/ folder), alternating "
                             "with this one run by run, so that both see the same state of a noisy machine")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1], metavar="J",
                        help="reconcile's worker processes; several values run alternately, like --against")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size in this process
    args = parser.parse_args()
    if args.one:
        code = os.path.dirname(os.path.dirname(claimx.__file__))
        print(json.dumps(run_one(args.one, args.jobs[0]) | {"code": code}))
        return
    if args.against and not os.path.isdir(os.path.join(args.against, "claimx")):
        parser.error(f"--against {args.against}: no claimx package in that folder")
    codes = [None, args.against] if args.against else [None]
    variants = [(code, jobs) for code in codes for jobs in args.jobs]
    print(" ".join(f"{c:>16}" for c in ["code", *COLUMNS]))
    for n in args.sizes:
        runs: dict[tuple[str | None, int], list[dict]] = {v: [] for v in variants}
        for k in range(args.repeat):
            for code, jobs in variants if k % 2 == 0 else variants[::-1]:  # alternate which runs first
                r = run_child(n, code, jobs)
                if not any(runs[(code, j)] for j in args.jobs):
                    print(f"# {_label(code)}: claimx from {r['code']}", flush=True)
                runs[(code, jobs)].append(r)
                print(" ".join(f"{v:>16}" for v in [_label(code), *(r[c] for c in COLUMNS)]), flush=True)
        if args.repeat > 1:
            for code, jobs in variants:
                best = {c: min(r[c] for r in runs[(code, jobs)]) for c in COLUMNS}  # counts are equal across runs
                print(" ".join(f"{v:>16}" for v in [_label(code) + " min", *(best[c] for c in COLUMNS)]), flush=True)


def _label(code: str | None) -> str:
    return "against" if code else "this"


if __name__ == "__main__":
    main()
