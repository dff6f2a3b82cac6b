"""Phrasing families of the kinds still below the keyword baseline on held-out data (issue 19, session 8, rules25):
the Chinese change procedure (a provider's own right to update its terms) and on-site support, the English warranty
period, liability cap and termination. Written from the label definitions (tests/fixtures/contracts/README.md) and the
families pre-registered in the engineer's note before any rule was changed; every pair is a sentence of our own
wording that states the kind and a near miss that does not. Not copied from any labelled contract (development or
held-out)."""

# ruff: noqa: E501 - one pair per line reads better unbroken

from __future__ import annotations

import pytest

from disputedesk.domain.contract_clarity import check_text

from .conftest import AS_OF, phrasing_family_test

ZH_FAMILIES = [
    # --- change procedure (Chinese): the provider's right to change or update its terms itself, the revised terms in
    # force on publication, continued use taken as acceptance, notice of a change to the terms
    ("change_procedure", "第十条 其他\n我们可能会不时更新这些条款。", True),
    ("change_procedure", "第十条 其他\n云帆公司可能会不定期更新本使用条款，请您定期查看。", True),
    ("change_procedure", "第十条 其他\n本平台有权根据业务需要修改本服务条款。", True),
    ("change_procedure", "第十条 其他\n我们保留随时更新本服务条款的权利。", True),
    ("change_procedure", "第十条 其他\n修改后的条款自公布之日起生效。", True),
    ("change_procedure", "第十条 其他\n您在条款更新后继续使用本服务的，即视为您接受更新后的条款。", True),
    ("change_procedure", "第十条 其他\n如我们对本条款作出重大更改，我们会在更改生效前通过电子邮件通知您。", True),
    ("change_procedure", "第十条 其他\n我们可能会不时更新本软件，以修复缺陷或增加新功能。", False),
    ("change_procedure", "第十条 其他\n您可以随时修改您的账户信息和登录密码。", False),
    ("change_procedure", "第十条 其他\n更新后的软件版本将自动安装到您的设备上。", False),
    ("change_procedure", "第十条 其他\n您继续使用本服务前，应仔细阅读本条款。", False),
    # --- on-site support (Chinese): arriving "至现场", going to the user's place to do the work, the supplier's people
    # working at the site, free installation or installation guidance by the seller
    ("onsite_support", "第八条 售后\n设备发生故障时，乙方工程师应于24小时内赶至现场。", True),
    ("onsite_support", "第八条 售后\n接到报修后，乙方技术人员应到用户处进行检修。", True),
    ("onsite_support", "第八条 售后\n乙方人员在甲方现场作业期间，应遵守甲方的安全管理制度。", True),
    ("onsite_support", "第八条 售后\n乙方为本项目提供免费安装及调试指导。", True),
    # (the provider's own inspection rounds, 巡检, were tried as a family and left out: on development texts they were a
    # manager's routine checks, not support on site)
    ("onsite_support", "第八条 交货\n乙方应将货物运至甲方现场，运费由乙方承担。", False),
    ("onsite_support", "第八条 交货\n交货地点为甲方仓库，乙方送货至仓库后由甲方自行安装。", False),
    ("onsite_support", "第八条 付款\n甲方应在提货时现场支付全部货款。", False),
    ("onsite_support", "第八条 验收\n双方在交货现场共同清点货物并签字确认。", False),
    ("onsite_support", "第八条 巡检\n甲方每月对设备自行巡检一次，发现问题及时通知乙方。", False),
    ("onsite_support", "第八条 培训\n甲方技术人员到乙方处参加为期一周的操作培训。", False),
    ("onsite_support", "第八条 价格\n本合同价格不含安装费用，设备由甲方自行安装。", False),
]


test_zh_phrasing_family = phrasing_family_test(ZH_FAMILIES, prefix="zh-")


PROVIDER_UPDATES_ZH = [
    "云帆网络服务条款\n第十条 其他\n我们可能会不时更新这些条款。",
    "云帆网络服务条款\n第十条 其他\n本平台有权根据业务需要修改本服务条款。",
    "云帆网络服务条款\n第十条 其他\n我们保留随时更新本服务条款的权利。",
]


@pytest.mark.parametrize("text", PROVIDER_UPDATES_ZH, ids=["we-may-update", "platform-may-modify", "right-reserved"])
def test_a_providers_own_right_to_update_its_terms_is_shown_one_sided(text: str) -> None:
    report = check_text(text, as_of=AS_OF).as_dict()
    entry = next(c for c in report["clauses"] if c["kind"] == "change_procedure")  # type: ignore[union-attr]
    assert entry["status"] == "one_sided"
    assert any(i["code"] == "unilateral_change" and i["severity"] == "high" for i in entry["issues"])


