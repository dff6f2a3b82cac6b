"""A way of sending typed in a channel field: kept by its key word whatever the language it was typed
in, shown in the reader's language with the rest as typed (quality sweep)."""

from __future__ import annotations

import pytest

from disputedesk.documents import channels
from disputedesk.documents.catalogue import translations

ZH = translations("zh").gettext


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("电子邮件", "email"),
        ("邮件", "email"),
        ("快递（EMS）", "courier (EMS)"),
        ("快递 (EMS)", "courier (EMS)"),
        ("快递顺丰 SF1234", "courier 顺丰 SF1234"),
        ("挂号信", "registered mail"),
        ("e-mail", "email"),
        ("courier DHL", "courier DHL"),
        ("Boten", "Boten"),
        ("", ""),
    ],
)
def test_what_a_channel_field_keeps(typed: str, kept: str) -> None:
    assert channels.stored(typed) == kept


@pytest.mark.parametrize(
    ("stored", "zh", "en"),
    [
        ("email", ("电子邮件", ""), ("email", "")),
        ("email (EN/ZH)", ("电子邮件", "（EN/ZH）"), ("email", " (EN/ZH)")),
        ("快递 (EMS)", ("快递", "（EMS）"), ("courier", " (EMS)")),  # typed so before the form kept the key
        ("courier DHL 1234", ("快递", " DHL 1234"), ("courier", " DHL 1234")),
        ("Boten", (None, "Boten"), (None, "Boten")),
    ],
)
def test_how_a_stored_channel_reads(stored: str, zh: tuple[str | None, str], en: tuple[str | None, str]) -> None:
    assert channels.shown(stored, "zh", ZH) == zh
    assert channels.shown(stored, "en", lambda s: s) == en
