"""The trained sentence classifier that works beside the rules (issue 19).

A linear model per kind over the words (English) and characters (Chinese) of one sentence and of
its clause heading: unigrams, bigrams and trigrams of tokens, digits folded to "0". A document
has a kind when its best sentence scores above the kind's threshold. Trained by
``scripts/train_contract_model.py`` (scikit-learn, only at training time) on the CUAD development
half and the development side of the Chinese set; the weights are shipped as JSON in
``clause_model.json`` beside this module and read on first use. No pickle, no scikit-learn and no download at
run time: scoring is a sum of weights.

How the model and the rules are combined is decided per kind by the training script from
cross-validation on the development side only (never from the held-out texts) and written into
the model file: ``rules`` (model not used), ``model`` (the model decides presence), ``or``
(either), ``and`` (a rule hit counts only when the model agrees). The rules keep the values
(hours, days, percentages, forum) in every case.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain

MODEL_FILE = "clause_model.json"
COMBINE_MODES = ("rules", "model", "or", "and")

_TOKEN = re.compile(r"[a-z]+|\d+(?:[.,]\d+)*|[\u3400-\u4dbf\u4e00-\u9fff]")
MAX_SENTENCE_CHARS = 600  # longer "sentences" (tables, run-on text) are scored on their start


def tokens(text: str) -> list[str]:
    return ["0" if t[0].isdigit() else t for t in _TOKEN.findall(text[:MAX_SENTENCE_CHARS].lower())]


def _ngrams(toks: list[str], prefix: str, top: int) -> set[str]:
    out = set(toks)
    if top >= 2:
        bigrams = [a + " " + b for a, b in zip(toks, toks[1:], strict=False)]
        out.update(bigrams)
        if top >= 3:
            out.update(a + " " + b for a, b in zip(bigrams, toks[2:], strict=False))
    return {prefix + f for f in out} if prefix else out


@lru_cache(maxsize=4096)
def heading_features(heading: str) -> frozenset[str]:
    return frozenset(_ngrams(tokens(heading)[:12], "h:", 2))


def features(sentence: str, heading: str = "") -> set[str]:
    """The features of one sentence under its clause heading (used by training and scoring alike)."""
    out = _ngrams(tokens(sentence), "", 3)
    if heading:
        out |= heading_features(heading)
    return out


def language_key(language: str) -> str:
    """Which language's decision applies: "en" for English documents, "zh" for Chinese and bilingual."""
    return "en" if language == "en" else "zh"


@dataclass(frozen=True)
class KindModel:
    kind: str
    intercept: float
    modes: dict[str, tuple[str, float]]  # language key -> (combine mode, threshold on the best sentence's logit)
    weights: dict[str, float]

    def mode(self, language: str) -> tuple[str, float]:
        return self.modes.get(language_key(language), ("rules", 0.0))

    def score(self, feats: set[str]) -> float:
        w = self.weights
        return self.intercept + sum(w[f] for f in feats if f in w)


@dataclass(frozen=True)
class ClauseModel:
    version: str
    kinds: dict[str, KindModel]
    about: dict[str, object]

    def used(self, language: str) -> dict[str, tuple[KindModel, str, float]]:
        """The kinds where the model takes part in the decision for a document in `language`,
        with the combine mode and threshold."""
        out = {}
        for kind, km in self.kinds.items():
            combine, threshold = km.mode(language)
            if combine != "rules" and km.weights:
                out[kind] = (km, combine, threshold)
        return out


class Scorer:
    """Scores sentences for several kinds at once, without building each sentence's feature set:
    every n-gram is looked up once in one table of (kind, weight) pairs. Same result as
    `KindModel.score(features(...))` (a feature counts once however often it occurs)."""

    def __init__(self, models: Sequence[KindModel]) -> None:
        self.intercepts = [m.intercept for m in models]
        table: dict[str, list[tuple[int, float]]] = {}
        for i, m in enumerate(models):
            for f, w in m.weights.items():
                table.setdefault(f, []).append((i, w))
        self.table = table

    def scores(self, sentence: str, heading: str = "") -> list[float]:
        toks = tokens(sentence)
        bigrams = [a + " " + b for a, b in zip(toks, toks[1:], strict=False)]
        trigrams = (a + " " + b for a, b in zip(bigrams, toks[2:], strict=False))
        acc = list(self.intercepts)
        get = self.table.get
        seen: set[str] = set()
        head = heading_features(heading) if heading else ()
        for f in chain(toks, bigrams, trigrams, head):
            entry = get(f)
            if entry is not None and f not in seen:
                seen.add(f)
                for i, w in entry:
                    acc[i] += w
        return acc


# Scorers built for a sequence of models (by identity): a check builds the same one every time, and building it reads
# every weight of every kind (about 14 ms of CPU, a tenth of a 30,000-character check). The models are kept with
# their scorer, so an id in a key is never reused while the entry lives; the oldest entry goes first.
_SCORERS: dict[tuple[int, ...], tuple[tuple[KindModel, ...], Scorer]] = {}
_MAX_SCORERS = 16


def scorer_for(models: Sequence[KindModel]) -> Scorer:
    """The Scorer of these models, built once (same scores as `Scorer(models)`)."""
    key = tuple(id(m) for m in models)
    entry = _SCORERS.get(key)
    if entry is None:
        while len(_SCORERS) >= _MAX_SCORERS:
            del _SCORERS[next(iter(_SCORERS))]
        entry = (tuple(models), Scorer(models))
        _SCORERS[key] = entry
    return entry[1]


def parse_model(data: dict[str, object]) -> ClauseModel:
    kinds_raw = data["kinds"]
    assert isinstance(kinds_raw, dict)
    kinds = {}
    for kind, raw in kinds_raw.items():
        modes = {}
        for lang, m in raw["by_language"].items():
            if m["combine"] not in COMBINE_MODES:
                raise ValueError(f"unknown combine mode {m['combine']!r} for {kind}")
            modes[str(lang)] = (str(m["combine"]), float(m["threshold"]))
        kinds[kind] = KindModel(
            kind, float(raw["intercept"]), modes, {str(f): float(v) for f, v in raw["weights"].items()}
        )
    about = data.get("about", {})
    return ClauseModel(str(data["version"]), kinds, dict(about) if isinstance(about, dict) else {})


@lru_cache(maxsize=1)
def load_model() -> ClauseModel | None:
    """The shipped model, read once on first use; None when the package has none."""
    path = resources.files("disputedesk.domain.contract_clarity").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return parse_model(json.loads(path.read_text(encoding="utf-8")))
