"""A computed :class:`Deadline` with its citation, inputs and explanation steps, and the helpers that build one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..text import T, Text
from .rules import RULES


@dataclass(frozen=True)
class Deadline:
    kind: str  # one of KINDS
    due: date | None  # None only where the law is for counsel (e.g. a foreign governing law)
    rule: str  # citation text shown with the date
    inputs: Mapping[str, Any]  # the facts used, JSON-ready
    provisional: bool
    needs_counsel: bool
    explanation: tuple[str, ...]
    rule_ids: tuple[str, ...] = ()
    unverified: bool = False  # the rule that produced the date is marked UNVERIFIED
    label: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "due": None if self.due is None else self.due.isoformat(),
            "rule": self.rule,
            "inputs": dict(self.inputs),
            "provisional": self.provisional,
            "needs_counsel": self.needs_counsel,
            "unverified": self.unverified,
            "label": self.label,
            "rule_ids": list(self.rule_ids),
            "explanation": list(self.explanation),
        }


def _iso_list(ds: Iterable[date]) -> list[str]:
    return [d.isoformat() for d in ds]


def _make(
    kind: str,
    label: str,
    due: date | None,
    rule_ids: Iterable[str],
    inputs: Mapping[str, Any],
    explanation: Iterable[str],
    *,
    provisional: bool = False,
    needs_counsel: bool | None = None,
    extra_citation: str = "",
) -> Deadline:
    ids = tuple(rule_ids)
    rules = [RULES[i] for i in ids]
    citation = "; ".join(r.cite() for r in rules)
    if extra_citation:
        citation = f"{citation}; {extra_citation}"
    counsel = any(r.needs_counsel for r in rules) if needs_counsel is None else needs_counsel
    return Deadline(
        kind=kind,
        due=due,
        rule=citation,
        inputs=dict(inputs),
        provisional=provisional,
        needs_counsel=counsel,
        explanation=tuple(explanation),
        rule_ids=ids,
        unverified=any(r.unverified for r in rules),
        label=label,
    )


def _unverified_note(rule_id: str) -> Text:
    r = RULES[rule_id]
    return T("UNVERIFIED (%(rule)s): %(text)s", rule=r.citation, text=r.text)
