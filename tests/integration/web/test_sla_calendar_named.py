"""The SLA calendar named in Chinese (quality sweep): a supplier's SLA calendar (working hours, holidays skipped,
make-up working days counted) was refused as "节假日日历：不是有效的 JSON…", calling it a holiday calendar. It is named
as the SLA pages name it, the supplier's working calendar (工作日历); the supplier's official holiday calendar (a
code such as cn) keeps its name."""

from __future__ import annotations

from pages_support import page_text

from disputedesk.domain.text import field_error
from disputedesk.web.i18n import Formatter, say, translations


def test_a_bad_sla_calendar_is_named_the_working_calendar(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    for spec in ("{", "[1, 2]"):
        form = {"spec": spec, "csrftoken": c.headers["X-CSRF-Token"]}
        zh = c.post("/sla/suppliers/hengtuo/calendar?lang=zh", data=form)
        assert zh.status_code == 400
        assert "工作日历：" in zh.text and "节假日日历" not in zh.text, spec
        en = c.post("/sla/suppliers/hengtuo/calendar?lang=en", data=form)
        assert en.status_code == 400 and "business calendar: " in en.text
    # the page that refused it names the calendar the same way
    assert "工作日历" in page_text(c, "/sla/suppliers/hengtuo?lang=zh")


def test_the_suppliers_official_holiday_calendar_keeps_its_name() -> None:
    shown = say(field_error("calendar", "unknown"), "zh", translations("zh").gettext, Formatter("zh"))
    assert shown.startswith("节假日日历：")
