"""SLA inputs: support terms (per severity targets, pauses, reopen rule, availability and
remedies) and a support request's dated messages and events.

Pure domain code: no I/O, no clock. Rules: see the package docstring and docs/sla.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from ..bizcal import (
    BusinessCalendar,
    DaysMode,
    Duration,
)
from ..money import Money
from ..text import Field, Quoted, T, Text, field_error

# --------------------------------------------------------------------------------------------
# Terms
# --------------------------------------------------------------------------------------------


class ReopenRule(StrEnum):
    RESUME = "resume"
    RESTART = "restart"


@dataclass(frozen=True)
class SeverityTerms:
    """Targets for one severity level. A ``None`` target means the contract sets none."""

    first_response: Duration | None = None
    update_interval: Duration | None = None
    resolution: Duration | None = None
    workaround: Duration | None = None
    coverage: BusinessCalendar | None = None  # e.g. 24x7 for severity 1; default: evaluate()'s

    def calendar_for(self, target: Duration, default: BusinessCalendar) -> BusinessCalendar:
        """The calendar ``target`` counts in: the severity's coverage, else ``default`` (the supplier's).
        Working days under a coverage that works on days the supplier's calendar does not (7×24, 7×12:
        weekends) are the supplier's working days: the cover says when hours are counted, a working day
        stays a working day ("3个工作日内修复" under 7×12 is not three days of a weekend)."""
        return default if self.cover_set_aside(target, default) else (self.coverage or default)

    def cover_set_aside(self, target: Duration, default: BusinessCalendar) -> bool:
        """``target`` (in working days) counts in ``default`` rather than in this severity's coverage, which
        works on days of the week ``default`` does not (or round the clock, holidays included)."""
        cov = self.coverage
        if target.unit != "wd" or cov is None or cov is default:
            return False
        more_days = any(cov.weekly[d] and not default.weekly[d] for d in range(7))
        return more_days or cov.round_the_clock


@dataclass(frozen=True)
class CreditTier:
    """Availability *strictly below* ``below_percent`` earns ``credit_percent`` of the fee."""

    below_percent: Decimal
    credit_percent: Decimal


@dataclass(frozen=True)
class ServiceCredits:
    tiers: tuple[CreditTier, ...]
    cap_percent: Decimal | None = None  # of the fee for the measurement window
    cap_amount: Money | None = None


@dataclass(frozen=True)
class LiquidatedDamages:
    """``rate`` per started (or completed) ``per`` unit of delay, capped per request."""

    rate: Money
    per: str = "day"  # "day" | "hour"
    cap: Money | None = None
    applies_to: tuple[str, ...] = ("resolution",)  # deadline kinds that attract LDs
    # "calendar" | "business": a business day is a standard working day of the calendar the deadline counts in
    # (DeadlineResult.business_day_seconds): the terms carry no day length of their own
    measured_in: str = "calendar"
    partial_units: str = "started"  # "started": a started day counts; "completed": whole units only

    def __post_init__(self) -> None:
        if self.per not in ("day", "hour"):
            raise ValueError(f"liquidated damages per {self.per!r}: expected day or hour")
        if self.measured_in not in ("calendar", "business"):
            raise ValueError(f"liquidated damages measured_in {self.measured_in!r}: calendar or business")
        if self.partial_units not in ("started", "completed"):
            raise ValueError(f"liquidated damages partial_units {self.partial_units!r}")
        if self.cap is not None and self.cap.currency != self.rate.currency:
            raise ValueError("liquidated damages: cap and rate must be in the same currency")


@dataclass(frozen=True)
class AvailabilityTerms:
    target_percent: Decimal
    window: str = "month"  # measurement window: "month" | "quarter" | "year"
    exclude_maintenance: bool = True  # announced maintenance is not counted against availability


@dataclass(frozen=True)
class SupportTerms:
    """The support terms of a contract (entered by the user or extracted from the contract)."""

    severities: Mapping[str, SeverityTerms]
    acknowledgement_counts: bool = False  # "received, will check" counts as a response
    pause_while_waiting_for_buyer: bool = True
    reopen: ReopenRule = ReopenRule.RESUME
    respond_to_every_buyer_message: bool = False  # each new buyer message gets a response deadline
    availability: AvailabilityTerms | None = None
    service_credits: ServiceCredits | None = None
    liquidated_damages: LiquidatedDamages | None = None
    label: str = "terms"  # e.g. "Service Agreement 2025 §4" – shown in explanations
    label_zh: str | None = None  # the same label in Chinese ("《服务协议》第4条"), for Chinese pages; optional

    def label_in(self, lang: str) -> str:
        """The label in ``lang`` where the terms have one in it (Chinese), else as written."""
        return self.label_zh if lang == "zh" and self.label_zh else self.label

    def severity(self, name: str) -> SeverityTerms:
        try:
            return self.severities[name]
        except KeyError:
            known = ", ".join(sorted(self.severities)) or "none"
            raise ValueError(f"severity {name!r}: not in the support terms (known: {known})") from None

    def no_target_for(self, name: str) -> Text | None:
        """Why a request of severity ``name`` is not measured when these terms set no target for
        it (terms may cover only some levels), naming the level and the terms; None when they do."""
        if name in self.severities:
            return None
        return T(
            "The terms %(terms)s set no target for the severity level %(level)s: "
            "requests of this level are not measured against them.",
            terms=Quoted(self.label),
            level=Field(name),
        )

    # ---- serialisation (for storage and the API) ---------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        def dur(d: Duration | None) -> dict[str, Any] | None:
            return None if d is None else {"amount": d.amount, "unit": d.unit, "days_mode": d.days_mode.value}

        out: dict[str, Any] = {
            "label": self.label,
            "severities": {
                name: {
                    "first_response": dur(sv.first_response),
                    "update_interval": dur(sv.update_interval),
                    "resolution": dur(sv.resolution),
                    "workaround": dur(sv.workaround),
                    "coverage": sv.coverage.spec() if sv.coverage is not None else None,
                }
                for name, sv in self.severities.items()
            },
            "acknowledgement_counts": self.acknowledgement_counts,
            "pause_while_waiting_for_buyer": self.pause_while_waiting_for_buyer,
            "reopen": self.reopen.value,
            "respond_to_every_buyer_message": self.respond_to_every_buyer_message,
            "availability": None,
            "service_credits": None,
            "liquidated_damages": None,
        }
        if self.label_zh:  # only when given: terms stored without it keep their canonical form
            out["label_zh"] = self.label_zh
        if self.availability is not None:
            a = self.availability
            out["availability"] = {
                "target_percent": str(a.target_percent),
                "window": a.window,
                "exclude_maintenance": a.exclude_maintenance,
            }
        if self.service_credits is not None:
            c = self.service_credits
            out["service_credits"] = {
                "tiers": [
                    {"below_percent": str(t.below_percent), "credit_percent": str(t.credit_percent)} for t in c.tiers
                ],
                "cap_percent": str(c.cap_percent) if c.cap_percent is not None else None,
                "cap_amount": c.cap_amount.to_json() if c.cap_amount is not None else None,
            }
        if self.liquidated_damages is not None:
            ld = self.liquidated_damages
            out["liquidated_damages"] = {
                "rate": ld.rate.to_json(),
                "per": ld.per,
                "cap": ld.cap.to_json() if ld.cap is not None else None,
                "applies_to": list(ld.applies_to),
                "measured_in": ld.measured_in,
                "partial_units": ld.partial_units,
            }
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SupportTerms:
        """Inverse of :meth:`to_dict`. Durations may also be strings such as ``"4h"`` or ``"3wd"``
        (with ``days_mode`` beside them). Raises ValueError naming the field."""

        def dur(v: Any, where: str) -> Duration | None:
            if v is None:
                return None
            try:
                if isinstance(v, str):
                    return Duration.parse(v)
                return Duration(int(v["amount"]), v.get("unit", "s"), DaysMode(v.get("days_mode", "hours")))
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(_because(where, exc)) from None

        def money(v: Any, where: str) -> Money | None:
            if v is None:
                return None
            try:
                return Money.of(v["amount"], v["currency"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(_because(where, exc)) from None

        def dec(v: Any, where: str) -> Decimal:
            if isinstance(v, float) or v is None:
                raise ValueError(field_error(where, "give a decimal string such as '99.5'"))
            try:
                return Decimal(str(v))
            except ArithmeticError:
                raise ValueError(field_error(where, "'%(value)s' is not a number", value=v)) from None

        sevs = data.get("severities")
        if not isinstance(sevs, Mapping) or not sevs:
            raise ValueError(field_error("severities", "at least one severity level is required"))
        severities = {}
        for name, sv in sevs.items():
            where = f"severities.{name}"
            cov = sv.get("coverage")
            severities[str(name)] = SeverityTerms(
                dur(sv.get("first_response"), f"{where}.first_response"),
                dur(sv.get("update_interval"), f"{where}.update_interval"),
                dur(sv.get("resolution"), f"{where}.resolution"),
                dur(sv.get("workaround"), f"{where}.workaround"),
                BusinessCalendar.from_spec(cov) if cov else None,
            )
        av = data.get("availability")
        sc = data.get("service_credits")
        ld = data.get("liquidated_damages")
        try:
            reopen = ReopenRule(data.get("reopen", "resume"))
        except ValueError:
            raise ValueError(
                field_error("reopen", "'%(value)s' is not resume or restart", value=data.get("reopen"))
            ) from None
        liquidated = None
        if ld:
            rate = money(ld.get("rate"), "liquidated_damages.rate")
            if rate is None:
                raise ValueError(field_error("liquidated_damages.rate", "missing"))
            liquidated = LiquidatedDamages(
                rate,
                ld.get("per", "day"),
                money(ld.get("cap"), "liquidated_damages.cap"),
                tuple(ld.get("applies_to", ("resolution",))),
                ld.get("measured_in", "calendar"),
                ld.get("partial_units", "started"),
            )  # a stored "business_day_seconds" (terms before 5 Dec 2026) is not read: the calendar's day counts
        return cls(
            severities,
            bool(data.get("acknowledgement_counts", False)),
            bool(data.get("pause_while_waiting_for_buyer", True)),
            reopen,
            bool(data.get("respond_to_every_buyer_message", False)),
            AvailabilityTerms(
                dec(av.get("target_percent"), "availability.target_percent"),
                av.get("window", "month"),
                bool(av.get("exclude_maintenance", True)),
            )
            if av
            else None,
            ServiceCredits(
                tuple(
                    CreditTier(
                        dec(t.get("below_percent"), f"service_credits.tiers[{i}].below_percent"),
                        dec(t.get("credit_percent"), f"service_credits.tiers[{i}].credit_percent"),
                    )
                    for i, t in enumerate(sc.get("tiers", ()))
                ),
                dec(sc["cap_percent"], "service_credits.cap_percent") if sc.get("cap_percent") is not None else None,
                money(sc.get("cap_amount"), "service_credits.cap_amount"),
            )
            if sc
            else None,
            liquidated,
            str(data.get("label", "terms")),
            str(data["label_zh"]).strip() or None if data.get("label_zh") else None,
        )


# --------------------------------------------------------------------------------------------
# Request timeline
# --------------------------------------------------------------------------------------------


class Direction(StrEnum):
    BUYER = "buyer"
    SUPPLIER = "supplier"


class EventKind(StrEnum):
    OPENED = "opened"
    WAITING_START = "waiting_for_buyer_start"
    WAITING_END = "waiting_for_buyer_end"
    WORKAROUND = "workaround"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    TERMS_CHANGED = "terms_changed"


@dataclass(frozen=True)
class Message:
    sent_at: datetime
    direction: Direction
    is_auto_reply: bool = False
    is_acknowledgement: bool = False
    ref: str | None = None  # evidence item / message id, shown in explanations

    @classmethod
    def of(
        cls, sent_at: datetime, direction: Direction, is_auto_reply: bool, is_acknowledgement: bool, ref: str | None
    ) -> Message:
        """The same message as ``Message(...)``, built about three times faster: a frozen
        dataclass's ``__init__`` sets each field through ``object.__setattr__``, and a first
        evaluation builds a million messages (a tenth of its time went to that)."""
        m = object.__new__(cls)
        d = m.__dict__
        d["sent_at"] = sent_at
        d["direction"] = direction
        d["is_auto_reply"] = is_auto_reply
        d["is_acknowledgement"] = is_acknowledgement
        d["ref"] = ref
        return m


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: EventKind
    terms: SupportTerms | None = None  # the new terms, for TERMS_CHANGED
    ref: str | None = None


@dataclass(frozen=True)
class SupportRequest:
    id: str
    supplier: str
    severity: str
    messages: tuple[Message, ...] = ()
    events: tuple[Event, ...] = ()
    opened_at: datetime | None = None  # clock start: earliest of this, OPENED, first buyer message
    buyer_tz: str | None = None  # buyer's zone for explanations


def _because(where: str, exc: BaseException) -> Text:
    """``where: why`` for a value that did not parse: the reason keeps its message id when it
    has one (a duration, an amount), so a page shows it in the reader's language."""
    why = exc.args[0] if exc.args and isinstance(exc.args[0], Text) else T("%(detail)s", detail=str(exc))
    return field_error(where, why)
