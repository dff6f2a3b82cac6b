"""The checklist, service-level kinds: response and resolution time, service hours, remedies for a missed service
level, and refund or return, each with its English and Chinese patterns (kinds.py explains how a kind is found). These
are the terms the SLA engine measures a supplier's support against.

Split out of kinds_support.py by use case (DESIGN.md: modules of about 600 lines at most); the order of the entries
is the order of the checklist, first of all.
"""

# ruff: noqa: E501 - tables of regular expressions and bilingual texts read better unbroken

from __future__ import annotations

from .kinds_spec import (
    _ARRIVE_ZH,
    _BREACH_ZH,
    _DUTY_ZH,
    _FAIL_ZH,
    _FAULT_ZH,
    _FIX_EN,
    _FIX_ZH,
    _PRICE_CUT_ZH,
    _REMEDY_ZH,
    _RESP_EN,
    _RESP_ZH,
    _SUPPLIER_ZH,
    _THEN_EN,
    _VAGUE_EN,
    DUR_EN,
    DUR_ZH,
    DUR_ZH_B,
    DUR_ZH_BD,
    KindSpec,
    _c,
)
from .text import ZH_NUMBER
from .values import COVER_X12

# US federal contracts: an offeror answering or correcting a solicitation (its proposal, quotation or questions on the
# request) is neither a support response nor a fix
_SOLICITATION_EN = (
    r"\b(?:offerors?|bidders?|quoters?|solicitations?|request\s+for\s+(?:quotations?|proposals?|information)|rf[pqi]s?)\b|"
    r"\b(?:their|its|the\s+offeror['’]s)\s+(?:proposals?|quotations?|quotes|bids?)\b"
)
# what a US federal contract does when a service misses its standard: a deduction or reduction of the payment or
# price, payment withheld, a disincentive or a credit
_FED_REMEDY_EN = (
    r"(?:deduct\w*|disincentives?|withh\w*|credit\w*|reduc\w*\s+(?:in\s+|of\s+)?(?:the\s+)?(?:monthly\s+)?(?:payments?|price|"
    r"invoices?|fees?|amount))"
)
# a time of day written in 24-hour form ("0730", "1630")
_CLOCK24 = r"\b(?:[01]\d|2[0-3])[0-5]\d"

