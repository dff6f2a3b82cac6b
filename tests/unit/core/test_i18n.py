"""Interface language: every interface string has a Chinese translation; locale formatting."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from disputedesk.web.i18n import Formatter, negotiate, translations

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))
import i18n_check  # noqa: E402


def test_every_interface_string_is_translated_to_chinese() -> None:
    assert i18n_check.missing("zh") == []


def test_language_choice_order() -> None:
    assert negotiate("zh", "en", "en-GB") == "zh"
    assert negotiate(None, "zh", "en-GB") == "zh"
    assert negotiate(None, None, "zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert negotiate(None, None, "de-DE") == "en"
    assert translations("zh").gettext("Evidence") == "证据"


def test_dates_and_amounts_in_the_viewers_locale_and_zone() -> None:
    dt = datetime(2026, 2, 13, 8, 0, tzinfo=UTC)
    assert "16:00" in Formatter("zh", "Asia/Shanghai").datetime(dt)
    assert "09:00" in Formatter("en", "Europe/Berlin").datetime(dt)
    assert Formatter("en").money(Decimal("55800.00"), "EUR") == "€55,800.00"
    assert "55,800.00" in Formatter("zh").money(Decimal("55800.00"), "EUR")


def test_a_sentence_the_code_writes_is_english_text_and_renders_in_chinese() -> None:
    from datetime import date

    from disputedesk.domain.money import Money
    from disputedesk.domain.text import Cite, Seq, T, from_json, to_json
    from disputedesk.web.i18n import say

    t = T(
        "the period ends on the next working day: %(due)s (%(rule)s)",
        due=date(2030, 8, 12),
        rule=Cite("PRC Civil Code Art. 203"),
    )
    assert t == "the period ends on the next working day: 2030-08-12 (PRC Civil Code Art. 203)"  # a str, in English
    zh = translations("zh")
    fmt = Formatter("zh")
    assert (
        say(t, "zh", zh.gettext, fmt)
        == "期间顺延至下一个工作日届满：2030年8月12日（《中华人民共和国民法典》第二百零三条）"
    )
    # stored and read back: still translatable; amounts in the locale's format; lists with 、
    w = T("repair costs: %(amount)s", amount=Money(Decimal("2350.00"), "EUR"))
    back = from_json(to_json(w))
    assert back == "repair costs: 2350.00 EUR" and say(back, "zh", zh.gettext, fmt) == "修理费用：€2,350.00"
    days = T("reminders: %(days)s (12, 6 and 3 months before)", days=Seq([date(2029, 1, 2), date(2029, 7, 2)], ", "))
    assert say(days, "zh", zh.gettext, fmt) == "提醒：2029年1月2日、2029年7月2日（提前12、6和3个月）"
    # data is shown as it is
    assert say("Wang Lei", "zh", zh.gettext, fmt) == "Wang Lei"


def test_templates_write_every_interface_word_through_the_catalogue() -> None:
    """A word a template writes itself, outside ``_()``, would stay English on a Chinese page: the
    text between the tags (Jinja expressions and statements removed) holds no English word, except
    inside what the crawl treats as quoted (``<code>``, ``<pre>``, ``class="own"``, ``lang="en"``)."""
    import re
    from importlib import resources

    from pages_support import InterfaceText

    folder = resources.files("disputedesk.web") / "templates"
    found = []
    for tpl in folder.iterdir():
        if not tpl.name.endswith(".html"):
            continue
        src = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", tpl.read_text(encoding="utf-8"), flags=re.S)
        parser = InterfaceText("zh")
        parser.feed(src)
        found += [(tpl.name, t) for t in parser.parts if re.search(r"(?<![\w./@:#&;-])[A-Za-z][a-z]{2,}\b", t)]
    assert found == []
