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
