"""The documented bare-acknowledgement rule (services/sla/messages.py) on real supplier phrasings."""

from __future__ import annotations

import pytest

from disputedesk.services.sla import classify_message, is_bare_acknowledgement, sender_side

QUOTE = "\n\n------------------ 原始邮件 ------------------\n发件人: buyer\nLaser down. What now?"


@pytest.mark.parametrize(
    "text",
    [
        "收到，我们会检查。\n\n王磊" + QUOTE,
        "Received, will check.\n\nWang Lei" + QUOTE,
        "Albers 女士您好：\n\n贵司函件已收到，我司正在内部核查，会尽快回复。\n\nDear Ms Albers, we have received your "
        "letter, we are checking internally and will reply as soon as possible.\n\n售后服务部" + QUOTE,
        "Noted, we will get back to you.\n> earlier text",
    ],
)
def test_bare_acknowledgements(text: str) -> None:
    assert is_bare_acknowledgement(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dear Mehmet, pls send us the controller log file. We check with R&D department." + QUOTE,
        "请提供控制器日志文件。收到。",
        "Received. Which firmware version is installed?",
        "The rollback package is here: https://example.com/x (code rf32). Please install it and restart the "
        "controller; then run the calibration again and send us the result. " * 3,
        "",
    ],
)
def test_not_bare_acknowledgements(text: str) -> None:
    assert not is_bare_acknowledgement(text)


def test_classification_of_stored_messages() -> None:
    assert classify_message("supplier->buyer", {"auto_reply": "Auto-Submitted"}, "收到")["auto_reply"] is True
    assert classify_message("supplier->buyer", {"auto_reply": "x"}, "收到")["acknowledgement"] is False
    assert classify_message("supplier->buyer", {}, "收到，我们会检查。")["acknowledgement_by"] == "rule"
    # a person's decision wins over the rule; an attachment is never bare
    assert classify_message("supplier->buyer", {"acknowledgement": False}, "收到")["acknowledgement"] is False
    assert classify_message("supplier->buyer", {"attachments": ["a.pdf"]}, "收到")["acknowledgement"] is False
    assert classify_message("buyer->supplier", {}, "Received")["side"] == "buyer"
    assert classify_message("internal", {}, "x", "buyer")["side"] is None
    assert classify_message("other", {}, "x", "supplier")["side"] == "supplier"
    assert sender_side("王磊 <wanglei@ruifenglaser.com>", ["auerbach-feinblech.de"], ["ruifenglaser.com"]) == "supplier"
    assert sender_side("x@mail.auerbach-feinblech.de", ["auerbach-feinblech.de"], ["ruifenglaser.com"]) == "buyer"
    assert sender_side("finance@ruifenglasser.com", ["auerbach-feinblech.de"], ["ruifenglaser.com"]) is None
