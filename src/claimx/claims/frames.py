"""Frames: canonical, language-neutral predicates, their relations, and their triggers per language.

Data layout (all validated, nothing in code):

- `models/frames/*.json`: `{"frames": [Frame, ...]}`: ids, domains, and relations between frames
  (`contradicts`: the two cannot both hold of the same participants at the same time; `supersedes`: a later
  claim of this frame replaces an earlier claim of the other, as a timeline step).
- `models/triggers/<lang>.jsonl`: one object a line, either a `Trigger` (the frame id and either `lemmas`, one
  or more words each, or a spaCy Matcher `pattern`; optionally a `requires` / `unless` context) or a
  `ContextSet` (`{"context_set": "ipo", "lemmas": [...]}`), a named word list that triggers of the same
  language refer to with `{"requires": {"sets": ["ipo"]}}`.

Adding a frame, or a language's triggers, is adding lines to these files. This module does not import spaCy:
`claimx.claims.triggers` turns the triggers into a matcher.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    RootModel,
    Tag,
    model_validator,
)

from claimx.resources import (
    ResourceError,
    find_files,
    read_jsonl_validated,
    read_validated,
    register_cache,
)

ValueKind = Literal["money", "count", "percent", "any"]


class Frame(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    domain: str
    description: str
    contradicts: list[str] = Field(default_factory=list)
    supersedes: list[str] = Field(default_factory=list)
    value: ValueKind | None = None  # the kind of quantity it expects, if any
    # What its value counts, as measures of models/measures ("people", "jobs"; "money": any currency, "percent"):
    # a value of another measure is not its value ("Shelton, 35" is an age, "nine counts" are charges). Empty:
    # any value whose measure is known.
    measures: list[str] = Field(default_factory=list)
    # The argument its number counts: "object" (the patient: "killed five", "five were killed") or "subject" ("five
    # died"); a number inside the other argument is not its value ("two officers killed a man").
    counted: Literal["object", "subject"] | None = None
    # With no number attached, the patients themselves are counted: "a man and his son were killed" is two people.
    count_patients: bool = False
    # What its subject and object may be: coarse entity types of models/labels (ORG, PERSON, LOC) or measures of
    # models/measures ("organisations"). A phrase whose head is none of them names its participant through a name
    # of a wanted type inside it ("its IPO of Ampere shares": Ampere). Empty: the phrase's head, whatever it is.
    subject_types: list[str] = Field(default_factory=list)
    object_types: list[str] = Field(default_factory=list)
    # What its object never is, in the same types: a trigger whose object is one of them is another sense of the word
    # and makes no claim ("lost a dear friend", "perdu son fils": a bereavement, no defeat).
    object_never: list[str] = Field(default_factory=list)
    # What a trigger of the frame needs to make a claim: "object" (something cancelled, sold, bought: "shares dropped
    # by 10%" cancels nothing, "the sell-off wiped $2 billion" sells nothing) or "argument" (a subject or an object:
    # "the prevailing winds" win nothing) or "value" (a headcount is a number: "he was employed by the sheriff's
    # office" counts no staff).
    needs: Literal["object", "argument", "value"] | None = None
    # An event that happens in one place (a shooting, a crash): reports naming places far apart are two events.
    located: bool = False
    # False: happens once to the same participants (a death, a founding), so two dates for it contradict each other;
    # True: can happen again (an attack, a meeting), so two dates are two events.
    repeatable: bool = True
    # Frames whose trigger, when its own trigger is their complement, is the event it names: "died from their
    # injuries", "succumbed to his wounds" report a death, not an injury (the injury frame is absorbed by die).
    absorbed_by: list[str] = Field(default_factory=list)


class FrameFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = "1"
    frames: list[Frame]


class TriggerContext(BaseModel):
    """Words (or named entities) that must, or must not, stand near a trigger for it to count.

    `scope="syntax"`: the context phrase's root is in the trigger head's subtree (at most `depth` arcs down,
    not across a clause boundary) or one of its two nearest ancestors, or (small-model parses fail) separated
    from the trigger by at most three function words; with `deps`, the root's own arc must carry one of those
    labels (or, misparsed, the context must follow the trigger that closely). `"window"`: within `window`
    tokens of the trigger, same sentence; `"sentence"`: anywhere in the sentence.
    """

    model_config = ConfigDict(extra="forbid")

    lemmas: list[str] = Field(default_factory=list)  # phrases, matched like trigger lemmas
    sets: list[str] = Field(default_factory=list)  # names of ContextSets of the same language, merged at load
    ent_types: list[str] = Field(default_factory=list)  # or a named entity of one of these labels
    scope: Literal["syntax", "window", "sentence"] = "syntax"
    window: int = Field(default=4, ge=1)
    depth: int = Field(default=3, ge=1)
    deps: list[str] | None = None  # syntax scope: the context root's dependency label must be one of these

    @model_validator(mode="after")
    def _not_empty(self) -> TriggerContext:
        if not (self.lemmas or self.sets or self.ent_types):
            raise ValueError("a context needs `lemmas`, `sets` or `ent_types`")
        return self


class Trigger(BaseModel):
    """What makes a frame fire in one language.

    `lemmas` are words or phrases written as base forms ("spin off", "perte d'emploi"), which match every
    inflection, or as one inflected form ("founded", "réintégré"), which matches that form only. `pattern` is a
    spaCy Matcher token pattern, for gaps and finer constraints. `pos` restricts the head token's POS.
    """

    model_config = ConfigDict(extra="forbid")

    frame: str
    id: str | None = None
    lemmas: list[str] | None = None  # "reintegrate", "spin off", "introduction en bourse"
    pattern: list[dict[str, Any]] | None = None  # a spaCy Matcher token pattern
    pos: list[str] = Field(default_factory=list)  # allowed POS of the head token; empty: any
    head: int | None = None  # index of the predicate's head inside the match; None: the span's syntactic root
    polarity: Literal["positive", "negative"] = "positive"  # "hiring freeze" as one trigger
    requires: TriggerContext | None = None  # fires only with this context; the context joins the match
    unless: TriggerContext | None = None  # does not fire with this context
    # fires only where its head has no direct object: "demonstrate", "manifester" protest, "demonstrated their
    # applications", "manifesté son intérêt" show
    intransitive: bool = False
    # fires only where its head predicates something: not a word modifying a noun without a complement of its own
    # ("les forces alliées", "le directeur associé", "allied troops"), which names a standing relation, no event
    predicative: bool = False

    @model_validator(mode="after")
    def _one_form(self) -> Trigger:
        if bool(self.lemmas) == bool(self.pattern):
            raise ValueError("a trigger has exactly one of `lemmas` or `pattern`")
        return self


class ContextSet(BaseModel):
    """A named list of context words, shared by the triggers of one language (`requires.sets`)."""

    model_config = ConfigDict(extra="forbid")

    context_set: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    lemmas: list[str] = Field(default_factory=list)
    ent_types: list[str] = Field(default_factory=list)
    # measures of models/measures whose nouns are words of the set too ("people": every noun of a person the
    # counting code knows), so that the two lists cannot drift apart
    measures: list[str] = Field(default_factory=list)


def _line_kind(value: Any) -> str:
    return "set" if isinstance(value, dict) and "context_set" in value else "trigger"


class TriggerLine(RootModel):
    """One line of a trigger file: a `Trigger` or a `ContextSet`."""

    root: Annotated[
        Annotated[Trigger, Tag("trigger")] | Annotated[ContextSet, Tag("set")], Discriminator(_line_kind)
    ]


class FrameSet(BaseModel):
    """All frames, their relations, and the triggers of every language (context sets already merged in)."""

    frames: dict[str, Frame]
    triggers: dict[str, list[Trigger]]  # lang -> triggers

    def contradicts(self, a: str | None, b: str | None) -> bool:
        """True when claims of frames `a` and `b` cannot both hold of the same participants at once (symmetric)."""
        if a is None or b is None or a == b or a not in self.frames or b not in self.frames:
            return False
        return b in self.frames[a].contradicts or a in self.frames[b].contradicts

    def supersedes(self, later: str | None, earlier: str | None) -> bool:
        """True when a claim of frame `later` can update a claim of frame `earlier` (a timeline step)."""
        if later is None or earlier is None or later == earlier or later not in self.frames:
            return False
        return earlier in self.frames[later].supersedes

    def located(self) -> set[str]:
        """The frames of events that happen in one place (`Frame.located`: a shooting, an arrest)."""
        return {name for name, frame in self.frames.items() if frame.located}

    def value_kind(self, frame: str | None) -> ValueKind | None:
        """The kind of quantity a frame expects (None for unknown frames or frames without one)."""
        f = self.frames.get(frame) if frame else None
        return f.value if f else None

    def triggers_for(self, lang: str | None) -> list[Trigger]:
        """The triggers of one language; empty for a language without a trigger file."""
        return self.triggers.get(lang or "", [])


def _with_measures(cs: ContextSet, lang: str, trigger_words: set[str]) -> ContextSet:
    """The set with the nouns of its measures among its words, but for trigger words (a context word is never a
    trigger: "the dead", "les morts" count people and report deaths). A measure of no noun of `lang` is an error."""
    if not cs.measures:
        return cs
    from claimx.claims.measures import noun_measures

    nouns = noun_measures(lang)
    unknown = sorted(set(cs.measures) - set(nouns.values()))
    if unknown:
        raise ResourceError(f"triggers/{lang}: context set {cs.context_set!r} names unknown measures {unknown}")
    more = sorted(n for n, m in nouns.items()
                  if m in cs.measures and n not in cs.lemmas and n.lower() not in trigger_words)
    return cs.model_copy(update={"lemmas": cs.lemmas + more})


def _with_context_sets(ctx: TriggerContext | None, sets: dict[str, ContextSet], where: str) -> TriggerContext | None:
    if ctx is None or not ctx.sets:
        return ctx
    lemmas, ents = list(ctx.lemmas), list(ctx.ent_types)
    for name in ctx.sets:
        if name not in sets:
            raise ResourceError(f"{where}: unknown context set {name!r}")
        lemmas += [w for w in sets[name].lemmas if w not in lemmas]
        ents += [e for e in sets[name].ent_types if e not in ents]
    return ctx.model_copy(update={"lemmas": lemmas, "ent_types": ents, "sets": []})


def _slug(trig: Trigger) -> str:
    """A readable, edit-stable id part: the first lemma, or the first token's word in a pattern."""
    word = trig.lemmas[0] if trig.lemmas else ""
    for tok in trig.pattern or []:
        for attr in ("LEMMA", "LOWER", "ORTH", "TEXT", "NORM"):
            val = tok.get(attr)
            val = val.get("IN", [None])[0] if isinstance(val, dict) else val
            if isinstance(val, str):
                word = val
                break
        if word:
            break
    return re.sub(r"\W+", "_", word.lower()).strip("_") or "pattern"


