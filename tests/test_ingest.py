"""Ingest: formats, metadata precedence, encodings and the documented outcome of every kind of bad input."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from claimx.ingest.decode import decode
from claimx.ingest.discover import IngestError, discover
from claimx.ingest.formats import read_file
from claimx.ingest.metadata import front_matter
from claimx.schemas import Article

DATA = Path(__file__).parent / "data" / "ingest"
CORPUS = Path(__file__).parent.parent / "corpus"


def articles(path: Path, reference_date: date | None = None) -> list[Article | IngestError]:
    return list(read_file(path, reference_date))


def test_seed_corpus_is_read_byte_for_byte():
    for path in sorted(CORPUS.glob("*.txt")):
        (art,) = articles(path)
        assert art.text == path.read_bytes().decode("utf-8")
        assert art.published is None and art.published_from is None  # no date anywhere: never guessed


def test_front_matter_metadata_and_body_offset():
    (art,) = articles(DATA / "meta" / "front.md")
    assert (art.title, art.source, art.url) == ("Council approves new tram line", "Lyon Daily", "https://example.org/tram")
    assert art.published == date(2025, 3, 14) and art.published_from == "front-matter"
    assert art.text[art.body_start :].startswith("The city council approved")
    assert art.text.startswith("---")  # the original is kept whole


def test_json_fields_and_datetime():
    (art,) = articles(DATA / "meta" / "article.json")
    assert art.source == "Exemple Info" and art.published == date(2024, 10, 10) and art.published_from == "json"
    assert art.text.startswith("Le gouvernement a présenté")


def test_jsonl_bad_line_keeps_the_good_ones():
    items = articles(DATA / "meta" / "wire.jsonl")
    good = [a for a in items if isinstance(a, Article)]
    bad = [e for e in items if isinstance(e, IngestError)]
    assert [a.item for a in good] == [1, 4]
    assert good[0].published == date(2024, 1, 5)  # `date` is accepted when `published` is absent
    assert good[0].text.startswith("The company postponed")  # `content` is accepted when `text` is absent
    assert len(bad) == 1 and bad[0].item == 2 and "line 2" in bad[0].reason
    assert good[0].doc_id != good[1].doc_id


def test_sidecar_metadata():
    (art,) = articles(DATA / "meta" / "sidecar.txt")
    assert art.source == "Sud Exemple" and art.published == date(2025, 6, 20) and art.published_from == "sidecar"


def test_html_extraction_and_metadata():
    (art,) = articles(DATA / "meta" / "page.html")
    assert isinstance(art, Article), art
    assert "close its plant" in art.text and "Subscribe to our newsletter" not in art.text
    assert art.published == date(2025, 9, 2) and art.format == "html"


def test_reference_date_only_fills_missing_dates():
    ref = date(2026, 1, 22)
    (seed,) = articles(sorted(CORPUS.glob("*.txt"))[0], ref)
    (dated,) = articles(DATA / "meta" / "front.md", ref)
    assert seed.published == ref and seed.published_from == "reference-date"
    assert dated.published == date(2025, 3, 14)


def test_doc_id_is_stable():
    path = DATA / "meta" / "front.md"
    assert articles(path)[0].doc_id == articles(path)[0].doc_id


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("nul.txt", b"abc\x00def", "binary file"),
        ("image.txt", bytes(range(1, 32)) * 20, "binary file"),
        ("broken.txt", "Le président ".encode() + b"\xff" + " a annoncé".encode(), "invalid UTF-8"),
        ("malformed.json", b'{"text": "oops",', "malformed JSON"),
        ("list.json", b"[1, 2]", "not a JSON object"),
        ("notext.json", b'{"title": "x"}', "no non-empty `text`"),
    ],
)
def test_bad_inputs_are_rejected_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    (err,) = articles(path)
    assert isinstance(err, IngestError)
    assert err.path == str(path) and reason in err.reason


def test_latin1_is_detected_and_reported(tmp_path):
    path = tmp_path / "latin1.txt"
    text = "Le président a annoncé une réforme économique très importante pour les élèves."
    path.write_bytes(text.encode("latin-1"))
    (art,) = articles(path)
    assert isinstance(art, Article) and art.text == text
    assert art.encoding != "utf-8" and any("decoded as" in w for w in art.warnings)


def test_utf8_bom_is_accepted():
    assert decode("\ufeffBonjour".encode("utf-8")) == ("Bonjour", "utf-8-sig")


def test_front_matter_absent():
    assert front_matter("no front matter\n---\n") == ({}, 0)


def test_discover_recurses_skips_other_types_and_sidecars():
    files, errors, skipped = discover(DATA)
    names = [p.name for p in files]
    assert "front.md" in names and "wire.jsonl" in names and "page.html" in names
    assert "sidecar.meta.json" not in names
    assert any(s.endswith("readme.rst") for s in skipped) and not errors


def test_unreadable_directory_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("Some text here.", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):  # root ignores chmod, so the OS error is simulated where os.walk meets it
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, errors, _ = discover(tmp_path)
    assert [p.name for p in files] == ["a.txt"]
    assert len(errors) == 1 and "locked" in errors[0].path and "cannot read directory" in errors[0].reason
