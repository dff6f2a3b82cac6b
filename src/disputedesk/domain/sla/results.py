"""SLA results: the status of each deadline, its explanation, a request's :class:`Evaluation`
and :func:`compare` between two evaluations.

Pure domain code: no I/O, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cached_property
from typing import Any

from ..bizcal import (
    BusinessCalendar,
    Duration,
    Explanation,
    format_seconds,
)
from ..text import Text
from .wording import target_words

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
    # clock_start and satisfied_at as UTC epoch seconds (known when judged: storing needs no
    # conversion back)
    clock_start_epoch: int | None = field(default=None, repr=False, compare=False)
    satisfied_epoch: int | None = field(default=None, repr=False, compare=False)
    # working days counted in the supplier's calendar, not in the severity's wider service hours (7×12, 7×24)
    cover_set_aside: bool = field(default=False, repr=False, compare=False)

    @property
    def business_day_seconds(self) -> int | None:
        """The working seconds of a standard day of the calendar this deadline counts in (its severity's service
        hours, else the supplier's calendar): what "N business days" of its lateness or time left mean, and the day
        of liquidated damages per business day. None round the clock (its hours are calendar hours)."""
        return None if self._calendar.round_the_clock else self._calendar.hours_per_day

    @property
    def continuing(self) -> bool:
        """Breached and still unanswered at the evaluation time."""
        return self.status == Status.BREACHED and self.satisfied_at is None

    @property
    def label(self) -> str:
        return self.kind.replace("_", " ") + (f" #{self.seq}" if self.seq > 1 or self.kind == "update" else "")

    @cached_property
    def target_words(self) -> Text:
        """The target as a person reads it, with the calendar that counts it ("Answer within 4 business
        hours (business time in the supplier's calendar: …)"), not the engine's "4h"."""
        return target_words(self.kind, self.target, self._calendar, self.cover_set_aside)

    def summary(self) -> str:
        tgt = f"{self.label}: {self.target_words}; clock starts {self.clock_start.isoformat()} ({self.terms_label})"
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
