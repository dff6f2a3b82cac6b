"""General Chinese (and translated) contract wording for the support kinds (issue 19): for every rule
added, a short text of our own that has the wording and one that only looks like it. The texts are
written here from drafting practice, not copied from any labelled contract."""

from __future__ import annotations

import pytest

from disputedesk.domain.contract_clarity import check_text
from disputedesk.domain.contract_clarity.values import durations, warranty

from .conftest import AS_OF, phrasing_family_test

PAIRS = [
    # --- warranty period: the names a Chinese contract gives it, and a warranty stated as a promise for a period
    ("warranty_period", "第六条 质量\n设备的保修期为两年，自验收合格之日起计算。", True),
    ("warranty_period", "第六条 质量\n本设备包修期十二个月。", True),
    ("warranty_period", "第六条 缺陷责任\n缺陷责任期为竣工验收后二十四个月。", True),
    ("warranty_period", "第六条 质量\n卖方提供的质量担保期为一年。", True),
    ("warranty_period", "第六条 质量\n本软件的保证期为交付之日起六个月。", True),
    ("warranty_period", "6. 保证\n许可方保证，自交付之日起九十（90）天内，软件实质上符合其用户手册所述。", True),
    ("warranty_period", "6. 服务\n我们保证服务在订购期内满足本协议规定的服务水平。", True),
    ("warranty_period", "第六条 有限保证期\n有限保证期为自首次安装之日起一年。", True),
    ("warranty_period", "第六条 质量保证\n乙方对所供设备的材料和工艺负责。", True),
    # ... and what only looks like it: a quality certificate, a QA system, a surety, a title over a disclaimer,
    # "包修" as a remedy for goods that fail on delivery
    ("warranty_period", "第三条 交货\n每批货物应附合格证及质量保证书。", False),
    ("warranty_period", "第三条 要求\n乙方应建立完善的质量保证体系。", False),
    ("warranty_period", "第九条 担保\n保证人的保证期间为主债务履行期届满之日起六个月，保证人承担连带责任保证。", False),
    ("warranty_period", "M. 有限保证；免责声明\n服务按“原样”提供，我们不作任何明示或默示的承诺。", False),
    ("warranty_period", "第四条 验收\n产品不符合约定的，由乙方负责包换或包修。", False),
    ("warranty_period", "第四条 履约\n乙方保证在合同签订后三十天内交货。", False),
    # English: a warranty for a number of days
    (
        "warranty_period",
        "7. Warranty\nLicensor warrants that for ninety (90) days from delivery the Software will substantially "
        "conform to the Documentation.",
        True,
    ),
    ("warranty_period", "7. Payment\nCustomer shall pay every invoice within thirty (30) days from receipt.", False),
    # --- service hours: days a week and hours a day as translated terms write them, uptime in Chinese
    ("service_hours", "5. 支持\n供应商每周五 (5) 天每天二十四 (24) 小时提供标准技术支持。", True),
    ("service_hours", "第五条 服务\n乙方提供5×8小时电话技术支持。", True),
    ("service_hours", "第五条 服务\n热线服务时段为工作日上午9点至下午6点。", True),
    ("service_hours", "第五条 服务\n维护服务从星期一到星期五提供。", True),
    ("service_hours", "第五条 服务水平\n供应商承诺服务每月的正常运行时间不低于99.9%。", True),
    ("service_hours", "第五条 服务水平\n供应商承诺至少保持 99.95% 的正常运行时间。", True),
    ("service_hours", "第五条 交货\n卖方应每周五向买方报告生产进度。", False),
    ("service_hours", "第五条 付款\n预付款为合同总价的30%，设备正常运行后支付尾款。", False),
    # --- documentation: 用户文档/技术文档, a definition of "文档", manuals handed over; a manual named only as the
    # yardstick of proper use is not a promise of documentation
    ("documentation", "第七条 交付\n乙方应随软件提供用户文档。", True),
    ("documentation", "1. 定义\n“文档”是指与软件相关的任何手册及其他支持材料。", True),
    ("documentation", "第七条 交付\n卖方应随设备提供操作规程和维护保养规程。", True),
    ("documentation", "第七条 质保\n因买方未按照说明书的规定使用设备造成的损坏，不在保修范围内。", False),
    ("documentation", "第七条 交付\n乙方应将电子文档形式的发票寄给甲方。", False),
    # --- response time said without the word: after receiving the report, within N hours, the supplier arranges
    # an engineer / replies / deals with it
    ("response_time", "第八条 售后\n乙方接到甲方故障通知后2个工作日内安排工程师远程排查。", True),
    ("response_time", "第八条 质量异议\n乙方在接到甲方书面异议后十天内负责处理。", True),
    ("response_time", "第八条 售后\n乙方接到报修电话后二十四 (24) 小时内给予答复。", True),
    ("response_time", "第八条 付款\n甲方收到发票后三十日内支付货款。", False),
    ("response_time", "第八条 验收\n甲方收到货物后十日内组织验收。", False),
    (
        "response_time",
        "9. Indemnity\nCustomer may terminate if Provider fails to respond to a claim of infringement within ten days.",
        False,
    ),
    # --- resolution time: 改正/纠正 errors; 排除 only of a fault; settling a dispute or curing a breach is no fix
    ("resolution_time", "3.6 维护\n在软件安装完毕之日起六个月内，许可方将在五个工作日内改正软件中的错误。", True),
    ("resolution_time", "第六条 维修\n乙方应在接到通知后48小时内排除故障。", True),
    ("resolution_time", "第六条 争议\n发生争议时双方应及时协商解决。", False),
    ("resolution_time", "1. 定义\n事务总数是指一个小时内尝试的所有事务，不包括排除的事务。", False),
    ("resolution_time", "第十条 解除\n客户违反合同义务，且在收到通知后14日内未改正的，供应方可解除合同。", False),
    # --- change procedure: 更改 in writing, a reserved right to change, changes "from time to time", notice before
    # changes, no change during the term; a party telling the other of a change of office is not about the contract
    ("change_procedure", "15. 其他\n本协议只能通过双方签署的书面文件进行更改。", True),
    ("change_procedure", "15. 修改\n供应商保留随时修改本协议的权利。", True),
    ("change_procedure", "15. 修改\n供应商可能会不时修改本协议及相关政策。", True),
    ("change_procedure", "15. 服务级别\n本服务级别协议的变更将提前三十天通知客户。", True),
    ("change_procedure", "15. 服务级别\n在您的协议期间，本协议的条款不会做任何变动。", True),
    ("change_procedure", "4. 场所\n供应方可为客户重新分配办公场所，并应事先将这种变动书面通知客户。", False),
    ("change_procedure", "4. 支持\n供应商将不时更新知识库文章。", False),
    (
        "change_procedure",
        "14. Changes\nWe will provide at least 90 days' notice for adverse material changes to this SLA.",
        True,
    ),
    # --- support after the end: the customer's data may be retrieved or migrated after termination
    ("post_termination_support", "10. 终止\n本协议终止后九十 (90) 天内，客户仍可访问软件以迁移其数据。", True),
    ("post_termination_support", "10. 终止\n订购期满时，我们会将客户数据保留至少九十 (90) 天以便于您提取。", True),
    (
        "post_termination_support",
        "10. Termination\nFor 30 days after termination Customer may export its Customer Data from the Service.",
        True,
    ),
    ("post_termination_support", "10. 终止\n本协议终止后，客户应删除软件的所有副本。", False),
    ("post_termination_support", "10. 数据\n客户可以随时导出其数据。", False),
    # --- more of the usual wording of equipment contracts
    ("resolution_time", "第六条 售后\n一般故障应在48小时内排除。", True),
    ("resolution_time", "第六条 售后\n维修时间不超过72小时。", True),
    ("resolution_time", "第六条 售后\n维修人员应每月对设备巡检一次。", False),
    ("service_hours", "第五条 服务\n乙方提供7天×24小时热线服务，全年无休。", True),
    ("service_hours", "第五条 服务\n乙方应在7天内交付24台设备。", False),
    ("warranty_period", "第六条 售后\n设备自验收合格之日起免费维修期为一年。", True),
    ("warranty_period", "第六条 售后\n设备安装调试免费。", False),
    ("onsite_support", "第七条 服务\n设备出现故障时，乙方维修人员应在24小时内赶到。", True),
    ("onsite_support", "第七条 服务\n乙方派员驻场指导安装调试。", True),
    ("onsite_support", "第七条 验收\n验收时甲方代表应到场签字。", False),
    # --- model forms leave the number blank: still a response or repair time
    ("response_time", "4.2.8 在接到甲方关于项目运行故障的通知后 小时内做出反应。", True),
    ("response_time", "第八条 售后\n乙方应在接到通知后____小时内响应。", True),
    ("resolution_time", "第八条 售后\n乙方应在____个工作日内修复故障。", True),
    ("response_time", "第八条 售后\n乙方应尽力回复甲方的问题。", False),
    # a repair time in words; resuming performance after force majeure is no fix
    ("resolution_time", "第八条 保修\n乙方未能在合理期限内进行修复的，甲方可委托第三方维修。", True),
    ("resolution_time", "第十条 不可抗力\n任何一方均应在不可抗力结束后尽快恢复履行其义务。", False),
    # training the buyer's people, showing them how to use it; not the supplier training its own workers
    ("training", "第九条 交付\n乙方应在交付时对甲方进行使用指导。", True),
    ("training", "第九条 服务\n乙方应对其从业人员进行节能管理专业培训。", False),
    ("training", "第九条 服务\n乙方应对本物业的从业人员进行安全操作培训。", False),
    ("training", "第九条 安装\n乙方负责设备的安装指导。", False),
    # a maker's manual named as what the maintenance must follow is not documentation handed over
    ("documentation", "第七条 保养\n保养项目应覆盖制造单位安装使用维护说明书要求的特殊保养项目。", False),
    # ... nor the documentation named as where a function is described
    ("documentation", "3. 数据\n您可使用服务技术文档中详述的功能导出客户数据。", False),
    (
        "documentation",
        "3. Data\nYou may export Customer Data using the functionality detailed in the technical documentation.",
        False,
    ),
    ("documentation", "3. 交付\n乙方应提供技术文档，文档中详述各项功能。", True),
    # changes by agreement in a model form's words
    ("change_procedure", "十五、其他\n本合同未约定或约定不明的事宜，双方可另行签订补充协议作为合同附件。", True),
    ("change_procedure", "十五、其他\n经双方协商一致，可以变更本合同。", True),
    ("change_procedure", "十五、其他\n补充协议与本合同具有同等法律效力。", True),
    ("change_procedure", "十五、其他\n双方协商一致后签署验收单。", False),
    # a size is not support coverage; a reply to a request to change the contract is not a support response
    ("service_hours", "第二条 规格\n显示屏尺寸为5×8米。", False),
    ("response_time", "第十五条 变更\n乙方收到甲方的变更要求后5日内作出书面答复。", False),
    # the warranty extended by downtime is a remedy; a warranty that is not extended is not
    ("support_remedy", "第八条 保修\n设备在保修期内因质量问题停机的，保修期相应顺延。", True),
    ("support_remedy", "第八条 保修\n因乙方原因造成设备停机超过72小时的，质保期按停机时间加倍顺延。", True),
    ("support_remedy", "第八条 保修\n因甲方原因延迟验收造成设备停用的，质保期不予顺延。", False),
    # a response within the time the contract sets elsewhere; support for life
    ("response_time", "第九条 违约\n若乙方未在规定时间内响应，甲方有权从服务费中扣除相应费用。", True),
    ("response_time", "第九条 交货\n乙方应在规定时间内交货。", False),
    ("post_termination_support", "第八条 保修\n设备保修一年，终身维护。", True),
    ("post_termination_support", "第八条 保修\n设备保修一年，期间免费维护。", False),
    # --- support remedy: a delay penalty for late delivery is not a remedy for support failures
    ("support_remedy", "第九条 违约\n乙方未在24小时内到达现场维修的，每逾期一天，按服务费的1%支付违约金。", True),
    ("support_remedy", "第九条 违约\n乙方逾期交货，每逾期一天，应支付未提供服务相应费用的0.3%作为违约金。", False),
    # --- on-site: "online support" is a way of support, an "online service" is what SaaS terms sell
    ("onsite_support", "5. Support\nSeller provides online technical support during business hours.", True),
    (
        "onsite_support",
        "2. Accounts\nYou are responsible for all activities associated with your online service accounts.",
        False,
    ),
    # --- session 3: the phrasing families of the definitions, written from drafting practice
    # support remedy: a support duty missed (late arrival, maintenance not done, repair delayed or done badly, service
    # below the agreed standard) and its consequence; the buyer's repair by a third party at the supplier's cost; a
    # stand-by unit during the repair; the repair time not counted against the warranty; an assessment that cuts the fee
    ("support_remedy", "第九条 违约责任\n维保单位未按约定时间到达现场的，每迟到一小时，支付违约金200元。", True),
    ("support_remedy", "第九条 违约责任\n乙方未按本合同约定履行维保义务的，甲方有权扣减当月维保费用。", True),
    ("support_remedy", "第九条 违约责任\n因乙方维修不及时给甲方造成损失的，乙方应予赔偿。", True),
    ("support_remedy", "第九条 违约责任\n因维保质量原因造成设备事故的，由乙方承担赔偿责任。", True),
    ("support_remedy", "第九条 违约责任\n维护服务达不到附件约定标准的，服务方应支付年度服务费5%的违约金。", True),
    ("support_remedy", "第九条 售后\n乙方在约定期限内未能修复的，甲方可委托第三方维修，所需费用由乙方承担。", True),
    ("support_remedy", "第九条 售后\n修理期间，卖方应向买方提供备用设备。", True),
    ("support_remedy", "第九条 售后\n因修理占用的时间不计入保修期。", True),
    ("support_remedy", "第九条 违约责任\n受托方拖延维修的，应按延误天数减收修理费。", True),
    ("support_remedy", "第九条 考核\n月度考核不合格的，甲方有权扣减当月服务费的10%。", True),
    ("support_remedy", "第九条 违约责任\n甲方逾期支付维保费的，每逾期一日按应付金额的千分之一支付违约金。", False),
    ("support_remedy", "第九条 违约责任\n因甲方使用不当造成设备损坏的，维修费用由甲方承担。", False),
    ("support_remedy", "第九条 违约责任\n任何一方违反本合同约定的，应赔偿对方因此遭受的损失。", False),
    ("support_remedy", "第九条 售后\n保修期满后，乙方提供有偿维修服务。", False),
    ("support_remedy", "第九条 售后\n乙方应储备足够的备用零件。", False),
    # response time: a reply about a bill, a quotation, a design under review or an acceptance result is no support
    # response; nor is a tender's response document
    ("response_time", "第六条 维保\n维保单位接到故障报告后30分钟内给予回应。", True),
    ("response_time", "第六条 服务\n对甲方提出的技术问题，乙方应在24小时内给予答复。", True),
    ("response_time", "第六条 付款\n甲方应在收到乙方结算报告后7日内予以答复。", False),
    ("response_time", "第六条 设计\n委托人应在收到设计文件后10日内书面反馈审查意见。", False),
    ("response_time", "第六条 报价\n乙方应在收到询价单后3日内书面回复报价。", False),
    ("response_time", "第六条 验收\n甲方应在到货后7日内验收货物，并书面反馈验收结果。", False),
    ("response_time", "第六条 履约\n乙方应按照响应文件承诺的时间交货。", False),
    # on-site support: service done at the site or people going there; "现场" alone is also the building site, the
    # scene of an accident or a photo of the damage
    ("onsite_support", "第七条 售后\n乙方接到通知后应派技术人员到甲方现场处理。", True),
    ("onsite_support", "第七条 售后\n卖方提供上门维修服务。", True),
    ("onsite_support", "第七条 维保\n维保人员应在接到报修后30分钟内到达电梯所在地。", True),
    ("onsite_support", "第七条 售后\n乙方提供现场技术服务。", True),
    ("onsite_support", "第七条 安装\n乙方应确保其技术人员按规范安装和调试设备。", True),
    ("onsite_support", "第七条 服务\n乙方应委派符合资格要求的人员常驻项目提供服务。", True),
    ("onsite_support", "第七条 交货\n甲方应在交货现场对货物进行清点。", False),
    ("onsite_support", "第七条 验收\n双方应在施工现场共同验收。", False),
    ("onsite_support", "第七条 安全\n乙方应遵守甲方现场的安全管理规定。", False),
    ("onsite_support", "第七条 运输\n发现破损应拍摄现场照片并通知承运人。", False),
    # documentation: manuals by any name; technical documents, drawings, certificates when they are supplied; not
    # the buyer's building drawings, an archive, the IP or the confidentiality of documents
    ("documentation", "第五条 交货\n卖方应随设备提供产品合格证和装箱单。", True),
    ("documentation", "第五条 资料\n乙方应向甲方提交设备的全套技术资料。", True),
    ("documentation", "第五条 资料\n设备的调试手册作为合同附件。", True),
    ("documentation", "第五条 交付\n技术资料由卖方随机提供。", True),
    ("documentation", "第五条 设计\n买方应向卖方提供设备安装所需的土建图纸。", False),
    ("documentation", "第五条 知识产权\n乙方在履行合同中形成的图纸、文件的知识产权归甲方所有。", False),
    ("documentation", "第五条 保密\n一方应对对方提供的技术资料承担保密义务。", False),
    ("documentation", "第五条 物业\n合同终止时，乙方应向甲方移交全部档案和图纸资料。", False),
    # resolution time: a stated repair period
    ("resolution_time", "第六条 维修\n承修方应在约定的修理期限内完成修理。", True),
    ("resolution_time", "第六条 租赁\n租赁期满后，承租人应在15日内恢复原状。", False),
    # --- a second set of our own sentences, written before the rules below (10 of 48 were wrong, then 2)
    ("response_time", "第八条 售后\n乙方应当及时解答甲方的投诉和咨询。", True),
    ("response_time", "第八条 售后\n在接到甲方故障通知后，乙方在 的时间内做出响应。", True),
    ("response_time", "第八条 维保\n电梯困人时，维保单位接到报警后应立即响应。", True),
    ("response_time", "第八条 审核\n甲方应在收到乙方提交的月度报告后5个工作日内审核并回复。", False),
    ("resolution_time", "第八条 维修\n维修期限自承修方收到修理物之日起计算，不得超过十日。", True),
    ("resolution_time", "第八条 售后\n乙方应于到场后4小时内使设备恢复正常运行。", True),
    ("resolution_time", "第八条 变更\n双方应在10日内协商解决价格调整事宜。", False),
    ("support_remedy", "第十条 违约\n因乙方原因导致设备停机超过48小时的，乙方应按日支付合同金额0.1%的违约金。", True),
    ("support_remedy", "第十条 违约\n维保服务未达到合同约定标准的，甲方有权按比例减付维保费。", True),
    ("support_remedy", "第十条 违约\n质保期内乙方拒绝履行保修义务的，甲方可自行维修，费用从质保金中扣除。", True),
    ("support_remedy", "第十条 三包\n修理时间超过5日的，销售者应当为消费者提供备用车。", True),
    ("support_remedy", "第十条 违约\n甲方未按时支付租金的，应按日支付万分之五的滞纳金。", False),
    ("support_remedy", "第十条 违约\n乙方违约的，应承担违约责任。", False),
    ("documentation", "第四条 交付\n设备随附操作手册、电气原理图及备件清单。", True),
    ("documentation", "第四条 交付\n卖方应在发货时提供产品检验报告和质量合格证明。", True),
    ("documentation", "第四条 施工\n乙方应按照甲方提供的施工图纸施工。", False),
    ("documentation", "第四条 保密\n未经甲方书面同意，乙方不得向第三方披露甲方提供的技术文件。", False),
    ("onsite_support", "第七条 安装\n设备的安装和调试由卖方派人负责完成。", True),
    ("onsite_support", "第七条 售后\n卖方技术人员应在接到通知后24小时内到达设备安装地点。", True),
    ("onsite_support", "第七条 事故\n发生事故后，乙方应保护好现场并立即报告。", False),
    ("onsite_support", "第七条 安全\n乙方人员进入施工现场应佩戴安全帽。", False),
    ("training", "第六条 服务\n卖方应对买方的技术人员进行操作和维护方面的技术指导与培训。", True),
    ("training", "第六条 用途\n租赁房屋仅用于办公，不得用于培训、餐饮等经营活动。", False),
    ("training", "4. Use\nThe premises may not be used for training purposes.", False),
    ("warranty_period", "第五条 租赁\n租赁期内设备出现质量问题的，出租方负责免费维修。", True),
    ("warranty_period", "第五条 验收\n验收时发现质量问题的，由乙方负责更换。", False),
    ("warranty_period", "第五条 履约担保\n乙方应提交履约保函，保证期间至合同履行完毕。", False),
    ("change_procedure", "第十二条 其他\n双方可协商重新约定服务期限和价格。", True),
    ("change_procedure", "第十二条 其他\n双方达成一致后签署补充协议对本协议内容进行变更。", True),
    ("change_procedure", "第十二条 通知\n一方变更联系地址的，应在三日内书面通知对方。", False),
    # --- third round, from the reasons (not the sentences) of misses on development texts that arrived later
    ("resolution_time", "第八条 维保\n发生故障时，乙方应及时组织抢修。", True),
    ("resolution_time", "第八条 质量\n成果不合格的，乙方必须在____天内完成返修。", True),
    ("resolution_time", "第八条 停机\n甲方交清欠费后，乙方应在24小时内恢复服务。", False),
    ("support_remedy", "第十条 违约\n乙方保养时间不足的，甲方可拒付当月保养费。", True),
    ("support_remedy", "第十条 违约\n返修后质量仍不合格的，乙方应支付合同总价5%的违约金。", True),
    ("support_remedy", "第十条 付款\n甲方对账单有异议的，可暂停支付有争议的部分。", False),
    ("onsite_support", "第七条 安装\n由卖方现场完成设备的安装调试。", True),
    ("onsite_support", "第七条 服务\n乙方应按甲方通知的日期组织人员进场作业。", True),
    ("onsite_support", "第七条 交货\n乙方负责将设备运至甲方指定地点。", False),
    ("documentation", "第四条 交接\n甲方应将设备的出厂合格证和检验报告等技术资料移交乙方。", False),
    ("documentation", "第四条 其他\n以公告、使用手册等形式公开做出的服务承诺为本合同的一部分。", False),
    ("documentation", "第四条 交接\n乙方应将设备的使用说明书移交甲方。", True),
    ("change_procedure", "第十二条 其他\n本合同未尽事宜，由双方另行约定。", True),
    ("change_procedure", "第十二条 其他\n可签订补充协定，补充协定与本合同具有同等效力。", True),
    ("change_procedure", "第十二条 资费\n乙方调整资费的，应提前三十日以公告方式告知甲方。", True),
    ("change_procedure", "第十二条 价格\n合同价格为固定价格，不因市场变化调整。", False),
    # --- fourth round: replies on applications, results reported, data deleted are no support response; documents
    # whose late supply moves the delivery date are the buyer's inputs; qualifying one's own workers is no training
    ("response_time", "第八条 监理\n监理人应在收到承包人的延期申请后7日内予以答复。", False),
    ("response_time", "第八条 检测\n乙方应在5个工作日内将检测结果书面反馈甲方。", False),
    ("response_time", "第八条 数据\n受托方收到删除指令后10个工作日内删除数据并书面反馈。", False),
    ("response_time", "第八条 订货\n乙方应在收到甲方订单后3日内确认交货期并回复。", False),
    ("response_time", "第八条 服务\n乙方收到甲方维修申请后2小时内响应。", True),
    ("response_time", "第八条 投诉\n乙方接到用户投诉后24小时内答复。", True),
    ("documentation", "第七条 违约\n需方未按约定提供技术资料的，供方交货期相应顺延。", False),
    ("documentation", "第七条 交货\n供方交货时应提供技术资料，并随货附装箱单。", True),
    ("training", "第六条 人员\n乙方应对操作人员进行岗前培训，特种作业人员必须持证上岗。", False),
    ("training", "第六条 培训\n卖方应对买方的操作人员进行培训，使其能独立操作设备。", True),
    # the buyer failing to pay the service or maintenance fee is no remedy for a support failure ("服务费", "维保费用"
    # hold the words of a support duty); the service performed below its quality standard is one
    ("support_remedy", "第十条 违约\n甲方超过约定期限未支付服务费的，应按日支付万分之五的违约金。", False),
    ("support_remedy", "第十条 违约\n甲方未按约定支付维保费用的，乙方有权暂停服务，甲方应赔偿乙方损失。", False),
    ("support_remedy", "第十条 违约\n委托方拖延支付服务费用的，应支付违约金。", False),
    ("support_remedy", "第十条 违约\n乙方未按时修复的，甲方可从未支付的服务费中扣除相应金额。", True),
    (
        "support_remedy",
        "第十条 违约\n承修方未在约定期限内交付修理物的，每逾期一日，按修理费的百分之一支付违约金。",
        True,
    ),
    (
        "support_remedy",
        "第十条 违约\n乙方未按约定的质量标准履行服务义务，经催告仍未改正的，甲方有权扣除履约保证金。",
        True,
    ),
    ("support_remedy", "第十条 违约\n产品不符合质量标准的，卖方应负责退换。", False),
    # what is done at the site decides: installation or repair there is on-site support, acceptance or a hand-over
    # there is not; people sent to supervise are the buyer's
    ("onsite_support", "第七条 验收\n双方应在交货现场进行验收。", False),
    ("onsite_support", "第七条 验收\n货物到达后，双方在甲方现场进行交接并签字。", False),
    ("onsite_support", "第七条 监督\n甲方委派管理人员对乙方的服务进行监督检查。", False),
    ("onsite_support", "第七条 安装\n乙方在甲方现场进行设备安装和调试。", True),
    ("onsite_support", "第七条 维修\n必要时乙方在现场完成维修。", True),
    ("onsite_support", "第七条 服务\n乙方应选派具有资质的维保人员承担本项目。", True),
    ("resolution_time", "第六条 保修\n保修期限为验收合格之日起12个月。", False),
    ("resolution_time", "第六条 维修\n修理期限为十五日。", True),
    ("documentation", "第四条 投标\n乙方应提供营业执照、资质证书等资格证明文件。", False),
    ("warranty_period", "第五条 验收\n验收期内发现质量问题的，由乙方负责更换。", False),
    # a sixth set of our own, other contract types (IT service levels, medical equipment, vehicle 三包, elevator
    # maintenance): a fault acknowledged or taken up within a time; an uptime level missed and its consequence
    ("response_time", "5. 服务级别\n对于一级故障，服务商应在15分钟内确认并开始处理。", True),
    ("response_time", "5. 服务\n服务商收到工单后30分钟内受理。", True),
    ("response_time", "第八条 质量\n甲方收到乙方问题报告后3日内确认。", False),
    ("response_time", "第八条 订货\n乙方收到订单后2日内确认。", False),
    ("response_time", "第五条 维保\n维保单位应设立24小时维修值班电话。", False),
    ("support_remedy", "5. 服务级别\n月可用率低于99.9%的，服务商按下表向客户返还服务费。", True),
    ("support_remedy", "第七条 售后\n保修期内设备开机率应不低于95%，每低于1%，保修期延长一个月。", True),
    ("support_remedy", "第八条 三包\n一次修理时间超过5日的，销售者应当为消费者提供备用车或给予交通费用补偿。", True),
    ("support_remedy", "第三条 违约\n供方所交货物型号不符合规定的，需方同意利用的，按质论价。", False),
    ("onsite_support", "第五条 维保\n维保单位应每15日对电梯进行一次清洁、润滑、调整和检查。", False),
    ("onsite_support", "第三条 交货\n交货地点：需方工地现场。", False),
    ("documentation", "第三条 包装\n包装物由供方提供，不予回收。", False),
    # --- session 3, night (round 2 re-designated texts read for their misses): phrasing families, our own wording
    # response time: arriving at the site after the notice is on-site support, not a reply; finishing a matter is
    # no reply
    ("response_time", "第八条 维保\n维保单位接到报修后，应在1小时内回复甲方并告知处理安排。", True),
    ("response_time", "第八条 维保\n维保单位接到报修后，应在4小时内到达现场进行处理。", False),
    ("onsite_support", "第八条 维保\n维保单位接到报修后，应在4小时内到达现场进行处理。", True),
    ("response_time", "第九条 违章\n承租方接到出租方通知后十日内将违章罚单处理完毕。", False),
    # resolution time: 处理 is a fix only of a fault, a complaint or a support request
    ("resolution_time", "第六条 维修\n设备运行中出现故障的，乙方应及时处理。", True),
    ("resolution_time", "第六条 售后\n卖方收到用户投诉后应尽快处理。", True),
    ("resolution_time", "第六条 车辆\n承租方应及时处理租赁期内的交通违章罚款。", False),
    ("resolution_time", "第六条 保险\n发生交通事故后，乙方应通知保险公司及时处理。", False),
    ("resolution_time", "第六条 巡查\n物业公司巡查中发现问题应及时处理并做好记录。", False),
    # ... replacing a person is no fix; the hours of a repair service or how long a part was used are no repair time
    ("resolution_time", "第五条 维修\n乙方应在三日内更换损坏的零部件。", True),
    ("resolution_time", "第五条 代表\n甲方更换现场代表的，应按约定的时间提前通知乙方。", False),
    ("resolution_time", "第九条 服务\n故障修复时间不超过二十四小时。", True),
    ("resolution_time", "第九条 服务\n乙方抢修服务时间：每日8:00至20:00。", False),
    ("resolution_time", "第九条 车辆\n轮胎更换□是□否，已使用时间  个月。", False),
    # ... the timeliness of the repair promised in words
    ("resolution_time", "第七条 保修\n保修期内乙方应保证维修及时、质量可靠。", True),
    ("resolution_time", "第七条 保修\n乙方应确保修理工作的时效。", True),
    ("resolution_time", "第七条 保修\n乙方应确保维修人员持证上岗。", False),
    ("resolution_time", "第七条 保修\n维修结束后乙方应及时通知甲方。", False),
    # support remedy: the supplier's failure cuts its own service fee; replacing a person is no support duty
    ("support_remedy", "第十条 违约\n乙方未按保养计划完成保养的，甲方可拒付当月保养费。", True),
    ("support_remedy", "第十条 违约\n服务商未在约定期限内完成整改的，采购方有权扣减当季运维费用。", True),
    ("support_remedy", "第十条 违约\n甲方未按约定支付维保费的，乙方有权暂停服务。", False),
    ("support_remedy", "第十条 结算\n甲方可从应付款中扣除已预付的服务费。", False),
    ("support_remedy", "第十条 人员\n乙方人员未按规定着装的，甲方有权要求更换有关人员并要求赔偿。", False),
    # warranty period: the period during which the seller or contractor answers for the quality
    ("warranty_period", "第五条 质量\n卖方对设备质量负责的期限为二十四个月。", True),
    ("warranty_period", "第五条 质量\n承揽方对工作成果质量承担责任的期间：____。", True),
    ("warranty_period", "第五条 质量\n卖方对所供设备的质量负责。", False),
    ("warranty_period", "第五条 质量\n卖方对质量负责的条件：符合国家标准。", False),
    # documentation: the items of a list are read with the sentence that announces it (documents the owner hands TO the
    # maintainer are no documentation for the buyer); a manual as the yardstick of the work; drawings the customer
    # supplies
    (
        "documentation",
        "第九条 甲方义务\n签约时甲方应向维保单位提供下列资料：\n（1）电梯使用说明书；\n（2）电气原理图。",
        False,
    ),
    ("documentation", "第九条 资料\n交货时乙方应向甲方提供下列资料：\n（1）使用说明书；\n（2）电气原理图。", True),
    ("documentation", "第九条 检查\n甲方有权检查保养后的设备是否符合国家标准和厂家使用说明书要求。", False),
    ("documentation", "第九条 交付\n乙方应随设备提供中文使用说明书。", True),
    ("documentation", "第九条 图纸\n承揽方发现委托方提供的图纸有误的，应及时书面告知。", False),
    ("documentation", "第九条 图纸\n承揽方应在完工时一并交付竣工图纸。", True),
    ("documentation", "第六条 交付\n乙方交付数据时应同时提供数据字典和说明文件。", True),
    ("documentation", "第六条 投标\n投标人应按招标说明文件的要求编制标书。", False),
    # on-site support: installation as the seller's part of a sale (its own term, its period, the seller late with
    # it, the seller's installation service), people entering the site to work, a team sent, a rescue service; not
    # delivery to the door, a safety briefing on entry, people sent to witness a test, an emergency plan
    ("onsite_support", "第十一条 设备的安装与调试：", True),
    ("onsite_support", "第十一条 安装\n设备到货后10日内安装调试完毕。", True),
    ("onsite_support", "第十一条 违约\n卖方延期安装的，每日支付合同总额千分之一的违约金。", True),
    ("onsite_support", "第十一条 安装\n乙方应在交货后五日内完成设备的安装。", True),
    ("onsite_support", "第十一条 安装\n卖方提供的安装调试服务不另收费。", True),
    ("onsite_support", "第十一条 安装\n设备的安装与调试由买方自行负责。", False),
    ("onsite_support", "第十一条 质保\n质保期自安装调试完毕之日起计算。", False),
    ("onsite_support", "第十二条 施工\n乙方人员入场作业前应办理登记。", True),
    ("onsite_support", "第十二条 安全\n甲方对乙方人员进行入场安全教育。", False),
    ("onsite_support", "第十二条 服务\n乙方应派出项目服务小组常驻甲方。", True),
    ("onsite_support", "第十二条 检验\n买方可派出人员参加出厂检验。", False),
    ("onsite_support", "第十二条 证明\n乙方应提供当地派出所出具的证明。", False),
    ("onsite_support", "第十三条 服务\n出租方提供二十四小时道路救援服务。", True),
    ("onsite_support", "第十三条 安全\n乙方应制定应急救援预案并每年演练一次。", False),
    ("onsite_support", "第三条 服务\n卖方负责上门维修。", True),
    ("onsite_support", "第三条 交付\n卖方负责送货上门，运费由卖方承担。", False),
    # change procedure: the customer's right to change the work required during performance; other terms to be set
    # down in a supplement; not the heading of a blank field, nor checking the work midway
    ("change_procedure", "第十五条 变更\n定作人可以中途变更加工要求，由此增加的费用由定作人承担。", True),
    ("change_procedure", "第十五条 其他\n其他约定事项由双方另行签订补充协议。", True),
    ("change_procedure", "第十五条 其他约定事项：", False),
    ("change_procedure", "第十五条 监督\n甲方有权中途检查工作进度。", False),
    # a second set of our own for the same families, written before running it (other wording and contract types):
    # 3 of 37 were wrong (half an hour, arriving at where the equipment stands, following a manual's rules), now 0 of 36
    ("response_time", "第七条 售后\n供方在收到需方故障报告后半小时内电话响应。", True),
    ("response_time", "第七条 售后\n供方收到需方通知后24小时内派技术人员赶到现场。", True),
    ("response_time", "第七条 售后\n服务商接到通知后8小时内抵达设备所在地进行检修。", False),
    ("onsite_support", "第七条 售后\n服务商接到通知后8小时内抵达设备所在地进行检修。", True),
    ("response_time", "第七条 退货\n乙方接到退货通知后七日内将货款退还处理完成。", False),
    ("resolution_time", "第八条 维修\n设备发生异常时，维保方须尽快处理，恢复正常运行。", True),
    ("resolution_time", "第八条 维修\n维修方应在四十八小时内将故障设备修复。", True),
    ("resolution_time", "第八条 罚款\n因乙方原因产生的行政罚款，由乙方在五日内处理完毕。", False),
    ("resolution_time", "第八条 投诉\n物业服务企业对业主的投诉应及时处理。", True),
    ("resolution_time", "第八条 管理\n甲方更换项目负责人的，应书面通知乙方。", False),
    ("resolution_time", "第八条 维修\n维修单位须做到维修及时、收费合理。", True),
    ("resolution_time", "第八条 档案\n乙方应及时处理往来文件并归档。", False),
    ("support_remedy", "第十二条 违约\n维保方未按规定频次进行保养的，委托方有权扣除当月维护费的20%。", True),
    ("support_remedy", "第十二条 违约\n乙方达不到约定的服务标准的，甲方可以核减本季度服务费。", True),
    ("support_remedy", "第十二条 违约\n乙方未按期交付设备的，甲方有权扣减货款。", False),
    ("support_remedy", "第十二条 费用\n双方同意从维保费中扣除零配件费用。", False),
    ("warranty_period", "第四条 质量\n出卖人对标的物质量负责的期限自交付之日起一年。", True),
    ("warranty_period", "第四条 质量\n供方对产品质量负责，需方对使用负责。", False),
    ("warranty_period", "第四条 质量\n承包人对工程质量承担责任的期限按国家规定执行。", True),
    ("documentation", "第三条 资料\n需方应向供方提供以下文件：\n1、设备操作手册；\n2、现场平面图。", False),
    ("documentation", "第三条 资料\n供方随机提供以下文件：\n1、设备操作手册；\n2、合格证。", True),
    ("documentation", "第三条 保养\n乙方应按照制造商维护手册的规定进行保养。", False),
    ("documentation", "第三条 保养\n保养作业应满足设备维护保养手册的要求。", False),
    ("documentation", "第三条 交付\n乙方应向甲方移交全部技术资料和维修手册。", True),
    ("onsite_support", "第六条 安装\n货物运抵后，由卖方在七个工作日内完成安装调试。", True),
    ("onsite_support", "第六条 违约\n供方迟延安装调试的，每迟延一日按合同价款的千分之三支付违约金。", True),
    ("onsite_support", "第六条 安装\n产品的安装与调试：由买方负责。", False),
    ("onsite_support", "第六条 交付\n本合同项下货物由卖方送货上门。", False),
    ("onsite_support", "第六条 服务\n厂家提供上门安装服务。", True),
    ("onsite_support", "第六条 救援\n维保单位提供每天24小时应急救援服务。", True),
    ("onsite_support", "第六条 救援\n甲方应定期组织应急救援演练。", False),
    ("onsite_support", "第六条 检验\n买方有权派出代表参加工厂检验。", False),
    ("change_procedure", "第十四条 其他\n其它约定事项可在附件中列明。", True),
    ("change_procedure", "第十四条 其他\n双方其他约定事项：无。", False),
    ("change_procedure", "第十四条 变更\n委托人有权变更委托工作的内容，但应书面通知受托人。", True),
    ("change_procedure", "第十四条 变更\n甲方中途变更工作要求的，应支付相应费用。", True),
    # --- the same night, from the reasons of misses on the sixth set's development texts (scored once before they
    # were read: support-kind macro F1 0.74, keyword 0.67): "保质保量" is an idiom of delivery, not a warranty; going to
    # the site to supervise or witness is no on-site support; a blank number of days before a repair; showing the buyer
    # how to operate the goods at hand-over; matters not settled (未定事项) left to a supplement
    ("warranty_period", "第五条 供货\n卖方应保质保量按期交货。", False),
    ("warranty_period", "第五条 质保\n本设备质保一年，自验收之日起计算。", True),
    ("onsite_support", "第七条 检验\n买方有权到生产现场监督检验过程。", False),
    ("onsite_support", "第七条 售后\n卖方应派技术人员到现场排除故障。", True),
    ("resolution_time", "第八条 保修\n保修期内设备出现故障的，卖方应在   日内修复。", True),
    ("resolution_time", "第八条 标识\n乙方应于    年   月   日内更换全部标牌。", False),
    ("training", "第六条 交付\n交货时卖方应向买方演示设备的操作方法。", True),
    ("training", "第六条 宣传\n卖方可在展会上演示新产品。", False),
    ("change_procedure", "第十二条 其他\n合同中的未定事宜，由甲乙双方协商后订立补充条款。", True),
    ("change_procedure", "第十二条 其他\n本合同未定事项按国家有关规定执行。", False),
    # a customer replying (to the contractor's objection, to a delivery notice) is no support response
    ("response_time", "第八条 售后\n卖方接到需方通知后2小时内答复。", True),
    ("response_time", "第八条 图样\n承揽人对图样提出异议的，定作人应在收到异议后五日内答复。", False),
    ("response_time", "第八条 交货\n买方应在收到卖方发货通知后三日内回复确认。", False),
    # --- from the reasons of misses on five more development texts of the sixth set (scored once before they were
    # read: support-kind macro F1 0.79, session start 0.77, keyword 0.50): a sentence about replacing a person is no
    # fix; the 保修 stage of a project is no warranty; the rules changed with notice first; late entry to the site
    ("resolution_time", "第五条 人员\n服务方更换项目经理时，应提前5天书面告知客户，经客户同意后方可更换。", False),
    ("resolution_time", "第五条 维修\n服务方应在5天内更换损坏的部件。", True),
    ("warranty_period", "第二条 范围\n咨询服务覆盖项目的设计、施工、保修等阶段。", False),
    ("warranty_period", "第二条 保修\n施工方保修两年。", True),
    ("change_procedure", "第七条 规则\n平台修改服务协议的，应当提前十日公示并通知商户。", True),
    ("change_procedure", "第七条 设计\n设计方修改施工图的，应通知施工方。", False),
    ("support_remedy", "第九条 违约\n检测单位未按约定日期进场的，每迟延一日支付检测费1%的违约金。", True),
    ("support_remedy", "第九条 违约\n检测单位未按约定日期提交报告的，应当书面说明理由。", False),
    # --- from the reasons of misses on five more development texts of the sixth set (data20a, scored once before they
    # were read: 0.60 with the session-start rules and with every batch, keyword 0.43): a late start of the service is
    # a delay penalty; goods carried to the site are a delivery; a fix within the time the client sets; a reply
    # promised "积极"; the contract saying when it may be changed
    ("support_remedy", "第十条 违约\n平台未按约定日期为商户开通账号的，每逾期一日支付违约金五百元。", False),
    ("support_remedy", "第十条 违约\n平台故障未在约定时间内修复的，每逾期一日支付违约金五百元。", True),
    ("onsite_support", "第六条 交货\n卖方应将货物运送到买方施工现场。", False),
    ("onsite_support", "第六条 售后\n卖方应派工程师到施工现场指导安装。", True),
    ("resolution_time", "第九条 报告\n报告有误的，检测方应在委托方指定的期限内免费更正。", True),
    ("resolution_time", "第九条 整改\n发包方应在约定期限内整改完毕土建条件。", False),
    ("response_time", "第八条 服务\n平台对商户提出的问题应积极回复。", True),
    ("response_time", "第八条 服务\n平台应积极配合商户开展促销活动。", False),
    ("change_procedure", "第二十条 变更\n出现下列情况之一的，本协议可以变更：双方协商一致的。", True),
    ("change_procedure", "第二十条 设备\n本合同项下的设备不可以变更为其他品牌。", False),
]


