"""`claimx report`: the HTML page of a run. Behaviour, not snapshots: the page is well-formed, self-contained and
inert (no external resource, nothing executable from article text), shows conflicts most certain first with the
contested words marked, updates as timelines, bands and points on entity timelines, one column per independent
source, and works for an empty run; the CLI writes it atomically and says what is wrong with a folder in one line.

Output folders are written record by record with the writers of `claimx.output.files` (and a `report.json` that
lists them), except the runs of the pipeline at the end. With Chromium installed (Debian's `chromium`), the page is
also loaded in a headless browser: its DOM after the script ran, no console message (no script error, nothing the
Content-Security-Policy blocked), and a screenshot under `out/report-screenshots/` for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import cli_runs
import pytest
from lxml import html as lxml_html

from claimx.output.evidence import pieces, safe_url
from claimx.output.files import file_digest, write_claims, write_conflicts, write_facts, write_json, write_jsonl
from claimx.output.report import REPORT_HTML, load_run, render_report, write_report
from claimx.schemas import (
    Claim,
    Conflict,
    ConflictSide,
    DocumentRecord,
    Entity,
    Evidence,
    Fact,
    Identity,
    Predicate,
    Quantity,
    RunReport,
    TimeSpan,
)

ROOT = Path(__file__).parent.parent
SCRIPT = '<script>alert("pwned")</script>'
IMG = '"><img src=x onerror=alert(1)>'
AT = 100  # evidence sentences start at this offset of their file

# ------------------------------------------------------------------------------------------------------------------
# A run written record by record


def doc(doc_id: str, source: str, *, url: str | None = None, title: str | None = None) -> DocumentRecord:
    return DocumentRecord(doc_id=doc_id, path=f"corpus/{doc_id}.txt", source=source, url=url, title=title,
                          published=date(2026, 1, 21), lang="en", chars_in=500, chars_kept=500)


def span(text: str, value: str, start: date, end: date, granularity: str) -> TimeSpan:
    return TimeSpan(text=text, start_char=0, end_char=len(text), value=value, start=start, end=end,
                    granularity=granularity, resolved=True)


def claim(cid: str, doc_id: str, source: str, sentence: str, trigger: str, frame: str, *, subject: str = "renault",
          time: TimeSpan | None = None, value: Quantity | None = None, modality: str = "asserted",
          published: date | None = date(2026, 1, 21)) -> Claim:
    at = AT + sentence.index(trigger)
    return Claim(id=cid, doc_id=doc_id, source=source, published=published, lang="en",
                 subject=Entity(text=subject.title(), label="ORG", canonical=subject),
                 predicate=Predicate(frame=frame, lemma=frame, text=trigger, start=at, end=at + len(trigger)),
                 time=time, value=value, modality=modality,
                 evidence=Evidence(sentence=sentence, start=AT, end=AT + len(sentence)), rule="test", confidence=0.9)


def side(c: Claim, fact_key: str, words: str) -> ConflictSide:
    i = c.evidence.sentence.index(words)
    return ConflictSide(claim_id=c.id, fact_key=fact_key, doc_id=c.doc_id, source=c.source, lang=c.lang,
                        published=c.published, section="body", frame=c.predicate.frame, lemma=c.predicate.lemma,
                        polarity="positive", modality=c.modality, attribution=None, time=c.time, value=c.value,
                        sentence=c.evidence.sentence, start=c.evidence.start, end=c.evidence.end,
                        highlight=[[i, i + len(words)]])


def fact(key: str, story: str, frame: str, claims: list[Claim], *, status: str = "corroborated",
         updates: list[list[str]] | None = None, conflicts: list[str] | None = None) -> Fact:
    sources = sorted({c.source for c in claims})
    return Fact(key=key, story=story, subject="renault", frame=frame, entities=["renault"], status=status,
                claim_ids=[c.id for c in claims], sources=sources, independent_sources=len(sources),
                languages=["en"], updates=updates or [], conflicts=conflicts or [])


def conflict(cid: str, type_: str, confidence: float, a: tuple, b: tuple, differs: list[str]) -> Conflict:
    return Conflict(id=cid, type=type_, title=f"Renault · {cid}", sides=[side(*a), side(*b)], differs=differs,
                    explanation=f"explanation of {cid}", confidence=confidence,
                    identity=Identity(participants=["renault"], time="2026-07"))


def write_run(out: Path, documents, claims, facts, conflicts) -> Path:
    """An output folder as a run writes it: the four files, then report.json listing their sizes and SHA-256."""
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / "documents.jsonl", documents)
    write_claims(out, claims)
    write_facts(out, facts)
    write_conflicts(out, conflicts)
    outputs = {n: file_digest(out / n) for n in ("documents.jsonl", "claims.jsonl", "facts.json", "conflicts.json")}
    write_json(out / "report.json", RunReport(claimx_version="test", run_id="run-1", corpus="corpus", out=str(out),
                                              documents=len(documents), documents_ok=len(documents),
                                              claims=len(claims), facts=len(facts), conflicts=len(conflicts),
                                              outputs=outputs))
    return out


JULY = span("July 2026", "2026-07", date(2026, 7, 1), date(2026, 7, 31), "month")
YEAR = span("2024", "2024", date(2024, 1, 1), date(2024, 12, 31), "year")
DAY = span("21 January 2026", "2026-01-21", date(2026, 1, 21), date(2026, 1, 21), "day")


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    """Hostile text everywhere a run carries article text; two outlets' sites; a spin off ⟂ reintegrate story
    with three conflicts of distinct confidence; a plan → postpone update; dated facts (a year, a day)."""
    docs = [
        doc("d1", "www.latimes.com", url="javascript:alert(1)", title=SCRIPT),
        doc("d2", "homicide.latimes.com", url="https://www.latimes.com/story-2"),
        doc("d3", IMG, url=f"https://example.org/{IMG}"),
    ]
    c1 = claim("c1", "d1", "www.latimes.com", f"Renault will reintegrate Ampere in July 2026. {SCRIPT}",
               "reintegrate", "reintegrate", time=JULY)
    c2 = claim("c2", "d2", "homicide.latimes.com", "Renault is to reintegrate its unit Ampere.", "reintegrate",
               "reintegrate")
    c3 = claim("c3", "d3", IMG, f"Renault to spin off Ampere {IMG} as planned.", "spin off", "spin_off")
    c4 = claim("c4", "d3", IMG, "Renault planned an IPO of Ampere in 2024.", "planned", "ipo_plan", time=YEAR,
               modality="planned", published=date(2026, 1, 20))
    c5 = claim("c5", "d1", "www.latimes.com", "Renault postponed the IPO on 21 January 2026.", "postponed",
               "ipo_postpone", time=DAY)
    c6 = claim("c6", "d2", "homicide.latimes.com", "Renault employs 11,000 people at Ampere.", "employs",
               "headcount", value=Quantity(text="11,000", start_char=0, end_char=6, amount=11000, counts="people"))
    c7 = claim("c7", "d3", IMG, "Renault employs 10,000 people at Ampere.", "employs", "headcount",
               value=Quantity(text="10,000", start_char=0, end_char=6, amount=10000, counts="people"))
    facts = [
        fact("f1", "s1", "reintegrate", [c1, c2], conflicts=["x-sure", "x-low"]),
        fact("f2", "s1", "spin_off", [c3], status="conflicting", conflicts=["x-sure", "x-low"]),
        fact("f3", "s2", "ipo_plan", [c4], status="evolving", updates=[["c4", "c5"]]),
        fact("f4", "s2", "ipo_postpone", [c5], status="single_source", updates=[["c4", "c5"]]),
        fact("f5", "s1", "headcount", [c6, c7], status="conflicting", conflicts=["x-numeric"]),
    ]
    conflicts = [  # in the file's order, not the page's
        conflict("x-low", "antonym", 0.3, (c2, "f1", "reintegrate"), (c3, "f2", "spin off"), ["frame"]),
        conflict("x-sure", "antonym", 0.7, (c1, "f1", "reintegrate"), (c3, "f2", "spin off"), ["frame"]),
        conflict("x-numeric", "numeric", 0.9, (c6, "f5", "11,000"), (c7, "f5", "10,000"), ["value"]),
    ]
    return write_run(tmp_path_factory.mktemp("run"), docs, [c1, c2, c3, c4, c5, c6, c7], facts, conflicts)


@pytest.fixture(scope="module")
def page(run_dir) -> str:
    return render_report(load_run(run_dir))


@pytest.fixture(scope="module")
def tree(page):
    return lxml_html.fromstring(page)


# ------------------------------------------------------------------------------------------------------------------
# The page

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Nesting(HTMLParser):
    """Fails on an end tag that closes no open element, and on elements left open."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]} at {self.getpos()}"
        self.stack.pop()


