"""Event identity and conflicts a fact-checker can trust: several outlets, several events, one rule a test.

Claims are written here as the extractor makes them (subject, object, value with what it counts, time, places); the
frames are the bundled ones (`models/frames`), so `located` and `repeatable` are the real data.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from claimx.claims.frames import load_frames
from claimx.reconcile.canon import canonicalise
from claimx.reconcile.engine import ReconcileResult, reconcile
from claimx.schemas import Claim

SUNDAY = date(2016, 6, 19)


def claim(cid: str, doc: str, source: str, published: date, frame: str, sentence: str, *, subject=None, object=None,
          value: tuple[float, str] | None = None, time: tuple[date, date, date | None] | None = None,
          places: tuple[str, ...] = (), polarity: str = "positive", section: str = "body",
          confidence: float = 0.85) -> Claim:
    """A claim of `frame` in document `doc`; entities as (text, label); time as (start, end, anchor)."""
    def ent(e):
        return None if e is None else {"text": e[0], "label": e[1]}

    data = {
        "id": cid, "doc_id": doc, "source": source, "published": published.isoformat(), "lang": "en",
        "section": section, "subject": ent(subject), "object": ent(object),
        "predicate": {"frame": frame, "lemma": frame, "text": frame}, "polarity": polarity,
        "places": [{"text": p, "label": "GPE"} for p in places],
        "evidence": {"sentence": sentence, "start": 0, "end": len(sentence)}, "rule": "test", "confidence": confidence,
    }
    if value is not None:
        data["value"] = {"text": str(int(value[0])), "start_char": 0, "end_char": 1, "amount": value[0],
                         "unit": value[1], "counts": value[1]}
    if time is not None:
        start, end, anchor = time
        data["time"] = {"text": "then", "start_char": 0, "end_char": 4, "start": start.isoformat(),
                        "end": end.isoformat(), "resolved": True, "granularity": "day",
                        "anchor": anchor.isoformat() if anchor else None}
    return Claim.model_validate(data)


def run(*claims: Claim) -> ReconcileResult:
    return reconcile(canonicalise(list(claims)), load_frames())


def stories_of(result: ReconcileResult) -> list[set[str]]:
    """The claim ids of each story, as sets."""
    by_story: dict[str, set[str]] = {}
    for fact in result.facts:
        by_story.setdefault(fact.story, set()).update(fact.claim_ids)
    return sorted(by_story.values(), key=sorted)


def test_two_incidents_on_the_same_day_in_two_cities_are_two_events():
    """Only generic participants in common (police, "a man"): no fact, no conflict joins them."""
    monday = SUNDAY + timedelta(days=1)
    result = run(
        claim("a", "d1", "chicagotribune.com", monday, "kill", "Police said a man was killed in Englewood on Sunday.",
              subject=("Police", "ORG"), object=("a man", "NP"), value=(1, "people"), places=("Englewood",),
              time=(SUNDAY, SUNDAY, monday)),
        claim("b", "d2", "houstonchronicle.com", monday, "kill", "Police said two men were killed in Sunnyside on "
              "Sunday.", subject=("Police", "ORG"), object=("two men", "NP"), value=(2, "people"),
              places=("Sunnyside",), time=(SUNDAY, SUNDAY, monday)),
        claim("c", "d2", "houstonchronicle.com", monday, "kill", "The Houston Police Department said the gunman "
              "killed two men.", subject=("the gunman", "NP"), object=("Houston Police Department", "ORG")),
    )
    assert {"a"} in stories_of(result)
    assert not [s for s in stories_of(result) if "a" in s and len(s) > 1]
    assert result.conflicts == []


def test_one_incident_named_by_its_place_and_day_is_one_event_in_two_outlets():
    """No participant in common, but the same specific place on the same day: one event, and 17 against 16 injured
    the same day is a real disagreement."""
    monday = SUNDAY + timedelta(days=1)
    result = run(
        claim("a", "d1", "nola.com", monday, "injure", "Seventeen people were injured on Bourbon Street on Sunday.",
              object=("Seventeen people", "NP"), value=(17, "people"), places=("Bourbon Street",),
              time=(SUNDAY, SUNDAY, monday)),
        claim("b", "d2", "wwltv.com", monday, "injure", "Sixteen people were wounded on Bourbon Street on Sunday.",
              object=("Sixteen people", "NP"), value=(16, "people"), places=("Bourbon Street",),
              time=(SUNDAY, SUNDAY, monday)),
    )
    [conflict] = result.conflicts
    assert conflict.type == "numeric" and not conflict.intra_document
    assert conflict.identity.places == ["bourbon_street"] and conflict.identity.measure == "people"
    assert "both place it in Bourbon Street" in conflict.explanation


def test_a_rising_toll_is_an_update_not_a_conflict():
    """Three dead on Monday, five on Tuesday, one named gunman: the later report updates the earlier one."""
    monday, tuesday = SUNDAY + timedelta(days=1), SUNDAY + timedelta(days=2)
    result = run(
        claim("a", "d1", "kcstar.com", monday, "kill", "Three people were killed by Dale Pruitt on Sunday.",
              subject=("Dale Pruitt", "PERSON"), value=(3, "people"), time=(SUNDAY, SUNDAY, monday)),
        claim("b", "d2", "kmbc.com", tuesday, "kill", "Dale Pruitt killed five people, police said Tuesday.",
              subject=("Dale Pruitt", "PERSON"), value=(5, "people")),
    )
    assert result.conflicts == []
    [fact] = result.facts
    assert fact.updates == [["a", "b"]]


def test_an_update_is_shown_only_with_claims_about_one_event():
    """A later figure of the same predicate updates an earlier one only where the two claims are about one event by
    themselves: "five people were shot" is no update of "Tyreke Borel was wounded", though both outlets report the
    one story; a step of the story ("charged", then "convicted") needs no more than the story."""
    monday, tuesday = SUNDAY + timedelta(days=1), SUNDAY + timedelta(days=2)
    named = claim("a", "d1", "nydailynews.com", monday, "injure", "Tyreke Borel was wounded.",
                  object=("Tyreke Borel", "PERSON"), value=(1, "people"), section="lead")
    figure = claim("b", "d2", "nypost.com", tuesday, "injure", "Five people were wounded.", value=(5, "people"))
    result = run(named, figure, claim("h", "d2", "nypost.com", tuesday, "attack", "Tyreke Borel shot",
                                      object=("Tyreke Borel", "PERSON"), section="headline"))
    [injure] = [f for f in result.facts if f.frame == "injure"]
    assert set(injure.claim_ids) == {"a", "b"} and injure.updates == [] and result.conflicts == []
    charged = claim("c", "d1", "wdtn.com", monday, "charge", "A man was charged with murder.")
    convicted = claim("v", "d2", "nbc4i.com", tuesday, "convict", "Robert Adams was convicted of murder.",
                      object=("Robert Adams", "PERSON"))
    steps = [f.updates for f in run(charged, convicted, claim(
        "k", "d1", "wdtn.com", monday, "charge", "Robert Adams was charged.", object=("Robert Adams", "PERSON"),
        section="lead")).facts if f.frame == "convict"]
    assert steps and steps[0] and steps[0][0][1] == "v"


def test_a_quote_reprinted_a_day_later_is_the_same_statement():
    """"Kolberg will found Vantra Labs tomorrow": resolved against two publication dates, the same words, not two dates
    of an event that happens once."""
    monday, tuesday = SUNDAY + timedelta(days=1), SUNDAY + timedelta(days=2)
    wednesday = tuesday + timedelta(days=1)
    sentence = "Kolberg will found Vantra Labs tomorrow, its chief executive said."
    result = run(
        claim("a", "d1", "gazette.com", monday, "establish", sentence, subject=("Kolberg", "ORG"),
              object=("Vantra Labs", "ORG"), time=(tuesday, tuesday, monday)),
        claim("b", "d2", "herald.com", tuesday, "establish", sentence, subject=("Kolberg", "ORG"),
              object=("Vantra Labs", "ORG"), time=(wednesday, wednesday, tuesday)),
    )
    assert result.conflicts == []
    # Written with their dates, the same two days are two dates of one founding: a temporal conflict.
    dated = run(
        claim("a", "d1", "gazette.com", monday, "establish", sentence, subject=("Kolberg", "ORG"),
              object=("Vantra Labs", "ORG"), time=(tuesday, tuesday, None)),
        claim("b", "d2", "herald.com", tuesday, "establish", sentence, subject=("Kolberg", "ORG"),
              object=("Vantra Labs", "ORG"), time=(wednesday, wednesday, None)),
    )
    assert [c.type for c in dated.conflicts] == ["temporal"]


def test_a_recurring_event_on_two_occasions_is_two_facts():
    """Kolberg launched a phone in 2008 and another in 2010: one story, two facts, neither corroborating the other."""
    result = run(
        claim("a", "d1", "wired.com", date(2008, 6, 9), "launch", "Kolberg launched the Vantra phone.",
              subject=("Kolberg", "ORG"), object=("Vantra", "PRODUCT")),
        claim("b", "d2", "verge.com", date(2010, 6, 8), "launch", "Kolberg unveiled the new Vantra phone.",
              subject=("Kolberg", "ORG"), object=("Vantra", "PRODUCT")),
        claim("c", "d3", "engadget.com", date(2010, 6, 9), "launch", "Kolberg unveiled a new Vantra phone.",
              subject=("Kolberg", "ORG"), object=("Vantra", "PRODUCT")),
    )
    assert sorted(f.claim_ids for f in result.facts) == [["a"], ["b", "c"]]
    assert [f.status for f in sorted(result.facts, key=lambda f: f.claim_ids)] == ["single_source", "corroborated"]


@pytest.mark.parametrize("value_b, places_b, conflicts", [
    ((400, "jobs"), ("Dijon",), ["numeric"]),  # the same measure of the same event: a disagreement
    ((12, "plants"), ("Dijon",), []),  # jobs against plants: two things counted
    ((400, "jobs"), ("Valencia",), []),  # France's job cuts and Spain's: two scopes
])
def test_numbers_conflict_only_for_the_same_measure_and_scope(value_b, places_b, conflicts):
    result = run(
        claim("a", "d1", "lesechos.fr", SUNDAY, "cut_jobs", "Marvola will cut 300 jobs in Dijon.",
              subject=("Marvola", "ORG"), value=(300, "jobs"), places=("Dijon",)),
        claim("b", "d2", "reuters.com", SUNDAY, "cut_jobs", "Marvola will cut jobs.", subject=("Marvola", "ORG"),
              value=value_b, places=places_b),
    )
    assert [c.type for c in result.conflicts] == conflicts


def test_subdomains_of_one_outlet_are_one_source():
    day = SUNDAY
    result = run(
        claim("a", "d1", "homicide.latimes.com", day, "cut_jobs", "Marvola cut 300 jobs.", subject=("Marvola", "ORG")),
        claim("b", "d2", "www.latimes.com", day, "cut_jobs", "Marvola cut 300 jobs, it said.",
              subject=("Marvola", "ORG")),
        claim("c", "d3", "bbc.co.uk", day, "cut_jobs", "Marvola has cut 300 jobs.", subject=("Marvola", "ORG")),
    )
    [fact] = result.facts
    assert fact.independent_sources == 2


@pytest.mark.parametrize("participant", [("Adams", "PERSON"), ("NYPD", "ORG"), ("Harris County Sheriff's Office", "ORG")])
def test_a_surname_alone_or_an_institution_joins_no_two_incidents(participant):
    """The same day, no place named: what is left in common is a surname or an institution, which tells nothing."""
    result = run(
        claim("a", "d1", "wdtn.com", SUNDAY, "arrest", "Police arrested a suspect.", object=participant),
        claim("b", "d2", "kmbc.com", SUNDAY, "arrest", "A man was arrested, police said.", object=participant),
    )
    assert stories_of(result) == [{"a"}, {"b"}]
    # A full name is somebody: the two reports are one arrest.
    named = run(
        claim("a", "d1", "wdtn.com", SUNDAY, "arrest", "Police arrested a suspect.", object=("Joel Adams", "PERSON")),
        claim("b", "d2", "kmbc.com", SUNDAY, "arrest", "A man was arrested.", object=("Joel Adams", "PERSON")),
    )
    assert stories_of(named) == [{"a", "b"}]


def test_a_surname_resolved_to_a_full_name_is_that_person():
    """News names a person in full once, then by surname: "Thomas" of "Brittany Thomas" is her, not any Thomas, so
    a second outlet naming her in full reports the same killing."""
    reports = (
        claim("a", "d1", "wwltv.com", SUNDAY, "kill", "Brittany Thomas, 21, was killed.",
              object=("Brittany Thomas", "PERSON")),
        claim("b", "d1", "wwltv.com", SUNDAY, "kill", "Thomas was killed by a stray bullet.",
              object=("Thomas", "PERSON")),
        claim("c", "d2", "fox8live.com", SUNDAY, "kill", "The gunfire killed Brittany Thomas.",
              object=("Brittany Thomas", "PERSON")),
    )
    assert stories_of(run(*reports)) == [{"a", "b", "c"}]
    # "Thomas" alone in a third report, of a killing elsewhere, may be resolved to her across documents: it still
    # names one of many people, and joins nothing
    elsewhere = claim("x", "d3", "kmbc.com", SUNDAY, "kill", "Thomas was killed in the crash.",
                      object=("Thomas", "PERSON"))
    assert canonicalise([*reports, elsewhere])[-1].object.canonical == "brittany_thomas"
    assert stories_of(run(*reports, elsewhere)) == [{"a", "b", "c"}, {"x"}]


def test_a_claim_naming_nobody_is_about_the_incident_its_report_names():
    """A report that names its victim in its headline, or in two claims, reports that incident: its killing that
    names nobody is the killing another outlet reports by name. It is set against nothing, though: a figure of it
    may count another thing than the other outlet's."""
    named = claim("a", "d1", "wdtn.com", SUNDAY, "kill", "Jayden Redden, 6, was killed Sunday.",
                  object=("Jayden Redden", "PERSON"), value=(1, "people"))
    headline = claim("h", "d2", "kmbc.com", SUNDAY, "attack", "Jayden Redden shot in Montfort",
                     object=("Jayden Redden", "PERSON"), section="headline")
    nobody = claim("b", "d2", "kmbc.com", SUNDAY, "kill", "The shooting left two people dead.", value=(2, "people"))
    result = run(named, headline, nobody)
    [kill] = [f for f in result.facts if f.frame == "kill"]
    assert set(kill.claim_ids) == {"a", "b"} and kill.independent_sources == 2
    assert result.conflicts == []
    # a name the body gives once is the background, not the incident
    background = claim("h", "d2", "kmbc.com", SUNDAY, "attack", "A day earlier, Jayden Redden was shot.",
                       object=("Jayden Redden", "PERSON"))
    assert {"a"} in stories_of(run(named, background, nobody))
    # a round-up of several incidents reports none of them
    others = [claim(f"o{k}", "d2", "kmbc.com", SUNDAY, "attack", f"{name} was shot.", object=(name, "PERSON"),
                    section="lead") for k, name in enumerate(("Ana Ruiz", "Tom Hale"))]
    assert {"a"} in stories_of(run(named, headline, nobody, *others))


