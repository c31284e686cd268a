"""End to end on the bundled corpus: what `claimx run corpus/` must produce, read against the two articles.

`corpus/000_…` is a Numerama article in French, `corpus/004_…` an Autonews compilation in English; both report that
Renault is folding its electric-vehicle unit Ampere back into the group. Every expectation below was checked
against their text. What claimx gets wrong today is written as what is right and marked
`xfail(strict=True, reason=<the defect>)`: fixing the defect makes the test pass, and its marker must then go.
The exact rendering compared at the end is a small sample in which every line was checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import check, render

from claimx.output.render import render_show
from claimx.pipeline import RunOptions, run

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "data" / "seeds"
FR = "000_8cf3a627c898c9d9.txt"
EN = "004_52bc62e776807247.txt"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    res = run(RunOptions(corpus=ROOT / "corpus", out=out))
    return res, out


def doc(result, name):
    res, _ = result
    return next(d for d in res.documents if d.path.endswith(name))


def claims(result, name=None, frame=None):
    res, _ = result
    d = doc(result, name).doc_id if name else None
    return [c for c in res.claims if (d is None or c.doc_id == d) and (frame is None or c.predicate.frame == frame)]


def _entities(c):
    return {e.text for e in (c.subject, c.object) if e is not None}


def _canonicals(c):
    return {e.canonical for e in (c.subject, c.object) if e is not None and e.canonical}


def _said_in(c, words):
    return words in c.evidence.sentence


def _facts(result, frame, participants):
    res, _ = result
    return [f for f in res.facts if f.frame == frame and set(participants) <= set(f.entities)]


def _conflicts(result):
    res, _ = result
    return res.conflicts


def _frames_of(conflict):
    return {s.frame for s in conflict.sides}


# Documents


def test_documents_are_ok_with_languages(result):
    assert doc(result, FR).status == "ok" and doc(result, FR).lang == "fr"
    assert doc(result, EN).status == "ok" and doc(result, EN).lang == "en"


def test_french_promo_block_removed_and_body_kept(result):
    d = doc(result, FR)
    text = (ROOT / "corpus" / FR).read_text(encoding="utf-8")
    promo = text.index("+ rapide, + pratique, + exclusif")
    gone = sorted((r.start, r.end) for r in d.removed)
    covered = set()
    for s, e in gone:
        covered.update(range(s, e))
    tail = [i for i in range(promo, len(text)) if not text[i].isspace()]
    assert all(i in covered for i in tail), "the promo block must be removed to the end"
    body = [i for i in range(promo) if not text[i].isspace()]
    assert not any(i in covered for i in body), "no sentence of the article body may be lost"


def test_english_kicker_and_credit_never_become_claim_text(result):
    text = (ROOT / "corpus" / EN).read_text(encoding="utf-8")
    for c in claims(result, EN):
        sentence = text[c.evidence.start : c.evidence.end]
        assert sentence.strip() not in ("RENAULT", "Autonews")
        assert "Autonews" not in sentence and not sentence.startswith("RENAULT\n")


def test_every_evidence_points_at_the_original_characters(result):
    for name in (FR, EN):
        text = (ROOT / "corpus" / name).read_text(encoding="utf-8")
        for c in claims(result, name):
            assert text[c.evidence.start : c.evidence.end] == c.evidence.sentence
            if c.time is not None:
                assert text[c.time.start_char : c.time.end_char] == c.time.text
            if c.value is not None:
                assert text[c.value.start_char : c.value.end_char] == c.value.text


def test_files_written(result):
    _, out = result
    for name in ("documents.jsonl", "claims.jsonl", "facts.json", "conflicts.json", "report.json"):
        assert (out / name).is_file()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["documents_ok"] == 2 and report["claims"] > 20
    assert set(report["models"]) == {"en", "fr"}


def test_outputs_are_identical_across_jobs(result, tmp_path):
    _, out1 = result
    out2 = tmp_path / "out2"
    run(RunOptions(corpus=ROOT / "corpus", out=out2, jobs=2))
    for name in ("documents.jsonl", "claims.jsonl", "facts.json", "conflicts.json"):
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes(), name


# Claims


def _known(reason):
    return pytest.mark.xfail(strict=True, reason=reason)


def test_reintegration_in_both_languages(result):
    # "Ampere … s'apprête à être réintégré au sein de la marque centrale" (hedged: "D'après des sources internes");
    # "Renault is set to reintegrate its electric vehicle unit, Ampere, … as of July 2026"
    fr = claims(result, FR, "reintegrate")
    en = claims(result, EN, "reintegrate")
    assert any(c.modality != "asserted" for c in fr)
    assert any("Ampere" in _entities(c) and "Renault" in " ".join(_entities(c)) for c in en)
    as_of = [c for c in en if c.time is not None and c.time.relation == "as_of"]
    assert as_of and as_of[0].time.value == "2026-07" and as_of[0].modality == "planned"


@_known("fr_core_news_sm parses the dashes around 'le pôle qui … électriques' so that 'Ampere' is an apposition of "
        "'sources' and 'réintégré' a preposition: Ampere has no role in the clause, and claimx no longer takes a "
        "sentence's first entity for a clause without arguments of its own")
def test_the_french_reintegration_names_ampere(result):
    assert any("Ampere" in _entities(c) for c in claims(result, FR, "reintegrate"))


def test_headline_spin_off(result):
    # "Renault to spin off electric vehicle arm Ampere": the headline says the opposite of both bodies
    heads = [c for c in claims(result, EN, "spin_off") if c.section == "headline"]
    assert heads and heads[0].subject.text == "Renault"


def test_ipo_postponed_and_cancelled_in_january_2024(result):
    # "Renault postponed the IPO in January 2024"; "In January 2024, Renault canceled its initial public offering";
    # "L'annulation de l'introduction en bourse (IPO) en 2024"
    post = claims(result, EN, "ipo_postpone")
    cancel = claims(result, EN, "ipo_cancel") + claims(result, FR, "ipo_cancel")
    assert any(c.time is not None and c.time.value == "2024-01" for c in post)
    assert any(c.time is not None and c.time.value == "2024-01" for c in cancel)
    assert any(c.lang == "fr" for c in cancel)


def test_no_job_losses_in_both_languages(result):
    # "ses salariés ne seraient a priori pas menacés par une perte d'emploi"; "with no job losses anticipated"
    fr = [c for c in claims(result, FR, "cut_jobs") if c.polarity == "negative"]
    en = [c for c in claims(result, EN, "cut_jobs") if c.polarity == "negative"]
    assert fr and en
    assert any(c.modality == "hedged" for c in fr)


def test_headcount_nissan_and_establishment(result):
    # "employing around 11,000 staff"; "In March 2025, Nissan was released from its obligation to invest €600 million
    # in Ampere"; "in November 2023, … Renault established the independent company Ampere"
    head = [c for c in claims(result, EN, "headcount") if c.value is not None]
    assert head and head[0].value.amount == 11000 and head[0].value.approx
    nissan = [c for c in claims(result, EN, "agreement_end") if "Nissan" in _entities(c)]
    assert any(c.time is not None and c.time.value == "2025-03" and c.value is not None
               and c.value.amount == 600e6 and c.value.unit == "EUR" for c in nissan)
    est = [c for c in claims(result, EN, "establish") if "Ampere" in _entities(c)]
    assert est


@_known("the small English parse makes 'the time had come' a complement of 'established' and 'in November 2023' "
        "hangs from 'came': claimx takes only a time attached to the trigger's own clause")
def test_ampere_was_established_in_november_2023(result):
    est = [c for c in claims(result, EN, "establish") if "Ampere" in _entities(c)]
    assert est and est[0].time is not None and est[0].time.value == "2023-11"


# Facts: (frame, participants it names, status, languages or None, month of its time or None), each as the
# articles give it
FACTS = [
    # "Renault SA plans to reintegrate … Ampere" (Autonews); "Ampere … s'apprête à être réintégré" (Numerama)
    ("reintegrate", {"renault", "ampere"}, "corroborated", ["en", "fr"], None),
    # the separation of 2023 ("Renault to spin off …", "séparer les activités électriques (Ampere)"), which the
    # reintegration supersedes
    pytest.param("spin_off", {"renault", "ampere"}, "evolving", ["en", "fr"], None,
                 marks=_known("the spin-off claims no longer carry the wrong 'January 2026', so they have no time, and reconciliation makes the reintegration a step after the spin-off only between times: it contests the spin-off instead")),
    # "in November 2023, … Renault established the independent company Ampere", also superseded
    ("establish", {"renault", "ampere"}, "evolving", None, None),
    # no job losses, in both languages
    pytest.param("cut_jobs", {"ampere"}, "corroborated", ["en", "fr"], None,
                 marks=_known("'with no job losses anticipated' and 'ses salariés ne seraient pas menacés par une perte d'emploi' name no participant of the job losses in their own clause, and claimx no longer takes the sentence's subject or first entity")),
    # "Renault postponed the IPO in January 2024", contradicted by "In January 2024, Renault canceled …"
    ("ipo_postpone", {"renault"}, "conflicting", ["en"], "2024-01"),
    ("ipo_cancel", {"renault", "ampere"}, None, None, "2024-01"),
    # "In March 2025, Nissan was released from its obligation to invest €600 million in Ampere"
    ("agreement_end", {"nissan"}, "single_source", ["en"], "2025-03"),
    ("invest", {"nissan"}, "evolving", ["en"], None),
    # "in May 2025, the €200 million investment agreement with Mitsubishi was also terminated"
    ("agreement_end", {"mitsubishi"}, "single_source", ["en"], "2025-05"),
    pytest.param("invest", {"mitsubishi"}, "evolving", ["en"], None,
                 marks=_known("in 'the €200 million investment agreement with Mitsubishi' the investor is the agreement's partner, which claimx does not read from a noun compound")),
    # "De Meo left Renault in mid-2025 to become CEO of luxury group Kering"
    ("resign", {"luca_de_meo", "renault"}, "single_source", ["en"], None),
    ("appoint", {"luca_de_meo", "kering"}, "single_source", ["en"], None),
    # "Later, Ampere opened a new software centre near Nice."
    ("open", {"ampere"}, "single_source", ["en"], None),
    # "The reorganization will transform Ampere into an engineering center …"
    pytest.param("restructure", {"ampere"}, "single_source", ["en"], None,
                 marks=_known("'The reorganization will transform Ampere into …': the noun names no participant of its own, and the small model does not tag this 'Ampere' as an organisation, which 'transform X into' needs")),
]


@pytest.mark.parametrize(("frame", "participants", "status", "languages", "month"), FACTS,
                         ids=[f"{r[0]}-{'-'.join(sorted(r[1]))}" for r in (getattr(r, "values", r) for r in FACTS)])
def test_fact(result, frame, participants, status, languages, month):
    found = _facts(result, frame, participants)
    assert len(found) == 1, found
    [fact] = found
    if status is not None:
        assert fact.status == status
    if languages is not None:
        assert fact.languages == languages
    if month is not None:
        assert fact.time_start.isoformat()[:7] == month and fact.time_end.isoformat()[:7] == month


def test_reintegration_is_corroborated_in_two_languages_and_contested_by_the_headline(result):
    res, _ = result
    [fact] = [f for f in res.facts if f.frame == "reintegrate" and {"renault", "ampere"} <= set(f.entities)]
    assert fact.status == "corroborated"
    assert fact.independent_sources == 2 and fact.languages == ["en", "fr"]
    contest = [c for c in res.conflicts if c.id in fact.conflicts]
    assert any(c.intra_document and any(s.section == "headline" and s.frame == "spin_off" for s in c.sides)
               for c in contest)
    for c in contest:  # each conflict names the two facts, one per side
        assert fact.key in {s.fact_key for s in c.sides} and len({s.fact_key for s in c.sides}) == 2


@_known("'with no job losses anticipated' and 'ses salariés ne seraient pas menacés par une perte d'emploi' name no participant of the job losses in their own clause, and claimx no longer takes the sentence's subject or first entity")
def test_no_job_losses_agree_across_languages(result):
    res, _ = result
    by_id = {c.id: c for c in res.claims}
    agreeing = [f for f in res.facts if f.frame == "cut_jobs" and f.status == "corroborated"
                and {by_id[i].polarity for i in f.claim_ids} == {"negative"}]
    assert agreeing and agreeing[0].languages == ["en", "fr"]


# Conflicts


def test_spin_off_against_reintegration_across_and_within_documents(result):
    anti = [c for c in _conflicts(result) if c.type == "antonym" and _frames_of(c) == {"spin_off", "reintegrate"}]
    assert any(not c.intra_document and {s.lang for s in c.sides} == {"en", "fr"} for c in anti)
    assert any(c.intra_document and "headline" in {s.section for s in c.sides} for c in anti)


def test_postponed_against_cancelled_ipo(result):
    # the English article says both, of the same IPO in the same month
    assert any(c.type == "antonym" and _frames_of(c) == {"ipo_postpone", "ipo_cancel"} and c.intra_document
               and {s.time.value for s in c.sides if s.time} == {"2024-01"} for c in _conflicts(result))


def test_no_conflict_between_compatible_dates_or_approximate_numbers(result):
    assert not [c for c in _conflicts(result) if c.type in ("temporal", "numeric")]


# Known errors: each test states what the articles say; the reason names the defect that makes it fail today.


def test_the_battery_lab_is_reintegrated_not_numerama(result):
    # "Le nouveau laboratoire … que Numerama a pu visiter serait aussi réintégré pleinement à Renault."
    assert not [c for c in claims(result, FR, "reintegrate") if "numerama" in _canonicals(c)]


def test_taking_over_production_responsibility_is_no_acquisition(result):
    # "Ampere also took over production responsibility for electric models such as the Renault 4 and Renault 5"
    assert not [c for c in claims(result, EN, "acquire") if _said_in(c, "production responsibility")]
    assert not _facts(result, "acquire", {"ampere", "renault"})


def test_a_percentage_is_no_participant(result):
    res, _ = result
    assert not [c for c in res.claims if c.subject is not None and (c.subject.canonical or "").isdigit()]


@_known("a bare participle guesses no subject, so 'employing around 11,000 staff', said of Ampere, has no "
        "participant")
def test_ampere_employs_11000_staff(result):
    # "Renault established the independent company Ampere …, employing around 11,000 staff"
    assert _facts(result, "headcount", {"ampere"})


@_known("the subject of the main clause ('Luca de Meo had promised investors') is taken, not that of the clause "
        "'that Ampere would be worth 10 billion euros'")
def test_ampere_was_to_be_worth_10_billion_euros(result):
    worth = [c for c in claims(result, EN, "valuation") if c.value is not None and c.value.amount == 10e9]
    assert worth and all("ampere" in _canonicals(c) for c in worth)


@_known("the noun trigger 'successor' takes 'Luca de Meo' from the preceding clause; the one appointed is its "
        "apposition, François Provost")
def test_francois_provost_is_the_successor(result):
    # "After Luca de Meo moved to the luxury group Kering in the summer of 2025, his successor, François Provost, …"
    succ = [c for c in claims(result, EN, "appoint") if c.predicate.lemma == "successor"]
    assert succ and all("francois_provost" in _canonicals(c) for c in succ)


def test_list_labels_are_no_participants(result):
    labels = {"Launch", "Goal", "Rationale", "New Leadership", "Structure", "Products", "Partnerships"}
    assert not [c for c in claims(result, EN) if _entities(c) & labels]


def test_a_list_label_launches_nothing(result):
    # "Launch: Ampere was formed in late 2023 as an autonomous unit …": a company formed, not a product launched
    assert not [c for c in claims(result, EN, "launch") if c.evidence.sentence.startswith("Launch:")]


def test_cars_sold_under_a_brand_are_no_divestment(result):
    # "Products: Ampere's EV models (Renault 5, 4, Twingo) will continue to be sold under the Renault brand"
    assert not [c for c in claims(result, EN, "divest") if _said_in(c, "sold under the Renault brand")]


def test_the_listed_ipo_cancellation_is_dated_january_2024(result):
    # "IPO Cancellation: An initial public offering (IPO) planned for 2024 was canceled in January 2024 …"
    listed = [c for c in claims(result, EN, "ipo_cancel") if _said_in(c, "planned for 2024")]
    assert listed and all(c.time is not None and c.time.value == "2024-01" for c in listed)


@_known("the French claim's arguments are 'le groupe' and 'l'introduction': nothing resolves 'le groupe' to "
        "Renault or the IPO to Ampere's, so it stays a fact of its own")
def test_the_french_ipo_cancellation_corroborates_and_contests(result):
    # "L'annulation de l'introduction en bourse (IPO) en 2024" (Numerama) is the cancellation Autonews reports,
    # and contradicts Autonews' "Renault postponed the IPO in January 2024"
    assert any(f.languages == ["en", "fr"] for f in _facts(result, "ipo_cancel", {"renault", "ampere"}))
    assert any(c.type == "antonym" and not c.intra_document and _frames_of(c) == {"ipo_postpone", "ipo_cancel"}
               for c in _conflicts(result))


def test_tesla_is_only_a_comparison(result):
    # the valuation hoped for is Ampere's ("permettre à la première de bénéficier d'une valorisation boursière
    # comme Tesla"); nothing is said of Tesla
    assert not [c for c in claims(result) if "tesla" in _canonicals(c)]


def test_renault_is_not_the_investor(result):
    # the investors were Nissan (€600 million) and Mitsubishi (€200 million)
    assert not [c for c in claims(result, EN, "invest") if c.subject is not None and c.subject.canonical == "renault"]


@_known("the names after the trigger noun ('partners like Nissan and Mitsubishi', 'the alliance partners Nissan "
        "and Mitsubishi') are not taken as its arguments")
def test_the_partners_are_nissan_and_mitsubishi(result):
    # "Renault brought in partners like Nissan and Mitsubishi"
    assert _facts(result, "partner", {"nissan"}) and _facts(result, "partner", {"mitsubishi"})


def test_the_company_shut_down_is_the_separate_ev_company(result):
    # "… effectively shutting down the separate EV company as of July 2026"
    shut = claims(result, EN, "close")
    assert shut and all(c.object is not None and "company" in c.object.text for c in shut)


def test_the_spin_off_plan_is_not_dated_january_2026(result):
    assert not [c for c in claims(result, None, "spin_off") if c.time is not None and c.time.value == "2026-01"]


@_known("'L'idée initiale était … séparer' is a past plan that the reintegration supersedes, but without a time it "
        "contests it, and the cross-document conflict takes it instead of the English headline")
def test_the_headline_is_what_contradicts_the_reintegration(result):
    anti = [c for c in _conflicts(result) if c.type == "antonym" and _frames_of(c) == {"spin_off", "reintegrate"}]
    assert anti and all(s.section == "headline" for c in anti for s in c.sides if s.frame == "spin_off")


def test_the_group_bets_on_simplification(result):
    # "Pour gagner en agilité, le groupe mise désormais sur la simplification."
    assert not [c for c in claims(result, FR) if c.predicate.lemma == "mettre"]


@_known("in 'aimed to take Ampere public quickly' the required context 'public' is taken as the object, not Ampere")
def test_the_ipo_plan_is_amperes(result):
    assert [c for c in claims(result, EN, "ipo_plan") if "ampere" in _canonicals(c)]


@_known("a Fact has no polarity and its title names only the frame, so a fact made only of negated claims ('Aucune "
        "perte d'emploi', 'no job losses') reads 'Ampere · cut jobs' in `claimx show`")
def test_show_says_no_job_losses(result):
    res, _ = result
    [fact] = _facts(result, "cut_jobs", {"ampere"})
    assert "not cut jobs" in render(render_show([fact], res.claims))


# Exact rendering of a reviewed sample (80 columns, no colour): every line checked against the articles.
# No `claimx diff` panel is here: each of the three has a wrong line today (see the known errors above).


def test_rendered_facts(result):
    """`claimx show` of five facts: the reintegration, the ends of the Nissan and Mitsubishi commitments, de Meo
    leaving Renault, Ampere's software centre."""
    res, _ = result
    sample = [("reintegrate", {"renault", "ampere"}), ("agreement_end", {"nissan"}),
              ("agreement_end", {"mitsubishi"}), ("resign", {"luca_de_meo", "renault"}), ("open", {"ampere"})]
    keys = {f.key for frame, who in sample for f in _facts(result, frame, who)}
    facts = [f for f in res.facts if f.key in keys]
    assert len(facts) == len(sample)
    check(GOLDEN / "facts.txt", render(render_show(facts, res.claims)))
