"""Phrasing families of the kinds whose held-out figure was lowest (issue 19, session 7, contract24): the Chinese support
remedy, change procedure and on-site support, the English support remedy, liability cap and termination. Written from the definitions
(tests/fixtures/contracts/README.md) and the families pre-registered in the engineer's note before any rule was changed;
every pair is a sentence of our own wording that states the kind and a near-miss that does not. Not copied from any
labelled contract (development or held-out)."""

# ruff: noqa: E501 - one pair per line reads better unbroken

from __future__ import annotations

from .conftest import phrasing_family_test

FAMILIES = [
    ("support_remedy", "第十条 违约责任\n乙方违反本合同售后服务条款的，每次应向甲方支付违约金2000元。", True),
    ("support_remedy", "第十条 违约责任\n乙方违反本合同关于维保服务的约定，甲方有权要求其支付违约金。", True),
    ("support_remedy", "第十条 违约责任\n乙方不履行保修义务的，应承担违约责任，并赔偿甲方因此遭受的损失。", True),
    ("support_remedy", "第十条 违约责任\n甲方违反本合同付款条款的，每逾期一日支付违约金500元。", False),
    ("support_remedy", "第十条 违约责任\n乙方违反本合同交货条款的，应支付违约金。", False),
    ("support_remedy", "第八条 售后\n乙方未在约定时间内到达现场的，视为乙方违约，应按本合同第十条承担违约责任。", True),
    ("support_remedy", "第八条 售后\n乙方技术人员接到通知后24小时内未到场的，乙方应承担违约责任。", True),
    ("support_remedy", "第八条 付款\n甲方未按约定时间付款的，应承担违约责任。", False),
    ("support_remedy", "第八条 保修\n乙方未能在约定期限内修复故障的，甲方有权要求相应减少合同价款。", True),
    ("support_remedy", "第八条 维保\n维保服务不到位的，甲方可按实际情况核减当季度维保费用。", True),
    ("support_remedy", "第八条 验收\n货物验收不合格的，甲方有权要求减少价款或退货。", False),
    ("support_remedy", "第八条 考核\n每发生一次响应超时，甲方从履约保证金中扣除1000元。", True),
    ("support_remedy", "第八条 保证金\n合同履行完毕后，甲方无息退还履约保证金。", False),
    (
        "support_remedy",
        "8. Service Levels\nIf the Supplier misses the response time, the Customer may withhold 5% of the monthly support fee.",
        True,
    ),
    (
        "support_remedy",
        "8. Service Levels\nFor each hour by which a repair exceeds the agreed repair time, the fee shall be reduced by 1%.",
        True,
    ),
    ("support_remedy", "8. Payment\nIf the Customer pays late, the fee shall be increased by 1% per month.", False),
    ("change_procedure", "第十五条 变更\n如需对本合同内容进行调整，由双方另行签订补充协议。", True),
    ("change_procedure", "第十五条 变更\n合同内容的任何改动，以双方签订的补充协议为准。", True),
    ("change_procedure", "第十五条 配件\n备品备件的价格由双方另行签订采购协议。", False),
    (
        "change_procedure",
        "第十二条 设计变更\n甲方提出设计变更的，应向乙方发出书面变更通知，乙方应在收到后7日内提出变更报价。",
        True,
    ),
    ("change_procedure", "第十二条 工程变更\n变更指示应经发包人签认，承包人收到变更指示后方可实施变更。", True),
    ("change_procedure", "第十二条 账户\n乙方银行账户变更的，应书面通知甲方。", False),
    ("change_procedure", "第十五条 其他\n本合同如有未尽事宜或需变更，须经双方协商同意。", True),
    ("change_procedure", "第十五条 其他\n合同生效后，除双方另有约定外，任何一方不得对合同条款进行更改。", True),
    ("change_procedure", "第十五条 联系人\n甲方联系人如有更换，应及时告知乙方。", False),
    (
        "liability_cap",
        "12. Liability\nThe Seller shall not be liable for more than the Contract Price in respect of any claim.",
        True,
    ),
    (
        "liability_cap",
        "12. Liability\nThe maximum amount the Supplier must pay for all claims together is the price paid in the last twelve months.",
        True,
    ),
    ("liability_cap", "12. Warranty\nThis limited warranty covers parts and labour.", False),
    (
        "termination",
        "14. End of the Agreement\nEither party may end this Agreement by giving ninety days' written notice to the other.",
        True,
    ),
    (
        "termination",
        "14. Default\nIf the Supplier fails to remedy a material breach within 30 days, the Buyer may by notice bring the Contract to an end.",
        True,
    ),
    ("termination", "14. Warranty\nAt the end of the warranty period the Seller shall inspect the machine.", False),
    (
        "warranty_period",
        "9. Defects\nThe Seller guarantees the Equipment against defects in material and workmanship for eighteen months from installation.",
        True,
    ),
    (
        "warranty_period",
        "9. Defects\nThe defects liability period is twelve (12) months from the taking-over certificate.",
        True,
    ),
    (
        "warranty_period",
        "9. Delivery\nThe Seller shall deliver the Equipment within eighteen months of the order.",
        False,
    ),
    # --- on-site support (Chinese): the supplier's people stationed at the buyer's plant, their travel and lodging paid,
    # the work done at the place of use; the buyer's people travelling to the supplier for training are none
    ("onsite_support", "第八条 售后\n设备出现故障时，乙方应指派专业技术人员赴甲方处维修。", True),
    ("onsite_support", "第八条 售后\n乙方负责设备的安装、调试工作，直至设备正常运行。", True),
    ("onsite_support", "第八条 售后\n卖方应派遣有经验的工程师指导买方进行设备安装。", True),
    ("onsite_support", "第八条 售后\n乙方维修人员应在接到通知后4小时内抵达设备所在地。", True),
    ("onsite_support", "第八条 售后\n乙方提供7×24小时电话及远程技术支持，必要时上门服务。", True),
    ("onsite_support", "第八条 售后\n乙方技术人员往返交通费、住宿费由乙方承担。", True),
    ("onsite_support", "第八条 售后\n乙方应安排技术人员进驻甲方工厂，负责设备调试直至验收合格。", True),
    ("onsite_support", "第八条 售后\n设备的安装调试由乙方负责，费用已包含在合同价款中。", True),
    ("onsite_support", "第八条 售后\n卖方在设备使用地提供免费的安装指导。", True),
    ("onsite_support", "第八条 售后\n乙方应派员到甲方所在地对设备进行定期巡检和保养。", True),
    ("onsite_support", "第八条 交货\n乙方应将货物送至甲方指定地点。", False),
    ("onsite_support", "第八条 监造\n甲方有权派员到乙方工厂监造。", False),
    ("onsite_support", "第八条 费用\n甲方人员赴乙方参加培训的差旅费由甲方自理。", False),
    ("onsite_support", "第八条 保修\n保修期内，乙方负责免费维修，维修地点为乙方维修中心。", False),
    # --- English as US federal statements of work write it: a warranty named by its FAR title or counted in days, the
    # termination clauses by their titles, services performed again at no increase in the contract amount
    (
        "warranty_period",
        "E.4 Warranty\nThe Contractor warrants that all work shall be free from defects for one (1) year after final acceptance by the Government.",
        True,
    ),
    ("warranty_period", "I.1 Clauses incorporated by reference\nFAR 52.246-20 Warranty of Services (MAY 2001)", True),
    (
        "warranty_period",
        "C.9 Repairs\nAll parts replaced under this contract shall carry a minimum ninety (90) day warranty.",
        True,
    ),
    (
        "warranty_period",
        "L.5 Representations\nThe offeror warrants that the prices in its proposal were arrived at independently.",
        False,
    ),
    (
        "termination",
        "I.1 Clauses incorporated by reference\nFAR 52.249-2 Termination for Convenience of the Government (Fixed-Price)",
        True,
    ),
    (
        "termination",
        "I.2 Commercial terms\n52.212-4(l) Termination for the Government's convenience and 52.212-4(m) Termination for cause apply.",
        True,
    ),
    (
        "termination",
        "H.7 Default\nThe Government may terminate this contract for default if the contractor fails to perform.",
        True,
    ),
    (
        "termination",
        "C.3 Scope\nThe contractor shall terminate user accounts within one day after an employee leaves.",
        False,
    ),
    (
        "liability_cap",
        "I.1 Clauses incorporated by reference\nFAR 52.246-25 Limitation of Liability - Services (FEB 1997)",
        True,
    ),
    (
        "liability_cap",
        "H.9 Liability\nThe Contractor shall not be liable for loss of or damage to Government property that occurs after final acceptance, except for latent defects.",
        True,
    ),
    (
        "liability_cap",
        "H.9 Insurance\nThe contractor shall maintain general liability insurance of at least $500,000 per occurrence.",
        False,
    ),
    (
        "support_remedy",
        "E.3 Remedies\nIf any services do not conform with contract requirements, the Government may require the contractor to perform the services again in conformity with contract requirements, at no increase in contract amount.",
        True,
    ),
    ("support_remedy", "E.3 Inspection\nThe Government will inspect the services at the time of delivery.", False),
]


test_phrasing_family = phrasing_family_test(FAMILIES)
