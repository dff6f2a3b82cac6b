"""A case's deadlines as an iCalendar file."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ...documents.catalogue import translations, written
from ...documents.legal_zh import citations_zh
from ...domain.ladder import STEP_SPECS
from ...domain.text import T, Text, zh_date
from ..context import Context
from .base import _jsonable
from .views import get_case

# ---------------------------------------------------------------------------------- iCalendar

# Deadline kinds as words (the same names as the case page, cases_labels.html).
DEADLINE_NAMES = {
    "notice_prc": T("notice of non-conformity (PRC law)"),
    "notice_cisg": T("notice of non-conformity (CISG)"),
    "limitation": T("limitation period"),
    "limitation_longstop": T("20-year long stop"),
    "award_enforcement": T("enforcement of the award"),
    "set_aside": T("setting aside the award (other side)"),
}
FLAGS = {"PROVISIONAL": T("PROVISIONAL"), "NEEDS COUNSEL": T("NEEDS COUNSEL"), "UNVERIFIED": T("UNVERIFIED")}


class _Words:
    """What the calendar shows, in one language: the code's sentences from the catalogue (English
    keeps the API's ISO dates), citations by their Chinese titles, stored codes as words."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in ("en", "zh") else "en"
        self.gettext = translations(self.lang).gettext

    def __call__(self, value: object) -> str:
        if self.lang == "en" or not isinstance(value, Text):
            return str(value)
        return written(value, self.lang)

    def kind(self, code: str) -> str:
        return self(DEADLINE_NAMES.get(code, code.replace("_", " ")))

    def rule(self, rule: str) -> str:
        return rule if self.lang == "en" else citations_zh(rule)

    def _day(self, value: str) -> str:
        """A day as the rest of a Chinese text writes it (2026年2月26日); anything else as it is."""
        if self.lang == "zh" and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            return zh_date(date.fromisoformat(value))
        return value

    def facts(self, inputs: dict[str, object]) -> str:
        """The facts a deadline used, as "received on 2026-02-26; warranty months 24" (never a dict)."""
        parts = []
        for k, v in _jsonable(dict(inputs)).items():
            if v is None or v == "" or v == []:
                continue
            if isinstance(v, list):
                shown = ("、" if self.lang == "zh" else ", ").join(self._day(str(x)) for x in v)
            elif isinstance(v, bool):
                shown = self.gettext("yes") if v else self.gettext("no")
            elif isinstance(v, str) and re.fullmatch(r"[a-z]+(?:_[a-z]+)+", v):  # a stored code: as words
                shown = self.gettext(v.replace("_", " "))
            else:
                shown = self._day(str(v))
            parts.append(f"{self.gettext(k.replace('_', ' '))} {shown}")
        return ("；" if self.lang == "zh" else "; ").join(parts) or self.gettext("none")


def case_ics(
    ctx: Context,
    workspace: str,
    ref: int | str,
    *,
    today: date | None = None,
    only_case_id: int | None = None,
    lang: str = "en",
) -> bytes:
    """The case's legal deadlines and open response windows as an iCalendar file (all-day
    events), in ``lang`` (en or zh): a calendar asked for in Chinese is Chinese throughout."""
    from icalendar import Alarm, Calendar, Event

    w = _Words(lang)
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
        flags = [w(FLAGS[f]) for f, on in (("PROVISIONAL", dl.provisional), ("NEEDS COUNSEL", dl.needs_counsel),
                                           ("UNVERIFIED", dl.unverified)) if on]  # fmt: skip
        ev = Event()
        ev.add("uid", f"{v.number}-{dl.kind}-{dl.due.isoformat()}@disputedesk")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", dl.due)
        ev.add("dtend", dl.due + timedelta(days=1))
        summary = w(
            T("%(case)s: %(kind)s: %(label)s (last day)", case=v.number, kind=w.kind(dl.kind), label=w(dl.label))
        )
        if flags:
            summary += f"【{'、'.join(flags)}】" if w.lang == "zh" else f" [{', '.join(flags)}]"
        ev.add("summary", summary)
        ev.add(
            "description",
            "\n".join(
                [
                    w(T("Rule: %(rule)s", rule=w.rule(dl.rule))),
                    w(T("Facts used: %(facts)s", facts=w.facts(dict(dl.inputs)))),
                ]
                + [f"- {w(e)}" for e in dl.explanation]
                + [w(T("Not legal advice: counsel decides."))]
            ),
        )
        ev.add("categories", ["DisputeDesk", w.kind(dl.kind)])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add(
            "description", w(T("%(case)s: %(what)s in 30 days", case=v.number, what=w(dl.label) or w.kind(dl.kind)))
        )
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
        ev.add(
            "summary",
            w(T("%(case)s: reply due to the %(step)s of %(day)s", case=v.number, step=w(st.title), day=st.sent_on)),
        )
        ev.add("description", ("；" if w.lang == "zh" else "; ").join(w(x) for x in st.response_due.steps))
        ev.add("categories", ["DisputeDesk", w(T("ladder"))])
        cal.add_component(ev)
    if v.suggestion.by is not None:
        ev = Event()
        ev.add("uid", f"{v.number}-next-{v.suggestion.by.isoformat()}@disputedesk")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", v.suggestion.by)
        ev.add("dtend", v.suggestion.by + timedelta(days=1))
        sg = v.suggestion
        what = STEP_SPECS[sg.step].title if sg.step else T("wait") if sg.action == "wait" else T("close the case")
        ev.add("summary", w(T("%(case)s: %(step)s by this day", case=v.number, step=w(what))))
        ev.add("description", f"{w(v.suggestion.reason)} ({w.rule(v.suggestion.citation)})")
        cal.add_component(ev)
    return cal.to_ical()
