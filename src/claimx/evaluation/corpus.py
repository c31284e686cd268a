"""Runs the same pipeline as `claimx run` on in-memory evaluation documents, and maps its records back to them.

Every `EvalDoc` is written as one JSON article (`text`, `title`, `published`, `source`, `url`, `lang`) into a
temporary folder (in a sub-folder when it has a `group`), `claimx.pipeline.run` reads that folder exactly as it
would read a user's corpus, and each document's claims are found again by the path it was written to. The
temporary folder, outputs included, is removed afterwards. A stage of the run that failed (reconciliation, say)
is in `failed_stages`: the evaluations report it, and `claimx eval` exits 1, since its figures are then wrong.

Documents with the same text would get the same `doc_id` (it is a hash of the text) and so the same claim ids:
such a text is written once (with the first document's metadata), and its `doc_id` maps to every document
that has it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from claimx.schemas import Claim, Conflict, DocumentRecord, Fact


@dataclass
class EvalDoc:
    """One evaluation document: `key` is the evaluation's own name for it (unique), the rest is the article."""

    key: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None  # a declared language (claimx uses it when its own detection is unsure)
    group: str | None = None  # sub-folder of the corpus (one per incident)


@dataclass
class CorpusRun:
    """What the pipeline made of the documents, indexed by the evaluation's keys."""

    claims: list[Claim]
    facts: list[Fact]
    conflicts: list[Conflict]
    documents: list[DocumentRecord]
    doc_id: dict[str, str | None] = field(default_factory=dict)  # key -> claimx doc_id (None: rejected)
    keys: dict[str, list[str]] = field(default_factory=dict)  # claimx doc_id -> keys of the documents with that text
    seconds: float = 0.0
    failed_stages: list[str] = field(default_factory=list)  # "stage: reason" of each corpus-level stage that failed

    @property
    def rejected(self) -> int:
        """Documents the pipeline rejected (no claims from them)."""
        return sum(d.status == "rejected" for d in self.documents)

    def claims_of(self, key: str) -> list[Claim]:
        """The claims of one evaluation document, in text order."""
        d = self.doc_id.get(key)
        return [c for c in self.claims if c.doc_id == d] if d else []

    def by_key(self) -> dict[str, list[Claim]]:
        """Every key's claims (documents sharing a text share their claims)."""
        per_doc: dict[str, list[Claim]] = {}
        for c in self.claims:
            per_doc.setdefault(c.doc_id, []).append(c)
        return {k: per_doc.get(d, []) if d else [] for k, d in self.doc_id.items()}


def run_documents(docs: list[EvalDoc], jobs: int = 1) -> CorpusRun:
    """Write `docs` as a corpus of JSON articles, run the whole pipeline with `jobs` workers, map the results."""
    from claimx.pipeline import RunOptions, run

    keys = [d.key for d in docs]
    if len(set(keys)) != len(keys):
        raise ValueError("evaluation documents need distinct keys")
    root = Path(tempfile.mkdtemp(prefix="claimx-eval-"))
    try:
        corpus = root / "corpus"
        written: dict[str, str] = {}  # text -> path written
        path_of: dict[str, str] = {}  # key -> path
        for n, d in enumerate(docs):
            if d.text in written:
                path_of[d.key] = written[d.text]
                continue
            folder = corpus / _safe(d.group) if d.group else corpus
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{n:06d}.json"
            article = {"text": d.text, "title": d.title, "source": d.source, "url": d.url, "lang": d.lang,
                       "published": d.published.isoformat() if d.published else None}
            path.write_text(json.dumps({k: v for k, v in article.items() if v is not None}, ensure_ascii=False),
                            encoding="utf-8")
            written[d.text] = path_of[d.key] = str(path)
        t0 = time.perf_counter()
        result = run(RunOptions(corpus=corpus, out=root / "out", jobs=jobs))
        seconds = time.perf_counter() - t0
    finally:
        shutil.rmtree(root, ignore_errors=True)
    by_path = {r.path: r.doc_id for r in result.documents if r.status == "ok"}
    out = CorpusRun(claims=result.claims, facts=result.facts, conflicts=result.conflicts,
                    documents=result.documents, seconds=round(seconds, 3),
                    failed_stages=[f"{f.get('stage')}: {f.get('reason')}" for f in result.report.failed_stages])
    for key in keys:
        d = by_path.get(path_of[key])
        out.doc_id[key] = d
        if d:
            out.keys.setdefault(d, []).append(key)
    return out


def _safe(name: str) -> str:
    """A folder name from a group name (path separators and leading dots removed)."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name).lstrip(".") or "_"