test_chinese_wording_and_what_only_looks_like_it = phrasing_family_test(PAIRS)


def test_chinese_numbers_with_their_digits_in_brackets() -> None:
    """Numbers written "二十四 (24) 小时", "九十（90）天" are read once, with their unit."""
    found = durations("乙方应在二十四 (24) 小时内响应，并在九十（90）天内完成。")
    assert [(d["value"], d["unit"]) for d in found] == [("24", "hour"), ("90", "day")]
    report = check_text("6. 支持\n乙方应在接到通知后二十四 (24) 小时内响应。", as_of=AS_OF).as_dict()
    response = next(c for c in report["clauses"] if c["kind"] == "response_time")
    assert response["present"] and response["values"]["durations"][0]["value"] == "24"


def test_a_warranty_counted_in_days_states_its_length() -> None:
    assert warranty("许可方保证，自首次下载之日起九十 (90) 天内，软件符合其文档所述。") == {
        "days": "90",
        "text": "九十 (90) 天",
        "start_event": "首次下载",
    }
    # a repair time inside a warranty clause is not the warranty's length
    assert "days" not in (warranty("质保期内，乙方接到通知后7日内修复。") or {})
    report = check_text(
        "第六条 质量保证\n卖方保证，自设备验收合格之日起九十（90）天内，设备符合技术规格。", as_of=AS_OF
    ).as_dict()
    codes = {f["code"] for f in report["findings"] if f["kind"] == "warranty_period"}
    assert "missing" not in codes and "no_length" not in codes and "no_start" not in codes