def test_a_claim_naming_nobody_is_at_the_place_and_day_of_the_incident_its_report_places():
    """A report whose events in one place fall on one day of the week before publication, at a place below a large
    town, places the claims it dates to no day: two outlets' "one person was killed" are one killing there."""
    monday = SUNDAY + timedelta(days=1)

    def report(cid, doc, source, sentence, place="Mount Vernon"):
        return [claim(f"{cid}0", doc, source, monday, "attack", f"A gunman opened fire in {place} on Sunday.",
                      places=(place,), time=(SUNDAY, SUNDAY, monday), section="lead"),
                claim(cid, doc, source, monday, "kill", sentence)]

    result = run(*report("a", "d1", "lex18.com", "One person was killed."),
                 *report("b", "d2", "pix11.com", "The shooting killed one man."))
    [kill] = [f for f in result.facts if f.frame == "kill"]
    assert set(kill.claim_ids) == {"a", "b"} and result.conflicts == []
    # a large town is no place of one incident; a sentence of another year is the report's background
    assert {"a"} in stories_of(run(*report("a", "d1", "lex18.com", "One person was killed.", "Chicago"),
                                   *report("b", "d2", "pix11.com", "The shooting killed one man.", "Chicago")))
    assert {"b"} in stories_of(run(*report("a", "d1", "lex18.com", "One person was killed."),
                                   *report("b", "d2", "pix11.com", "In 2014, he killed a neighbour.")))


