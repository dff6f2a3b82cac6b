"""A right of one side to change the fees or the service terms alone is a clause on changes, but not a change
procedure a buyer can rely on (issue 19): the checklist shows it as present but one-sided — a warning state, "one-sided:
only the Supplier may change the fees" / "单方变更：仅供应商一方可调整费用" — never as a plain ✓, in the JSON (a new
`status` and `one_sided`, `present` unchanged), the CLI and the page. Contract texts written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.domain.contract_clarity import check_text

from .conftest import AS_OF

STATED = "空调维保合同\n甲方（买方）：东湖酒店管理有限公司\n乙方（卖方）：西岭暖通工程有限公司\n"
PLAIN = "空调维保合同\n甲方：东湖酒店管理有限公司\n乙方：西岭暖通工程有限公司\n"
SELLER_JIA = (
    "空调维保合同\n甲方：西岭暖通工程有限公司（以下简称“卖方”）\n乙方：东湖酒店管理有限公司（以下简称“买方”）\n"
)
FEES_ZH = "第六条 费用\n6.1 乙方有权根据人工成本变化调整年度维保费，调整前书面告知甲方。\n"
TERMS_EN = (
    'MAINTENANCE AGREEMENT\nBetween Northwind Chillers Ltd. (the "Supplier") and Lakeside Hotels Ltd. (the '
    '"Customer").\n8. Changes\n8.1 The Supplier may change the service levels at its discretion by posting them on '
    "its portal.\n"
)


def entry(text: str) -> dict[str, object]:
    report = check_text(text, as_of=AS_OF).as_dict()
    return next(c for c in report["clauses"] if c["kind"] == "change_procedure")  # type: ignore[union-attr,no-any-return]


def test_a_suppliers_right_to_change_its_fees_alone_is_present_but_one_sided() -> None:
    e = entry(STATED + FEES_ZH)
    assert e["present"] is True  # unchanged, for those who read the JSON before
    assert e["status"] == "one_sided"
    assert e["one_sided"] == {
        "holder": "supplier",
        "what": "fees",
        "agreed_changes_too": False,
        "note_en": "one-sided: only the Supplier may change the fees",
        "note_zh": "单方变更：仅供应商一方可调整费用",
    }


def test_english_service_levels_changed_at_the_suppliers_discretion() -> None:
    e = entry(TERMS_EN)
    assert e["status"] == "one_sided"
    one = e["one_sided"]
    assert isinstance(one, dict)
    assert one["holder"] == "supplier" and one["what"] == "service_levels"
    assert one["note_en"] == "one-sided: only the Supplier may change the service levels"
    assert one["note_zh"] == "单方变更：仅供应商一方可变更服务水平"
    # terms in general
    terms = TERMS_EN.replace("the service levels at its discretion", "these terms")
    one = entry(terms)["one_sided"]
    assert isinstance(one, dict)
    assert one["what"] == "terms" and one["note_en"] == "one-sided: only the Supplier may change the terms"
    assert one["note_zh"] == "单方变更：仅供应商一方可变更条款"
    # in Chinese
    zh = STATED + "第八条 服务\n8.1 乙方有权随时调整服务等级标准。\n"
    one = entry(zh)["one_sided"]
    assert isinstance(one, dict)
    assert one["what"] == "service_levels" and one["note_zh"] == "单方变更：仅供应商一方可变更服务水平"


def test_the_customer_holding_the_right_and_unknown_parties() -> None:
    one = entry(SELLER_JIA + FEES_ZH)["one_sided"]  # 乙方 is the buyer here
    assert isinstance(one, dict)
    assert one["holder"] == "customer" and one["note_zh"] == "单方变更：仅客户一方可调整费用"
    one = entry(PLAIN + FEES_ZH)["one_sided"]
    assert isinstance(one, dict)
    assert one["holder"] is None
    assert one["note_en"] == "one-sided: one side may change the fees alone"
    assert one["note_zh"] == "单方变更：一方可单独调整费用"


def test_a_change_both_parties_agree_beside_one_sides_right() -> None:
    text = STATED + (
        "第六条 费用\n6.1 年度维保费的调整须经双方书面同意。\n6.2 乙方有权根据人工成本变化调整年度维保费。\n"
    )
    one = entry(text)["one_sided"]
    assert isinstance(one, dict)
    assert one["agreed_changes_too"] is True
    assert one["note_en"] == "changes by agreement, but the Supplier may change the fees alone"
    assert one["note_zh"] == "约定了协商变更，但供应商可单方调整费用"


def test_a_change_procedure_both_agree_and_a_missing_one_keep_their_status() -> None:
    e = entry(STATED + "第六条 变更\n6.1 本合同的任何变更须经双方书面同意。\n")
    assert e["status"] == "present" and "one_sided" not in e
    e = entry(STATED + "第六条 标的\n6.1 乙方为甲方维护空调机组。\n")
    assert e["status"] == "missing" and e["present"] is False


def test_every_kind_has_a_status() -> None:
    report = check_text(STATED + FEES_ZH, as_of=AS_OF).as_dict()
    for c in report["clauses"]:  # type: ignore[union-attr]
        expected = "one_sided" if c["kind"] == "change_procedure" else "present" if c["present"] else "missing"
        assert c["status"] == expected


def checklist_line(stdout: str) -> str:
    """The CLI's checklist line of the change procedure ("  ✓ change_procedure …")."""
    return next(x for x in stdout.split("Findings")[0].splitlines() if x.split()[1:2] == ["change_procedure"])