def parsed(page: str) -> Nesting:
    parser = Nesting()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], parser.stack
    return parser


def test_page_is_well_formed_html(page):
    assert page.startswith("<!doctype html>")
    tags = [t for t, _ in parsed(page).tags]
    assert tags.count("html") == tags.count("body") == tags.count("main") == 1
    ids = [dict(a)["id"] for _, a in parsed(page).tags if "id" in dict(a)]
    assert len(ids) == len(set(ids)), "element ids are unique"


def test_nothing_is_loaded_from_elsewhere(page, tree):
    own_urls = {"https://www.latimes.com/story-2"}  # the only http(s) address of a document that is a plain URL
    for tag, attrs in parsed(page).tags:
        attrs = dict(attrs)
        assert "src" not in attrs and tag not in ("link", "iframe", "object", "embed", "img"), (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#") or href in own_urls, href
    assert "@import" not in page and "url(" not in page
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_article_text_is_escaped_never_executable(page, tree):
    tags = parsed(page).tags
    assert [t for t, _ in tags].count("script") == 1  # the page's own, at the end
    assert not [(t, a) for t, attrs in tags for a, _ in attrs if a.startswith("on")], "no event handler attribute"
    assert "javascript:" not in "".join(v or "" for _, attrs in tags for _, v in attrs)
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in page  # escaped by Jinja
    # the hostile strings are there, as text: sentence, title, source, the refused URL
    text = tree.text_content()
    assert SCRIPT in text and IMG in text and "javascript:alert(1)" in text


def test_conflicts_most_certain_first_less_sure_folded(tree):
    cards = tree.xpath('//section[@id="conflicts"]//article[contains(@class, "conflict")]')
    assert [c.get("id") for c in cards] == ["c-x-numeric", "c-x-sure", "c-x-low"]
    assert [float(c.get("data-confidence")) for c in cards] == [0.9, 0.7, 0.3]
    folded = tree.xpath('//section[@id="conflicts"]//details//article/@id')
    assert folded == ["c-x-low"]  # below claimx diff's 0.5: shown, but folded


def test_both_sides_side_by_side_with_contested_words_marked(tree):
    card = tree.get_element_by_id("c-x-numeric")
    quotes = card.xpath('.//tr[contains(@class, "evidence")]/td')
    assert len(quotes) == 2
    assert [q.xpath("string(.//mark)") for q in quotes] == ["11,000", "10,000"]
    differs = card.xpath('.//tr[contains(@class, "differs")]/th')
    assert [d.text_content().split()[-1] for d in differs] == ["value"]
    refs = card.xpath('.//p[@class="ref"]/a/@href')
    assert refs == ["#d-d2", "#d-d3"] and tree.get_element_by_id("d-d2") is not None
    sentence = "Renault employs 11,000 people at Ampere."
    assert f"chars {AT}–{AT + len(sentence)}" in card.text_content()  # the sentence's offsets in its file
    assert "10,000 (10,000 people)" in card.text_content()


@pytest.mark.parametrize("spans, expected", [
    ([[4, 9]], [("The ", False), ("spin ", True), ("off.", False)]),
    ([[4, 8], [6, 13]], [("The ", False), ("spin", True), (" off.", True)]),  # overlapping: joined
    ([[9, 99], [-5, 3]], [("The", True), (" spin ", False), ("off.", True)]),  # clipped to the sentence
    ([[20, 30], [5], []], [("The spin off.", False)]),  # outside it, or not a span: nothing marked
])
def test_highlight_pieces(spans, expected):
    assert pieces("The spin off.", spans) == expected


def test_only_plain_web_addresses_become_links():
    assert safe_url("https://www.latimes.com/a?b=1") == "https://www.latimes.com/a?b=1"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//evil.example/x", "http://",
                f"https://example.org/{IMG}", "https://a.example/ b", "ftp://a.example/x", None, ""):
        assert safe_url(bad) is None, bad