EN_FAMILIES = [
    # --- warranty period (English): the warranty's start or duration stated in other words, defects put right for a
    # period after acceptance without the word "warranty", the FAR warranty clauses by number, a standard commercial
    # warranty extended to the buyer
    (
        "warranty_period",
        "C.7 Equipment\nWarranty coverage shall begin on the date the Government accepts the installed system.",
        True,
    ),
    (
        "warranty_period",
        "C.7 Equipment\nAll installed equipment shall be free from defects in materials and workmanship for a period of twelve (12) months following acceptance.",
        True,
    ),
    (
        "warranty_period",
        "C.7 Equipment\nThe Contractor shall correct, at no cost to the Government, any defects in the work discovered within one (1) year after final acceptance.",
        True,
    ),
    ("warranty_period", "I.1 Clauses incorporated by reference\nFAR 52.246-19 (MAY 2001)", True),
    (
        "warranty_period",
        "C.7 Equipment\nThe Contractor shall extend to the Government its standard commercial warranty on all hardware delivered under this order.",
        True,
    ),
    (
        "warranty_period",
        "C.7 Performance\nThe Contractor shall correct any deficiency within ten (10) days after notice from the COR.",
        False,
    ),
    (
        "warranty_period",
        "H.3 Authority\nEach party makes the representations and warranties set out in this Section.",
        False,
    ),
    (
        "warranty_period",
        "H.3 Authority\nThe Contractor warrants that it has full power to enter into this contract.",
        False,
    ),
    (
        "warranty_period",
        "H.3 Compliance\nThe Contractor warrants that its employees are legally eligible to work in the United States.",
        False,
    ),
    # --- liability cap (English): "not responsible for" indirect loss, a liability capped, recovery or indemnities
    # limited, the FAR limitation-of-liability clauses by number; a not-to-exceed price is no cap
    (
        "liability_cap",
        "12. Damages\nNeither party shall be responsible for any indirect, incidental or consequential damages.",
        True,
    ),
    (
        "liability_cap",
        "12. Damages\nNeither party shall be liable to the other for any indirect, incidental or consequential damages.",
        True,
    ),
    (
        "liability_cap",
        "12. Damages\nNeither party shall be liable for delays caused by the other party's failure to perform.",
        False,
    ),
    (
        "liability_cap",
        "12. Damages\nThe Supplier's liability under this Agreement is capped at the fees paid in the preceding twelve months.",
        True,
    ),
    (
        "liability_cap",
        "12. Damages\nThe Customer's recovery for all claims arising out of this Agreement shall not exceed the amounts paid to the Supplier.",
        True,
    ),
    (
        "liability_cap",
        "12. Indemnity\nThe Contractor's indemnification obligations under this Section shall not exceed two times the contract value.",
        True,
    ),
    ("liability_cap", "I.1 Clauses incorporated by reference\nFAR 52.246-25 (FEB 1997)", True),
    ("liability_cap", "B.2 Prices\nThe total price of this task order shall not exceed $250,000.", False),
    (
        "liability_cap",
        "B.3 Travel\nThe not-to-exceed (NTE) amount for travel is $15,000 and the total compensation shall not exceed the ceiling price.",
        False,
    ),
    (
        "liability_cap",
        "C.5 Reports\nEach report shall be delivered within a period that shall not exceed ten (10) business days.",
        False,
    ),
    ("liability_cap", "C.5 Schedule\nThe Contractor is not responsible for delays caused by the Government.", False),
    # --- termination (English): the FAR Part 49 clauses by number and the default clause by title, the task or
    # purchase order or BPA terminated or cancelled, grounds for termination; employment, the term, a service call are none
    (
        "termination",
        "I.1 Clauses incorporated by reference\nFAR 52.249-8, Default (Fixed-Price Supply and Service) (APR 1984)",
        True,
    ),
    ("termination", "I.1 Clauses incorporated by reference\n52.249-4 (APR 1984)", True),
    (
        "termination",
        "H.5 Ordering\nThe Government may cancel the BPA at any time upon thirty (30) days' written notice.",
        True,
    ),
    (
        "termination",
        "H.5 Performance\nRepeated failure to meet the performance standards will result in termination of the task order.",
        True,
    ),
    (
        "termination",
        "H.5 Security\nFailure to maintain the required clearances shall constitute grounds for termination.",
        True,
    ),
    (
        "termination",
        "H.5 Ordering\nThe purchase order is subject to cancellation if delivery is more than thirty days late.",
        True,
    ),
    (
        "termination",
        "H.5 Personnel\nUpon termination of employment, contractor employees shall return their badges to the COR.",
        False,
    ),
    ("termination", "H.5 Term\nThe term of this agreement is three years from the effective date.", False),
    (
        "termination",
        "C.4 Service calls\nThe Government may cancel a service call up to two hours before the scheduled visit.",
        False,
    ),
    (
        "termination",
        "C.4 Accounts\nThe contractor shall terminate user accounts within one day after an employee leaves.",
        False,
    ),
]


test_en_phrasing_family = phrasing_family_test(EN_FAMILIES, prefix="en-")
