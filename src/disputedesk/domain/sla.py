"""SLA evaluation: support terms, a request's dated timeline, and every deadline judged.

Inputs are plain frozen dataclasses so a service layer can build them from database rows:
:class:`SupportTerms` (per severity targets, what counts as a response, pauses, reopen rule,
availability and remedies), :class:`SupportRequest` (messages and events). The entry point is
:func:`evaluate` -> :class:`Evaluation`; :func:`availability`, :func:`service_credit`,
:func:`liquidated_damages` and :func:`supplier_stats` compute the rest.

Rules (also in docs/sla.md):
- **Deadline boundary**: a reply timed exactly at the deadline is on time. Times are compared in
  whole seconds (fractions dropped); a reply is late only if it is at least one second after the
  deadline. A deadline without a reply is breached only once the evaluation time (``as_of``) is
  after it.
- **A breach stays a breach**: a late reply ends the lateness (measured up to the reply) but the
  deadline stays breached.
- **What counts as a response**: a supplier message that is not an automatic reply; a bare
  acknowledgement ("received, will check") only if the terms say so.
- **Clock start**: the earliest of the request's opening time, its "opened" event and its first
  buyer message; for later responses, the oldest buyer message not yet answered. Chasers do not
  restart the clock. Outside working time the clock starts at the next opening.
- **Pauses**: while waiting for the buyer's information (explicit start/end events), if the terms
  in force at that moment allow it. Pauses are merged before counting: hold time is never
  counted twice. When the terms change mid-request, pause time already accrued is kept; a
  deadline not yet settled at the change is recomputed under the new terms from the same start.
- **Reopen**: ``resume`` (default): the resolution clock continues; the time between resolution
  and reopening does not count. ``restart``: each reopening starts a new resolution deadline; the
  earlier ones keep their result.

Pure domain code: no I/O, no clock (``as_of`` is an argument).

Size (about 1,300 lines, one module on purpose): every rule above acts on the same timeline of
one request (clock start, pauses, terms changing mid-request, reopen) and reads the others'
intermediate state; in one file a reader follows one deadline from its start to its judgement.
The per-supplier statistics at the end (``supplier_stats``, ``first_response_figures``) could
stand alone but are short.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from typing import Any

from .bizcal import (
    BusinessCalendar,
    DaysMode,
    Duration,
    Explanation,
    format_seconds,
    to_epoch,
)
from .money import Money, totals

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
    measured_in: str = "calendar"  # "calendar" | "business" (business day = business_day_seconds)
    partial_units: str = "started"  # "started": a started day counts; "completed": whole units only
    business_day_seconds: int = 8 * 3600

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

    def severity(self, name: str) -> SeverityTerms:
        try:
            return self.severities[name]
        except KeyError:
            known = ", ".join(sorted(self.severities)) or "none"
            raise ValueError(f"severity {name!r}: not in the support terms (known: {known})") from None

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
                "business_day_seconds": ld.business_day_seconds,
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
                raise ValueError(f"{where}: {exc}") from None

        def money(v: Any, where: str) -> Money | None:
            if v is None:
                return None
            try:
                return Money.of(v["amount"], v["currency"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{where}: {exc}") from None

        def dec(v: Any, where: str) -> Decimal:
            if isinstance(v, float) or v is None:
                raise ValueError(f"{where}: give a decimal string such as '99.5'")
            try:
                return Decimal(str(v))
            except ArithmeticError:
                raise ValueError(f"{where}: {v!r} is not a number") from None

        sevs = data.get("severities")
        if not isinstance(sevs, Mapping) or not sevs:
            raise ValueError("severities: at least one severity level is required")
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
            raise ValueError(f"reopen: {data.get('reopen')!r} is not resume or restart") from None
        liquidated = None
        if ld:
            rate = money(ld.get("rate"), "liquidated_damages.rate")
            if rate is None:
                raise ValueError("liquidated_damages.rate: missing")
            liquidated = LiquidatedDamages(
                rate,
                ld.get("per", "day"),
                money(ld.get("cap"), "liquidated_damages.cap"),
                tuple(ld.get("applies_to", ("resolution",))),
                ld.get("measured_in", "calendar"),
                ld.get("partial_units", "started"),
                int(ld.get("business_day_seconds", 8 * 3600)),
            )
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


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


class Status(StrEnum):
    MET = "met"
    BREACHED = "breached"
    PENDING = "pending"


BOUNDARY_RULE = "A reply timed exactly at the deadline is on time; times are compared in whole seconds."


@dataclass(frozen=True)
class DeadlineExplanation:
    summary: str
    counted: Explanation  # clock start -> deadline
    lateness: Explanation | None  # deadline -> reply (or as_of) when breached

    def render(self) -> str:
        parts = [self.summary, "", "How the deadline was counted:", self.counted.render()]
        if self.lateness is not None:
            parts += ["", "Business time late:", self.lateness.render()]
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "counted": self.counted.to_dict(),
            "lateness": self.lateness.to_dict() if self.lateness else None,
            "text": self.render(),
        }


@dataclass  # not frozen: built ~5x per request, and frozen __init__ is slow; treat as read-only
class DeadlineResult:
    """One deadline of one request, judged as of the evaluation time."""

    kind: str  # first_response | response | update | resolution | workaround
    seq: int  # 1, 2, ... within its kind
    clock_start: datetime
    target: Duration
    deadline: datetime
    status: Status
    satisfied_at: datetime | None
    satisfied_ref: str | None
    late_business_seconds: int  # 0 unless breached; for an unanswered breach: up to as_of
    late_calendar_seconds: int
    remaining_business_seconds: int | None  # for pending deadlines, from as_of
    provisional: bool
    paused_open: bool  # a pause is still running at as_of: the deadline will move
    terms_label: str
    deadline_epoch: int  # the deadline as UTC epoch seconds (for sorting and storage)
    _calendar: BusinessCalendar = field(repr=False, compare=False)
    _pauses: tuple[tuple[int, int], ...] = field(repr=False, compare=False)  # epoch seconds
    _as_of: datetime = field(repr=False, compare=False)
    _buyer_tz: str | None = field(repr=False, compare=False)

    @property
    def continuing(self) -> bool:
        """Breached and still unanswered at the evaluation time."""
        return self.status == Status.BREACHED and self.satisfied_at is None

    @property
    def label(self) -> str:
        return self.kind.replace("_", " ") + (f" #{self.seq}" if self.seq > 1 or self.kind == "update" else "")

    def summary(self) -> str:
        tgt = f"{self.label}: target {self.target} from {self.clock_start.isoformat()} ({self.terms_label})"
        dl = f"deadline {self.deadline.isoformat()}"
        if self.provisional:
            dl += " (PROVISIONAL: depends on unpublished holiday data)"
        if self.status == Status.MET:
            assert self.satisfied_at is not None
            verdict = f"MET by {self.satisfied_at.isoformat()}" + (
                f" [{self.satisfied_ref}]" if self.satisfied_ref else ""
            )
        elif self.status == Status.BREACHED:
            late = (
                f"{format_seconds(self.late_business_seconds)} business time "
                f"({format_seconds(self.late_calendar_seconds)} calendar time)"
            )
            if self.satisfied_at is None:
                verdict = f"BREACHED, no qualifying reply as of {self._as_of.isoformat()}: late by {late} so far"
            else:
                verdict = f"BREACHED: answered {self.satisfied_at.isoformat()}, late by {late}"
        else:
            verdict = "PENDING"
            if self.remaining_business_seconds is not None:
                verdict += f": {format_seconds(self.remaining_business_seconds)} business time left"
            if self.paused_open:
                verdict += " (clock paused: waiting for the buyer; the deadline will move)"
        return f"{tgt}; {dl}; {verdict}. Rule: {BOUNDARY_RULE}"

    @cached_property
    def explanation(self) -> DeadlineExplanation:
        cal, bz = self._calendar, self._buyer_tz
        pauses = [(datetime.fromtimestamp(a, cal.tz), datetime.fromtimestamp(b, cal.tz)) for a, b in self._pauses]
        counted = cal.explain(self.clock_start, self.deadline, pauses=pauses, buyer_tz=bz)
        lateness = None
        if self.status == Status.BREACHED:
            end = self.satisfied_at or self._as_of
            lateness = cal.explain(self.deadline, end, pauses=pauses, buyer_tz=bz)
        return DeadlineExplanation(self.summary(), counted, lateness)

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "seq": self.seq,
            "clock_start": self.clock_start.isoformat(),
            "target": str(self.target),
            "deadline": self.deadline.isoformat(),
            "status": self.status.value,
            "satisfied_at": self.satisfied_at.isoformat() if self.satisfied_at else None,
            "satisfied_ref": self.satisfied_ref,
            "late_business_seconds": self.late_business_seconds,
            "late_calendar_seconds": self.late_calendar_seconds,
            "remaining_business_seconds": self.remaining_business_seconds,
            "provisional": self.provisional,
            "paused_open": self.paused_open,
            "terms": self.terms_label,
            "summary": self.summary(),
        }
        if explain:
            out["explanation"] = self.explanation.to_dict()
        return out

    def key(self) -> tuple[str, int]:
        return (self.kind, self.seq)

    def fingerprint(self) -> tuple[Any, ...]:
        return (
            self.deadline.isoformat(),
            self.status.value,
            self.late_business_seconds,
            self.late_calendar_seconds,
            self.provisional,
        )


@dataclass(frozen=True)
class Evaluation:
    request_id: str
    supplier: str
    severity: str
    opened_at: datetime
    as_of: datetime
    deadlines: tuple[DeadlineResult, ...]
    first_response_at: datetime | None
    first_response_business_seconds: int | None
    first_response_calendar_seconds: int | None
    calendar_version: str

    @property
    def next(self) -> DeadlineResult | None:
        """The earliest pending deadline."""
        pending = [d for d in self.deadlines if d.status == Status.PENDING]
        return min(pending, key=lambda d: d.deadline_epoch) if pending else None

    @property
    def breaches(self) -> tuple[DeadlineResult, ...]:
        return tuple(d for d in self.deadlines if d.status == Status.BREACHED)

    @property
    def provisional(self) -> bool:
        return any(d.provisional for d in self.deadlines)

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        nxt = self.next
        return {
            "request_id": self.request_id,
            "supplier": self.supplier,
            "severity": self.severity,
            "opened_at": self.opened_at.isoformat(),
            "as_of": self.as_of.isoformat(),
            "calendar_version": self.calendar_version,
            "provisional": self.provisional,
            "first_response_at": self.first_response_at.isoformat() if self.first_response_at else None,
            "first_response_business_seconds": self.first_response_business_seconds,
            "next": nxt.to_dict() if nxt else None,
            "deadlines": [d.to_dict(explain=explain) for d in self.deadlines],
        }


@dataclass(frozen=True)
class Change:
    """A result that differs between two evaluations (e.g. after a calendar update)."""

    request_id: str
    deadline: str  # e.g. "first_response #1"
    before: tuple[Any, ...] | None
    after: tuple[Any, ...] | None

    def __str__(self) -> str:
        return f"{self.request_id} {self.deadline}: {self.before} -> {self.after}"


def compare(before: Evaluation, after: Evaluation) -> list[Change]:
    """Which deadlines changed between two evaluations of the same request."""
    a = {d.key(): d.fingerprint() for d in before.deadlines}
    b = {d.key(): d.fingerprint() for d in after.deadlines}
    out = []
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            out.append(Change(after.request_id, f"{k[0]} #{k[1]}", a.get(k), b.get(k)))
    return out


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


class _Ctx:
    """Per-request working state shared by the deadline computations (epoch seconds inside)."""

    def __init__(
        self,
        request: SupportRequest,
        terms: SupportTerms,
        calendar: BusinessCalendar,
        as_of: datetime,
    ) -> None:
        self.request = request
        self.calendar = calendar
        self.as_of = as_of
        self.as_of_e = to_epoch(as_of, "as_of")
        # terms in force: [(from_epoch, terms)], first entry from the beginning of time
        changes = sorted(
            (e for e in request.events if e.kind == EventKind.TERMS_CHANGED),
            key=lambda e: to_epoch(e.at, "event time"),
        )
        self.terms_timeline: list[tuple[int, SupportTerms]] = [(-(2**62), terms)]
        for ev in changes:
            if ev.terms is None:
                raise ValueError(f"request {request.id}: terms_changed event at {ev.at.isoformat()} has no terms")
            ev.terms.severity(request.severity)  # validate early
            self.terms_timeline.append((to_epoch(ev.at), ev.terms))
        self._pp_cache: dict[tuple[int, tuple[tuple[int, int], ...]], list[tuple[int, int]]] = {}
        self.sevs = [t.severity(request.severity) for _, t in self.terms_timeline]

    def terms_index_at(self, e: int) -> int:
        if len(self.terms_timeline) == 1:
            return 0
        idx = 0
        for i, (t, _) in enumerate(self.terms_timeline):
            if t <= e:
                idx = i
        return idx

    def terms_at(self, e: int) -> SupportTerms:
        if len(self.terms_timeline) == 1:
            return self.terms_timeline[0][1]
        return self.terms_timeline[self.terms_index_at(e)][1]

    def _pp(self, cal: BusinessCalendar, pauses: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
        key = (id(cal), pauses)
        pp = self._pp_cache.get(key)
        if pp is None:
            pp = self._pp_cache[key] = cal.pause_positions(pauses)
        return pp

    def judge(
        self,
        kind: str,
        seq: int,
        start: datetime,
        start_e: int,
        pick: str,
        satisfied: tuple[int, datetime, str | None] | None,
        pauses: tuple[tuple[int, int], ...],
    ) -> DeadlineResult | None:
        sat_e = satisfied[0] if satisfied else None
        i = self.terms_index_at(start_e)
        found: tuple[int, bool, int] | None = None  # (deadline epoch, provisional, terms index)
        while True:
            sev = self.sevs[i]
            target = getattr(sev, pick)
            dl_e = None
            if target is not None:
                cal = sev.coverage or self.calendar
                dl_e, prov = cal.add_epoch(start_e, target, self._pp(cal, pauses) if pauses else None, pauses)
                found = (dl_e, prov, i)
            else:
                found = None
            # A later change of terms applies if it comes before this deadline is settled.
            if i + 1 >= len(self.terms_timeline):
                break
            change_e = self.terms_timeline[i + 1][0]
            settle = dl_e
            if sat_e is not None:
                settle = sat_e if settle is None else min(settle, sat_e)
            if settle is None or change_e < settle:
                i += 1
                continue
            break
        if found is None:
            return None
        dl_e, provisional, used = found
        terms = self.terms_timeline[used][1]
        sev = self.sevs[used]
        target = getattr(sev, pick)
        cal = sev.coverage or self.calendar
        pp = self._pp(cal, pauses) if pauses else None
        as_of_e = self.as_of_e
        paused_open = bool(pauses) and dl_e > as_of_e and any(pe >= as_of_e for _, pe in pauses)
        late_b = late_c = 0
        remaining = None
        sat_at = sat_ref = None
        if sat_e is not None and sat_e <= as_of_e:
            assert satisfied is not None
            _, sat_at, sat_ref = satisfied
            # Boundary rule: a reply in the same second as the deadline is on time.
            if sat_e <= dl_e:
                status = Status.MET
            else:
                status = Status.BREACHED
                late_b = cal.seconds_between(dl_e, sat_e, pp)
                late_c = sat_e - dl_e
        elif as_of_e > dl_e:
            status = Status.BREACHED
            late_b = cal.seconds_between(dl_e, as_of_e, pp)
            late_c = as_of_e - dl_e
        else:
            status = Status.PENDING
            remaining = cal.seconds_between(as_of_e, dl_e, pp)
        return DeadlineResult(
            kind,
            seq,
            start,
            target,
            datetime.fromtimestamp(dl_e, cal.tz),
            status,
            sat_at,
            sat_ref,
            late_b,
            late_c,
            remaining,
            provisional,
            paused_open,
            terms.label,
            dl_e,
            cal,
            pauses,
            self.as_of,
            self.request.buyer_tz,
        )


def _counts_as_response(m: Message, terms: SupportTerms) -> bool:
    if m.direction != Direction.SUPPLIER or m.is_auto_reply:  # an automatic reply never counts
        return False
    return not (m.is_acknowledgement and not terms.acknowledgement_counts)


def evaluate(
    request: SupportRequest,
    terms: SupportTerms,
    calendar: BusinessCalendar,
    *,
    as_of: datetime | None = None,
) -> Evaluation:
    """Judge every deadline of `request` under `terms`, counted in `calendar`.

    ``as_of`` is the evaluation time (the service passes "now"); default: the latest time in the
    request's timeline. Raises ``ValueError`` naming the field on bad input.
    """
    rid = request.id
    try:
        msgs = sorted([(to_epoch(m.sent_at, "message sent_at"), n, m) for n, m in enumerate(request.messages)])
        events = sorted([(to_epoch(e.at, "event time"), n, e) for n, e in enumerate(request.events)])
    except ValueError as exc:
        raise ValueError(f"request {rid}: {exc}") from None
    terms.severity(request.severity)
    # The clock starts at the earliest of: opened_at, the opened event, the first buyer message
    # (the supplier had the request from then on, however late it was logged).
    cands: list[tuple[int, datetime]] = []
    if request.opened_at is not None:
        cands.append((to_epoch(request.opened_at, f"request {rid}: opened_at"), request.opened_at))
    ev_open = next(((t, e.at) for t, _, e in events if e.kind == EventKind.OPENED), None)
    first_buyer = next(((t, m.sent_at) for t, _, m in msgs if m.direction == Direction.BUYER), None)
    cands += [c for c in (ev_open, first_buyer) if c is not None]
    if not cands:
        raise ValueError(f"request {rid}: no opened_at, no opened event and no buyer message")
    opened_e, opened = min(cands, key=lambda c: c[0])
    if as_of is None:
        last = max([opened_e] + [t for t, _, _ in msgs] + [t for t, _, _ in events])
        as_of = datetime.fromtimestamp(last, calendar.tz)
    ctx = _Ctx(request, terms, calendar, as_of)
    as_of_e = ctx.as_of_e
    terms_at = ctx.terms_at

    # ---- pauses: waiting for the buyer, where the terms in force allow it --------------------
    waits: list[tuple[int, int]] = []
    wstart: int | None = None
    for t, _, ev in events:
        if ev.kind == EventKind.WAITING_START and wstart is None:
            wstart = t
        elif ev.kind == EventKind.WAITING_END and wstart is not None:
            waits.append((wstart, t))
            wstart = None
    if wstart is not None:
        waits.append((wstart, max(wstart, as_of_e)))
    cuts = [t for t, _ in ctx.terms_timeline[1:]]
    pause_list: list[tuple[int, int]] = []
    for a, b in waits:
        bounds = [a] + [c for c in cuts if a < c < b] + [b]
        for x, y in zip(bounds, bounds[1:], strict=False):
            if y > x and terms_at(x).pause_while_waiting_for_buyer:
                pause_list.append((x, y))
    pauses = tuple(pause_list)

    # ---- responses: runs of buyer messages and the reply that answers each ------------------
    # (start epoch, start datetime, (reply epoch, reply datetime, ref) | None)
    runs: list[tuple[int, datetime, tuple[int, datetime, str | None] | None]] = []
    oldest: tuple[int, datetime] | None = (opened_e, opened)
    counting: list[tuple[int, datetime, str | None]] = []
    for t, _, m in msgs:
        if m.direction == Direction.BUYER:
            if oldest is None:
                oldest = (t, m.sent_at)
        elif t >= opened_e and _counts_as_response(m, terms_at(t)):
            counting.append((t, m.sent_at, m.ref))
            if oldest is not None and t >= oldest[0]:
                runs.append((oldest[0], oldest[1], counting[-1]))
                oldest = None
    if oldest is not None:
        runs.append((oldest[0], oldest[1], None))

    results: list[DeadlineResult] = []
    first = runs[0]
    fr = ctx.judge("first_response", 1, first[1], first[0], "first_response", first[2], pauses)
    if fr is not None:
        results.append(fr)
    if terms.respond_to_every_buyer_message:
        for n, (se, sdt, sat) in enumerate(runs[1:], start=2):
            r = ctx.judge("response", n, sdt, se, "first_response", sat, pauses)
            if r is not None:
                results.append(r)

    # ---- resolution / workaround, with reopen handling ---------------------------------------
    # cycles: (start epoch, start datetime, resolution (epoch, datetime, ref) | None)
    cycles: list[tuple[int, datetime, tuple[int, datetime, str | None] | None]] = []
    cur: tuple[int, datetime] = (opened_e, opened)
    cres: tuple[int, datetime, str | None] | None = None
    workaround: tuple[int, datetime, str | None] | None = None
    for t, _, ev in events:
        if ev.kind == EventKind.RESOLVED and cres is None:
            cres = (t, ev.at, ev.ref)
        elif ev.kind == EventKind.REOPENED and cres is not None:
            cycles.append((cur[0], cur[1], cres))
            cur, cres = (t, ev.at), None
        elif ev.kind == EventKind.WORKAROUND and workaround is None:
            workaround = (t, ev.at, ev.ref)
    cycles.append((cur[0], cur[1], cres))

    if terms_at(opened_e).reopen == ReopenRule.RESTART:
        for n, (cs_e, cs, cr) in enumerate(cycles, start=1):
            r = ctx.judge("resolution", n, cs, cs_e, "resolution", cr, pauses)
            if r is not None:
                results.append(r)
    else:
        gaps = []
        for k in range(len(cycles) - 1):
            res_k = cycles[k][2]
            assert res_k is not None
            gaps.append((res_k[0], cycles[k + 1][0]))
        r = ctx.judge(
            "resolution", 1, opened, opened_e, "resolution", cycles[-1][2], tuple(sorted(pauses + tuple(gaps)))
        )
        if r is not None:
            results.append(r)
    first_res = cycles[0][2]
    wa = workaround
    if first_res is not None and (wa is None or first_res[0] < wa[0]):
        wa = first_res
    r = ctx.judge("workaround", 1, opened, opened_e, "workaround", wa, pauses)
    if r is not None:
        results.append(r)

    # ---- status updates while open -------------------------------------------------------------
    periods: list[tuple[int, datetime, tuple[int, datetime, str | None] | None]] = []
    if first[2] is not None:
        periods.append((first[2][0], first[2][1], cycles[0][2]))
    for cs_e, cs, cr in cycles[1:]:
        periods.append((cs_e, cs, cr))
    useq = 0
    for a_e, anchor, pend in periods:
        while pend is None or pend[0] > a_e:  # no updates are due once resolved
            # The next update: a qualifying reply after the anchor, or the resolution itself.
            nxt = next((c for c in counting if c[0] > a_e), None)
            by_resolution = False
            if pend is not None and (nxt is None or pend[0] <= nxt[0]):
                nxt, by_resolution = pend, True
            r = ctx.judge("update", useq + 1, anchor, a_e, "update_interval", nxt, pauses)
            if r is None:
                break
            if by_resolution and r.status == Status.MET:
                break  # resolved before the next update was due: no update needed
            useq += 1
            results.append(r)
            if nxt is None or by_resolution or r.status == Status.PENDING:
                break
            a_e, anchor = nxt[0], nxt[1]

    # first-response time for statistics (business seconds, pauses excluded)
    fr_at = first[2][1] if first[2] else None
    fr_b = fr_c = None
    if first[2] is not None:
        cov = terms.severity(request.severity).coverage or calendar
        pp = cov.pause_positions(pauses) if pauses else None
        fr_b = cov.seconds_between(first[0], first[2][0], pp)
        fr_c = first[2][0] - first[0]
    order = {"first_response": 0, "response": 1, "update": 2, "workaround": 3, "resolution": 4}
    results.sort(key=lambda d: (d.deadline_epoch, order.get(d.kind, 9), d.seq))
    return Evaluation(
        request.id,
        request.supplier,
        request.severity,
        opened,
        as_of,
        tuple(results),
        fr_at,
        fr_b,
        fr_c,
        calendar.version,
    )


# --------------------------------------------------------------------------------------------
# Availability and service credits
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime
    label: str = ""
    evidence_ref: str | None = None


@dataclass(frozen=True)
class AvailabilityResult:
    window_start: datetime
    window_end: datetime
    scheduled_seconds: int  # window length (or business time in it) minus excluded maintenance
    maintenance_seconds: int
    downtime_seconds: int  # outage time not covered by excluded maintenance
    ratio: Fraction  # exact availability, 0..1
    target_percent: Decimal | None
    explanation: tuple[str, ...]

    @property
    def percent(self) -> Decimal:
        """Availability in percent, rounded half-even to 3 decimals for display."""
        return (Decimal(self.ratio.numerator) * 100 / Decimal(self.ratio.denominator)).quantize(
            Decimal("0.001"), rounding=ROUND_HALF_EVEN
        )

    @property
    def met(self) -> bool | None:
        if self.target_percent is None:
            return None
        return self.ratio * 100 >= Fraction(self.target_percent)

    def to_dict(self) -> dict[str, Any]:
        return {
            "window_start": self.window_start.isoformat(),
            "window_end": self.window_end.isoformat(),
            "scheduled_seconds": self.scheduled_seconds,
            "maintenance_seconds": self.maintenance_seconds,
            "downtime_seconds": self.downtime_seconds,
            "percent": str(self.percent),
            "target_percent": str(self.target_percent) if self.target_percent is not None else None,
            "met": self.met,
            "explanation": list(self.explanation),
        }


def _merge(iv: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(iv):
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _clip(iv: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    return [(max(a, lo), min(b, hi)) for a, b in iv if min(b, hi) > max(a, lo)]


def _subtract(iv: list[tuple[int, int]], cut: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for a, b in iv:
        cur = a
        for c, d in cut:
            if d <= cur or c >= b:
                continue
            if c > cur:
                out.append((cur, c))
            cur = max(cur, d)
        if cur < b:
            out.append((cur, b))
    return out


def availability(
    window_start: datetime,
    window_end: datetime,
    outages: Iterable[Interval],
    maintenance: Iterable[Interval] = (),
    *,
    terms: AvailabilityTerms | None = None,
    calendar: BusinessCalendar | None = None,
) -> AvailabilityResult:
    """Availability over one measurement window.

    availability = (scheduled - downtime) / scheduled, where scheduled = window - excluded
    maintenance and downtime = union of outages minus excluded maintenance, all clipped to the
    window. Overlapping outages count once. With ``calendar``, only its business time counts
    (for "availability during service hours" terms); otherwise all calendar time.
    """
    lo, hi = to_epoch(window_start, "window_start"), to_epoch(window_end, "window_end")
    if hi <= lo:
        raise ValueError("availability window: window_end must be after window_start")
    out_iv = _clip(_merge((to_epoch(o.start, "outage start"), to_epoch(o.end, "outage end")) for o in outages), lo, hi)
    excl = terms.exclude_maintenance if terms is not None else True
    mnt_iv = (
        _clip(
            _merge((to_epoch(m.start, "maintenance start"), to_epoch(m.end, "maintenance end")) for m in maintenance),
            lo,
            hi,
        )
        if excl
        else []
    )
    down_iv = _subtract(out_iv, mnt_iv)

    def measure(iv: list[tuple[int, int]]) -> int:
        if calendar is None:
            return sum(b - a for a, b in iv)
        tz = calendar.tz
        return sum(
            calendar.business_seconds(datetime.fromtimestamp(a, tz), datetime.fromtimestamp(b, tz)) for a, b in iv
        )

    window_len = measure([(lo, hi)])
    mnt = measure(mnt_iv)
    down = measure(down_iv)
    scheduled = window_len - mnt
    ratio = Fraction(scheduled - down, scheduled) if scheduled > 0 else Fraction(1)
    lines = [
        f"window {window_start.isoformat()} to {window_end.isoformat()}: {window_len} s"
        + (" of business time" if calendar is not None else ""),
        f"excluded maintenance: {mnt} s in {len(mnt_iv)} interval(s)",
        f"downtime (outages, merged, minus maintenance): {down} s in {len(down_iv)} interval(s)",
        f"availability = ({scheduled} - {down}) / {scheduled}",
    ]
    return AvailabilityResult(
        window_start,
        window_end,
        scheduled,
        mnt,
        down,
        ratio,
        terms.target_percent if terms is not None else None,
        tuple(lines),
    )


@dataclass(frozen=True)
class CreditResult:
    amount: Money
    tier: CreditTier | None
    capped: bool
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": self.amount.to_json(),
            "tier": (
                {"below_percent": str(self.tier.below_percent), "credit_percent": str(self.tier.credit_percent)}
                if self.tier
                else None
            ),
            "capped": self.capped,
            "explanation": self.explanation,
        }


def service_credit(result: AvailabilityResult, credits: ServiceCredits, fee: Money) -> CreditResult:
    """The service credit for one window: the most severe tier whose threshold availability is
    strictly below, as a percentage of the window's fee, then the caps (percentage and amount)."""
    applicable = [t for t in credits.tiers if result.ratio * 100 < Fraction(t.below_percent)]
    if not applicable:
        return CreditResult(
            Money.zero(fee.currency), None, False, f"availability {result.percent}%: no credit tier applies"
        )
    tier = min(applicable, key=lambda t: t.below_percent)
    amount = fee.amount * tier.credit_percent / 100
    text = f"availability {result.percent}% < {tier.below_percent}%: {tier.credit_percent}% of {fee} = {amount}"
    capped = False
    if credits.cap_percent is not None:
        cap = fee.amount * credits.cap_percent / 100
        if amount > cap:
            amount, capped = cap, True
            text += f"; capped at {credits.cap_percent}% of the fee = {cap}"
    if credits.cap_amount is not None:
        if credits.cap_amount.currency != fee.currency:
            raise ValueError("service credits: cap currency differs from the fee currency")
        if amount > credits.cap_amount.amount:
            amount, capped = credits.cap_amount.amount, True
            text += f"; capped at {credits.cap_amount}"
    money = Money.rounded(amount, fee.currency)
    if money.amount != amount:
        text += f"; rounded half-up to {money}"
    return CreditResult(money, tier, capped, text)


