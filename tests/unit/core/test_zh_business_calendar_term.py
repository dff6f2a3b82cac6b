"""One Chinese term for "business calendar" throughout (quality sweep).

The catalogue said 工作日历 on the SLA pages and 营业日历 in the contract check's notes about service hours: two
words for the one calendar a reader is asked to check and change. Every sentence about the business calendar now
says 工作日历."""

from __future__ import annotations

from importlib import resources

from babel.messages.pofile import read_po


def test_every_sentence_about_the_business_calendar_says_the_same_word() -> None:
    folder = resources.files("disputedesk.web") / "locales" / "zh" / "LC_MESSAGES"
    about: dict[str, str] = {}
    for po in folder.iterdir():
        if po.name.endswith(".po"):
            with po.open("rb") as f:
                for m in read_po(f):
                    if isinstance(m.id, str) and "business calendar" in m.id.lower():
                        about[m.id] = str(m.string)
    assert len(about) >= 4, about
    assert {i: s for i, s in about.items() if "工作日历" not in s or "营业日历" in s} == {}
