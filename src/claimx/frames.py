"""Frames: canonical, language-neutral predicates, their relations, and their triggers per language.

Data layout (all validated, nothing in code):

- `models/frames/*.json`: `{"frames": [Frame, ...]}`: ids, domains, and relations between frames
  (`contradicts`: the two cannot both hold of the same participants at the same time; `supersedes`: a later
  claim of this frame replaces an earlier claim of the other, as a timeline step).
- `models/triggers/<lang>.jsonl`: one `Trigger` a line: the frame id and either `lemmas` (one or more words
  each, matched on lemmas) or a spaCy Matcher `pattern` (token pattern list, as in spaCy's JSONL rules).

Adding a frame, or a language's triggers, is adding lines to these files.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from claimx.resources import ResourceError, find_files, read_jsonl_validated, read_validated


class Frame(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    domain: str
    description: str
    contradicts: list[str] = Field(default_factory=list)
    supersedes: list[str] = Field(default_factory=list)
    value: Literal["money", "count", "percent", "any"] | None = None  # the kind of quantity it expects, if any


class FrameFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = "1"
    frames: list[Frame]


class Trigger(BaseModel):
    model_config = ConfigDict(extra="forbid")

    frame: str
    id: str | None = None
    lemmas: list[str] | None = None  # "reintegrate", "spin off", "introduction en bourse"
    pattern: list[dict[str, Any]] | None = None  # a spaCy Matcher token pattern
    pos: list[str] = Field(default_factory=lambda: ["VERB", "NOUN", "AUX", "ADJ", "PROPN"])  # head POS
    head: int = 0  # index of the predicate's head token inside the match
    polarity: Literal["positive", "negative"] = "positive"  # "no job cuts" as one trigger

    @model_validator(mode="after")
    def _one_form(self) -> Trigger:
        if bool(self.lemmas) == bool(self.pattern):
            raise ValueError("a trigger has exactly one of `lemmas` or `pattern`")
        return self


class FrameSet(BaseModel):
    """All frames, with contradiction and supersession relations made symmetric where they should be."""

    frames: dict[str, Frame]
    triggers: dict[str, list[Trigger]]  # lang -> triggers

    def contradicts(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None or a == b:
            return False
        return b in self.frames[a].contradicts or a in self.frames[b].contradicts

    def supersedes(self, later: str | None, earlier: str | None) -> bool:
        """True when a claim of frame `later` can update a claim of frame `earlier` (a timeline step)."""
        if later is None or earlier is None or later == earlier:
            return False
        return earlier in self.frames[later].supersedes


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
    triggers: dict[str, list[Trigger]] = {}
    for path in find_files("triggers", "*.jsonl"):
        lang = path.name.split(".")[0]
        for n, trig in enumerate(read_jsonl_validated(path, Trigger), 1):
            if trig.frame not in frames:
                raise ResourceError(f"{path}: trigger {n} names unknown frame {trig.frame!r}")
            if trig.id is None:
                trig.id = f"{lang}.{trig.frame}.{n}"
            triggers.setdefault(lang, []).append(trig)
    return FrameSet(frames=frames, triggers=triggers)