def test_the_cli_shows_a_warning_mark_not_a_tick(tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "hvac.txt"
    path.write_text(STATED + FEES_ZH, encoding="utf-8")
    out = runner.invoke(app, ["contract", "check", str(path), "--as-of", "2026-11-26"])
    assert out.exit_code == 0, out.output
    line = checklist_line(out.stdout)
    assert line.lstrip().startswith("⚠ change_procedure") and "✓" not in line
    assert "one-sided: only the Supplier may change the fees" in line
    rep = json.loads(runner.invoke(app, ["contract", "check", str(path), "--json", "--as-of", "2026-11-26"]).stdout)
    c = next(c for c in rep["clauses"] if c["kind"] == "change_procedure")
    assert c["present"] is True and c["status"] == "one_sided" and c["one_sided"]["holder"] == "supplier"
    # a change both parties agree is still ticked
    path.write_text(STATED + "第六条 变更\n6.1 本合同的任何变更须经双方书面同意。\n", encoding="utf-8")
    out = runner.invoke(app, ["contract", "check", str(path), "--as-of", "2026-11-26"])
    line = checklist_line(out.stdout)
    assert line.lstrip().startswith("✓ change_procedure") and "one-sided" not in line


def test_a_change_the_supplier_may_make_only_with_the_customers_consent_is_not_one_sided() -> None:
    text = TERMS_EN.replace(
        "at its discretion by posting them on its portal", "only with the Customer's prior written consent"
    )
    e = entry(text)
    assert e["status"] == "present" and "one_sided" not in e
    report = check_text(text, as_of=AS_OF).as_dict()
    assert "unilateral_change" not in {f["code"] for f in report["findings"]}  # type: ignore[union-attr,index]


def test_service_levels_both_parties_may_change_are_no_one_sided_right() -> None:
    for body in (
        "第八条 服务\n8.1 经双方协商一致，可调整服务等级标准。\n",
        "第八条 服务\n8.1 双方可变更服务内容。\n",
        "第八条 服务\n8.1 经双方协商一致，可变更服务内容。\n",
    ):
        e = entry(STATED + body)
        assert e["status"] == "present" and "one_sided" not in e, body
    # one side's right stays one-sided
    for body in (
        "第八条 服务\n8.1 甲方可调整服务标准。\n",
        "第八条 服务\n8.1 乙方可随时变更服务内容，并在网站公布。\n",
    ):
        assert entry(STATED + body)["status"] == "one_sided", body


# ------------------------------------------------------- fix22b: the high finding names what the right covers
def finding(text: str) -> dict[str, object]:
    report = check_text(text, as_of=AS_OF).as_dict()
    return next(f for f in report["findings"] if f["code"] == "unilateral_change")  # type: ignore[union-attr,no-any-return]


LEVELS_ZH = "第六条 服务\n6.1 乙方有权随时调整服务等级标准，无需征得甲方同意。\n"


def test_the_high_finding_names_service_levels_where_the_right_covers_them() -> None:
    en_f = finding(TERMS_EN)
    assert en_f["severity"] == "high" and en_f["what"] == "service_levels"
    assert str(en_f["message_en"]).startswith("The Supplier may change the service levels alone")
    assert "the terms" not in str(en_f["message_en"])
    assert "服务水平" in str(en_f["message_zh"]) and "条款" not in str(en_f["message_zh"])
    assert "543" in str(en_f["citation"])
    zh_f = finding(STATED + LEVELS_ZH)
    assert str(zh_f["message_zh"]).startswith("乙方（卖方）可单方变更服务水平")
    assert not any("a" <= ch.lower() <= "z" for ch in str(zh_f["message_zh"]))  # Chinese throughout
    assert "543" in str(zh_f["citation"]) and zh_f["what"] == "service_levels"


def test_the_high_finding_still_names_fees_and_the_terms() -> None:
    fees = finding(STATED + FEES_ZH)
    assert fees["what"] == "fees" and str(fees["message_zh"]).startswith("乙方（卖方）可单方调整费用或价格")
    terms = finding(TERMS_EN.replace("the service levels at its discretion", "these terms"))
    assert terms["what"] == "terms" and str(terms["message_en"]).startswith("The Supplier may change the terms alone")
    assert str(terms["message_zh"]).startswith("“Supplier”（供方）可单方变更条款")