@pytest.mark.parametrize(
    ("text", "unilateral"),
    [
        ("15. 修改\n供应商保留随时修改本协议的权利。", True),
        ("15. 修改\n我们可能会不时修改本协议。", True),
        ("15. 修改\n经双方协商一致，可以随时修改本合同。", False),
        ("15. 修改\n本协议只能通过双方签署的书面文件进行更改。", False),
    ],
)
def test_a_reserved_right_to_change_the_agreement_is_flagged_as_unilateral(text: str, unilateral: bool) -> None:
    report = check_text(text, as_of=AS_OF).as_dict()
    codes = {f["code"] for f in report["findings"] if f["kind"] == "change_procedure"}
    assert ("unilateral_change" in codes) is unilateral


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        (
            "5. 支持\n供应商每周五 (5) 天（不包括周末和法定节假日）每天二十四 (24) 小时提供标准技术支持。",
            {"days": "Mon-Fri", "start": "00:00", "end": "24:00"},
        ),
        ("5. 支持\n乙方提供每周七天、每天二十四小时的技术支持服务。", {"days": "Mon-Sun", "coverage": "24x7"}),
        ("5. 支持\n乙方提供7天×24小时热线服务，全年无休。", {"coverage": "24x7"}),
        ("5. 支持\n乙方提供5×8小时电话技术支持。", {"days": "Mon-Fri"}),
        (
            "5. 支持\n维护服务从星期一到星期五提供，早上８：００到下午５：００。",
            {"days": "Mon-Fri", "start": "08:00", "end": "17:00"},
        ),
        ("5. 支持\n热线服务时段为上午8点半至下午5点半。", {"start": "08:30", "end": "17:30"}),
        # 工作日 are PRC working days; a time right after a Chinese character ("为9:00") is read too; "5个工作日内" is a
        # time limit, not the days of service
        ("5. 支持\n服务时间：每个工作日9:00-17:00。", {"days": "Mon-Fri", "start": "09:00", "end": "17:00"}),
        (
            "5. 支持\n乙方应在5个工作日内提供服务，服务时间为9:00-17:00。",
            {"days": None, "start": "09:00", "end": "17:00"},
        ),
        ("5. 服务水平\n供应商承诺至少保持 99.95% 的正常运行时间。", {"availability_percent": "99.95"}),
    ],
)
def test_chinese_service_hours_are_read_so_no_finding_says_they_are_missing(text: str, hours: dict[str, str]) -> None:
    report = check_text(text, as_of=AS_OF).as_dict()
    found = next(c for c in report["clauses"] if c["kind"] == "service_hours")
    assert found["present"] and {k: found["values"].get(k) for k in hours} == hours
    # an uptime level alone still leaves the support hours unsaid
    incomplete = "incomplete" in {f["code"] for f in report["findings"] if f["kind"] == "service_hours"}
    assert incomplete is ("availability_percent" in hours)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("第六条 质量保证\n质保期为验收合格之日起十二个月。", "验收合格"),
        ("第六条 质量保证\n设备保修期为设备安装调试完毕之日起24个月。", "设备安装调试完毕"),
        ("第六条 质量保证\n质量保证期自验收合格之日起十二个月。", "验收合格"),
        # a length with no date it runs from: the start stays unsaid, and the finding says so
        ("第六条 质量保证\n质保期为十二个月，验收后乙方提供维修。", None),
    ],
)
def test_a_warranty_start_said_without_a_preposition_is_read(text: str, start: str | None) -> None:
    report = check_text(text, as_of=AS_OF).as_dict()
    codes = {f["code"] for f in report["findings"] if f["kind"] == "warranty_period"}
    value = warranty(text.split("\n", 1)[1]) or {}
    assert value.get("start_event") == start
    assert ("no_start" in codes) is (start is None)


def test_a_chinese_remedy_rate_keeps_its_period_and_its_cap() -> None:
    """ "每迟延一个工作日…0.5%…累计不超过合同总价的10%": a rate per (working) day and a cap, so the terms
    draft says "0.5 % per day, at most 10 %" instead of two bare percentages."""
    from disputedesk.domain.contract_clarity.values import rates

    got = rates("超过3个工作日的，每迟延一个工作日，卖方按合同总价的0.5%给予服务补偿，累计不超过合同总价的10%。")
    assert got[0] == {"percent": "0.5", "text": "0.5%", "per": "day", "base": "合同总价"}
    assert got[1] == {"percent": "10", "text": "10%", "base": "合同总价", "role": "cap"}
    # a percentage that only follows a price is no cap
    assert "role" not in rates("卖方按合同总价的0.5%支付违约金。")[0]