SERVICE_LEVEL_SPECS: tuple[KindSpec, ...] = (
    KindSpec(
        "response_time",
        "Response time",
        "响应时间",
        10,
        body=_c(
            rf"\b{_RESP_EN}\b[^.;。；]{{0,100}}?\bwithin\b[^.;。；]{{0,40}}?{DUR_EN}",
            rf"\bwithin\b[^.;。；]{{0,40}}?{DUR_EN}[^.;。；]{{0,100}}?\b{_RESP_EN}",
            r"\b(?:response|reaction)\s+times?\b",
            r"\b(?:initial|first)\s+response\b",
            rf"\b{_RESP_EN}\b[^.;。；]{{0,60}}\b{_VAGUE_EN}",
            rf"\b{_VAGUE_EN}\b[^.;。；]{{0,20}}\b{_RESP_EN}",
            rf"{_RESP_ZH}[^。；.;]{{0,30}}?{DUR_ZH_B}",
            rf"{DUR_ZH_B}\s*(?:内|以内)?[^。；.;]{{0,24}}?{_RESP_ZH}",
            r"响应时间|响应时限|(?:响应|回复|答复|应答)(?:速度|时限)",
            # a fault or a request acknowledged or taken up within a time ("对于一级故障，服务商应在15分钟内确认并开始处理"); also
            # a complaint, an enquiry or a call for help accepted (session 10: "接到投诉后2小时内受理", "对用户的投诉，平台经营者应在
            # 24小时内予以受理": the first answer of any service, platforms and property managers as much as equipment makers)
            rf"(?:故障|报修|工单|服务请求|支持请求|投诉|咨询|求助|申告)[^。；]{{0,30}}{DUR_ZH_B}\s*(?:内|以内)[^。；，,]{{0,6}}(?:确认|受理|开始处理|着手处理)",
            # a call answered within a time ("应在30分钟内接听报修电话"); not a hotline staffed ("24小时有人接听")
            rf"{DUR_ZH_B}\s*(?:内|以内)[^。；，,]{{0,6}}接听",
            # a response within a time the contract sets elsewhere ("未在规定时间内响应")
            rf"(?:规定|约定|承诺|要求)(?:的)?(?:时间|时限|期限)内[^。；.;]{{0,6}}{_RESP_ZH}",
            # (session 10: a visit or an arrival in answer to a repair request, "接到报修通知后4小时内到达现场", was tried as a
            # response time, the labels' reading in three development texts, and left out: it added four false alarms on
            # development elevator-maintenance and equipment-sale texts, where the labels read the arrival as on-site support only)
            # ... or a complaint, an enquiry or a fault report handled within the time a standard, the law or the contract sets
            # (session 10: "用户的报修和投诉，乙方应在行业服务标准规定的时限内答复", "…应按《…服务规范》要求的时限处理")
            r"(?:投诉|咨询|报修|故障|服务请求|支持请求|求助|申告)[^。；]{0,40}?(?:按|按照|依照|依据|根据|在)[^。；，,]{0,24}(?:规定|要求|约定|承诺|确定)"
            r"的?(?:时限|时间|期限)(?:内|以内)?[^。；，,]{0,6}(?:处理|答复|回复|受理|响应|解答)",
            rf"(?:及时|尽快|立即|第一时间|积极)[^。；.;]{{0,8}}{_RESP_ZH}",
            # a reply the same day ("对于用户提出的服务请求，乙方应于当日给予回复")
            rf"(?:当日|当天|即时)(?:内)?(?:予以|给予|作出|做出)?{_RESP_ZH}",
            # the usual Chinese way of stating a response time without the word: after receiving the fault report or
            # the buyer's notice, within N hours/days the supplier replies, arranges an engineer, deals with it
            rf"(?:接到|收到|接获|接收到|得到)[^。；]{{0,20}}(?:通知|报修|报告|电话|来电|留言|咨询|申告|求助|呼叫|工单|故障|异议|投诉|请求|要求|反馈|信息)"
            rf"[^。；]{{0,8}}?{DUR_ZH_B}\s*(?:内|以内)?(?:(?!{_ARRIVE_ZH})[^。；，,]){{0,8}}?(?:安排(?!发货|交货|送货|运输|装运|付款|提货|接货|收货|卸货|验收)|派(?!车|送|发)|指派|委派|答复|回复|解答|"
            r"处理(?!完毕|完成|结束|好)|给予|联系|提出处理意见|提出(?:解决|处理|维修)(?:方案|措施)|作出|做出|回电|回拨)",
        ),
        exclude=_c(
            r"\b(?:invoice|payment|purchase order|forecast|request for proposal)s?\b|付款|发票|订单确认",
            # a reply to a request to change the contract is not a support response
            r"变更[^。；]{0,30}(?:请求|申请|要求)|\bchange\s+(?:order|request)s?\b",
            # answering a legal claim, allegation or subpoena is not a support response
            r"\brespon\w*\s+to\s+(?:a\s+|any\s+|the\s+|such\s+)?(?:claims?|allegations?|subpoenas?|lawsuits?|legal)\b",
            # a reply about a bill, a quotation, a design or plan under review, an acceptance result or an approval is
            # no support response, unless the sentence is about a fault or a support request
            r"^(?![^\n]*(?:故障|报修|维修|抢修|维保|售后|技术支持|技术问题|服务请求|支持请求|服务申请|维修申请|报修申请|投诉|咨询|保修|质保|缺陷|异常|事故|停机|响应时间))"
            r"[^\n]*(?:结算|报价|询价|审查|审核|审批|批准|验收|设计文件|设计方案|施工方案|图纸|签证|对账|账单|发票|确认函|订货|订购|订单|申请|结果|删除|销毁)",
            # a tender's "响应文件" (the bid), responding to a tender
            r"响应(?:文件|性|招标|采购|磋商|谈判)",
            # the customer replying (to the contractor's objection, a delivery notice) is no support response; roles that
            # always name the customer only (甲方 is the seller or the provider in some forms)
            r"(?:^|[，,；;：:\s])(?:定作人|定作方|委托人|委托方|买受人|买方|需方|购货方|发包人|发包方|承租人|承租方)(?:应|应当|须|必须|将)?"
            r"(?:在|于)?[^。；，,]{0,20}(?:答复|回复|回应|反馈|作出反应|做出反应)",
            # ... nor in English ("The Customer shall answer the Supplier's questions within 5 days"), nor, in a US federal
            # contract, the Government, its Contracting Officer or the officer's representative (COR/COTR) answering
            r"\b(?:customer|buyer|purchaser|client|licensee|lessee|employer|owner|government|contracting\s+officer|cor|cotr)\s+"
            r"(?:shall|will|must|agrees\s+to|undertakes\s+to)\s+(?:\w+\s+){0,2}?(?:respond|reply|answer|acknowledge)\b",
            # answering a solicitation (offerors' proposals, quotations, questions on the request) is no support response
            _SOLICITATION_EN,
        ),
        triggers=tuple(
            (
                "respon repl acknowledg answer react call 回电 回拨 接听 响应 回复 答复 回应 反应 反馈 应答 解答 接到 收到 接获 接收 得到 确认 受理 开始处理 着手处理"
            ).split()
        ),
        baseline=("response time", "响应"),
    ),
    KindSpec(
        "resolution_time",
        "Resolution time",
        "修复时间",
        9,
        body=_c(
            rf"\b{_FIX_EN}\b[^.;。；]{{0,100}}?\bwithin\b[^.;。；]{{0,40}}?{DUR_EN}",
            rf"\bwithin\b[^.;。；]{{0,40}}?{DUR_EN}[^.;。；]{{0,100}}?\b{_FIX_EN}",
            r"\b(?:resolution|restoration|repair|fix|turnaround|recovery)\s+times?\b",
            rf"\b{_FIX_EN}\b\s*[:：]\s*(?:maximum|max\.?|within|no later than|not more than|at most|up to)?\s*{DUR_EN}",
            rf"\b(?:repair|resolve|fix|rectify|restore|remedy)\w*\b[^.;。；]{{0,60}}\b{_VAGUE_EN}",
            # ... or the vague word first, as for the response ("shall promptly repair", "as soon as possible, rectify"); not
            # a notice given promptly ("promptly notify the Supplier, who shall repair")
            rf"\b{_VAGUE_EN}\b(?:(?!\b(?:notif|inform|report|advis|tell)\w*)[^.;。；]){{0,20}}?\b(?:repair|resolve|fix|rectify|"
            r"restore|remedy|correct)\w*",
            rf"{DUR_ZH_BD}\s*(?:内|以内)?[^。；.;]{{0,24}}?{_FIX_ZH}",
            # "修复时间", "更换所需时间"; not the hours of a service ("抢修服务时间") nor how long a thing has been used ("使用时间")
            rf"{_FIX_ZH}[^。；.;]{{0,10}}(?<!服务)(?<!使用)(?:时间|时限)",
            # "维修时间不超过72小时", "故障处理时限：8小时"
            rf"(?:维修|抢修|故障处理|排除故障|修理|修复|返修)(?:时间|时限|期限|周期)[^。；.;]{{0,30}}?{DUR_ZH}",
            # (session 10) a period for rework or rectification stated, its number blank too ("返工周期为  天", "整改期限为5日")
            rf"(?:返工|返修|重测|整改)(?:周期|期限|时限)(?:为|是|：|:)?\s*{DUR_ZH_B}",
            # a repair finished within a time ("一般维修应在3日内完成"); not a plan or a budget for repairs
            rf"(?:维修|修理|抢修|急修|小修|中修|返修)(?!保养|养护|计划|方案|费|人员|基金|资金|记录)[^。；，,]{{0,10}}{DUR_ZH_BD}\s*(?:内|以内)(?:完成|完工|修好)",
            # a repair promised within a time, the repair itself right after it ("在接到通知后7日内免费维修"); not a visit
            # ("24小时内上门维修"), a notice ("3日内通知乙方维修") or routine upkeep (维修保养)
            rf"{DUR_ZH_BD}\s*(?:内|以内)[，,]?\s*(?:免费|予以|进行|负责|完成)?(?:维修|修理|检修)(?!人员|费|工|单位|保养|养护)",
            # a complaint or a support request closed within a time (session 10: "收到投诉后15日内办结", "对用户的投诉，应在7个工作日内
            # 处理完毕"); a complaint only received or an application decided is none
            rf"(?:投诉|报修|服务请求|支持请求|工单)[^。；]{{0,30}}{DUR_ZH_BD}\s*(?:内|以内)[^。；，,]{{0,6}}(?:办结|处理完毕|处理完成|处理完结|处理终结)",
            # a problem found in the service put right within a time ("发现服务质量问题的，乙方应在3日内整改完毕")
            rf"(?:问题|缺陷|不合格|不符合|隐患|整改通知|整改意见)[^。；]{{0,30}}{DUR_ZH_BD}\s*(?:内|以内)[^。；，,]{{0,8}}整改",
            # a defect in the work or the deliverable put right within a time ("成果文件存在错误的，乙方应在5日内免费修改")
            rf"(?:错误|差错|缺陷|瑕疵|质量问题|不合格|不符合)[^。；]{{0,24}}{DUR_ZH_BD}\s*(?:内|以内)[^。；，,]{{0,8}}(?:修改|补正|更正|修正|改正|重做|重作|补测|重测|重新(?:制作|出具|安装|施工|测量|检测|鉴定))",
            # a repair period stated or referred to ("在约定的修理期限内完成修理", "修理期限为十日")
            # ... or a fix within the time the client sets ("在甲方要求的时间内予以修正", "在指定期限内整改完毕")
            r"(?:要求|指定|规定|约定|商定)的?(?:时间|期限|时限)(?:内|以内)[^。；]{0,12}(?:修复|修正|更正|维修|修理|排除故障|返修)|"
            r"(?:约定|规定|承诺|合同)的?(?:修理|维修|抢修|修复)(?:期限|时限|时间)(?:内|以内)|(?<!保)(?:修理|维修|修复)(?:期限|时限)(?:为|是|：|:)",
            r"(?:及时|尽快|立即)[^。；.;]{0,8}(?:修复|解决|排除|维修|处理|抢修|修理|返修|修好)",
            # the timeliness of the repair promised in words ("确保维修的时间和质量", "保证维修及时")
            r"(?:保证|确保|做到)[^。；，,]{0,8}(?:维修|修理|修复|抢修|返修)(?:工作)?的?(?:时间|时效|及时)|(?:维修|修理|修复|抢修)(?:工作)?(?:要|应|须|必须)?及时(?!通知)",
            # a limit in words: "在合理期限内进行修复", "限期修复"
            r"(?:合理期限|合理时间|合理的期限|约定期限|规定期限|限期)[^。；.;]{0,8}(?:修复|维修|排除|更换|修理)",
            r"(?:最短时间|第一时间|尽快|尽早|马上|迅速|尽可能短的时间)[^。；.;]{0,12}(?:修复|解决(?!方案)|排除|恢复|修好|抢修)",
        ),
        exclude=_c(
            r"\b(?:breach\w*|terminat\w*|default\w*|invoice|payment|insolven\w*|bankrupt\w*)\b|违约方|解除合同|终止合同|付款",
            # settling a dispute is not fixing a fault
            r"协商[^。；]{0,6}解决|争议|纠纷|分歧",
            # the customer correcting what it supplied ("甲方提供的资料存在错误的，甲方应在3日内予以更正") is no fix by the supplier
            r"(?:^|[，,；;：:\s])(?:甲方|买方|需方|委托人|委托方|发包人|定作人|定作方)(?:应|应当|须|必须)(?:在|于)?[^。；，,]{0,12}(?:予以)?"
            r"(?:更正|修改|补正|改正|修正)",
            # offerors correcting their proposals or quotations is no fix of a fault
            _SOLICITATION_EN,
            # resuming performance after force majeure is no fix of a fault
            r"恢复履行|不可抗力(?:事件|影响)?[^。；]{0,10}(?:结束|消除|消失|终止)",
            # force majeure keeping the supplier from a fix, with its liability excluded ("因不可抗力导致故障未能及时修复的，乙方不承担责任")
            r"不可抗力[^。；]{0,30}(?:未能|无法|不能)[^。；]{0,40}(?:不承担|免除|免于|不负)",
            # putting premises or land back as they were at the end of a lease is no fix of a fault
            r"恢复原状|恢复原貌|恢复原样",
            # a service suspended for unpaid fees and resumed once they are paid
            r"欠费|(?:交清|缴清|结清|补交|补缴)[^。；]{0,30}恢复",
            # "处理" (deal with) is a fix only of a fault or a support request: "及时处理交通违法行为", "十五日内处理完毕" (a fine, a
            # claim, an accident reported to the insurer) are not; a sentence whose only fix word is 处理 and that names no fault,
            # complaint or support request does not count
            rf"^(?![^\n]*(?:{_FAULT_ZH}|投诉|服务请求|支持请求|工单|修复|维修|修理|抢修|返修|排除|恢复|更换|替换|解决|改正|纠正|修正|修好))[^\n]*处理",
            # a sentence about replacing a person ("更换项目负责人时，应提前7天书面报告，经同意后方可更换") is no fix
            r"(?:更换|调换)(?:其|有关|相关)?[^。；，,]{0,6}(?:代表|人员|负责人|管理员|联系人|项目经理|工程师|技术员)",
            # curing a breach, or the buyer failing to fix something, is not the supplier's fix of a fault
            r"(?:违约|违反)[^。；]{0,30}(?:改正|纠正)|(?:未|没有|未能)(?:改正|纠正)|(?:未|没有|未能)[^。；，,]{0,8}整改|"
            r"(?:您|客户|买方|用户|被许可方)(?:未能|未|没有)[^。；]{0,20}(?:改正|纠正|解决|修复)",
        ),
        triggers=tuple(
            (
                "replac 替换 更换 resol repair fix rectif restor remed correct workaround eliminat troubleshoot "
                "turnaround recovery 修复 解决 排除 恢复 修好 维修 处理 修理 改正 纠正 修正 返修 抢修 更正 检修 急修 小修 中修 调换 返工 整改 错误 差错 缺陷 瑕疵 质量问题 不合格 不符合 "
                "消除 办结 重测"
            ).split()
        ),
        baseline=("resolution", "修复"),
    ),
    KindSpec(
        "service_hours",
        "Service hours and availability",
        "服务时间与可用性",
        8,
        body=_c(
            r"\b24\s*[/x×*]\s*7\b|\b7\s*[x×*]\s*24\b|\b24\s*hours?\s*(?:a|per)\s*day\b|\b(?:round|around)[- ]the[- ]clock\b",
            r"\b(?:support|service|business|working|office|hotline|help ?desk|duty|operating|core|coverage)\s+hours\b[^.;。；]{0,40}?"
            r"(?:\bmean|\bare\b|\bis\b|\bshall be\b|:|\bfrom\b|\bbetween\b)",
            r"\bhours\s+of\s+(?:operation|coverage|service|support)\b[^.;。；]{0,40}?(?:\bare\b|\bis\b|\bshall be\b|:|\bfrom\b|\bbetween\b)",
            # times of day in the 24-hour form US federal texts use ("0730-1630", "from 0700 to 1900 hours"), with "hours"
            # after them or days of the week near them (a span of years such as "2004-2005" has neither)
            rf"{_CLOCK24}\s*(?:hours|hrs)?\s*(?:-|–|—|to|until|through|thru)\s*{_CLOCK24}\s*(?:hours\b|hrs\b|h\b)",
            rf"{_CLOCK24}\s*(?:-|–|—|to|until|through|thru)\s*{_CLOCK24}\b[^.;。；]{{0,60}}\b(?:monday|mon|weekdays?|daily|"
            r"seven\s+days|7\s+days|every\s+day|federal\s+holidays?)\b",
            r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|h)?\s*(?:-|–|to|until)\s*\d{1,2}(?:[:.]\d{2})?\s*"
            r"(?:a\.?m\.?|p\.?m\.?|h)?\b[^.;。；]{0,40}(?:monday|mon|weekday|working day|business day)",
            r"\b(?:monday|mon)\s*(?:-|–|to|through|thru)\s*(?:friday|fri|saturday|sat)\b",
            r"\b(?:availability|uptime)\b[^.;。；]{0,60}?\d+(?:\.\d+)?\s*%",
            # an uptime commitment whose level sits on an order form or cover page (Common Paper's SLA terms)
            r"\b(?:target|guaranteed|committed|minimum)\s+(?:uptime|availability)\b",
            r"7\s*[×xX*]\s*24|24\s*小时\s*(?:服务|热线|值班|在线|响应)|全天候",
            # "7天×24小时", "365×24", "全年无休"
            r"7\s*天\s*[×xX*]\s*24\s*小时|365\s*(?:天)?\s*[×xX*]\s*24|全年无休|节假日无休",
            # "5×12小时技术支持", "7x12 hotline", "12×5": twelve hours a day on five or seven days
            COVER_X12.replace("(?P<x12>", "(?:").replace("(?P<x12r>", "(?:"),
            r"(?:服务|工作|支持|热线)时间[^。；;]{0,10}?(?:为|是|：|:)",
            r"(?:周|星期)一\s*(?:至|到|-|—|－|~|～)\s*(?:周|星期)?[五六日天]",
            r"\d{1,2}\s*[:：]\s*\d{2}\s*[-—－至到~]\s*\d{1,2}\s*[:：]\s*\d{2}",
            # days a week and hours a day, also as translated terms write them: "每周五 (5) 天…每天二十四 (24) 小时"
            rf"每(?:周|星期)\s*{ZH_NUMBER}\s*(?:个)?\s*(?:工作)?(?:天|日)[^。；]{{0,40}}?每(?:天|日)\s*{ZH_NUMBER}\s*(?:个)?\s*小时",
            r"每(?:天|日)\s*(?:二十四|24)\s*(?:[(（]\s*24\s*[)）])?\s*小时|(?<!\d)(?:[57]\s*[×xX*]\s*(?:8|24)|8\s*[×xX*]\s*5)(?!\d|\s*(?:mm|cm|m\b|米|毫米|厘米|寸))",
            r"(?:上午|早上|早晨)\s*\d{1,2}\s*(?:[:：]\s*\d{2}|点|时)[^。；]{0,12}?(?:下午|晚上)\s*\d{1,2}\s*(?:[:：]\s*\d{2}|点|时)",
            r"(?:可用率|可用性|开机率|在线率|正常运行时间|正常运行率)[^。；]{0,20}\d+(?:\.\d+)?\s*%",
            r"\d+(?:\.\d+)?\s*%\s*的?\s*(?:正常运行时间|正常运行率|可用率|可用性|在线率|开机率)",
        ),
        heading=_c(r"\b(?:service|support|business|office|hotline)\s+hours\b|(?:服务|支持|热线)时间"),
        # hours of something else timed the same way — deliveries, installers on site, the buyer's office — are
        # not the support cover, unless the sentence also speaks of support ("deliveries between 8:00 and 17:00
        # on working days", "乙方安装人员应在周一至周五8:30-17:30进场", "甲方办公时间为9:00-18:00")
        exclude=_c(
            r"^(?![^\n]*\b(?:support|help ?desk|service\s+desk|hotline|faults?|incidents?|repairs?|maintenance|"
            r"respond|response|tickets?|calls?|service\s+hours)\b)[^\n]*(?:\bdeliver(?:y|ies|ed|s)?\b|"
            r"\bunload\w*|\breceiving\s+hours\b|\binstallation\s+(?:visits?|works?|team|crew)\b|\bsite\s+access\b|"
            r"\b(?:buyer|purchaser|customer|client|employer)['’]s\s+(?:normal\s+)?(?:office|opening)\s+hours\b|"
            # the buyer's own round-the-clock watch of its site ("24/7 monitoring of the Buyer's own site by the Buyer")
            r"\b(?:monitoring|surveillance|security|guarding|watch)\b[^\n]*\bby\s+the\s+(?:buyer|purchaser|customer|"
            r"client|employer)\b|\b(?:buyer|purchaser|customer|client|employer)['’]s\s+own\s+(?:site|premises|plant|staff))",
            r"^(?![^\n]*(?:技术支持|支持服务|售后|维修|维护|保养|故障|报修|热线|响应|服务时间|客服|咨询))[^\n]*"
            r"(?:送货|交货|交付|到货|收货|卸货|发货|进场|入场|施工|安装人员|(?:甲方|买方|需方|采购方|客户)的?(?:办公|营业)时间|"
            # the buyer's own watch of its site ("甲方自行负责7×24小时厂区安保值守")
            r"(?:甲方|买方|需方|采购方|客户)(?:自行|自己)?(?:负责|安排)?[^\n。；]{0,20}(?:安保|保安|值守|看守|巡逻|监控))",
        ),
        triggers=(
            ":",
            "：",
            "weekday",
            "working day",
            "business day",
            "—",
            "24",
            "12",
            "hour",
            "mon",
            "daily",
            "holiday",
            "operation",
            "coverage",
            "availab",
            "uptime",
            "round the clock",
            "around the clock",
            "×",
            "时间",
            "周一",
            "星期一",
            "可用",
            "开机率",
            "在线率",
            "全天候",
            "无休",
            "每周",
            "每星期",
            "每天",
            "每日",
            "正常运行",
            "上午",
            "早上",
            "早晨",
            "x",
            "*",
            "至",
            "到",
            "~",
            "－",
        ),
        baseline=("service hours", "服务时间"),
    ),
    KindSpec(
        "support_remedy",
        "Remedy for support failures (service credits, damages)",
        "技术支持违约救济",
        8,
        body=_c(
            r"\bservice[- ]level\s+credits?\b|\bservice\s+credits?\b",
            rf"\b(?:fail\w*|delay\w*|late|exceed\w*|miss\w*)\b[^.;。；]{{0,80}}\b(?:{_RESP_EN}|{_FIX_EN}|support|"
            r"on-?site|arriv\w*|service levels?)\b[^.;。；]{0,160}\b(?:liquidated damages|penalt\w*|credit\w*|"
            r"compensat\w*|deduct\w*|rebate|refund|reimburs\w*)",
            # ... the fee withheld or reduced for it ("misses the response time, the Customer may withhold 5% of the support
            # fee", "for each hour by which a repair exceeds the repair time, the fee shall be reduced by 1%")
            rf"\b(?:fail\w*|delay\w*|late|exceed\w*|miss\w*)\b[^.;。；]{{0,80}}\b(?:{_RESP_EN}|{_FIX_EN}|support|on-?site|arriv\w*|"
            r"service levels?)\b[^.;。；]{0,160}\b(?:(?:withh(?:old|eld|olding)|reduc\w*)\b[^.;。；]{0,60}\b(?:fees?|charges?|price|payments?)\b|"
            r"(?:fees?|charges?|price|payments?)\b[^.;。；]{0,40}\b(?:withh(?:old|eld)|reduc\w*))",
            r"\b(?:liquidated damages|penalt\w*|credit\w*|compensat\w*|deduct\w*)\b[^.;。；]{0,120}\b(?:for each|per)\s+"
            r"(?:\w+\s+){0,2}(?:hour|day|business day|working day)\b[^.;。；]{0,60}\b(?:response|repair|resolution|"
            r"support|arrival|downtime)",
            # a support duty missed, then its consequence: "维保单位未按约定时间到达现场的，每迟到一小时…违约金",
            # "未按约定履行维保义务的，甲方有权扣减当月维保费", "拖延维修的，…减收修理费"
            rf"{_FAIL_ZH}[^。；]{{0,40}}{_DUTY_ZH}[^。；]{{0,80}}{_REMEDY_ZH}",
            # (session 9: rectification missed, "未能在约定时间内完成整改的，应按日支付违约金", was tried and left out: on development
            # texts 整改 is the works or the project redone after failed acceptance, labelled no support remedy)
            # ... or the duty named first with how it failed: "因乙方维修不及时造成损失的，乙方应予赔偿",
            # "因维保质量原因造成事故的，由乙方承担赔偿责任", "维护服务达不到约定标准的，…违约金"
            # ... also late by the clock ("响应超时的，每次扣除…", "修复每超过约定时间一天，…违约金")
            rf"{_DUTY_ZH}(?:服务|工作|义务)?[^。；，,]{{0,6}}(?:不及时|未及时|不到位|不当|不力|不足|延误|质量(?:问题|原因|不合格)?|超时|"
            r"每?(?:超过|超出|逾期|迟延|延迟)(?:约定|规定|承诺|要求)?的?(?:时间|时限|期限))"
            rf"[^。；]{{0,60}}{_REMEDY_ZH}",
            rf"{_DUTY_ZH}[^。；]{{0,20}}(?:达不到|未达到|未能达到|不符合|不达标|未达标)[^。；]{{0,12}}(?:标准|要求|约定)[^。；]{{0,60}}"
            rf"{_REMEDY_ZH}",
            # the support duty or its clause broken, named as such ("违反本合同售后服务条款的，…违约金", "违反关于维保服务的约定");
            # a support failure that is a breach ("…未到场的，乙方应承担违约责任", "视为乙方违约"), or a price cut for it
            # ("未能在约定期限内修复故障的，…减少合同价款"); breaking the payment or delivery terms is not one
            rf"违反[^。；，,]{{0,16}}{_DUTY_ZH}[^。；]{{0,12}}(?:条款|约定|义务|规定|承诺|要求|标准)[^。；]{{0,40}}(?:{_REMEDY_ZH}|{_BREACH_ZH})",
            rf"(?:{_FAIL_ZH}[^。；]{{0,40}}|(?:内|前|时)未(?:能)?(?:及时)?){_DUTY_ZH}[^。；]{{0,40}}(?:{_BREACH_ZH}|{_PRICE_CUT_ZH})",
            # the service performed below its quality standard ("未按合同约定的质量标准履行合同义务…甲方有权扣除履约保证金")
            rf"(?:未按|未达到|达不到|不符合)[^。；]{{0,12}}(?:服务质量|服务标准|质量标准履行)[^。；]{{0,60}}{_REMEDY_ZH}",
            # downtime beyond a limit, then its consequence ("因乙方原因导致设备停机超过48小时的，按日支付…违约金")
            rf"(?:停机|停梯|停运|宕机|中断|不能正常(?:使用|运行|工作))[^。；]{{0,20}}(?:超过|超出|累计)[^。；]{{0,40}}{_REMEDY_ZH}",
            # the buyer has the repair done by someone else at the supplier's cost
            r"(?:委托|另请|另行(?:委托|聘请|安排)|自行)(?:第三方|他人|其他单位|其他维修单位|其他服务商)?[^。；]{0,20}(?:维修|修理|维保|"
            r"处理|修复|排除)[^。；]{0,30}(?:费用|支出)[^。；]{0,10}(?:由|均由)?(?:乙方|卖方|供方|出卖人|维保单位|承修方|服务方|受托方|供应商|"
            r"出租方|出租人|物业服务人|物业服务企业|物业公司)(?:负责|承担|支付)",
            # a support duty, "否则" a consequence ("平台应在合理期限内尽快恢复服务，否则应承担赔偿责任"); the duty is the part
            # right before 否则 (not "在维修前…备份数据，否则"); after "；" too (detection.py reads the parts cut there together)
            rf"{_DUTY_ZH}[^。；，,]{{0,8}}[，,；;]\s*否则[^。；]{{0,40}}{_REMEDY_ZH}",
            # ... and in English: "The Supplier shall repair the fault within 48 hours; otherwise it shall pay 0.5% of the
            # price for each day of delay", "…, failing which the Buyer may deduct…"; not the customer paying ("otherwise
            # the Customer shall pay the Supplier's rates": support outside the warranty)
            rf"\b(?:{_RESP_EN}|{_FIX_EN}|support|on-?site|arriv\w*|attend\w*)\b[^.;。；]{{0,120}}[,;]\s*{_THEN_EN}"
            r"(?!\s*(?:the\s+)?(?:customer|buyer|purchaser|client|licensee)\s+(?:(?:shall|will|must)\s+)?(?:pay|bear|reimburse))"
            r"[^.;。；]{0,100}?\b(?:(?:shall|will|must)\s+pay|liquidated\s+damages|penalt\w*|credit\w*|compensat\w*|deduct\w*|"
            r"rebate|refund\w*|reimburs\w*)",
            # the work or service below its standard, redone and its losses paid ("测绘成果不符合约定的质量标准的，乙方应无偿返工，
            # 并赔偿…损失"); goods that fail their standard are a refund or a delay penalty
            rf"(?:成果|服务|工作|报告|测绘|咨询|检测|维修|维保)(?:质量)?[^。；，,]{{0,8}}(?:不符合|达不到|未达到|不合格)[^。；]{{0,20}}"
            rf"(?:返工|重做|返修|补测|整改|修改)[^。；]{{0,20}}{_REMEDY_ZH}",
            # (session 10) the service or the deliverable not as agreed, and the remedy Civil Code Art. 582 names for it: the fee
            # for the service cut ("服务不符合约定的，甲方有权要求乙方减少报酬", "…减少咨询费"), or the work redone free of charge (Art.
            # 781 重作; the Chinese of "re-performed at no additional cost": "服务成果不符合约定标准的，乙方应无偿重作"); goods or works
            # failing acceptance (货物, 工程) are a refund or a defect, not a support remedy
            rf"(?:服务|成果|报告|测绘|咨询|鉴定|检测|评估|监理|维修|维保|维护)(?:质量)?[^。；，,]{{0,8}}(?:不符合|达不到|未达到|不满足|低于|不合格)[^。；]{{0,30}}"
            rf"(?:{_PRICE_CUT_ZH}|(?:无偿|免费)(?:予以|负责)?(?:重作|重做|返工|重测|补测|重新(?:提供|出具|制作|测绘|检测|鉴定|评估|进行)))",
            # (session 10) the cost of repairs deducted from the warranty retention ("保修期内发生的维修费用从质量保修金中扣除", "如产生
            # 维修费用，甲方应扣除相应费用后将剩余质保金退还"): the retention secures the supplier's repairs
            r"(?:维修|修理|返修|保修)(?:费用|费)[^。；]{0,20}(?:扣除|扣减|抵扣)[^。；]{0,20}(?:质量保修金|质保金|保修金|质量保证金|保修保证金)|"
            r"(?:质量保修金|质保金|保修金|质量保证金|保修保证金)[^。；]{0,20}(?:扣除|扣减|抵扣)[^。；]{0,20}(?:维修|修理|返修)(?:费用|费)|"
            r"(?:维修|修理|返修)(?:费用|费)[^。；]{0,20}(?:从|由|在)(?:质量保修金|质保金|保修金|质量保证金|保修保证金)(?:中)?(?:扣除|扣减|抵扣|支付|列支)",
            # goods that cannot be repaired or exchanged treated as not delivered ("不能修理或者不能调换的，按不能交货处理")
            r"(?:不能|无法|未能)(?:修理|维修|修复|调换|更换)[^。；]{0,12}(?:按|视为|视同|作为)[^。；]{0,6}(?:不能交货|未交货|逾期交货)",
            # downtime the supplier caused, and its consequence ("因乙方设备质量原因导致停机的，停机期间的损失由乙方承担")
            rf"因{_SUPPLIER_ZH}[^。；，,]{{0,16}}(?:停机|停产|停工|停梯|停运|宕机|中断|不能正常(?:使用|运行|工作)|无法(?:正常)?(?:使用|访问|登录|运行))"
            rf"[^。；]{{0,30}}{_REMEDY_ZH}",
            # late by the hour or the day, and the term or warranty extended for it ("响应每超过1小时，乙方应免费延长服务期3天")
            rf"{_DUTY_ZH}[^。；，,]{{0,6}}每?(?:超过|超出|逾期|迟延|延迟|迟到)[^。；]{{0,30}}(?:(?:服务期|质保期|保修期|维保期|租期)[^。；]{{0,6}}"
            r"(?<!不)(?<!不予)(?:顺延|延长)|(?<!不)(?<!不予)(?:顺延|延长)[^。；]{0,6}(?:服务期|质保期|保修期|维保期|租期))",
            # a stand-by unit while the equipment is repaired ("修理期间，卖方应提供备用设备")
            r"(?:修理|维修|故障|停机|返修)(?:期间|期内|时)[^。；]{0,30}(?:提供|借用|调配|安排|调拨)[^。；]{0,10}(?:备用|替代|代用|周转)"
            r"(?:设备|机|车|车辆|产品|机器|电梯)?",
            # ... or when it cannot be used for a time ("因故障不能使用超过24小时的，出租方应提供同等车型的替代车辆")
            r"(?:修理|维修|故障|停机|返修|不能(?:正常)?使用|无法(?:正常)?使用)[^。；]{0,24}(?:提供|借用|调配|安排|调拨)[^。；]{0,10}"
            r"(?:备用|替代|代用|周转|替换)(?:的)?(?:设备|机器|车辆|车|产品|电梯|机组)",
            # the rent or fee waived for the time under repair ("车辆维修期间的租金由出租方予以免除")
            r"(?:修理|维修|故障|停机|停运|返修|不能(?:正常)?使用)(?:期间|期内|时间|天数)[^。；]{0,8}(?:租金|租赁费|服务费|使用费)"
            r"[^。；]{0,12}(?:免除|免收|减免|不计|不收取|扣除|扣减|退还|减半)",
            # the goods exchanged or taken back after repairs that failed ("经两次修理仍不能正常使用的，卖方应免费更换")
            r"(?:修理|维修|返修)(?:后|过后)?[^。；]{0,8}(?:仍|依然)(?:然)?(?:不能|无法|未能|不)[^。；]{0,30}(?:更换|调换|退货|退换|换货|退款)",
            # the repair time does not count against the warranty ("因修理占用的时间不计入保修期")
            r"(?:修理|维修|停机|停用|返修)[^。；]{0,30}(?:时间|期间|天数)[^。；]{0,6}不计入[^。；]{0,4}(?:质保期|保修期|保证期|"
            r"三包(?:有效)?期|包修期)",
            # a service assessment failed reduces the fee ("考核不合格的，扣减当月服务费")
            r"(?:考核|检查|评价|评估|评分|得分)[^。；]{0,20}(?:不合格|不达标|未达标|未达到|低于|不足|少于)[^。；]{0,30}(?:扣减|扣除|减付|扣罚|核减|减免|"
            r"不予支付)[^。；]{0,12}(?:服务费|维保费|维护费|费用|款)",
            # the supplier's failure cuts its own service fee: the fee withheld or reduced ("未服从…现场安全管理的，甲方可拒付当次
            # 保养的当月维护保养费", "未按期补救的，甲方有权扣减相应的服务费用"); the buyer paying late is excluded below
            r"(?:未按|未能|未在|未及时|不按|违反约定|违反本合同|未服从|不服从|不履行|未履行|达不到|未达到|不符合|不满足|不合格)[^。；]{0,80}(?:拒付|扣减|扣除|减付|核减|"
            r"不予支付|暂停支付|减收|(?<!不)(?<!不予)(?<!无须)(?<!无需)(?:退还|返还))[^。；]{0,12}(?:服务|维保|维护|保养|维护保养|维修|修理|运维|托管|数据|咨询|检测|测绘|鉴定|评估|监理)费",
            # downtime reduces the rent or fee (equipment leases and maintenance contracts)
            r"(?:故障|停机|停工|宕机|不能正常(?:使用|运行|工作))[^。；]{0,40}(?:扣减|减免|免收|抵扣|扣除|不收取|不计)"
            r"[^。；]{0,12}(?:租金|租赁费|服务费|费用|维保费|使用费|款)",
            r"(?:违约金|赔偿|扣除|扣减|罚款|补偿)[^。；]{0,40}(?:响应|到达现场|修复|维修|技术支持|停机)",
            r"服务(?:费)?(?:抵扣|抵减|返还)|服务积分|停机(?:时间)?(?:补偿|赔偿)",
            r"\b(?:uptime|availability|service\s+levels?|response\s+times?|resolution\s+times?|repair\s+times?|"
            r"arrival\s+times?)\b[^.;。；]{0,120}\b(?:shall\s+pay|credit\w*|deduct\w*|penalt\w*|compensat\w*|"
            r"extend\w*\s+(?:the\s+)?(?:warranty|term))",
            r"\b(?:for\s+each|per)\s+(?:\w+\s+){0,3}(?:hour|day|percentage\s+point)\b[^.;。；]{0,120}\b(?:resolution|response|"
            r"repair|arrival|uptime|availability)\b[^.;。；]{0,80}\b(?:pay|credit|deduct|extend)\w*",
            r"\b(?:loan|substitute|temporary|backup|stand-?by)\s+(?:unit|machine|equipment|chiller|device|system)\b",
            # US federal service contracts: services that miss their standard re-performed at no cost, deductions for
            # unsatisfactory or deficient service, performance below the acceptable quality level (AQL) or the performance
            # standards and its consequence, payment withheld until deficiencies are corrected
            # ("the Government may require the contractor to perform the services again … at no increase in contract amount")
            r"\bperform\s+(?:the\s+|such\s+|those\s+|any\s+)?services\s+again\b",
            r"\bre-?perform\w*\b[^.;。；]{0,80}\b(?:at\s+no\s+(?:additional\s+|extra\s+|further\s+)?(?:cost|charge|expense)|without\s+"
            r"(?:additional\s+|extra\s+)?(?:cost|charge)|free\s+of\s+charge)",
            rf"\b(?:unsatisfactory|deficient|non-?conforming|unacceptable|substandard|failed)\s+(?:performance|services?|work|"
            rf"inspections?)\b[^.;。；]{{0,120}}\b{_FED_REMEDY_EN}",
            rf"\b{_FED_REMEDY_EN}[^.;。；]{{0,120}}\b(?:unsatisfactory|deficient|non-?conforming|unacceptable|substandard|"
            r"not\s+(?:performed|acceptable)|below\s+(?:the\s+)?(?:acceptable\s+quality\s+levels?|aqls?|performance\s+standards?))\b",
            rf"\b(?:below|fail\w*\s+to\s+(?:meet|satisfy|achieve)|(?:does|do|did)\s+not\s+(?:meet|satisfy|achieve)|exceed\w*)\s+"
            r"(?:the\s+|its\s+|their\s+|any\s+)?(?:acceptable\s+quality\s+levels?|aqls?|performance\s+(?:standards?|requirements?|"
            rf"thresholds?|levels?|metrics?))\b[^.;。；]{{0,120}}\b(?:{_FED_REMEDY_EN}|re-?perform\w*)",
            r"\b(?:withh\w*|suspend\w*|not\s+(?:be\s+)?(?:made|processed|released|paid))\s+(?:\w+\s+){0,3}?payments?\b[^.;。；]{0,80}"
            r"\b(?:until|unless|pending)\b[^.;。；]{0,80}\b(?:deficienc\w*|defects?|non-?conform\w*)[^.;。；]{0,60}\b(?:corrected|"
            r"remedied|cured|re-?performed)\b",
            r"\bpayments?\b[^.;。；]{0,60}\b(?:upon|after|once|until)\b[^.;。；]{0,60}\b(?:deficienc\w*|defects?|non-?conform\w*)"
            r"[^.;。；]{0,60}\b(?:corrected|remedied|cured|re-?performed)\b",
            # an uptime or service level missed, then its consequence ("月可用率低于99.9%的，…返还服务费",
            # "开机率…每低于1%，保修期延长一个月")
            rf"(?:开机率|可用率|可用性|在线率|正常运行时间|服务等级|服务水平)[^。；]{{0,40}}(?:顺延|延长|返还|{_REMEDY_ZH})",
            # the warranty or term extended by the downtime ("保修期内因质量问题停机的，保修期相应顺延"); not "不予顺延"
            r"(?:停机|停用|故障|不能正常(?:使用|运行|工作)|维修|修理|返修)[^。；]{0,40}(?:质保期|保修期|保证期|服务期|租期|租赁期|"
            r"三包(?:有效)?期|包修期)"
            r"[^。；]{0,12}(?<!不)(?<!不予)(?<!不得)(?:顺延|延长)",
        ),
        # late delivery or late payment is a delay penalty (liquidated damages), not a remedy for support failures
        exclude=_c(
            # liability excluded is no remedy ("因不可抗力导致故障未能及时修复的，乙方不承担赔偿责任")
            r"(?:互不|不|无须|无需|免于|免除)(?:承担|负)[^。；，,]{0,4}(?:赔偿|违约|任何)",
            r"(?:逾期|延迟|迟延|延误|推迟)(?:交货|交付|发货|付款|支付)",
            # ... and so is a late start of the service ("未按约定时间开通服务的，…违约金")
            r"(?:逾期|延迟|迟延|延误|推迟|未按|未能按)[^。；，,]{0,12}(?:开通|上线|启用|开始提供)",
            # the buyer failing to pay the service or maintenance fee: the condition (before the first comma) is a payment
            r"^[^，,；;]*(?:未|未按|未能|拖延|拖欠|逾期|延迟|迟延|超过)[^，,；;]{0,12}(?:支付|付款|交纳|缴纳|付清)",
        ),
        triggers=tuple(
            (
                "违约 减少 减价 降价 折价 降低 pay extend loan substitute temporary backup stand perform withh disincentive reduc 交货 退还 顺延 延长 credit liquidated penalt compensat "
                "deduct rebate refund reimburs 重作 重做 返工 重新 重测 补测 违约金 赔偿 扣除 扣减 罚款 补偿 抵扣 抵减 返还 积分 免收 减免 处罚 不收取 不计 罚金 减收 扣罚 损失由 损失 没收 不予退还 不予返还 "
                "费用 支出 备用 替代 代用 周转 免除 减半 替换 仍 依然 减付 核减 不予支付 拒付 拒绝支付 暂停支付 可用率 开机率 可用性 在线率 正常运行时间 服务等级 服务水平"
            ).split()
        ),
        baseline=("service credit", "赔偿"),
    ),
    KindSpec(
        "refund_return",
        "Refund, return, replacement, price reduction",
        "退款、退货、换货、降价",
        7,
        body=_c(
            r"\brefund\w*\b",
            r"\breturn\w*\b[^.;。；]{0,40}\b(?:goods|equipment|products?|machines?|units?|system|devices?)\b",
            r"\breturns?\s*[:：]|\breturns?\s+(?:are\s+|is\s+)?(?:not\s+)?(?:accepted|allowed|permitted|require\w*)\b",
            r"\brepay\w*\s+(?:of\s+)?(?:all\s+)?(?:sums|amounts|the\s+price|the\s+purchase\s+price)\b",
            r"\b(?:goods|equipment|products?|machines?|units?|devices?)\b[^.;。；]{0,30}\breturn\w*",
            r"\b(?:replace\w*|replacement)\b[^.;。；]{0,60}\b(?:goods|equipment|machines?|units?|devices?|products?)\b",
            r"\bprice\s+reduction\b|\breduc\w*\s+(?:of\s+)?the\s+(?:contract\s+|purchase\s+)?price\b",
            r"\breject\w*\b[^.;。；]{0,30}\b(?:goods|equipment|delivery|machines?|products?|line|plant|shipments?|lots?)\b",
            r"退款|退货|退还(?:全部|部分)?(?:货款|价款|款项)|换货|返还货款|(?:更换|调换)[^。；]{0,10}(?:设备|产品|货物|机器|整机)",
            r"降价|减少价款|减价|折价|拒收|拒绝接收",
        ),
        exclude=_c(r"\b(?:tax|income)\s+returns?\b|\breturn on\b"),
        triggers=(
            "返还",
            "repay",
            "refund",
            "return",
            "replace",
            "price",
            "reduc",
            "reject",
            "退",
            "换货",
            "更换",
            "调换",
            "降价",
            "减少价款",
            "减价",
            "折价",
            "拒收",
            "拒绝接收",
        ),
        baseline=("refund", "退"),
    ),
)