def test_a_negation_needs_the_same_arguments_and_a_sure_reading():
    day = SUNDAY
    sure = run(
        claim("a", "d1", "a.com", day, "arrest", "Police arrested Lena Ortiz.", object=("Lena Ortiz", "PERSON")),
        claim("b", "d2", "b.com", day, "arrest", "Lena Ortiz was not arrested.", object=("Lena Ortiz", "PERSON"),
              polarity="negative"),
    )
    assert [c.type for c in sure.conflicts] == ["negation"]
    unsure = run(
        claim("a", "d1", "a.com", day, "arrest", "Police arrested Lena Ortiz.", object=("Lena Ortiz", "PERSON")),
        claim("b", "d2", "b.com", day, "arrest", "Lena Ortiz was not arrested.", object=("Lena Ortiz", "PERSON"),
              polarity="negative", confidence=0.4),
    )
    assert unsure.conflicts == []
    hedged = Claim.model_validate({
        **claim("a", "d1", "a.com", day, "arrest", "Police may have arrested Lena Ortiz.",
                object=("Lena Ortiz", "PERSON")).model_dump(), "modality": "hedged"})
    denied = claim("b", "d2", "b.com", day, "arrest", "Lena Ortiz was not arrested.", object=("Lena Ortiz", "PERSON"),
                   polarity="negative")
    assert run(hedged, denied).conflicts == []  # "may have" (or "if police had") claims nothing to deny


