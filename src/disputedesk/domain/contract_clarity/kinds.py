"""The checklist: the kinds of clause a support-relevant contract should have.

Each kind has English and Chinese patterns. A kind is found in a sentence when one of its
`body` patterns matches the sentence, or when a `heading` pattern matches the clause title and
the sentence has substance (a sentence under "12. Governing Law" counts as governing law).
`weight` is the importance for technical support (findings are ordered by it, and the coverage
part of the score is weighted by it). `baseline` is the simplest keyword detector the benchmark
compares against (one obvious keyword per language, anywhere in the text).

Rules were written from drafting practice (what these clauses say in equipment sales and service
contracts), not fitted to single files.

Size (over 850 lines, one module on purpose): it is a table, one entry per clause kind with its
English and Chinese patterns; a table split across files is harder to check, not easier.
"""

# ruff: noqa: E501 - tables of regular expressions and bilingual texts read better unbroken

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import EN_NUMBER, ZH_NUMBER

I = re.IGNORECASE  # noqa: E741 - short alias keeps the tables readable

# durations
DUR_EN = (
    rf"{EN_NUMBER}\s*[- ]?(?:(?:business|working|work|calendar|consecutive|clock|natural)[- ])?"
    r"(?:hours?|hrs?|days?|minutes?|mins?|weeks?)\b"
)
DUR_ZH = rf"{ZH_NUMBER}\s*(?:个)?\s*(?:工作日|自然日|日历日|工作小时|小时|天|日|分钟|周|星期)"
DUR = rf"(?:{DUR_EN}|{DUR_ZH})"

# words of a support obligation (used to decide whether wording concerns support)
SUPPORT_CONTEXT = re.compile(
    r"\b(?:support|service|services|repair\w*|respon\w*|reply|maintenance|maintain|warrant\w*|guarantee|"
    r"spare|parts|update\w*|upgrade\w*|training|train|manuals?|documentation|defect\w*|fault\w*|failure|"
    r"malfunction\w*|breakdown|engineer\w*|technician\w*|on-?site|remote|hotline|helpdesk|help desk|"
    r"troubleshoot\w*|rectif\w*|replace\w*|installation|commissioning|after-?sales?)\b|"
    r"技术支持|服务|维修|响应|保修|质保|质量保证|备件|配件|升级|更新|培训|说明书|手册|故障|缺陷|"
    r"工程师|技术人员|现场|远程|热线|售后|安装|调试|更换|修复",
    I,
)


def _c(*patterns: str, flags: int = I) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


@dataclass(frozen=True)
class KindSpec:
    kind: str
    title_en: str
    title_zh: str
    weight: int
    body: tuple[re.Pattern[str], ...]
    heading: tuple[re.Pattern[str], ...] = ()
    exclude: tuple[re.Pattern[str], ...] = ()  # a sentence matching these does not count
    baseline: tuple[str, ...] = ()
    # lower-case substrings, one of which every `body` match contains (a necessary condition, checked
    # by hand for each pattern): a sentence without any of them is skipped, for speed
    triggers: tuple[str, ...] = ()


# a right of one side to change the terms alone (flagged: Civil Code Art. 543, contracts change by agreement)
UNILATERAL_CHANGE = re.compile(
    r"\bmay\s+(?:at\s+any\s+time\s+)?(?:change|amend|modify|update|vary|revise)\s+(?:these|this|the|its|our)\s+"
    r"(?:\w+\s+)?(?:terms|agreement|conditions|contract|prices?|policy|policies)\b|"
    r"\b(?:reserves?\s+the\s+right|is\s+entitled)\s+to\s+(?:change|amend|modify|vary|revise)\b|"
    r"(?:有权|可以|可)?单方(?:面)?(?:变更|调整|修改|修订)|(?:有权|可)(?:随时)?(?:变更|调整|修改)(?:服务内容|服务条款|收费标准|本条款)",
    re.IGNORECASE,
)

_RESP_EN = r"(?:respon(?:d|se|ds|ding)|repl(?:y|ies)|acknowledg\w*|answer|react\w*|call[- ]?back)"
_RESP_ZH = r"(?:响应|回复|答复|回应|作出反应|做出反应|反馈|应答)"
_FIX_EN = (
    r"(?:resolv\w*|resolution|repair\w*|fix\w*|rectif\w*|restor\w*|remed(?:y|ied|ying)|correct\w*|"
    r"workaround|eliminat\w*|troubleshoot\w*|replac\w*)"
)
# "提出解决方案" (propose a solution) is not a fix, hence 解决(?!方案)
_FIX_ZH = r"(?:修复|解决(?!方案)|排除|恢复|修好|维修完毕|处理完毕|完成维修|修理完毕|恢复正常|替换|更换)"
_VAGUE_EN = (
    r"(?:promptly|prompt|timely|immediately|as soon as (?:reasonably )?(?:possible|practicable)|"
    r"without (?:undue )?delay|within a reasonable (?:time|period)|forthwith|in due course)"
)