def test_an_update_is_a_timeline_not_a_conflict(tree):
    conflicts = tree.get_element_by_id("conflicts").text_content()
    assert "postponed the IPO" not in conflicts and "planned an IPO" not in conflicts
    chain = tree.xpath('//section[@id="updates"]//article')
    assert len(chain) == 1
    states = chain[0].xpath('.//li[contains(@class, "station")]')
    assert [s.xpath("string(.//mark)") for s in states] == ["planned", "postponed"]  # earlier → later
    assert "linked" in states[1].get("class")  # drawn as the update of the state before it


def test_entity_timeline_a_year_is_a_band_a_day_a_point(tree):
    timeline = tree.get_element_by_id("t-renault")
    rows = timeline.xpath('.//div[@class="tl-row" and @data-f]')
    whens = [r.xpath('string(.//span[@class="when"])').split()[0] for r in rows]
    assert whens == ["2024", "21", "July"]  # time order
    assert [r.xpath('.//div[@class="tl-track"]/span/@class')[0].split()[0] for r in rows] == ["band", "point", "band"]
    assert rows[2].xpath('.//a[@class="cmark"]/@href') == ["#c-x-sure"]  # the conflict its dated claim is in


def test_one_outlets_sites_are_one_column(tree):
    matrix = tree.get_element_by_id("m-s1")
    heads = [th.text_content().split()[0] for th in matrix.xpath(".//thead/tr/th[@class='col']")]
    assert len(heads) == 2 and heads[0] in ("www.latimes.com", "homicide.latimes.com")
    assert "one outlet" in matrix.xpath(".//thead/tr/th[@class='col']")[0].text_content()
    spin_off = next(r for r in matrix.xpath(".//tbody/tr") if "spin off" in r.xpath("string(./th)"))
    cells = [td.get("class") for td in spin_off.xpath("./td")]
    assert cells == ["cell contradict", "cell support"]  # latimes contradicts it, the other outlet says it