def test_a_negation_of_another_object_of_the_same_participant_is_no_conflict():
    """A shared participant does not make two objects one: "did not pass a budget for schools" and "passed a budget
    for roads" are two budgets; "did not pass the budget" may deny "passed a budget for roads"."""
    def said(cid, doc, obj, polarity="positive"):
        return claim(cid, doc, f"{doc}.com", SUNDAY, "approve", f"The Harlow County council passed {obj}.",
                     subject=("Harlow County council", "ORG"), object=(obj, "NP"), polarity=polarity)

    two = run(said("a", "d1", "a budget for schools", "negative"), said("b", "d2", "a budget for roads"))
    assert two.conflicts == []
    one = run(said("a", "d1", "the budget", "negative"), said("b", "d2", "a budget for roads"))
    assert [c.type for c in one.conflicts] == ["negation"]


def test_one_claims_agent_as_the_others_patient_is_two_events():
    """GVA dev: "Detectives suspect Lyons was shot by Thibodeaux" (hedged) against "Thibodeaux also was shot"
    (asserted) was a modality conflict between two outlets; the shooter of one is the victim of the other."""
    def shot(cid, doc, modality, **args):
        c = claim(cid, doc, f"{doc}.com", SUNDAY, "attack", "shot", places=("New Orleans",), **args)
        return Claim.model_validate({**c.model_dump(), "modality": modality})

    swapped = run(shot("a", "d1", "hedged", subject=("Ray Thibodeaux", "PERSON"), object=("Dan Lyons", "PERSON")),
                  shot("b", "d2", "asserted", object=("Ray Thibodeaux", "PERSON")))
    assert swapped.conflicts == []
    same = run(shot("a", "d1", "hedged", subject=("Ray Thibodeaux", "PERSON"), object=("Dan Lyons", "PERSON")),
               shot("b", "d2", "asserted", subject=("Ray Thibodeaux", "PERSON")))
    assert [c.type for c in same.conflicts] == ["modality"]


