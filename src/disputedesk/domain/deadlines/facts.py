"""The facts the deadline rules use: :class:`Facts`, its checks, and its JSON form (docs/deadlines.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from babel.core import Locale

from ..dates import parse_day
from ..periods import require_date
from ..text import Field, Quoted, field_error
from .rules import CONTRACT_TYPES

FACT_FIELDS: tuple[str, ...] = (
    "governing_law",
    "contract_type",
    "cisg_applies",
    "received_on",
    "inspection_period_days",
    "warranty_months",
    "warranty_starts_on",
    "knowledge_on",
    "demands",
    "acknowledgements",
    "award_performance_deadline",
)


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    # CLDR's territory list (via babel, already a dependency) holds the ISO 3166-1 alpha-2 codes,
    # plus groupings and pseudo-regions that are not a law one can choose.
    not_countries = {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}
    return (
        frozenset(k for k in Locale("en").territories if isinstance(k, str) and len(k) == 2 and k.isalpha())
        - not_countries
    )


@dataclass(frozen=True)
class Facts:
    """The facts the deadline rules use; see docs/deadlines.md for each field."""

    governing_law: str  # ISO 3166 alpha-2 code ("CN") or "unknown"
    contract_type: str  # one of CONTRACT_TYPES
    cisg_applies: bool
    received_on: date  # the buyer received the goods (actual handing over)
    inspection_period_days: int | None
    warranty_months: int | None
    warranty_starts_on: date | None  # None: warranty runs from received_on
    knowledge_on: date  # the buyer knew (or should have known) of the breach and of the supplier
    demands: tuple[date, ...] = ()
    acknowledgements: tuple[date, ...] = ()
    award_performance_deadline: date | None = None

    def __post_init__(self) -> None:
        law = self.governing_law
        if not isinstance(law, str) or not (law == "unknown" or law in _country_codes()):
            # the case form's own fields: sentences with a message id, so a Chinese page says them in Chinese
            raise ValueError(
                field_error(
                    "governing_law",
                    "%(value)s is neither an ISO 3166 country code (such as 'CN') nor 'unknown'",
                    value=Quoted(law),
                )
            )
        if self.contract_type not in CONTRACT_TYPES:
            raise ValueError(
                field_error(
                    "contract_type",
                    "%(value)s is not one of %(choices)s",
                    value=Quoted(self.contract_type),
                    choices=", ".join(CONTRACT_TYPES),
                )
            )
        if not isinstance(self.cisg_applies, bool):
            raise ValueError(f"cisg_applies: expected true or false, got {self.cisg_applies!r}")
        require_date(self.received_on, "received_on")
        require_date(self.knowledge_on, "knowledge_on")
        for name in ("inspection_period_days", "warranty_months"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise ValueError(f"{name}: expected a whole number of at least 1, or null; got {value!r}")
        if self.warranty_starts_on is not None:
            require_date(self.warranty_starts_on, "warranty_starts_on")
            if self.warranty_months is None:
                raise ValueError(
                    field_error("warranty_starts_on", "given, but warranty_months is null (no warranty period)")
                )
        if self.knowledge_on < self.received_on:
            raise ValueError(
                field_error(
                    "knowledge_on",
                    "%(day)s is before %(other)s (%(received)s); knowledge of a breach of these goods cannot "
                    "precede their receipt",
                    day=self.knowledge_on,
                    other=Field("received_on"),
                    received=self.received_on,
                )
            )
        for name in ("demands", "acknowledgements"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
            for i, d in enumerate(getattr(self, name)):
                where = f"{name}[{i}]"
                require_date(d, where)
                if d < self.knowledge_on:
                    raise ValueError(
                        field_error(
                            where,
                            "%(day)s is before knowledge_on (%(known)s); a demand or an acknowledgement of this "
                            "claim presupposes that the breach was known",
                            day=d,
                            known=self.knowledge_on,
                        )
                    )
        apd = self.award_performance_deadline
        if apd is not None:
            require_date(apd, "award_performance_deadline")
            if apd < self.knowledge_on:
                raise ValueError(
                    field_error(
                        "award_performance_deadline",
                        "%(day)s is before knowledge_on (%(known)s); an award on the claim cannot precede "
                        "knowledge of it",
                        day=apd,
                        known=self.knowledge_on,
                    )
                )

    def warranty_start(self) -> date:
        return self.warranty_starts_on or self.received_on


def _parse_date(value: object, name: str, *, nullable: bool = False) -> date | None:
    if value is None:
        if nullable:
            return None
        raise ValueError(f"{name}: missing date (null); expected YYYY-MM-DD")
    if isinstance(value, str) and not value.strip():
        raise ValueError(f"{name}: {value!r} is not a date in the form YYYY-MM-DD")
    return parse_day(value, name)


def _parse_int(value: object, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name}: expected a whole number or null, got {value!r}")
    return value


def _parse_dates(value: object, name: str) -> tuple[date, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{name}: expected a list of dates (YYYY-MM-DD), got {type(value).__name__}")
    out: list[date] = []
    for i, item in enumerate(value):
        parsed = _parse_date(item, f"{name}[{i}]")
        assert parsed is not None
        out.append(parsed)
    return tuple(out)


def facts_from_json(obj: object) -> Facts:
    """Build :class:`Facts` from a parsed JSON object; a ValueError names the faulty field."""
    if not isinstance(obj, Mapping):
        raise ValueError(f"facts: expected a JSON object, got {type(obj).__name__}")
    unknown = sorted(set(obj) - set(FACT_FIELDS))
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown field (allowed: {', '.join(FACT_FIELDS)})")
    missing = [f for f in FACT_FIELDS if f not in obj]
    if missing:
        raise ValueError(f"{missing[0]}: missing field (every field must be present; use null where allowed)")
    law = obj["governing_law"]
    if not isinstance(law, str):
        raise ValueError(f"governing_law: expected a string, got {law!r}")
    law = law if law == "unknown" else law.upper()
    received = _parse_date(obj["received_on"], "received_on")
    knowledge = _parse_date(obj["knowledge_on"], "knowledge_on")
    assert received is not None and knowledge is not None
    return Facts(
        governing_law=law,
        contract_type=obj["contract_type"],
        cisg_applies=obj["cisg_applies"],
        received_on=received,
        inspection_period_days=_parse_int(obj["inspection_period_days"], "inspection_period_days"),
        warranty_months=_parse_int(obj["warranty_months"], "warranty_months"),
        warranty_starts_on=_parse_date(obj["warranty_starts_on"], "warranty_starts_on", nullable=True),
        knowledge_on=knowledge,
        demands=_parse_dates(obj["demands"], "demands"),
        acknowledgements=_parse_dates(obj["acknowledgements"], "acknowledgements"),
        award_performance_deadline=_parse_date(
            obj["award_performance_deadline"], "award_performance_deadline", nullable=True
        ),
    )


def facts_to_json(facts: Facts) -> dict[str, Any]:
    def iso(d: date | None) -> str | None:
        return None if d is None else d.isoformat()

    return {
        "governing_law": facts.governing_law,
        "contract_type": facts.contract_type,
        "cisg_applies": facts.cisg_applies,
        "received_on": iso(facts.received_on),
        "inspection_period_days": facts.inspection_period_days,
        "warranty_months": facts.warranty_months,
        "warranty_starts_on": iso(facts.warranty_starts_on),
        "knowledge_on": iso(facts.knowledge_on),
        "demands": [d.isoformat() for d in facts.demands],
        "acknowledgements": [d.isoformat() for d in facts.acknowledgements],
        "award_performance_deadline": iso(facts.award_performance_deadline),
    }