SPECS: tuple[KindSpec, ...] = (
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
            rf"{_RESP_ZH}[^。；.;]{{0,30}}?{DUR_ZH}",
            rf"{DUR_ZH}\s*(?:内|以内)?[^。；.;]{{0,24}}?{_RESP_ZH}",
            r"响应时间|响应时限",
            rf"(?:及时|尽快|立即|第一时间)[^。；.;]{{0,8}}{_RESP_ZH}",
        ),
        exclude=_c(
            r"\b(?:invoice|payment|purchase order|forecast|request for proposal)s?\b|付款|发票|订单确认",
            # a reply to a request to change the contract is not a support response
            r"变更[^。；]{0,30}(?:请求|申请)|\bchange\s+(?:order|request)s?\b",
        ),
        triggers=(
            "respon",
            "repl",
            "acknowledg",
            "answer",
            "react",
            "call",
            "响应",
            "回复",
            "答复",
            "回应",
            "反应",
            "反馈",
            "应答",
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
            rf"{DUR_ZH}\s*(?:内|以内)?[^。；.;]{{0,24}}?{_FIX_ZH}",
            rf"{_FIX_ZH}[^。；.;]{{0,10}}(?:时间|时限)",
            r"(?:及时|尽快|立即)[^。；.;]{0,8}(?:修复|解决|排除|维修|处理)",
            r"(?:最短时间|第一时间|尽快|尽早|马上|迅速|尽可能短的时间)[^。；.;]{0,12}(?:修复|解决(?!方案)|排除|恢复|修好|抢修)",
        ),
        exclude=_c(
            r"\b(?:breach\w*|terminat\w*|default\w*|invoice|payment|insolven\w*|bankrupt\w*)\b|违约方|解除合同|终止合同|付款"
        ),
        triggers=(
            "replac",
            "替换",
            "更换",
            "resol",
            "repair",
            "fix",
            "rectif",
            "restor",
            "remed",
            "correct",
            "workaround",
            "eliminat",
            "troubleshoot",
            "turnaround",
            "recovery",
            "修复",
            "解决",
            "排除",
            "恢复",
            "修好",
            "维修",
            "处理",
            "修理",
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
            r"\b(?:support|service|business|working|office|hotline|help ?desk)\s+hours\b[^.;。；]{0,40}?"
            r"(?:\bmean|\bare\b|\bis\b|\bshall be\b|:|\bfrom\b|\bbetween\b)",
            r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|h)?\s*(?:-|–|to|until)\s*\d{1,2}(?:[:.]\d{2})?\s*"
            r"(?:a\.?m\.?|p\.?m\.?|h)?\b[^.;。；]{0,40}(?:monday|mon|weekday|working day|business day)",
            r"\b(?:monday|mon)\s*(?:-|–|to|through|thru)\s*(?:friday|fri|saturday|sat)\b",
            r"\b(?:availability|uptime)\b[^.;。；]{0,60}?\d+(?:\.\d+)?\s*%",
            r"7\s*[×xX*]\s*24|24\s*小时\s*(?:服务|热线|值班|在线|响应)|全天候",
            r"(?:服务|工作|支持|热线)时间[^。；;]{0,10}?(?:为|是|：|:)",
            r"周一至周[五六日]|星期一至星期[五六日]",
            r"\d{1,2}\s*[:：]\s*\d{2}\s*[-—－至到~]\s*\d{1,2}\s*[:：]\s*\d{2}",
            r"(?:可用率|可用性|开机率|在线率)[^。；]{0,20}\d+(?:\.\d+)?\s*%",
        ),
        heading=_c(r"\b(?:service|support|business|office|hotline)\s+hours\b|(?:服务|支持|热线)时间"),
        triggers=(
            ":",
            "：",
            "weekday",
            "working day",
            "business day",
            "—",
            "24",
            "hour",
            "mon",
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
            r"\b(?:liquidated damages|penalt\w*|credit\w*|compensat\w*|deduct\w*)\b[^.;。；]{0,120}\b(?:for each|per)\s+"
            r"(?:\w+\s+){0,2}(?:hour|day|business day|working day)\b[^.;。；]{0,60}\b(?:response|repair|resolution|"
            r"support|arrival|downtime)",
            r"(?:未能|未按|未在|超过|逾期|延迟|延误|拖延)[^。；]{0,40}(?:响应|到达|到场|修复|维修|抢修|恢复|服务|技术支持|"
            r"排除故障|替换|更换)[^。；]{0,80}(?:违约金|赔偿|扣除|扣减|罚款|补偿|抵扣|免收|减免|处罚)",
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
            r"(?:开机率|可用率|服务等级)[^。；]{0,40}(?:顺延|扣减|违约金|赔偿|补偿)",
        ),
        triggers=(
            "pay",
            "extend",
            "loan",
            "substitute",
            "temporary",
            "backup",
            "stand",
            "顺延",
            "credit",
            "liquidated",
            "penalt",
            "compensat",
            "deduct",
            "rebate",
            "refund",
            "reimburs",
            "违约金",
            "赔偿",
            "扣除",
            "扣减",
            "罚款",
            "补偿",
            "抵扣",
            "抵减",
            "返还",
            "积分",
            "免收",
            "减免",
            "处罚",
            "不收取",
            "不计",
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
    KindSpec(
        "warranty_period",
        "Warranty period (length and start)",
        "质保期（期限与起算）",
        9,
        body=_c(
            r"\b(?:warranty|guarantee|guaranty|defects liability)\s+(?:period|term)\b",
            rf"\b(?:warrant\w*|guarantee\w*|guaranty)\b[^.;。；]{{0,150}}?\b(?:for|of|during|within)\s+"
            rf"(?:a\s+(?:period|term)\s+of\s+)?{EN_NUMBER}\s*[- ]?(?:months?|years?)\b",
            rf"\b{EN_NUMBER}\s*[- ]?(?:months?|years?)\b[^.;。；]{{0,40}}\b(?:limited\s+)?(?:warranty|guarantee)\b",
            rf"\b(?:warranty|guarantee)\b[^.;。；]{{0,40}}?\b{EN_NUMBER}\s*[- ]?(?:months?|years?)\b",
            r"\bdefects?\s+(?:notification|liability)\s+period\b",
            r"(?:质保期|保修期|质量保证期|保质期|质保|保修|质量保证|免费保修|三包)",
        ),
        # no heading rule: "Representations and Warranties" headings say nothing about a warranty period
        exclude=_c(
            r"\bwarrants? (?:and represents|that it (?:has|is))\b|\brepresentations? and warranties\b|"
            r"\brepresents?,?\s+(?:and\s+)?warrants?\b|\bdisclaim\w*|\bno\s+(?:other\s+)?(?:express\s+)?warrant",
            r"不(?:承担|负责|提供)[^。；]{0,8}(?:免费)?(?:保修|质保|保养)",
        ),
        triggers=(
            "defect",
            "warrant",
            "guarant",
            "defects liability",
            "质保",
            "保修",
            "质量保证",
            "保质",
            "三包",
        ),
        baseline=("warranty", "质保"),
    ),
    KindSpec(
        "spare_parts",
        "Spare parts",
        "备品备件",
        6,
        body=_c(
            r"\bspare[- ]?parts?\b|\bspares\b",
            r"\b(?:replacement|wear(?:ing)?)\s+parts?\b[^.;。；]{0,80}\b(?:availab\w*|suppl\w*|stock\w*|price\w*|lead[- ]time)\b",
            r"备件|备品|(?:配件|零部件|易损件)[^。；]{0,10}(?:供应|库存|价格|供货)",
        ),
        heading=_c(r"\bspare|备件|配件"),
        triggers=(
            "spare",
            "parts",
            "备件",
            "备品",
            "配件",
            "零部件",
            "易损件",
        ),
        baseline=("spare", "备件"),
    ),
    KindSpec(
        "documentation",
        "Documentation and manuals",
        "技术资料与说明书",
        5,
        body=_c(
            r"\b(?:user|operation|operating|operator|maintenance|service|instruction|installation|technical|"
            r"training|repair)\s+(?:manuals?|documentation|guides?|handbooks?)\b",
            r"\bmanuals?\b",
            r"\bdocumentation\b[^.;。；]{0,80}\b(?:english|chinese|language|deliver\w*|provide\w*|suppl\w*)\b",
            r"\b(?:provide|deliver|supply|furnish)\w*\b[^.;。；]{0,60}\bdocumentation\b",
            r"\b(?:electrical|wiring|mechanical)\s+(?:drawings|diagrams|schematics)\b",
            r"说明书|操作手册|使用手册|维修手册|维护手册|用户手册|技术资料|技术文件|随机资料|电气图|图纸|图册",
            r"随机[^。；]{0,4}(?:资料|文件|图册|图纸)",
        ),
        triggers=(
            "manual",
            "documentation",
            "guide",
            "handbook",
            "drawing",
            "diagram",
            "schematic",
            "说明书",
            "手册",
            "资料",
            "技术文件",
            "图纸",
            "电气图",
            "图册",
            "随机",
        ),
        baseline=("manual", "说明书"),
    ),
    KindSpec(
        "training",
        "Training",
        "培训",
        4,
        body=_c(
            r"\btraining\b",
            r"\btrain\s+(?:[\w'’]+\s+){0,3}(?:buyer|customer|purchaser|client|operators?|personnel|staff|employees|"
            r"users?|technicians|engineers|workers|people|persons)\b",
            r"培训",
        ),
        exclude=_c(
            r"\btraining (?:camp|facilit)",
            # safety induction of the contractor's workers is not training of the buyer's staff
            r"安全(?:教育|培训)|入场(?:教育|培训)|三级教育|\bsafety\s+(?:induction|training)\b",
        ),
        triggers=(
            "train",
            "培训",
        ),
        baseline=("training", "培训"),
    ),
    KindSpec(
        "software_updates",
        "Software and firmware updates",
        "软件与固件升级",
        6,
        body=_c(
            r"\b(?:software|firmware|control system|plc program|program)\s+(?:updates?|upgrades?|releases?|patch(?:es)?|"
            r"versions?|fixes)\b",
            r"\b(?:updates?|upgrades?|patch(?:es)?|new releases?|bug fixes|new versions?)\b[^.;。；]{0,60}\b(?:software|"
            r"firmware|programs?)\b",
            r"\b(?:update|upgrade)\w*\b[^.;。；]{0,40}\b(?:free of charge|at no (?:additional )?(?:cost|charge))",
            r"(?:软件|固件|系统|程序|控制程序)[^。；]{0,8}(?:升级|更新|补丁|新版本)|(?:升级|更新)[^。；]{0,8}(?:软件|固件|程序)",
        ),
        triggers=(
            "update",
            "upgrade",
            "patch",
            "release",
            "version",
            "fix",
            "升级",
            "更新",
            "补丁",
            "新版本",
        ),
        baseline=("update", "升级"),
    ),
    KindSpec(
        "onsite_support",
        "On-site and remote support",
        "现场与远程服务",
        6,
        body=_c(
            r"\bon[- ]?site\b|\bon the site\b",
            r"\b(?:dispatch|send)\w*\s+(?:an?\s+|its\s+|one\s+|qualified\s+|competent\s+|service\s+)*(?:engineers?|"
            r"technicians?|service personnel|specialists?|staff)\b",
            r"\b(?:travel(?:l?ing)?|accommodation|lodging|board and lodging)\s+(?:costs?|expenses|fees)\b|\bair\s*tickets?\b",
            r"\bremote(?:ly)?\s+(?:support|assistance|diagnos\w*|access|service|maintenance|guidance)\b",
            r"\b(?:arriv\w*|attend\w*|visit\w*)\b[^.;。；]{0,30}\b(?:site|premises|plant|factory|facility|clinic|hospital|"
            r"laboratory|lab|mine|workshop)\b",
            r"\bonline\s+(?:technical\s+)?(?:support|assistance|service)\b|在线(?:技术)?(?:支持|指导)|视频指导|远程监控|远程运维",
            r"(?:供方|卖方|乙方|出卖人|厂家)[^。；]{0,6}负责[^。；]{0,4}安装",
            r"现场|上门|派(?:遣|出)?[^。；]{0,6}(?:工程师|技术人员|服务人员|专家)|差旅费|食宿|往返机票|"
            r"远程(?:技术)?(?:支持|指导|诊断|协助|服务|维护)|到达(?:现场|买方|用户)",
        ),
        triggers=(
            "online",
            "clinic",
            "hospital",
            "lab",
            "mine",
            "workshop",
            "在线",
            "视频",
            "安装",
            "site",
            "dispatch",
            "send",
            "travel",
            "accommodation",
            "lodging",
            "remote",
            "arriv",
            "attend",
            "visit",
            "ticket",
            "现场",
            "上门",
            "派",
            "差旅",
            "食宿",
            "机票",
            "远程",
            "到达",
        ),
        baseline=("on-site", "现场"),
    ),
    KindSpec(
        "change_procedure",
        "Changes only in writing",
        "变更须书面",
        5,
        body=_c(
            r"\b(?:amend\w*|modif\w*|changes?|variations?|supplement\w*|alter\w*|waiv\w*)\b[^.;。；]{0,160}?\b(?:in writing|"
            r"written (?:agreement|instrument|amendment|consent|document)|writing signed|signed by (?:both|each|all|"
            r"the|duly|authori[sz]ed))",
            r"\bin writing\b[^.;。；]{0,60}\b(?:signed|executed)\b[^.;。；]{0,100}\b(?:amend|modif|chang|varia)",
            r"\bchange\s+(?:order|request|procedure|control|notice)s?\b",
            r"(?:变更|修改|补充|修订|调整)[^。；]{0,40}(?:书面|签字|签署|盖章|签章)",
            r"(?:书面|签字|签署|盖章)[^。；]{0,30}(?:变更|修改|补充协议|修订)",
            r"未经[^。；]{0,20}(?:同意|书面)[^。；]{0,20}(?:变更|修改|调整)",
            r"(?:变更|修改)[^。；]{0,10}(?:须|应|需)[^。；]{0,6}(?:双方|协商一致)|擅自(?:变更|修改)",
            UNILATERAL_CHANGE.pattern,
            # "matters not covered are settled by a supplementary agreement": changes by agreement
            r"未尽事宜[^。；]{0,30}(?:补充协议|补充规定|补充条款|另行签订|另立|另订|订立)",
        ),
        # a party's new address or contact person is a notice duty, not a change of the contract
        exclude=_c(
            r"(?:联系|通信|通讯|通迅|地址|联系人|电话|邮箱|账户|账号|开户)[^。；]{0,15}(?:发生)?(?:变更|改变|更改)",
            r"\b(?:contact|address|addresses|bank account)\b[^.;]{0,40}\bchange",
        ),
        triggers=(
            "未尽事宜",
            "amend",
            "modif",
            "vary",
            "revise",
            "reserve",
            "entitled",
            "update",
            "擅自",
            "单方",
            "协商一致",
            "writing",
            "written",
            "signed",
            "change",
            "变更",
            "修改",
            "补充",
            "修订",
            "调整",
            "书面",
            "签字",
            "盖章",
            "签章",
            "签署",
        ),
        baseline=("amend", "变更"),
    ),
    KindSpec(
        "governing_law",
        "Governing law",
        "适用法律",
        5,
        body=_c(
            r"\bgoverned\s+(?:by|under)\b[^.;。；]{0,60}\blaws?\b",
            r"\bconstrued\b[^.;。；]{0,80}\b(?:in accordance with|under|pursuant to|by)\b[^.;。；]{0,40}\blaws?\b",
            r"\bgoverning\s+law\b|\bchoice\s+of\s+law\b|\bproper\s+law\b",
            r"\blaws?\s+of\b[^.;。；]{0,60}\bshall\s+(?:govern|apply|be applicable)\b",
            r"\b(?:subject|pursuant)\s+to\s+the\s+laws?\s+of\b",
            r"\b(?:[A-Z][a-z]+|PRC|UK|US)\s+law\s+(?:shall\s+)?(?:applies|apply|governs|shall\s+govern)\b",
            r"适用(?:于)?(?:中华人民共和国|中国|[^。；，,]{1,15}的?)(?:法律|法)",
            r"(?:受|依照|依据|按照)[^。；]{0,20}法律(?:管辖|解释|约束)",
            r"法律适用|适用法律|管辖法律|准据法",
        ),
        heading=_c(r"\bgoverning law\b|\bapplicable law\b|法律适用|适用法律"),
        triggers=(
            "law",
            "法",
        ),
        baseline=("governing law", "适用法律"),
    ),
    KindSpec(
        "dispute_resolution",
        "Dispute resolution (institution, seat, language)",
        "争议解决（机构、地点、语言）",
        7,
        body=_c(
            r"\barbitrat\w*",
            r"\b(?:courts?|tribunals?)\b[^.;。；]{0,80}\b(?:jurisdiction|venue)\b",
            r"\b(?:jurisdiction|venue)\b[^.;。；]{0,80}\bcourts?\b",
            r"\bdispute\s+resolution\b|\bmediat\w*\b",
            r"\b(?:disputes?|controvers\w*|differences)\b[^.;。；]{0,120}\b(?:settled|resolved|submitted|referred|"
            r"negotiat\w*|consultation)\b",
            r"仲裁|诉讼(?!时效)|人民法院|法院管辖|管辖权|争议解决|争议[^。；]{0,30}(?:协商|解决|提交)",
        ),
        heading=_c(r"\bdispute|\barbitration\b|\bjurisdiction\b|争议|仲裁"),
        triggers=(
            "arbitra",
            "court",
            "tribunal",
            "jurisdiction",
            "venue",
            "dispute",
            "mediat",
            "controvers",
            "differences",
            "仲裁",
            "诉讼",
            "法院",
            "管辖",
            "争议",
        ),
        baseline=("arbitration", "仲裁"),
    ),
    KindSpec(
        "prevailing_language",
        "Prevailing language",
        "优先语言",
        5,
        body=_c(
            r"\b(?:english|chinese|german|french|spanish)\s+(?:language\s+)?(?:version|text|original)\b[^.;。；]{0,80}\b"
            r"(?:prevail|govern|control)\w*",
            r"\b(?:prevail|govern|control)\w*\b[^.;。；]{0,30}\b(?:english|chinese)\b[^.;。；]{0,20}\b(?:version|text|language)",
            r"\b(?:version|language|translation)s?\b[^.;。；]{0,80}\b(?:shall\s+)?(?:prevail|be controlling|control)\w*",
            r"\bequally\s+(?:authentic|valid|binding)\b|\bequal\s+(?:legal\s+)?(?:effect|force|validity|authenticity)\b",
            r"\b(?:executed|written|drawn up|prepared)\b[^.;。；]{0,30}\bin\s+(?:both\s+)?(?:the\s+)?(?:english|chinese)\b"
            r"[^.;。；]{0,40}\blanguages?\b",
            r"以(?:中文|英文|汉语|英语|中英文)(?:文本|版本)?为准|(?:中文|英文|汉语|英语)(?:文本|版本)[^。；]{0,10}为准",
            r"同等(?:法律)?效力|具有同等效力|(?:中|英)文(?:文本|版本)(?:具有|有)?(?:优先|准)",
        ),
        heading=_c(r"\blanguage\b|语言|文字"),
        triggers=(
            "prevail",
            "govern",
            "control",
            "equal",
            "english",
            "chinese",
            "german",
            "french",
            "spanish",
            "language",
            "为准",
            "同等",
            "效力",
            "优先",
        ),
        baseline=("prevail", "为准"),
    ),
    KindSpec(
        "notices",
        "Notices",
        "通知与送达",
        4,
        body=_c(
            r"\bnotices?\b[^.;。；]{0,160}?\b(?:in writing|delivered|sent|given|addressed|e-?mail|courier|"
            r"registered (?:mail|post)|certified mail|fax|facsimile)\b",
            r"\bnotices?\s+(?:shall|must|will)\b|\baddress(?:es)?\s+for\s+notices?\b",
            r"通知[^。；]{0,60}(?:书面|送达|邮寄|电子邮件|邮箱|传真|地址|快递)",
            r"送达(?:地址|方式)|(?:以|按)[^。；]{0,10}(?:电子邮件|邮件|快递)[^。；]{0,10}(?:送达|通知)",
        ),
        heading=_c(r"\bnotices?\b|通知|送达"),
        triggers=(
            "notice",
            "通知",
            "送达",
        ),
        baseline=("notice", "通知"),
    ),
    KindSpec(
        "inspection_acceptance",
        "Inspection and acceptance",
        "检验与验收",
        5,
        body=_c(
            r"\binspect\w*\b",
            r"\bacceptance\s+(?:test\w*|certificate|criteria|procedure|inspection|protocol|report)\b|"
            r"\b(?:final|provisional|preliminary)\s+acceptance\b",
            r"\bcommission\w*\b[^.;。；]{0,40}\btest\w*|\b(?:FAT|SAT)\b|\bfactory acceptance\b|\bsite acceptance\b",
            r"\bdeemed\s+(?:to\s+have\s+been\s+)?accepted\b",
            r"验收(?:标准|程序|方法|报告|证书|证明|测试|方案|期限)|(?:组织|进行|完成|办理|共同|经)[^。；]{0,8}(?:验收|检验)|"
            r"验收[^。；]{0,6}(?:内|期间)|检验(?:期|期限|报告|标准|机构)|质量异议|试运行|试车|视为验收|"
            r"(?:收货|到货|交货)[^。；]{0,4}(?:时|后)[^。；]{0,4}检验|检验外观",
            r"\b(?:load|performance|acceptance|functional|trial)\s*[- ]?(?:tests?|runs?)\b|\bconstitutes?\s+acceptance\b|"
            r"\btests?\s+on\s+completion\b|\btaking[- ]over\b",
            r"\bexamin\w*\b[^.;。；]{0,40}\b(?:goods|units?|equipment|products?|machines?|delivery|shipment)\b",
        ),
        exclude=_c(
            r"\binspect\w* (?:the )?(?:books|records|accounts)\b|\baudit\w*\b|查阅",
            # acceptance named only as the start of the warranty period is not an inspection clause
            r"^(?!.*\b(?:inspect|test)).*\b(?:warranty|guarantee)\s+period\b[^.;。；]{0,80}\b(?:from|after|following)\b"
            r"[^.;。；]{0,40}\bacceptance\b",
            r"^(?!.*(?:检验|测试|试运行|验收标准|验收程序)).*(?:质保期|保修期|质量保证期)[^。；]{0,30}验收(?:合格|证书)?(?:之日|后)",
        ),
        triggers=(
            "test",
            "taking",
            "examin",
            "inspect",
            "accept",
            "commission",
            "fat",
            "sat",
            "验收",
            "检验",
            "检测",
            "质量异议",
            "试运行",
            "试车",
        ),
        baseline=("inspection", "验收"),
    ),
    KindSpec(
        "liquidated_damages",
        "Liquidated damages",
        "违约金",
        4,
        body=_c(
            r"\bliquidated\s+damages\b",
            r"\bpenalt(?:y|ies)\b[^.;。；]{0,80}\b(?:delay\w*|late|per (?:day|week)|each (?:day|week))\b",
            r"\b(?:per|for each|each)\s+(?:full\s+)?(?:day|week|calendar day|business day)\b[^.;。；]{0,40}\bof\s+delay\b",
            r"\b(?:termination|cancellation|break[- ]up|early termination)\s+(?:fee|charge|payment)s?\b",
            r"违约金|滞纳金|罚金|(?:每|按日|每日|每天|每周|每逾期)[^。；]{0,20}(?:千分之|万分之|百分之|\d+(?:\.\d+)?\s*[%‰])",
        ),
        triggers=(
            "liquidated",
            "penalt",
            "delay",
            "fee",
            "charge",
            "payment",
            "违约金",
            "滞纳金",
            "罚金",
            "每",
            "按日",
        ),
        baseline=("liquidated damages", "违约金"),
    ),
    KindSpec(
        "liability_cap",
        "Limitation of liability",
        "责任限额",
        4,
        body=_c(
            r"\b(?:aggregate|total|cumulative|maximum|entire|collective)\s+liabilit(?:y|ies)\b",
            r"\bliabilit\w*\b[^.;。；]{0,200}?\b(?:shall not|will not|not to|may not|in no event|never)\s+exceed\w*\b",
            r"\bin no (?:event|case)\b[^.;。；]{0,200}?\bliab\w*\b[^.;。；]{0,300}?\b(?:exceed\w*|more than|in excess of)\b",
            # exclusion of indirect/consequential loss limits liability too (CUAD counts it as a cap)
            r"\b(?:not|no|never|in no event|nor)\b[^.;。；]{0,120}\bliab\w*\b[^.;。；]{0,160}\b(?:indirect|consequential|"
            r"special|incidental|punitive|exemplary|lost\s+profits?|loss\s+of\s+profits?)\b",
            r"\blimit(?:ed|ation)?\s+of\s+liability\b|\bliability\s+(?:cap|limit)\b",
            r"\bliabilit\w*\b[^.;。；]{0,100}\b(?:is|are|be|shall be)\s+limited\s+to\b",
            r"(?:赔偿|(?<!违约)责任)(?:总额|累计|上限|限额)|(?:累计|最高|总)(?:赔偿|责任)[^。；]{0,30}(?:不超过|不得超过|为限)|"
            r"(?:赔偿|(?<!违约)责任)[^。；]{0,40}(?:不超过|不得超过|以[^。；]{0,20}为限)",
            r"(?:间接损失|可得利益|预期利益|利润损失)[^。；]{0,20}(?:不承担|不负责|免责)|(?:不承担|不负责)[^。；]{0,30}(?:间接损失|可得利益|利润损失)",
        ),
        triggers=(
            "利益",
            "liab",
            "损失",
            "赔偿",
            "责任",
        ),
        baseline=("liability", "责任"),
    ),
    KindSpec(
        "termination",
        "Termination rights",
        "解除与终止",
        6,
        body=_c(
            r"\bterminat\w*\b[^.;。；]{0,120}\b(?:this|the)\s+(?:agreement|contract|order)\b",
            r"\b(?:right|entitled|may)\b[^.;。；]{0,40}\bterminat\w*",
            r"\b(?:this|the)\s+(?:agreement|contract)\b[^.;。；]{0,80}\bterminat\w*",
            r"\bcancel\w*\b[^.;。；]{0,40}\b(?:agreement|contract|order)\b",
            r"解除(?:本)?合同|终止(?:本)?合同|合同(?:解除|终止)|有权解除|单方解除|解除本协议|终止本协议",
        ),
        heading=_c(r"\bterminat|解除|终止"),
        triggers=(
            "terminat",
            "cancel",
            "解除",
            "终止",
        ),
        baseline=("terminat", "解除"),
    ),
    KindSpec(
        "post_termination_support",
        "Support after the contract or warranty ends",
        "期满后的支持与停产",
        5,
        body=_c(
            r"\b(?:after|following|upon|beyond|on)\s+(?:the\s+)?(?:expiry|expiration|end|termination|lapse)\s+of\s+"
            r"(?:the\s+|this\s+)?(?:warranty|guarantee|agreement|contract|term)\b[^.;。；]{0,160}\b(?:support|"
            r"service|maintenance|spare|parts|repair|updates?)\w*",
            r"\b(?:support|services?|maintenance|spare parts|repair\w*|updates?)\b[^.;。；]{0,160}\b(?:after|following|"
            r"upon|beyond)\s+(?:the\s+)?(?:expiry|expiration|end|termination|lapse)\s+of\b",
            r"\bend[- ]of[- ](?:life|sale|support|production)\b|\blast[- ]time[- ]buy\b",
            r"\bdiscontinu\w*\b[^.;。；]{0,80}\b(?:products?|models?|support|parts|production|versions?|components?)\b",
            r"\btransition(?:al)?\s+(?:assistance|services|support)\b|\bpost[- ](?:termination|warranty|expiration)\b",
            r"\bcontinue\s+to\s+(?:provide|supply|make available|offer)\b[^.;。；]{0,120}\b(?:for\s+(?:a\s+period\s+of\s+)?"
            r"(?:at least\s+)?\w+\s*\(?\d*\)?\s*years?|after)",
            r"(?:质保期|保修期|质量保证期|合同|本协议)(?:满|届满|结束|终止|期满|到期|解除)[^。；]{0,4}后[^。；]{0,80}"
            r"(?:服务|维修|技术支持|备件|配件|维护|升级)",
            r"停产|终身(?:维修|服务|技术支持)|(?:有偿|收费)(?:维修|服务)[^。；]{0,20}(?:质保期|保修期)|(?:质保期|保修期)(?:外|以外|之外)",
            r"\b(?:after|following|upon|beyond)\s+(?:the\s+)?(?:expiry|expiration|end|termination|lapse)\b[^.;。；]{0,160}\b(?:support|"
            r"services?|maintenance|spare|parts|repair\w*|updates?|warrant\w*)\b",
            r"\b(?:after|following|beyond|outside)\s+(?:the\s+)?(?:warranty|guarantee)(?:\s+period)?\b[^.;。；]{0,160}\b(?:support|"
            r"services?|maintenance|spare|parts|repair\w*|updates?|contract)\b",
            r"\blifetime\s+(?:technical\s+|online\s+)*(?:support|service|maintenance)\b|\bfor\s+the\s+lifetime\s+of\b|"
            r"\byears?\s+after\s+the\s+last\s+(?:delivery|shipment|sale|purchase)\b|\bno\s+further\s+support\b",
        ),
        triggers=(
            "after",
            "lifetime",
            "beyond",
            "outside",
            "further",
            "外",
            "expir",
            "end",
            "terminat",
            "lapse",
            "discontinu",
            "transition",
            "post",
            "continue",
            "last",
            "质保期",
            "保修期",
            "合同",
            "本协议",
            "停产",
            "终身",
            "有偿",
            "收费",
        ),
        baseline=("after termination", "终止后"),
    ),
)

SPEC_BY_KIND: dict[str, KindSpec] = {s.kind: s for s in SPECS}
KINDS: tuple[str, ...] = tuple(s.kind for s in SPECS)

# Kinds that are support terms the SLA engine consumes
SUPPORT_KINDS = ("response_time", "resolution_time", "service_hours", "onsite_support", "support_remedy")


def baseline_detect(text: str) -> set[str]:
    """The simplest keyword detector: kind present when its keyword occurs anywhere (benchmark)."""
    lower = text.lower()
    return {s.kind for s in SPECS if any(k in lower for k in s.baseline)}