def test_claims_below_the_confidence_floor_take_no_part():
    day = SUNDAY
    claims = [
        claim("a", "d1", "a.com", day, "cut_jobs", "Marvola will cut 300 jobs.", subject=("Marvola", "ORG"),
              value=(300, "jobs")),
        claim("b", "d2", "b.com", day, "cut_jobs", "Marvola will cut 900 jobs.", subject=("Marvola", "ORG"),
              value=(900, "jobs"), confidence=0.3),
    ]
    assert [c.type for c in reconcile(canonicalise(claims), load_frames()).conflicts] == ["numeric"]
    kept = reconcile(canonicalise(claims), load_frames(), min_confidence=0.5)
    assert kept.conflicts == [] and [f.claim_ids for f in kept.facts] == [["a"]]


def test_antonymous_lemmas_of_claims_without_a_frame_conflict_on_the_same_arguments():
    """"Le Conseil d'État a approuvé le décret" against "… a invalidé le décret": no frame, antonymous lemmas (data in
    models/antonyms), the same subject and object."""
    def said(cid, doc, lemma, obj):
        made = claim(cid, doc, f"{doc}.fr", SUNDAY, "x", f"Le Conseil d'État a {lemma} {obj}.",
                     subject=("Conseil d'État", "ORG"), object=(obj, "NP"))
        return Claim.model_validate({**made.model_dump(), "lang": "fr",
                                     "predicate": {"frame": None, "lemma": lemma, "text": lemma}})

    result = run(said("a", "d1", "approuver", "le décret Berneval"), said("b", "d2", "invalider", "le décret Berneval"))
    assert [c.type for c in result.conflicts] == ["antonym"]
    other = run(said("a", "d1", "approuver", "le décret Berneval"), said("b", "d2", "invalider", "l'arrêté Colvert"))
    assert other.conflicts == []
