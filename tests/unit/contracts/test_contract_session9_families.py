"""Phrasing families of the Chinese on-site support and support remedy (issue 19, session 9, rules26), written from the
label definitions (tests/fixtures/contracts/README.md: on-site support is "on-site or remote support arrangements,
engineers sent, travel costs, installation by the seller"; the kept texts' reading: "a contractor's own work at the
buyer's site") and pre-registered in the engineer's note before any rule was changed. The plain keyword 现场 beat the
rules on held-out on-site support: the rules took 现场 only with a short list of support verbs, so a supplier's own
work at the site named by other work words was missed. Every pair is a sentence of our own wording that states the kind
and a near miss that does not (the buyer's own checks, acceptance, witnessing, sampling, deliveries, an accident
scene). Not copied from any labelled contract (development or held-out)."""

# ruff: noqa: E501 - one pair per line reads better unbroken

from __future__ import annotations

from .conftest import phrasing_family_test

ZH_FAMILIES = [
    # --- on-site support: the supplier's own work at the site by other work words (现场检测/鉴定/勘验/作业/工作/核查)
    ("onsite_support", "第五条 乙方的义务\n乙方负责现场勘验和取证工作，并出具鉴定报告。", True),
    ("onsite_support", "第五条 乙方的义务\n乙方应按规范开展现场检测，检测人员不得少于两人。", True),
    ("onsite_support", "第五条 乙方的义务\n受托方应对标的房屋进行现场鉴定，并做好记录。", True),
    ("onsite_support", "第五条 乙方的义务\n乙方现场作业时应遵守甲方的安全规定。", True),
    ("onsite_support", "第五条 乙方的义务\n乙方应按检测规范的要求，在现场进行结构检测，并如实记录数据。", True),
    ("onsite_support", "第五条 安全\n乙方应对进出施工现场的人员进行安全教育。", False),
    ("onsite_support", "第五条 验收\n乙方应会同甲方在现场共同核实工程量。", False),
    ("onsite_support", "第五条 甲方的义务\n甲方应在现场检查乙方的工作质量，并填写检查记录。", False),
    ("onsite_support", "第五条 检测\n甲方委托第三方检测机构对工程进行现场检测，检测费用由甲方承担。", False),
    ("onsite_support", "第五条 验收\n甲方在交货现场对门窗进行检验，检验合格后签字确认。", False),
    ("onsite_support", "第五条 验收\n双方应在交货现场共同核实数量，并签署验收单。", False),
    ("onsite_support", "第五条 验收\n预拌砂浆的质量以交货现场取样检测的结果为准。", False),
    ("onsite_support", "第五条 事故\n发生事故时，乙方应保护事故现场并配合有关部门的现场调查。", False),
    # --- stationed at the site, or entering it to work
    ("onsite_support", "第五条 乙方的义务\n乙方应安排专业人员驻现场开展造价咨询工作。", True),
    ("onsite_support", "第五条 乙方的义务\n乙方工作人员进入现场开展测量工作时，甲方应提供便利。", True),
    ("onsite_support", "第五条 甲方的义务\n甲方驻现场代表负责监督乙方的工作。", False),
    ("onsite_support", "第五条 交车\n买方应在交车现场查验车辆状况和随车文件。", False),
    # --- field work (外业)
    ("onsite_support", "第五条 乙方的义务\n乙方应组织技术人员完成外业测量，外业结束后15日内提交成果。", True),
    ("onsite_support", "第五条 费用\n外业费用已包含在合同价款中。", False),
    # --- the supplier's work at the buyer's premises named other than 现场
    ("onsite_support", "第五条 服务内容\n乙方在甲方场所内完成设备的维修保养工作。", True),
    ("onsite_support", "第五条 服务内容\n乙方应在甲方机房内进行系统的安装调试。", True),
    ("onsite_support", "第五条 甲方的义务\n甲方应为乙方在甲方场所内的工作提供必要的水电。", False),
    ("onsite_support", "第五条 交货\n乙方应将货物送至甲方厂区内指定地点。", False),
    # --- rescue provided
    ("onsite_support", "第五条 服务内容\n车辆在租赁期间发生故障的，乙方应提供救援或者更换同类车辆。", True),
    ("onsite_support", "第五条 安全\n乙方应制定应急救援预案并定期组织救援演练。", False),
    # --- a property manager's own upkeep of the shared parts and equipment (the labels' reading for property-management
    # contracts); not the maintenance fund, its costs, a plan, or the owners' own repairs
    ("onsite_support", "第四条 服务内容\n物业服务人应对共用部位、共用设施设备进行日常维修养护。", True),
    ("onsite_support", "第四条 服务内容\n（二）共用部位、共用设施设备的日常维修、养护和管理。", True),
    ("onsite_support", "第四条 服务内容\n乙方应做好物业服务区域建筑物及其附属设施的检查和维修养护工作。", True),
    ("onsite_support", "第四条 维修资金\n共用部位、共用设施设备的大中修费用从专项维修资金中列支。", False),
    ("onsite_support", "第四条 业主义务\n业主应自行负责其专有部分的维修养护。", False),
    ("onsite_support", "第四条 服务计划\n物业服务人应编制共用设施设备的年度维修计划，报业主委员会审议。", False),
    # --- support remedy: the property manager named as the supplier
    # (rectification missed, "乙方未能在约定时间内完成整改的，应按日支付违约金", was tried and left out: on development texts
    # 整改 was the works redone after failed acceptance, labelled no support remedy)
    ("support_remedy", "第八条 验收\n乙方逾期未整改或整改后验收仍不合格的，甲方有权拒付相应款项。", False),
    ("support_remedy", "第八条 违约\n物业服务人未按约定完成维修的，业主可以自行维修，费用由物业服务人承担。", True),
    ("support_remedy", "第八条 违约\n甲方逾期支付服务费的，每逾期一日按应付款的0.5%支付违约金。", False),
    ("support_remedy", "第八条 整改\n乙方应在接到整改通知后7日内完成整改。", False),
    # --- a deliverable's error corrected within a time (更正/修正/改正), and the fee paid back when it is not
    ("resolution_time", "第七条 成果\n鉴定报告存在错误的，受托方应在5个工作日内予以更正。", True),
    ("resolution_time", "第七条 成果\n检测数据有差错的，乙方应在3日内修正并重新出具报告。", True),
    ("resolution_time", "第七条 资料\n甲方提供的资料存在错误的，甲方应在3日内予以更正。", False),
    ("resolution_time", "第七条 成果\n乙方应在合同签订后30日内提交鉴定报告。", False),
    ("support_remedy", "第八条 违约\n鉴定报告存在错误且未按期更正的，受托方应退还相应鉴定费。", True),
    ("support_remedy", "第八条 违约\n甲方未按约定提供资料的，乙方不退还已收取的鉴定费。", False),
    ("support_remedy", "第八条 退款\n合同解除后，乙方应在10日内退还甲方预付的检测费。", False),
]


test_zh_phrasing_family = phrasing_family_test(ZH_FAMILIES, prefix="zh-")


EN_FAMILIES = [
    # --- warranty (English): warranty documents handed over are a document, not a warranty provision (the sentence model
    # took the first one for a warranty); a sentence that also states the warranty's length still is one
    ("warranty_period", "1. Delivery\nThe Seller shall ship each unit together with the manufacturer's warranty cards and user manuals.", False),
    ("warranty_period", "1. Delivery\nThe Contractor shall furnish all warranty cards, registration forms and operating literature to the Government.", False),
    ("warranty_period", "1. Warranty\nThe Seller warrants the Equipment against defects for twelve (12) months from acceptance.", True),
    ("warranty_period", "1. Warranty\nThe warranty registration card shall be returned within 30 days; the Equipment is warranted for 24 months from delivery.", True),
]


test_en_phrasing_family = phrasing_family_test(EN_FAMILIES, prefix="en-")