# --------------------------------------------------------------------------------------------
# Liquidated damages
# --------------------------------------------------------------------------------------------

LD_CITATION = (
    "Civil Code Art. 585; SPC Contract Interpretation Arts. 64-65: a tribunal may increase "
    "liquidated damages below the loss or reduce them if excessively higher (generally more than "
    "30% over the loss); the party seeking reduction bears the burden of proof."
)


@dataclass(frozen=True)
class DamagesLine:
    request_id: str
    deadline: str
    late_seconds: int
    units: int
    amount: Money


@dataclass(frozen=True)
class DamagesResult:
    amount: Money
    lines: tuple[DamagesLine, ...]
    capped: bool
    citation: str = LD_CITATION

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": self.amount.to_json(),
            "capped": self.capped,
            "lines": [
                {
                    "request_id": ln.request_id,
                    "deadline": ln.deadline,
                    "late_seconds": ln.late_seconds,
                    "units": ln.units,
                    "amount": ln.amount.to_json(),
                }
                for ln in self.lines
            ],
            "citation": self.citation,
        }


def liquidated_damages(evaluation: Evaluation, ld: LiquidatedDamages) -> DamagesResult:
    """LDs for one request: per breached deadline of the listed kinds, rate x units of delay,
    the total capped per request. Delay up to the reply (or up to as_of while unanswered)."""
    unit = 86_400 if ld.per == "day" else 3600
    if ld.measured_in == "business" and ld.per == "day":
        unit = ld.business_day_seconds
    lines = []
    for d in evaluation.breaches:
        if d.kind not in ld.applies_to:
            continue
        late = d.late_business_seconds if ld.measured_in == "business" else d.late_calendar_seconds
        units = math.ceil(late / unit) if ld.partial_units == "started" else late // unit
        lines.append(DamagesLine(evaluation.request_id, d.label, late, units, ld.rate.times(units)))
    total = sum((ln.amount.amount for ln in lines), Decimal("0"))
    capped = False
    if ld.cap is not None and total > ld.cap.amount:
        total, capped = ld.cap.amount, True
    return DamagesResult(Money(total, ld.rate.currency), tuple(lines), capped)


