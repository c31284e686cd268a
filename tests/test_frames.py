"""Frames and triggers as data: every file validates, the inventory is complete, relations make sense, and a
user's own frame and trigger files are picked up without code changes."""

from __future__ import annotations

import json

import pytest

from claimx import resources
from claimx.claims.frames import FrameFile, Trigger, TriggerLine, load_frames
from claimx.resources import ResourceError, bundled_models_dir, clear_caches, read_jsonl_validated, read_validated

MODELS = bundled_models_dir()
FRAME_FILES = sorted((MODELS / "frames").glob("*.json"))
TRIGGER_FILES = sorted((MODELS / "triggers").glob("*.jsonl"))

# Ids other claimx modules rely on.
REQUIRED = """acquire merge spin_off reintegrate ipo_plan ipo_postpone ipo_cancel ipo_complete invest agreement_end
partner launch establish close appoint resign hire cut_jobs report_revenue report_profit report_loss valuation
headcount raise_funds bankrupt recall raise_price cut_price restructure elect win lose sign ban approve reject
propose vote raise cut meet visit announce arrest charge convict acquit sentence sue investigate fine release kill
injure attack crash evacuate rescue go_missing""".split()


@pytest.fixture
def clean_models(monkeypatch):
    """Extra model folders and caches are restored after the test, so other tests see the bundled data."""
    monkeypatch.setattr(resources, "_EXTRA_DIRS", [])
    monkeypatch.delenv("CLAIMX_MODELS", raising=False)
    clear_caches()
    yield
    monkeypatch.undo()
    clear_caches()


def test_bundled_files_exist():
    assert {p.stem for p in FRAME_FILES} >= {"business", "politics", "justice", "incident"}
    assert {p.stem for p in TRIGGER_FILES} >= {"en", "fr"}


@pytest.mark.parametrize("path", FRAME_FILES, ids=lambda p: p.name)
def test_frame_file_validates(path):
    assert read_validated(path, FrameFile).frames


@pytest.mark.parametrize("path", TRIGGER_FILES, ids=lambda p: p.name)
def test_trigger_file_validates(path):
    lines = read_jsonl_validated(path, TriggerLine)
    assert sum(isinstance(line.root, Trigger) for line in lines) > 50


def test_unknown_field_is_rejected(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"frame": "ban", "lemmas": ["ban"], "lemma": "typo"}) + "\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="x.jsonl:1"):
        read_jsonl_validated(path, TriggerLine)


def test_trigger_needs_exactly_one_form():
    with pytest.raises(ValueError):
        Trigger(frame="ban")
    with pytest.raises(ValueError):
        Trigger(frame="ban", lemmas=["ban"], pattern=[{"LOWER": "ban"}])


