"""Phrasing families that state a kind generically (issue 19, session 10, rules27), pre-registered in the engineer's note
before any rule was changed. The kinds were chosen from the published held-out aggregates (which kinds only): Chinese
response time, resolution time, support remedy and change procedure; English termination, liability cap and warranty.
Each family is written from the label definitions (tests/fixtures/contracts/README.md) and the wording contract law gives
every contract type (Civil Code Arts. 543–544 on changes, Art. 582 on remedies for performance not as agreed, Art. 781 on
work redone; FAR clauses by title and number), not from any labelled text. Every pair is a sentence of our own wording
that states the kind and a near miss that does not."""

# ruff: noqa: E501 - one pair per line reads better unbroken

from __future__ import annotations

from .conftest import phrasing_family_test

ZH_FAMILIES = [
    # --- response time: a complaint, enquiry, request or fault report accepted (受理/登记/核实) within a time
    ("response_time", "第六条 投诉\n乙方应在接到甲方投诉后2小时内受理，并告知处理进度。", True),
    ("response_time", "第六条 投诉\n对用户的投诉，平台经营者应在24小时内予以受理。", True),
    ("response_time", "第六条 服务\n乙方收到甲方的咨询后1个工作日内进行核实并联系甲方。", True),
    # ... or handled within the time a standard, the law or the contract sets (the time stated by reference)
    ("response_time", "第六条 服务\n用户的报修和投诉，乙方应在行业服务标准规定的时限内答复。", True),
    ("response_time", "第六条 付款\n甲方应按照法律规定的期限支付价款。", False),
    ("response_time", "第六条 申请\n登记机关应在法定期限内处理甲方的申请。", False),
    ("response_time", "第六条 申请\n登记机关应在收到申请后5个工作日内受理。", False),
    ("response_time", "第六条 争议\n仲裁委员会受理案件后，双方应配合仲裁程序。", False),
    ("response_time", "第六条 收货\n甲方应在收到货物后3日内确认收货。", False),
    # --- resolution time: a fault, defect or hazard eliminated (消除) within a time; a complaint closed within a time;
    # work redone (重作) within a time
    ("resolution_time", "第七条 维护\n乙方发现设备安全隐患的，应在24小时内消除。", True),
    ("resolution_time", "第七条 维护\n对甲方报告的缺陷，乙方应在三日内予以消除。", True),
    ("resolution_time", "第七条 投诉\n对用户的投诉，乙方应在7个工作日内处理完毕并反馈结果。", True),
    ("resolution_time", "第七条 投诉\n乙方应在收到投诉后15日内办结。", True),
    ("resolution_time", "第七条 成果\n工作成果不符合约定的，乙方应在10日内无偿重作。", True),
    ("resolution_time", "第七条 成果\n成果不合格的，返工周期为10天。", True),
    ("resolution_time", "第七条 侵权\n侵权方应消除影响、赔礼道歉。", False),
    ("resolution_time", "第七条 安全\n乙方应制定消除安全隐患的工作计划，报甲方备案。", False),
    ("resolution_time", "第七条 投诉\n甲方可向乙方的客服部门投诉。", False),
    # --- support remedy: the fee for the service itself cut or paid back when the service fails (Civil Code Art. 582:
    # 减少价款或者报酬); a service or deliverable not as agreed redone free of charge (Art. 781: 重作)
    ("support_remedy", "第九条 违约责任\n乙方提供的服务不符合约定的，甲方有权要求乙方减少报酬。", True),
    ("support_remedy", "第九条 违约责任\n咨询报告质量不符合约定的，委托人有权要求受托人减少咨询费。", True),
    ("support_remedy", "第九条 违约责任\n乙方未按约定完成测绘工作的，应退还甲方已支付的测绘费。", True),
    ("support_remedy", "第九条 违约责任\n服务成果不符合约定标准的，乙方应无偿重作。", True),
    ("support_remedy", "第九条 违约责任\n乙方的服务质量达不到合同要求的，应免费重新提供服务。", True),
    ("support_remedy", "第九条 违约责任\n检测报告不合格的，乙方应无偿予以补测。", True),
    ("support_remedy", "第九条 保修\n保修期内发生的维修费用，甲方可从质保金中扣除。", True),
    ("support_remedy", "第九条 保修\n保修期满后，甲方应在7日内将质保金全额退还乙方。", False),
    ("support_remedy", "第九条 验收\n货物验收不合格的，乙方应免费更换，并承担由此产生的费用。", False),
    ("support_remedy", "第九条 验收\n工程验收不合格的，乙方应无偿返工。", False),
    ("support_remedy", "第九条 解除\n合同解除后，乙方应退还甲方预付的咨询费。", False),
    ("support_remedy", "第九条 违约责任\n甲方逾期支付报酬的，每逾期一日支付应付报酬0.5%的违约金。", False),
    ("support_remedy", "第九条 费用\n乙方的报酬为人民币十万元，分两期支付。", False),
    # --- change procedure: a change with both sides' consent; a change only with the other side's consent; a change of
    # the work's content or scope and what follows for the fee or the time; Civil Code Art. 544
    ("change_procedure", "第十一条 其他\n经甲乙双方同意，可以对本合同进行补充。", True),
    ("change_procedure", "第十一条 其他\n经双方书面确认，可变更本合同的服务内容。", True),
    ("change_procedure", "第十一条 服务\n乙方变更服务内容的，须征得甲方同意。", True),
    ("change_procedure", "第十一条 变更\n委托内容发生变更的，双方应另行协商确定费用和期限。", True),
    ("change_procedure", "第十一条 变更\n因甲方原因导致工作量增加的，服务费用相应调整。", True),
    ("change_procedure", "第十一条 变更\n双方对合同变更的内容约定不明确的，推定为未变更。", True),
    ("change_procedure", "第十一条 人员\n乙方变更项目负责人的，须征得甲方同意。", False),
    ("change_procedure", "第十一条 付款\n甲方变更收款账户的，应提前书面通知乙方。", False),
    ("change_procedure", "第十一条 交货\n经双方同意，交货地点为甲方仓库。", False),
    ("change_procedure", "第十一条 费用\n本合同的服务费用包括人工费、材料费和交通费。", False),
]

