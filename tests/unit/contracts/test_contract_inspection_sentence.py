"""An inspection and acceptance finding shows the sentence that carries it, not the clause heading (issue 19,
contract24). A buyer checking the goods within a period after receipt, and goods deemed to conform when no objection is
made in time (the wording of PRC Civil Code Arts. 620-621), are inspection terms in their own words; the check cites
them. Our own wording, each with a near miss."""

# ruff: noqa: E501 - one text per line reads better unbroken

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from disputedesk.domain.contract_clarity import check_text, detected_kinds

AS_OF = date(2026, 12, 5)
ZH = "第五条 付款\n5.1 预付30%。\n第六条 检验和验收\n6.1 买方收货后应当在10日内检查货物。买方未在该期限内通知卖方的，视为货物数量和质量符合约定。"
EN = (
    "5. Payment\n5.1 30% in advance.\n6. Inspection and Acceptance\n6.1 The Buyer shall check the Goods within 10 days "
    "after receipt. If the Buyer does not notify the Seller within that period, the Goods are deemed to conform to the Contract."
)


def _entry(report: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in report["clauses"] if c["kind"] == "inspection_acceptance")


@pytest.mark.parametrize("text", [ZH, EN])
def test_the_excerpt_and_the_findings_cite_the_sentence_not_the_heading(text: str) -> None:
    report = check_text(text, as_of=AS_OF).as_dict()
    entry = _entry(report)
    assert entry["present"]
    first = entry["excerpts"][0]
    assert first["text"] not in ("第六条 检验和验收", "6. Inspection and Acceptance")
    assert "10" in first["text"] and first["location"]["clause"] == "6.1"
    findings = {f["code"]: f for f in report["findings"] if f.get("kind") == "inspection_acceptance"}
    assert findings["short_inspection"]["location"]["clause"] == "6.1"
    assert "10" in findings["short_inspection"]["excerpt"]
    deemed = findings["deemed_acceptance"]
    assert deemed["location"]["clause"] == "6.1"
    assert "符合约定" in deemed["excerpt"] or "deemed to conform" in deemed["excerpt"]


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("第六条 收货\n到货后买方应在7日内核对货物的数量和外观。", True),
        ("第六条 收货\n甲方收到货物后应在7日内清点并检查。", True),
        ("第六条 付款\n甲方收货后应在10日内支付货款。", False),
        ("第六条 维护\n乙方应每月检查设备的运行记录。", False),
        ("6. Delivery\nThe Buyer shall check the Goods against the packing list within 5 days after receipt.", True),
        ("6. Payment\nThe Buyer shall pay the price within 5 days after receipt of the Goods.", False),
        ("第六条 异议\n买方在约定期限内未提出异议的，视为标的物的数量或者质量符合约定。", True),
        ("第六条 弃权\n一方未行使本合同项下权利的，不视为放弃该权利。", False),
    ],
)
def test_inspection_in_its_own_words(text: str, present: bool) -> None:
    assert ("inspection_acceptance" in detected_kinds(text, model=False)) is present