def test_without_javascript_everything_is_shown(page, tree):
    assert tree.get_element_by_id("filters").get("hidden") is not None  # the script shows the form
    assert not [e for e in tree.xpath("//*[@data-f]") if e.get("hidden") is not None]


def test_an_empty_run(tmp_path):
    out = write_run(tmp_path / "out", [], [], [], [])
    page = render_report(load_run(out))
    parsed(page)
    assert "No conflict claimx is sure of" in page and "No updates in this run." in page
    assert "No documents in this run." in page


# ------------------------------------------------------------------------------------------------------------------
# The command


def test_report_help():
    result = cli_runs.invoke("report", "--help")
    assert result.exit_code == 0 and "Usage" in result.output and "--output" in result.output


def test_report_writes_the_file_atomically(run_dir, tmp_path):
    dest = tmp_path / "shared" / "page.html"
    dest.parent.mkdir()
    dest.write_text("an older page", encoding="utf-8")
    before = os.stat(dest).st_ino
    result = cli_runs.invoke("report", run_dir, "--output", dest)
    assert result.exit_code == 0, result.output
    assert os.stat(dest).st_ino != before  # moved into place, not rewritten in place
    assert dest.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert os.listdir(dest.parent) == ["page.html"]  # no temporary file left
    assert not (run_dir / REPORT_HTML).exists()


def test_a_bad_folder_is_one_line_and_leaves_the_page_alone(run_dir, tmp_path):
    proc = cli_runs.claimx("report", tmp_path / "nothing")
    assert "not an output folder" in cli_runs.one_line_error(proc)
    bad = tmp_path / "bad"
    shutil.copytree(run_dir, bad)
    with open(bad / "facts.json", "a", encoding="utf-8") as fh:
        fh.write(" ")  # a file changed since its run
    (bad / REPORT_HTML).write_text("kept", encoding="utf-8")
    proc = cli_runs.claimx("report", bad)
    assert "inconsistent output folder" in cli_runs.one_line_error(proc)
    assert (bad / REPORT_HTML).read_text(encoding="utf-8") == "kept"
    (bad / "facts.json").unlink()
    assert "facts.json" in cli_runs.one_line_error(cli_runs.claimx("report", bad))
    with pytest.raises(ValueError, match="is a folder"):
        write_report(run_dir, tmp_path)


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory) -> Path:
    """`claimx run CORPUS --report` on three short articles."""
    base = tmp_path_factory.mktemp("pipeline")
    corpus = cli_runs.write_corpus(base / "corpus")
    result = cli_runs.invoke("run", corpus, "--out", base / "out", "--report")
    assert result.exit_code == 0, result.output
    return base / "out"