def _unique(base: str, seen: set[str]) -> str:
    out, k = base, 2
    while out in seen:
        out, k = f"{base}_{k}", k + 1
    seen.add(out)
    return out


@register_cache
@cache
def load_frames() -> FrameSet:
    """Every frame file and every trigger file in all model folders, validated and cross-checked."""
    frames: dict[str, Frame] = {}
    for path in find_files("frames", "*.json"):
        for frame in read_validated(path, FrameFile).frames:
            if frame.id in frames:
                raise ResourceError(f"{path}: frame {frame.id!r} is declared twice")
            frames[frame.id] = frame
    for frame in frames.values():
        for other in frame.contradicts + frame.supersedes:
            if other not in frames:
                raise ResourceError(f"frame {frame.id!r} refers to unknown frame {other!r}")
    raw: dict[str, list[tuple[str, Trigger]]] = {}
    sets: dict[str, dict[str, ContextSet]] = {}
    for path in find_files("triggers", "*.jsonl"):
        lang = path.name.split(".")[0]
        for n, line in enumerate(read_jsonl_validated(path, TriggerLine), 1):
            item = line.root
            if isinstance(item, ContextSet):
                sets.setdefault(lang, {})[item.context_set] = item  # a later folder may override a set
                continue
            if item.frame not in frames:
                raise ResourceError(f"{path}: trigger {n} names unknown frame {item.frame!r}")
            raw.setdefault(lang, []).append((f"{path}:{n}", item))
    for lang, lang_sets in sets.items():
        words = {w.lower() for _, t in raw.get(lang, []) for w in t.lemmas or []}
        for name, cs in lang_sets.items():
            lang_sets[name] = _with_measures(cs, lang, words)
    triggers: dict[str, list[Trigger]] = {}
    for lang, items in raw.items():
        seen: set[str] = {t.id for _, t in items if t.id is not None}
        for where, trig in items:
            if trig.id is None:
                trig.id = _unique(f"{lang}.{trig.frame}.{_slug(trig)}", seen)
            elif sum(t.id == trig.id for _, t in items) > 1:
                raise ResourceError(f"{where}: trigger id {trig.id!r} is used twice")
            lang_sets = sets.get(lang, {})
            trig = trig.model_copy(update={"requires": _with_context_sets(trig.requires, lang_sets, where),
                                           "unless": _with_context_sets(trig.unless, lang_sets, where)})
            triggers.setdefault(lang, []).append(trig)
    return FrameSet(frames=frames, triggers=triggers)