# --------------------------------------------------------------------------------------------
# Per-supplier statistics
# --------------------------------------------------------------------------------------------


def _nearest_rank(sorted_vals: Sequence[int], q: Fraction) -> int:
    """Nearest-rank percentile: an actually observed value (no interpolation)."""
    k = max(1, math.ceil(q * len(sorted_vals)))
    return sorted_vals[k - 1]


def first_response_figures(seconds: Iterable[int]) -> tuple[int | None, int | None]:
    """Median and p90 of first-response times (business seconds): the lower median and the
    nearest-rank 90th percentile, both an observed value. The one place these are computed (the
    SLA report and the supplier reviews and scorecard both use it)."""
    frs = sorted(seconds)
    if not frs:
        return None, None
    return frs[(len(frs) - 1) // 2], _nearest_rank(frs, Fraction(9, 10))


@dataclass(frozen=True)
class SupplierStats:
    supplier: str
    period: str | None  # e.g. "2026-02" when grouped by month, else None (all time)
    requests: int
    deadlines: int
    met: int
    breached: int
    pending: int
    compliance_rate: Decimal | None  # met / (met + breached), 4 decimals; None if nothing settled
    first_responses: int
    median_first_response_seconds: int | None  # business seconds, lower median
    p90_first_response_seconds: int | None  # business seconds, nearest rank
    breaches_by_severity: Mapping[str, int]
    damages_owed: Mapping[str, Money]  # currency -> liquidated damages owed
    credits_owed: Mapping[str, Money]  # currency -> service credits owed
    availability: tuple[AvailabilityResult, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier,
            "period": self.period,
            "requests": self.requests,
            "deadlines": self.deadlines,
            "met": self.met,
            "breached": self.breached,
            "pending": self.pending,
            "compliance_rate": str(self.compliance_rate) if self.compliance_rate is not None else None,
            "first_responses": self.first_responses,
            "median_first_response_seconds": self.median_first_response_seconds,
            "p90_first_response_seconds": self.p90_first_response_seconds,
            "breaches_by_severity": dict(self.breaches_by_severity),
            "damages_owed": {k: v.to_json() for k, v in self.damages_owed.items()},
            "credits_owed": {k: v.to_json() for k, v in self.credits_owed.items()},
            "availability": [a.to_dict() for a in self.availability],
        }


def supplier_stats(
    evaluations: Iterable[Evaluation],
    *,
    terms_by_supplier: Mapping[str, SupportTerms] | None = None,
    credits: Mapping[str, Iterable[CreditResult]] | None = None,
    availability_results: Mapping[str, Iterable[AvailabilityResult]] | None = None,
    period: str | None = None,
    tz: str = "Asia/Shanghai",
) -> list[SupplierStats]:
    """Compliance, first-response median/p90, breaches by severity and money owed per supplier.

    ``period="month"`` groups by the month the request was opened (in `tz`, the supplier's zone)
    for charts over time. Liquidated damages are computed from ``terms_by_supplier`` when given.
    """
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    groups: dict[tuple[str, str | None], list[Evaluation]] = defaultdict(list)
    for ev in evaluations:
        key = ev.opened_at.astimezone(zone).strftime("%Y-%m") if period == "month" else None
        if period not in (None, "month"):
            raise ValueError(f"period {period!r}: expected None or 'month'")
        groups[(ev.supplier, key)].append(ev)
    out = []
    for (supplier, per), evs in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        met = breached = pending = total = 0
        by_sev: dict[str, int] = defaultdict(int)
        frs: list[int] = []
        damages: list[Money] = []
        terms = (terms_by_supplier or {}).get(supplier)
        for ev in evs:
            for d in ev.deadlines:
                total += 1
                if d.status == Status.MET:
                    met += 1
                elif d.status == Status.BREACHED:
                    breached += 1
                    by_sev[ev.severity] += 1
                else:
                    pending += 1
            if ev.first_response_business_seconds is not None:
                frs.append(ev.first_response_business_seconds)
            if terms is not None and terms.liquidated_damages is not None:
                r = liquidated_damages(ev, terms.liquidated_damages)
                if r.amount.amount:
                    damages.append(r.amount)
        frs.sort()
        settled = met + breached
        rate = (Decimal(met) / Decimal(settled)).quantize(Decimal("0.0001")) if settled else None
        cred: list[Money] = []
        avail: tuple[AvailabilityResult, ...] = ()
        if per is None:
            for c in (credits or {}).get(supplier, ()):
                cred.append(c.amount)
            avail = tuple((availability_results or {}).get(supplier, ()))
        out.append(
            SupplierStats(
                supplier,
                per,
                len(evs),
                total,
                met,
                breached,
                pending,
                rate,
                len(frs),
                *first_response_figures(frs),
                dict(sorted(by_sev.items())),
                totals(damages),
                totals(cred),
                avail,
            )
        )
    return out


def month_windows(first: date, last: date, tz: str = "Asia/Shanghai") -> list[tuple[datetime, datetime]]:
    """Calendar-month measurement windows covering first..last, in the given zone."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        out.append((datetime(y, m, 1, tzinfo=zone), datetime(ny, nm, 1, tzinfo=zone)))
        y, m = ny, nm
    return out