def test_inventory_is_broad_and_has_the_fixed_ids():
    fs = load_frames()
    assert len(fs.frames) >= 45
    assert set(REQUIRED) <= set(fs.frames)
    assert {f.domain for f in fs.frames.values()} >= {"business", "politics", "justice", "incident"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_frame_has_triggers(lang):
    fs = load_frames()
    with_triggers = {t.frame for t in fs.triggers_for(lang)}
    assert set(fs.frames) - with_triggers == set()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_trigger_ids_are_unique_and_contexts_resolved(lang):
    triggers = load_frames().triggers_for(lang)
    ids = [t.id for t in triggers]
    assert len(ids) == len(set(ids))
    for t in triggers:
        for ctx in (t.requires, t.unless):
            assert ctx is None or (ctx.sets == [] and (ctx.lemmas or ctx.ent_types))


def test_relations_refer_to_known_frames_and_are_consistent():
    fs = load_frames()
    for f in fs.frames.values():
        assert set(f.contradicts + f.supersedes + f.absorbed_by) <= set(fs.frames)
        assert f.id not in f.contradicts + f.supersedes
        for other in f.contradicts:  # written on both sides, so a reader of either frame sees it
            assert f.id in fs.frames[other].contradicts, (f.id, other)
        for other in f.supersedes:  # a timeline step goes one way
            assert not fs.supersedes(other, f.id), (f.id, other)


@pytest.mark.parametrize(("a", "b"), [
    ("spin_off", "reintegrate"), ("ipo_postpone", "ipo_cancel"), ("ipo_complete", "ipo_cancel"),
    ("ipo_complete", "ipo_postpone"), ("convict", "acquit"), ("approve", "reject"),
    ("report_profit", "report_loss"), ("win", "lose"), ("raise", "cut"), ("raise_price", "cut_price"),
])
def test_contradictions(a, b):
    fs = load_frames()
    assert fs.contradicts(a, b) and fs.contradicts(b, a)


@pytest.mark.parametrize(("a", "b"), [("hire", "cut_jobs"), ("acquire", "invest"), ("ipo_plan", "ipo_postpone"),
                                      ("arrest", "release"), ("spin_off", "spin_off"), (None, "win"),
                                      ("win", "no_such_frame")])
def test_not_contradictions(a, b):
    assert not load_frames().contradicts(a, b)


@pytest.mark.parametrize(("later", "earlier"), [
    ("ipo_postpone", "ipo_plan"), ("ipo_cancel", "ipo_plan"), ("ipo_cancel", "ipo_postpone"),
    ("ipo_complete", "ipo_plan"), ("ipo_complete", "ipo_postpone"), ("reintegrate", "spin_off"),
    ("convict", "charge"), ("sentence", "convict"), ("charge", "arrest"), ("agreement_end", "invest"),
])
def test_supersessions(later, earlier):
    fs = load_frames()
    assert fs.supersedes(later, earlier)
    assert not fs.supersedes(earlier, later)


@pytest.mark.parametrize(("frame", "kind"), [
    ("headcount", "count"), ("cut_jobs", "count"), ("kill", "count"), ("injure", "count"),
    ("valuation", "money"), ("invest", "money"), ("report_revenue", "money"), ("report_profit", "money"),
    ("report_loss", "money"), ("raise_funds", "money"), ("spin_off", None),
])
def test_value_kinds(frame, kind):
    assert load_frames().value_kind(frame) == kind


def _write_extra(root):
    (root / "frames").mkdir()
    (root / "triggers").mkdir()
    (root / "frames" / "sport.json").write_text(json.dumps({"frames": [
        {"id": "transfer", "domain": "sport", "description": "A player moves to another club.",
         "value": "money", "contradicts": ["reintegrate"]}]}), encoding="utf-8")
    (root / "triggers" / "en.jsonl").write_text("\n".join(json.dumps(x) for x in [
        {"context_set": "player", "lemmas": ["striker", "goalkeeper"]},
        {"frame": "transfer", "lemmas": ["sign"], "requires": {"sets": ["player"]}},
        {"frame": "transfer", "lemmas": ["transfer fee"]}]) + "\n", encoding="utf-8")


def test_extra_models_dir_adds_frames_and_triggers(tmp_path, clean_models):
    assert "transfer" not in load_frames().frames
    _write_extra(tmp_path)
    resources.add_models_dir(tmp_path)
    fs = load_frames()
    assert fs.frames["transfer"].domain == "sport"
    assert fs.contradicts("transfer", "reintegrate")
    extra = [t for t in fs.triggers_for("en") if t.frame == "transfer"]
    assert len(extra) == 2
    assert extra[0].requires.lemmas == ["striker", "goalkeeper"]
    assert len([t for t in fs.triggers_for("en") if t.frame != "transfer"]) > 50  # bundled ones still there


def test_extra_models_dir_reaches_the_matcher(tmp_path, clean_models):
    from claimx.nlp.pipelines import base_pipeline
    from claimx.claims.triggers import build_trigger_matcher

    nlp = base_pipeline("en")
    doc = nlp("The club signed a new striker for a record transfer fee.")
    assert "transfer" not in {m.frame for m in build_trigger_matcher(nlp, "en")(doc)}
    _write_extra(tmp_path)
    resources.add_models_dir(tmp_path)  # clears the caches: frames and matchers are rebuilt
    frames = [m.frame for m in build_trigger_matcher(nlp, "en")(doc)]
    assert frames.count("transfer") == 2


def test_claimx_models_env_is_searched(tmp_path, clean_models, monkeypatch):
    _write_extra(tmp_path)
    monkeypatch.setenv("CLAIMX_MODELS", str(tmp_path))
    clear_caches()
    assert "transfer" in load_frames().frames


def test_trigger_for_unknown_frame_is_an_error(tmp_path, clean_models):
    (tmp_path / "triggers").mkdir()
    (tmp_path / "triggers" / "en.jsonl").write_text('{"frame": "no_such_frame", "lemmas": ["x"]}\n', "utf-8")
    resources.add_models_dir(tmp_path)
    with pytest.raises(ResourceError, match="no_such_frame"):
        load_frames()


def test_unknown_context_set_is_an_error(tmp_path, clean_models):
    (tmp_path / "triggers").mkdir()
    line = {"frame": "ban", "lemmas": ["x"], "requires": {"sets": ["no_such_set"]}}
    (tmp_path / "triggers" / "en.jsonl").write_text(json.dumps(line) + "\n", "utf-8")
    resources.add_models_dir(tmp_path)
    with pytest.raises(ResourceError, match="no_such_set"):
        load_frames()


def test_a_context_set_of_an_unknown_measure_is_an_error(tmp_path, clean_models):
    (tmp_path / "triggers").mkdir()
    line = {"context_set": "crowd", "lemmas": ["crowd"], "measures": ["no_such_measure"]}
    (tmp_path / "triggers" / "en.jsonl").write_text(json.dumps(line) + "\n", "utf-8")
    resources.add_models_dir(tmp_path)
    with pytest.raises(ResourceError, match="no_such_measure"):
        load_frames()


def test_a_context_set_takes_the_nouns_of_its_measures_but_no_trigger_word(clean_models):
    personne = next(t.requires for t in load_frames().triggers_for("fr")
                    if t.frame == "hire" and t.lemmas == ["engager"])
    assert {"infirmière", "salariés"} <= set(personne.lemmas)  # nouns of people (models/measures/fr.json)
    assert "morts" not in personne.lemmas  # a noun of people that is also a trigger word ('les morts' report deaths)


def test_duplicate_frame_is_an_error(tmp_path, clean_models):
    (tmp_path / "frames").mkdir()
    dup = {"frames": [{"id": "acquire", "domain": "business", "description": "again"}]}
    (tmp_path / "frames" / "dup.json").write_text(json.dumps(dup), "utf-8")
    resources.add_models_dir(tmp_path)
    with pytest.raises(ResourceError, match="twice"):
        load_frames()
