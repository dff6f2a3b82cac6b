"""A case's deadlines as an iCalendar file."""

from __future__ import annotations

from datetime import date, timedelta

from ..context import Context
from .base import _jsonable
from .views import get_case

# ---------------------------------------------------------------------------------- iCalendar

# Deadline kinds as words (the same names as the case page, cases_labels.html).
DEADLINE_NAMES = {
    "notice_prc": "notice of non-conformity (PRC law)",
    "notice_cisg": "notice of non-conformity (CISG)",
    "limitation": "limitation period",
    "limitation_longstop": "20-year long stop",
    "award_enforcement": "enforcement of the award",
    "set_aside": "setting aside the award (other side)",
}


def _words(code: str) -> str:
    return DEADLINE_NAMES.get(code, code.replace("_", " "))


def _facts_text(inputs: dict[str, object]) -> str:
    """The facts a deadline used, as "received on 2026-02-26, warranty months 24" (never a dict)."""
    parts = []
    for k, v in _jsonable(dict(inputs)).items():
        if v is None or v == "" or v == []:
            continue
        shown = (
            ", ".join(str(x) for x in v) if isinstance(v, list) else ("yes" if v is True else "no" if v is False else v)
        )
        parts.append(f"{k.replace('_', ' ')} {shown}")
    return "; ".join(parts) or "none"


def case_ics(
    ctx: Context, workspace: str, ref: int | str, *, today: date | None = None, only_case_id: int | None = None
) -> bytes:
    """The case's legal deadlines and open response windows as an iCalendar file (all-day events)."""
    from icalendar import Alarm, Calendar, Event

    v = get_case(ctx, workspace, ref, today=today, only_case_id=only_case_id)
    cal = Calendar()
    cal.add("prodid", "-//DisputeDesk//cases//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{v.number} {v.title}")
    stamp = ctx.clock()
    for d in v.deadlines:
        dl = d.deadline
        if dl.due is None:
            continue
        flags = [
            f
            for f, on in (
                ("PROVISIONAL", dl.provisional),
                ("NEEDS COUNSEL", dl.needs_counsel),
                ("UNVERIFIED", dl.unverified),
            )
            if on
        ]
        ev = Event()
        ev.add("uid", f"{v.number}-{dl.kind}-{dl.due.isoformat()}@disputedesk")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", dl.due)
        ev.add("dtend", dl.due + timedelta(days=1))
        ev.add(
            "summary",
            f"{v.number}: {_words(dl.kind)}: {dl.label} (last day)" + (f" [{', '.join(flags)}]" if flags else ""),
        )
        ev.add(
            "description",
            "\n".join(
                [f"Rule: {dl.rule}", f"Facts used: {_facts_text(dict(dl.inputs))}"]
                + [f"- {e}" for e in dl.explanation]
                + ["Not legal advice: counsel decides."]
            ),
        )
        ev.add("categories", ["DisputeDesk", _words(dl.kind)])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{v.number}: {dl.label or _words(dl.kind)} in 30 days")
        alarm.add("trigger", timedelta(days=-30))
        ev.add_component(alarm)
        cal.add_component(ev)
    for st in v.steps:
        if st.response_due is None or st.reply_on is not None:
            continue
        ev = Event()
        ev.add("uid", f"{v.number}-step-{st.position}@disputedesk")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", st.response_due.due)
        ev.add("dtend", st.response_due.due + timedelta(days=1))
        ev.add("summary", f"{v.number}: reply due to the {st.title} of {st.sent_on.isoformat()}")
        ev.add("description", st.response_due.explanation())
        ev.add("categories", ["DisputeDesk", "ladder"])
        cal.add_component(ev)
    if v.suggestion.by is not None:
        ev = Event()
        ev.add("uid", f"{v.number}-next-{v.suggestion.by.isoformat()}@disputedesk")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", v.suggestion.by)
        ev.add("dtend", v.suggestion.by + timedelta(days=1))
        ev.add(
            "summary",
            f"{v.number}: {(v.suggestion.step.value if v.suggestion.step else v.suggestion.action).replace('_', ' ')}"
            " by this day",
        )
        ev.add("description", f"{v.suggestion.reason} ({v.suggestion.citation})")
        cal.add_component(ev)
    return cal.to_ical()