EN_FAMILIES = [
    # --- termination: participle, hyphenated and noun forms of the FAR titles; FAR 52.212-4 by reference (its (l) and (m)
    # are the termination clauses); "terminate … in whole or in part"; termination only as an event is none
    ("termination", "12. Terms\nIf this task order is terminated for convenience, the Contractor shall be paid for work performed.", True),
    ("termination", "12. Terms\nThe Government's termination-for-convenience rights apply to this order.", True),
    ("termination", "12. Terms\nA default termination shall be handled under the applicable clause.", True),
    ("termination", "12. Clauses\nFAR 52.212-4, Contract Terms and Conditions—Commercial Products and Commercial Services, applies to this acquisition.", True),
    ("termination", "12. Terms\nThe Government may terminate performance of work hereunder in whole or in part.", True),
    ("termination", "12. Transition\nUpon termination or expiration of this contract, the Contractor shall transfer all data to the Government.", False),
    ("termination", "12. Security\nThe Contractor shall terminate system access of departing employees within one day.", False),
    ("termination", "12. Clauses\nFAR 52.212-1, Instructions to Offerors—Commercial Products, applies to this solicitation.", False),
    ("termination", "12. Invoices\nEach invoice shall meet the requirements for a proper invoice specified in FAR 52.212-4 (g).", False),
    # --- liability cap: "Limitation of … Liability" titles and FAR 52.216-24; liability for loss or damage excluded
    ("liability_cap", "14. Clauses\n52.216-24 Limitation of Government Liability (APR 1984)", True),
    ("liability_cap", "14. Liability\nThe Government shall not be liable for any loss of or damage to the Contractor's equipment stored on site.", True),
    ("liability_cap", "14. Liability\nThe Government assumes no liability for loss or damage to the Contractor's property.", True),
    ("liability_cap", "14. Insurance\nThe Contractor shall maintain liability insurance of at least $1,000,000.", False),
    ("liability_cap", "14. Damage\nThe Contractor shall be liable for any loss of or damage to Government property caused by its employees.", False),
    ("liability_cap", "14. Price\nThe total price of this order shall not exceed $50,000.", False),
    # --- warranty: a warranty given on the goods or the work without a length; a warranty by reference
    ("warranty_period", "9. Warranty\nThe Contractor shall provide a full warranty on all parts and labor furnished under this order.", True),
    ("warranty_period", "9. Equipment\nThe Contractor warrants all equipment against defects in material and workmanship.", True),
    ("warranty_period", "9. Repairs\nEquipment that fails shall be repaired or replaced under warranty at no cost to the Government.", True),
    ("warranty_period", "9. Equipment\nThe warranty provisions of Section I apply to all equipment delivered under this order.", True),
    ("warranty_period", "9. Warranties\nThe Contractor represents and warrants that it has the authority to enter into this contract.", False),
    ("warranty_period", "9. Records\nThe Contractor shall keep records of equipment repairs for the life of the contract.", False),
    ("warranty_period", "9. Offers\nOfferors shall describe their experience with warranty tracking systems.", False),
]


test_zh_phrasing_family = phrasing_family_test(ZH_FAMILIES, prefix="zh-")
test_en_phrasing_family = phrasing_family_test(EN_FAMILIES, prefix="en-")
