"""A deadline's target as a person reads it: "Answer within 4 business hours (business time in the supplier's
calendar: Chinese statutory holidays skipped, make-up working days counted)" / "4个工作小时内答复（……）", instead of
the engine's notation ("target 4h"). Says whether the hours are business or calendar hours and which calendar
counts them (the deadline's own: a severity's coverage, or the supplier's).

Pure domain code: sentences are :class:`~disputedesk.domain.text.Text` (English as ``str``, rendered in the reader's
language at the edge).
"""

from __future__ import annotations

from datetime import date

from ..bizcal import MAKEUP_WORKDAY, STATUTORY_HOLIDAY, BusinessCalendar, Duration, Explanation
from ..text import Seq, T, Text
from .models import SupportTerms

# what the supplier owes when the deadline comes, by deadline kind
_PROMISE = {
    "first_response": lambda span: T("Answer within %(span)s", span=span),
    "response": lambda span: T("Answer within %(span)s", span=span),
    "update": lambda span: T("Send the next update within %(span)s", span=span),
    "resolution": lambda span: T("Resolve within %(span)s", span=span),
    "workaround": lambda span: T("Give a workaround within %(span)s", span=span),
}


def _hours(seconds: int, business: bool) -> Text:
    """4 business hours, 1 business hour, 30 business minutes, 4 business hours 30 minutes (or calendar hours)."""
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    if s:
        return T("%(n)s business seconds", n=seconds) if business else T("%(n)s seconds", n=seconds)
    if not h:
        return T("%(n)s business minutes", n=m) if business else T("%(n)s calendar minutes", n=m)
    if business:
        hours = T("1 business hour") if h == 1 else T("%(n)s business hours", n=h)
    else:
        hours = T("1 calendar hour") if h == 1 else T("%(n)s calendar hours", n=h)
    return T("%(hours)s %(m)s minutes", hours=hours, m=m) if m else hours


def span_words(target: Duration, calendar: BusinessCalendar) -> Text:
    """The length of a target: business or calendar hours (calendar hours where the cover runs round the clock),
    working days or calendar days."""
    if target.unit == "wd":
        return T("1 working day") if target.amount == 1 else T("%(n)s working days", n=target.amount)
    if target.unit == "cd":
        return T("1 calendar day") if target.amount == 1 else T("%(n)s calendar days", n=target.amount)
    return _hours(target.amount, business=not calendar.round_the_clock)


def counting_words(target: Duration, calendar: BusinessCalendar) -> Text:
    """How and in which calendar the target is counted."""
    if target.unit == "cd":
        return T("calendar days: the same clock time, weekends and holidays included")
    if calendar.round_the_clock:
        return T("round the clock: every hour of every day, holidays included")
    code = calendar.official.code
    if code == "cn":
        return T(
            "business time in the supplier's calendar: Chinese statutory holidays skipped, make-up working days counted"
        )
    if code == "none":
        return T("business time in the supplier's calendar: no public holidays skipped")
    return T("business time in the supplier's calendar: public holidays of %(country)s skipped", country=code.upper())


def target_words(kind: str, target: Duration, calendar: BusinessCalendar, cover_set_aside: bool = False) -> Text:
    """The whole sentence: what is owed, within how long, counted how. ``cover_set_aside``: working days counted in
    the supplier's calendar although the severity's service hours also cover its days off (7×12, 7×24): said so."""
    promise = _PROMISE.get(kind, _PROMISE["first_response"])(span_words(target, calendar))
    counting = counting_words(target, calendar)
    if cover_set_aside:
        counting = T(
            "%(counting)s; the service hours also cover the supplier's days off, but only targets in hours count in "
            "them: a working day stays a working day of the supplier's calendar",
            counting=counting,
        )
    return T("%(promise)s (%(counting)s)", promise=promise, counting=counting)


def terms_words(terms: SupportTerms, calendar: BusinessCalendar) -> list[tuple[str, list[Text]]]:
    """Each severity's targets as sentences (:func:`target_words`), each in the calendar it counts in
    (``calendar``: the supplier's, unless the severity has a coverage of its own)."""
    fields = (("first_response", "first_response"), ("update_interval", "update"), ("workaround", "workaround"),
              ("resolution", "resolution"))  # fmt: skip
    out = []
    for name, sv in terms.severities.items():
        said = []
        for field, kind in fields:
            target = getattr(sv, field)
            if target is not None:
                aside = sv.cover_set_aside(target, calendar)
                said.append(target_words(kind, target, sv.calendar_for(target, calendar), aside))
        out.append((name, said))
    return out


def day_notes(explanation: Explanation) -> list[Text]:
    """Which days an explanation skipped as statutory holidays (by holiday, as ranges of consecutive days) and which
    make-up working days (调休: weekend days the State Council made working days) it counted."""
    holidays: list[tuple[str, date, date]] = []
    makeup: list[date] = []
    for s in explanation.steps:
        if s.kind == "skipped" and s.reason == STATUTORY_HOLIDAY:
            name = s.name or ""
            if holidays and holidays[-1][0] == name and (s.day - holidays[-1][2]).days == 1:
                holidays[-1] = (name, holidays[-1][1], s.day)
            else:
                holidays.append((name, s.day, s.day))
        elif s.kind == "counted" and s.reason == MAKEUP_WORKDAY and s.day not in makeup:
            makeup.append(s.day)
    notes: list[Text] = []
    if holidays:
        spans = Seq(
            T("%(name)s, %(day)s", name=T(name), day=first)
            if first == last
            else T("%(name)s, %(first)s to %(last)s", name=T(name), first=first, last=last)
            for name, first, last in holidays
        )
        notes.append(T("Skipped as statutory holidays: %(days)s", days=spans))
    if makeup:
        notes.append(T("Make-up working days counted: %(days)s", days=Seq(makeup)))
    return notes