def test_run_with_report_writes_the_page(pipeline_run):
    page = (pipeline_run / REPORT_HTML).read_text(encoding="utf-8")
    parsed(page)
    tree = lxml_html.fromstring(page)
    assert len(tree.xpath('//table[@class="docs"]/tbody/tr')) == 3
    assert REPORT_HTML not in (pipeline_run / "report.json").read_text(encoding="utf-8")  # not one of the run's files


# ------------------------------------------------------------------------------------------------------------------
# In a browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# .ci/run installs Debian's chromium when it is missing: in CI (CI set) a missing browser fails these tests, and
# only a developer's machine without it skips them
browser = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                             reason="needs Chromium (Debian: apt-get install chromium)")


def chromium(*args: str) -> subprocess.CompletedProcess:
    assert CHROMIUM is not None, "Chromium is not installed (.ci/run installs Debian's chromium)"
    with tempfile.TemporaryDirectory() as profile:  # a new empty profile; nothing is fetched from the network
        return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                               "--no-first-run", "--disable-background-networking", "--disable-component-update",
                               "--disable-sync", "--disable-quic", f"--user-data-dir={profile}",
                               "--enable-logging=stderr", "--v=0", *args],
                              capture_output=True, text=True, timeout=120, check=False)


def in_browser(path: Path, name: str) -> str:
    """The DOM after the page's script ran; asserts the console said nothing; writes a screenshot for a person."""
    loaded = chromium("--dump-dom", path.resolve().as_uri())
    console = [line for line in loaded.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], console  # a script error, or something the Content-Security-Policy refused
    shots = ROOT / "out" / "report-screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for width in (1280, 400):
        chromium(f"--window-size={width},2400", f"--screenshot={shots / f'{name}-{width}.png'}", path.resolve().as_uri())
    return loaded.stdout


@browser
def test_browser_renders_the_hostile_run(run_dir, tmp_path):
    dom = lxml_html.fromstring(in_browser(write_report(run_dir, tmp_path / "page.html"), "hostile"))
    assert dom.get_element_by_id("filters").get("hidden") is None  # the script ran
    assert len(dom.xpath('//article[contains(@class, "conflict")]')) == 3
    assert len(dom.xpath('//tr[contains(@class, "evidence")]//mark')) == 6
    assert not dom.xpath("//img") and len(dom.xpath("//script")) == 1


@browser
def test_browser_filters(run_dir, tmp_path):
    """The filter form, driven in the browser: a type keeps its conflicts, a confidence floor hides the others."""
    page = render_report(load_run(run_dir))
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)  # lets the driver below run
    driver = ('<script>var f = document.getElementById("filters"); f.elements.namedItem("type").value = "antonym";'
              'f.elements.namedItem("confidence").value = "0.5"; f.dispatchEvent(new Event("input"));</script>')
    path = tmp_path / "driven.html"
    path.write_text(page.replace("</body>", driver + "</body>"), encoding="utf-8")
    dom = lxml_html.fromstring(chromium("--dump-dom", path.as_uri()).stdout)
    shown = [a.get("id") for a in dom.xpath('//article[contains(@class, "conflict")]') if a.get("hidden") is None]
    assert shown == ["c-x-sure"]
    assert "of" in dom.get_element_by_id("filter-status").text_content()


@browser
def test_browser_renders_the_seeds(tmp_path):
    """The README's first command, then `claimx report`: the spin off ⟂ reintegrate conflict side by side."""
    out = tmp_path / "out"
    result = cli_runs.invoke("run", ROOT / "corpus", "--out", out, "--report")
    assert result.exit_code == 0, result.output
    dom = lxml_html.fromstring(in_browser(out / REPORT_HTML, "seeds"))
    cards = [c for c in dom.xpath('//article[contains(@class, "conflict")]')
             if "spin off ⟂ reintegrate" in c.xpath("string(.//h3)")]
    assert cards
    marks = cards[0].xpath('.//tr[contains(@class, "evidence")]/td')
    assert len(marks) == 2 and all(td.xpath(".//mark") for td in marks)
    assert dom.xpath('//section[@id="timelines"]//span[contains(@class, "band") or contains(@class, "point")]')
