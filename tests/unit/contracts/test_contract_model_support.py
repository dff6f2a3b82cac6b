"""The support kinds as the shipped check (rules + sentence model) reports them, for contracts of our own wording
(issue 19, model22): whichever way the model joins the rules for the Chinese support kinds, a contract that states
all eight still has all eight with the rules' values, one that states none gets none, a kind only the model found
says so, and the CLI shows the findings in the contract's terms. Texts written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.domain.contract_clarity import check_text, detected_kinds
from disputedesk.domain.contract_clarity.detection import best_model_sentences
from disputedesk.domain.contract_clarity.model import ClauseModel, KindModel

from .conftest import AS_OF

SUPPORT = {
    "response_time", "resolution_time", "support_remedy", "warranty_period", "documentation", "training",
    "onsite_support", "change_procedure",
}  # fmt: skip

ALL_EIGHT_ZH = """数控机床售后服务合同
甲方（买方）：东岸精密零件有限公司
乙方（卖方）：西川机床有限公司
第一条 故障响应
设备发生故障时，乙方应在接到甲方报修后2小时内响应。
第二条 故障修复
乙方应在24小时内修复故障，恢复设备正常运行。
第三条 违约责任
乙方未在约定时间内修复故障的，每逾期一日按合同总价的千分之一向甲方支付违约金。
第四条 质量保证
设备质保期为十二个月，自验收合格之日起计算。
第五条 技术资料
乙方随设备向甲方提供中文操作手册和维修手册。
第六条 培训
乙方负责对甲方操作人员进行免费培训，直至其能独立操作设备。
第七条 现场服务
远程无法排除的故障，乙方应派工程师到甲方现场维修。
第八条 合同变更
本合同的任何变更须经双方书面同意。
"""

ALL_EIGHT_EN = """Machine Tool After-Sales Service Agreement
Buyer: Eastbank Precision Parts Ltd. (the "Customer")
Seller: Westriver Machine Tools Ltd. (the "Supplier")
1. Fault response
1.1 The Supplier shall respond to each fault report within 2 hours of receiving it.
2. Repair
2.1 The Supplier shall repair each fault within 24 hours and restore normal operation.
3. Service credits
3.1 If the Supplier fails to repair a fault within that time, it shall pay the Customer 0.1% of the contract price for
each day of delay.
4. Warranty
4.1 The warranty period is twelve (12) months from acceptance.
5. Documentation
5.1 The Supplier shall deliver an operating manual and a maintenance manual in English with the machine.
6. Training
6.1 The Supplier shall train the Customer's operators free of charge until they can run the machine on their own.
7. On-site service
7.1 Where a fault cannot be cleared remotely, the Supplier shall send an engineer to the Customer's site.
8. Changes
8.1 This Agreement may be changed only by a written amendment signed by both parties.
"""

NONE_ZH = """办公家具买卖合同
第一条 标的
乙方向甲方出售办公桌十张，单价人民币八百元。
第二条 付款
甲方于收货后三十日内支付全部货款。
第三条 争议解决
因本合同发生的争议，提交北京仲裁委员会仲裁。
"""

NONE_EN = """Office Furniture Sale Agreement
1. Goods
1.1 The Seller sells ten office desks to the Buyer at USD 120 each.
2. Payment
2.1 The Buyer shall pay the full price within thirty days of receipt.
3. Disputes
3.1 Any dispute arising from this Agreement shall be referred to arbitration in Singapore.
"""


@pytest.mark.parametrize("text", [ALL_EIGHT_ZH, ALL_EIGHT_EN], ids=["zh", "en"])
def test_a_contract_stating_all_eight_support_kinds_has_them_with_the_rules_values(text: str) -> None:
    assert SUPPORT <= detected_kinds(text, model=False)
    assert SUPPORT <= detected_kinds(text)
    report = check_text(text, as_of=AS_OF)
    assert report.kinds["response_time"].values["durations"][0]["value"] == "2"
    assert report.kinds["resolution_time"].values["durations"][0]["value"] == "24"
    assert report.kinds["warranty_period"].values["months"] == "12"
    # the rules found every one of them: no excerpt of these kinds is the model's
    clauses = {c["kind"]: c for c in report.as_dict()["clauses"]}
    assert all("found_by" not in e for k in SUPPORT for e in clauses[k]["excerpts"])


@pytest.mark.parametrize("text", [NONE_ZH, NONE_EN], ids=["zh", "en"])
def test_a_contract_stating_no_support_kind_gets_none_from_rules_or_model(text: str) -> None:
    assert not SUPPORT & detected_kinds(text, model=False)
    assert not SUPPORT & detected_kinds(text)


def test_a_chinese_support_kind_only_the_model_found_says_so_and_the_finding_is_chinese(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from disputedesk.domain.contract_clarity import analysis

    onsite = KindModel("onsite_support", -1.0, {"zh": ("or", 0.5)}, {"专 人": 3.0})
    monkeypatch.setattr(analysis, "load_model", lambda: ClauseModel("toy", {"onsite_support": onsite}, {}))
    text = NONE_ZH + "第四条 服务\n桌子出现问题的，乙方安排专人协助甲方处理。\n"
    assert "onsite_support" not in detected_kinds(text, model=False)
    report = check_text(text, as_of=AS_OF).as_dict()
    found = next(c for c in report["clauses"] if c["kind"] == "onsite_support")
    assert found["present"]
    assert found["excerpts"][0]["found_by"] == "sentence model"
    assert "安排专人协助" in found["excerpts"][0]["text"]
    # the English-language mode is untouched: the same sentence in an English contract adds nothing
    assert "onsite_support" not in detected_kinds(NONE_EN, model=analysis.load_model())


def test_the_models_sentence_scan_skips_what_the_kinds_own_rules_rule_out() -> None:
    """best_model_sentences (shared by the check and the training script) scores only the sentences the kind may
    take: a warranty counted from acceptance is no inspection clause for the model either."""
    from disputedesk.domain.contract_clarity import paragraphs_from_text, split_clauses

    model = KindModel("inspection_acceptance", 0.0, {}, {"验": 2.0, "收": 2.0})
    clauses = split_clauses(paragraphs_from_text("第四条 质量保证\n设备质保期为十二个月，自验收合格之日起计算。"))
    [(score, sentence)] = best_model_sentences(clauses, [model])
    assert sentence is None and score == float("-inf")
    clauses = split_clauses(paragraphs_from_text("第五条 验收\n甲方收到设备后组织验收。"))
    [(score, sentence)] = best_model_sentences(clauses, [model])
    assert sentence is not None and score == 4.0


def test_the_cli_shows_the_support_findings_of_a_chinese_contract_of_our_own_wording(tmp_path: Path) -> None:
    path = tmp_path / "service-zh.txt"
    path.write_text(ALL_EIGHT_ZH, encoding="utf-8")
    result = CliRunner().invoke(app, ["contract", "check", str(path), "--json", "--as-of", "2026-11-26"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout.splitlines()[0])
    assert obj["language"] == "zh"
    present = {c["kind"] for c in obj["clauses"] if c["present"]}
    assert SUPPORT <= present
    # nothing says a stated support kind is missing
    missing = {f["kind"] for f in obj["findings"] if f["code"].endswith("missing") or f["code"] == "missing"}
    assert not SUPPORT & missing
    human = CliRunner().invoke(app, ["contract", "check", str(path), "--as-of", "2026-11-26"])
    assert human.exit_code == 0, human.output
    assert "supplier 乙方 [Party B] (卖方 [seller]) · customer 甲方 [Party A] (买方 [buyer])" in human.stdout
    assert "2小时" in human.stdout and "24小时" in human.stdout
