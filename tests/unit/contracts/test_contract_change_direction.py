"""Who holds a one-sided change right, and what it means for the buyer (issue 19, contract24). "The Government may
unilaterally modify this contract" is the buyer's right: the check finds it, names the Government, and does not warn
that the support promised can be withdrawn (that is the warning for a supplier's right). A supplier's right keeps the
high finding. The side is read from the role word before the verb when the parties are not introduced. Our own
wording."""

# ruff: noqa: E501 - one case per line reads better unbroken

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from disputedesk.domain.contract_clarity import check_text

AS_OF = date(2026, 12, 5)


def _change(text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    report = check_text(text, as_of=AS_OF).as_dict()
    entry = next(c for c in report["clauses"] if c["kind"] == "change_procedure")
    finding = next(f for f in report["findings"] if f.get("kind") == "change_procedure")
    return entry, finding


@pytest.mark.parametrize(
    ("text", "who_en", "who_zh"),
    [
        (
            "H.5 Changes\nThe Government may unilaterally modify this contract in accordance with the Changes clause.",
            "The Government",
            "Government",
        ),
        (
            "H.5 Changes\nThe Contracting Officer may at any time unilaterally change the work within the general scope.",
            "The Contracting Officer",
            "Contracting Officer",
        ),
        (
            "12. Changes\nThe Buyer may change the specifications at any time by notice to the Seller.",
            "The Buyer",
            "Buyer",
        ),
        ("第十二条 变更\n买方有权单方变更服务内容，卖方应予配合。", "The customer (“买方”)", "买方"),
    ],
)
def test_a_buyer_side_right_is_named_and_not_read_as_a_risk_to_support(text: str, who_en: str, who_zh: str) -> None:
    entry, finding = _change(text)
    assert entry["status"] == "one_sided"
    assert finding["code"] == "unilateral_change"
    assert finding["holder"] == "customer"
    assert finding["severity"] == "low"
    assert finding["message_en"].startswith(who_en), finding["message_en"]
    assert "buyer" in finding["message_en"] and "withdrawn" not in finding["message_en"]
    assert who_zh in finding["message_zh"] and "买方" in finding["message_zh"]
    assert "可能被撤回" not in finding["message_zh"]


@pytest.mark.parametrize(
    "text",
    [
        "12. Changes\nThe Supplier may change these terms at any time by posting them on its website.",
        "第十二条 变更\n卖方有权单方变更服务条款。",
        "H.5 Changes\nThe Contractor may unilaterally modify the service levels.",
    ],
)
def test_a_supplier_side_right_keeps_the_high_finding(text: str) -> None:
    entry, finding = _change(text)
    assert entry["status"] == "one_sided"
    assert finding["holder"] == "supplier"
    assert finding["severity"] == "high"


def test_a_side_the_contract_does_not_say_stays_one_side() -> None:
    _, finding = _change("第十二条 变更\n甲方有权单方变更服务条款。")
    assert "holder" not in finding and finding["severity"] == "high"
    assert finding["message_en"].startswith("One side")


def test_a_change_only_by_modification_is_no_one_sided_right() -> None:
    report = check_text(
        "H.5 Changes\nThe contract may be changed only by a written bilateral modification.", as_of=AS_OF
    )
    entry = next(c for c in report.as_dict()["clauses"] if c["kind"] == "change_procedure")
    assert entry["status"] == "present"
