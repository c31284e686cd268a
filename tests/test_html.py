"""HTML extraction: main text one block per line, metadata aside, nothing fetched."""

from __future__ import annotations

import datetime as dt
import gzip
import socket
from pathlib import Path

import pytest

from claimx.ingest.html import HtmlExtract, extract_html

PAGE = Path(__file__).parent / "data" / "boilerplate" / "page_fr.html"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("extract_html tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_main_text_one_block_per_line_without_page_furniture():
    ex = extract_html(PAGE.read_text(encoding="utf-8"), url="https://gazette.example/eco/port.html")
    lines = ex.text.splitlines()
    assert lines[0].startswith("Le grand port maritime de Marseille a annoncé mercredi")
    assert "Une demande des riverains" in lines
    assert "« C'est une première étape, mais il faudra aller plus vite », a réagi la présidente d'une association locale." in lines
    assert "- Durée des travaux : cinq ans" in lines
    for furniture in ("cookies", "Tout accepter", "Accueil", "Croisières : le trafic", "Tous droits réservés",
                      "Mentions légales", "dataLayer", "color: red"):
        assert furniture not in ex.text


def test_metadata():
    ex = extract_html(PAGE.read_bytes())
    assert ex.title == "Le port de Marseille investit 200 millions d'euros"
    assert ex.title not in ex.text  # the headline is metadata
    assert ex.sitename == "La Gazette du Sud"
    assert ex.author == "Claire Martin"
    assert ex.date == dt.date(2025, 3, 12)
    assert ex.lang == "fr"


def test_gzipped_benchmark_page_bytes_are_accepted():
    raw = gzip.decompress(gzip.compress(PAGE.read_bytes()))
    assert extract_html(raw).text == extract_html(PAGE.read_text(encoding="utf-8")).text


@pytest.mark.parametrize(
    "raw",
    ["", "   ", b"", "<html><body></body></html>", "<html><head><title>T</title></head></html>",
     "\x00\x01\x02<<<>>>", b"\xff\xfe\x00<", "<html><body><script>var a = 1;</script></body></html>"],
)
def test_empty_or_malformed_page_gives_empty_text(raw):
    ex = extract_html(raw)
    assert isinstance(ex, HtmlExtract)
    assert ex.text == ""


def test_declared_language_read_from_markup():
    body = "<p>" + "Der Stadtrat hat am Dienstag einen neuen Haushalt beschlossen, der mehr Geld für Schulen vorsieht. " * 5 + "</p>"
    assert extract_html(f'<html lang="de-AT"><body><article>{body}</article></body></html>').lang == "de"
    meta = f'<html><head><meta http-equiv="Content-Language" content="es"></head><body><article>{body}</article></body></html>'
    assert extract_html(meta).lang == "es"
    assert extract_html(f'<html lang="{{lang}}"><body><article>{body}</article></body></html>').lang is None
