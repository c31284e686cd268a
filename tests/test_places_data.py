"""`models/places/world.json` is what `scripts/make_places.py` reads from GeoNames and ISO 3166 today, and claimx
reads towns and regions from it."""

import importlib.util
import json
from pathlib import Path

from claimx.reconcile.places import is_broad, is_town

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("make_places", ROOT / "scripts" / "make_places.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_file_is_what_the_libraries_give():
    script = _script()
    stored = (ROOT / "models" / "places" / "world.json").read_text(encoding="utf-8")
    assert stored == script.text(script.world()), "run: python scripts/make_places.py"


def test_the_file_holds_towns_and_regions_of_both_languages():
    data = json.loads((ROOT / "models" / "places" / "world.json").read_text(encoding="utf-8"))
    assert {"louisville", "detroit", "saint etienne"} <= set(data["towns"])
    assert {"texas", "united states", "allemagne", "ile de france"} <= set(data["regions"])


def test_claimx_reads_the_file():
    assert is_town("louisville") and not is_town("ladera ranch")
    assert is_broad("texas") and is_broad("etats unis") and not is_broad("bourbon street")
