"""The checklist's building blocks: `KindSpec` (one clause kind: titles, weight, patterns,
triggers, baseline keywords) and the pattern pieces the kinds share (durations, support words,
response and fix verbs, vague time words), plus the support-context and unilateral-change patterns.

Split out of kinds.py (DESIGN.md: modules of about 600 lines at most); kinds.py explains the table.
"""

# ruff: noqa: E501 - tables of regular expressions and bilingual texts read better unbroken

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import EN_NUMBER, ZH_NUMBER

I = re.IGNORECASE  # noqa: E741 - short alias keeps the tables readable

# durations
DUR_EN = (
    # ("one (1) workday": "work" joined to "day", as US federal texts write it)
    rf"{EN_NUMBER}\s*[- ]?(?:(?:business|working|work|calendar|consecutive|clock|natural)(?:[- ]|(?<=work)(?=days?\b)))?"
    r"(?:hours?|hrs?|days?|minutes?|mins?|weeks?)\b"
)
# "半小时", "半个工作日" (half an hour, half a working day) are durations too
DUR_ZH = rf"(?:{ZH_NUMBER}|半)\s*(?:个)?\s*(?:工作日|自然日|日历日|工作小时|小时|天|日|分钟|周|星期)"
DUR = rf"(?:{DUR_EN}|{DUR_ZH})"
# a model form leaves the number blank for the parties ("在接到通知后____小时内", "后 小时内做出反应"): still a time limit
# (without a number, which the findings say)
DUR_ZH_B = rf"(?:{DUR_ZH}|(?:[_＿]+|\s{{1,8}})\s*(?:个)?\s*(?:工作日|自然日|工作小时|小时|分钟|天|的时间|的期限|时限))"
# ... and blank days followed by 内, for a repair time ("甲方在 日内未能修复"); not a date field ("年 月 日")
DUR_ZH_BD = rf"(?:{DUR_ZH_B}|(?<![年月\s_＿])(?:[_＿]+|\s{{1,8}})\s*日(?=\s*(?:内|以内)))"

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


# what one pays for support, in Chinese: the fees by their names (服务费, 维护费, 年费 …), prices and charges
FEES_ZH = r"(?:服务费|维护费|维保费|运维费|保养费|使用费|许可费|年费|费用|价格|资费|收费标准|收费|单价|费率|价款)"

# a right of one side to change the terms alone (flagged: Civil Code Art. 543, contracts change by agreement)
UNILATERAL_CHANGE = re.compile(
    # (also the service levels or the specifications, "at its discretion"; not a change it may make only with the
    # other side's consent: "may change the service levels only with the Customer's prior written consent")
    r"(?<!parties\s)(?<!party\s)\bmay\s+(?:at\s+any\s+time\s+)?(?:change|amend|modify|update|vary|revise|increase|adjust)\s+"
    r"(?:these|this|the|its|our)\s+(?:\w+\s+)?(?:terms|agreement|conditions|contract|prices?|pricing|policy|policies|"
    r"fees?|charges?|rates|tariffs?|levels?|slas?|specifications?)\b"
    r"(?![^.;。；]{0,80}\b(?:(?:with|upon|subject\s+to|after\s+obtaining)\s+(?:the\s+)?(?:\w+['’]s\s+)?(?:prior\s+)?"
    r"(?:written\s+)?(?:consent|approval|agreement)|by\s+(?:mutual|written)\s+agreement)\b)|"
    r"\b(?:reserves?\s+the\s+right|is\s+entitled)\s+to\s+(?:change|amend|modify|vary|revise)\b|"
    # "The Government may unilaterally modify this contract", "may at any time unilaterally change the work"
    r"\b(?:may|right\s+to|entitled\s+to)\s+(?:at\s+any\s+time\s+)?unilaterally\s+(?:change|amend|modify|vary|revise|alter)\b|"
    r"(?:有权|可以|可)?单方(?:面)?(?:变更|调整|修改|修订)|(?<!双方)(?<!各方)(?<!一致，)(?<!一致,)(?<!一致)(?<!同意，)(?<!同意,)"
    r"(?:有权|可)(?:随时)?(?:变更|调整|修改)(?:服务内容|服务条款|收费标准|本条款|服务等级|服务级别|服务水平|服务标准)|"
    # one side's right to change its fees or prices ("供方有权调整服务费"), or its price change announced by notice
    # ("乙方调整资费的，应提前30日通知甲方"); not a change both sides agree ("双方有权…", "经协商一致可调整价格")
    r"(?<!双方)(?<!各方)(?<!双方均)有权[^。；，,]{0,12}?(?:变更|调整|修改|上调|提高)[^。；，,]{0,4}"
    rf"{FEES_ZH}|"
    r"(?:甲方|乙方|供方|需方|卖方|买方|服务方|供应商|运营商|我方|本公司)[^。；，,]{0,12}(?:调整|变更|上调|提高)"
    rf"{FEES_ZH}[^。；]{{0,30}}(?:告知|通知|公告)|"
    # a right reserved to change the agreement, or changes "from time to time" by one side
    r"保留[^。；]{0,20}(?:修改|变更|更改|修订|调整|更新)[^。；]{0,30}(?:本协议|本合同|本条款|条款|服务)[^。；]{0,12}权利|"
    r"(?:我们|我方|供应商|供方|卖方|乙方|甲方|本公司|[A-Za-z]{2,})\s*(?:可能会|可能|可以|可|将|有权)(?:随时|不时)[^。；]{0,4}"
    r"(?:修改|变更|更改|修订)(?:本协议|本合同|本条款|条款)|"
    # a provider's own right to change or update its terms, as online-service terms say it (session 8): "我们可能会不时更新
    # 这些条款", "本平台有权根据业务需要修改本服务条款", "云帆公司可能会不定期更新本使用条款" (not its software or features:
    # "我们可能会不时更新本软件"), and continued use taken as acceptance of the changed terms ("继续使用本服务的，即视为您
    # 接受更新后的条款")
    r"(?:我们|我方|供应商|供方|卖方|乙方|甲方|公司|平台|网站|运营商|服务商|服务提供者|[A-Za-z]{2,})\s*(?:可能会|可能|可以|可|将会|将|会|有权)"
    r"[^。；，,]{0,12}?(?:修改|变更|更改|修订|更新)(?:本|这些|该|此|上述)?(?:服务|使用|用户)?(?:条款|协议|规则)(?!以外|之外)|"
    r"继续(?:使用|访问)[^。；]{0,30}(?:视为|表示|意味着|即为)[^。；]{0,10}(?:接受|同意)[^。；]{0,10}(?:修改|修订|更新|变更|更改)(?:后|过)的",
    re.IGNORECASE,
)

# answering a call counts ("answers a call within 1 hour", "calls are answered within 20 minutes")
_RESP_EN = r"(?:respon(?:d|se|ds|ding)|repl(?:y|ies)|acknowledg\w*|answer(?:s|ed|ing)?|react\w*|call[- ]?back)"
# a call back ("30分钟内回电") is a reply too
_RESP_ZH = r"(?:响应|回复|答复|回应|作出反应|做出反应|反馈|应答|解答|回电|回拨)"
_FIX_EN = (
    r"(?:resolv\w*|resolution|repair\w*|fix\w*|rectif\w*|restor\w*|remed(?:y|ied|ying)|correct\w*|"
    r"workaround|eliminat\w*|troubleshoot\w*|replac\w*)"
)
# replacing a person or a unit (更换代表人, 更换有关人员, 更换维保单位) is neither a fix nor a support duty
_NOT_A_PERSON = r"(?![^。；，,]{0,6}(?:代表|人员|负责人|管理员|联系人|单位|项目经理|工程师|技术员|同志))"
# "提出解决方案" (propose a solution) is not a fix, hence 解决(?!方案)
# 排除 is a fix only of a fault ("排除故障"; "不包括排除的事务" excludes), and so is 消除 (session 10: "隐患…24小时内消除"; not
# 消除影响, a civil liability); 改正/纠正/修正 fix errors in software
_FIX_ZH = (
    r"(?:修复|解决(?!方案)|排除(?=故障|缺陷|问题|隐患|异常|[。；，,！]|$)|消除(?=故障|缺陷|问题|隐患|异常|瑕疵|[。；，,！]|$)|恢复|修好|维修完毕|处理完毕|完成维修|修理完毕|恢复正常|替换|"
    # an exchange of the faulty goods (调换, as 三包 rules say) and work redone (返工) are fixes too
    rf"更换{_NOT_A_PERSON}|调换{_NOT_A_PERSON}|改正|纠正|修正|返修|返工|抢修)"
)
# a fault or defect named (处理 is a fix only of one); arriving at the site (on-site support, not a reply)
_FAULT_ZH = r"(?:故障|缺陷|损坏|失灵|停机|停梯|停运|宕机|异常|质量问题|报修|隐患|瑕疵)"
_ARRIVE_ZH = r"(?:抵达|到达|赶到|赶赴|到场|到现场)"
# documentation in Chinese: a supply verb (_SUPPLY_ZH) with technical documents or drawings (_DOCS_ZH)
_SUPPLY_ZH = r"(?:提供|交付|提交|移交|交给|交予|随机|随货|随设备|随产品|附带|附有|配备|配套|寄送|一并交付)"
_DOCS_ZH = (
    r"(?:技术资料|技术文件|说明文件|说明材料|技术说明|图纸|图册|电气图|原理图|接线图|合格证|保修卡|质保书|保修证|使用说明|操作说明|安装说明|维护说明|"
    r"操作方法|使用方法|维修资料|竣工资料|验收资料|"
    # the operation, maintenance or servicing documents by any list of names ("设备的操作、维护和检修资料")
    r"(?:操作|使用|维护|维修|检修|保养|安装|调试|运行)(?:[、和及与]{1,2}(?:操作|使用|维护|维修|检修|保养|安装|调试|运行)){0,4}资料)"
)

# on-site work in Chinese: what is done at the site (after "现场进行/完成…"); acceptance or a hand-over there is not support
_SITE_WORK_ZH = r"[^。；，,]{0,10}(?:安装|调试|维修|维护|保养|服务|指导|处理|检修|抢修|救援|培训|排查|诊断|排除|修复)"

# the supplier's side doing work at the site (session 9): its role names or its people (not the buyer's: "甲方人员"), and the
# other actors whose work there is not the supplier's (the buyer, authorities, a third party, someone the supplier assists)
_SUPPLIER_SIDE_ZH = (
    r"(?:乙方|卖方|供方|出卖人|受托方|受托人|承揽人|承揽方|服务方|服务商|供应商|维保单位|维修单位|承修方|鉴定人|鉴定方|测绘方|"
    r"(?<![甲买需]方)(?<!甲方的)(?<![甲买需]方派出的)(?<!委托人)(?<!业主)(?:技术人员|工作人员|检测人员|鉴定人员|专业人员|作业人员|"
    r"工程师|技术员))"
)
_OTHER_ACTOR_ZH = r"(?:甲方|买方|需方|委托人|委托方|发包人|业主|第三方|部门|机关|机构|配合|协助|事故|双方)"

# support remedies in Chinese: a support duty missed (_FAIL_ZH … _DUTY_ZH) and its consequence (_REMEDY_ZH)
_FAIL_ZH = r"(?:未能|未按|未在|未及时|不及时|超过|超出|逾期|延迟|迟延|延误|拖延|不履行|未履行|拒绝|拒不|怠于|不能按)"
_DUTY_ZH = (
    rf"(?:响应|到达|到场|进场|入场|修复|维修|抢修|恢复|服务|技术支持|排除故障|替换|更换{_NOT_A_PERSON}|维保|维护|保养|修理|检修|保修|三包|返修|"
    r"质保|售后)(?!费|金|期)"
)
# the supplier's side by its usual names (sale, service, lease, repair, consumer contracts)
_SUPPLIER_ZH = (
    r"(?:乙方|卖方|供方|出卖人|维保单位|维修单位|承修方|服务方|服务商|受托方|供应商|出租方|出租人|厂家|经营者|销售者|承揽人|承揽方|"
    r"平台(?:方|经营者)?|运营商|服务提供(?:者|方)|物业服务人|物业服务企业|物业公司|物业管理(?:单位|企业|人))"
)
_REMEDY_ZH = (
    r"(?:违约金|赔偿|扣除|扣减|罚款|罚金|补偿|抵扣|免收|减免|减收|减付|核减|扣罚|处罚|拒付|拒绝支付|暂停支付|不予支付|不予退还|不予返还|没收|"
    # the fee for the service not given paid back ("要求乙方退还相应的维保费")
    r"(?:退还|返还)[^。；，,]{0,10}(?:服务费|维保费|维护费|运维费|保养费|维修费|托管费|使用费|租金|报酬|酬金|咨询费|鉴定费|检测费|测绘费|评估费)|"
    rf"损失由(?:乙方|卖方|供方|维保单位|承修方|服务方|受托方|物业服务人|物业服务企业|物业公司)承担|{_SUPPLIER_ZH}(?:应|应当|须)?承担[^。；，,]{{0,16}}损失)"
)

# a support failure named a breach ("视为乙方违约", "应承担违约责任"), and a price cut for it ("减少合同价款", "减价")
_BREACH_ZH = r"(?:视为[^。；，,]{0,6}违约|承担[^。；，,]{0,6}违约责任|支付违约金)"
_PRICE_CUT_ZH = r"(?:减少[^。；，,]{0,4}(?:价款|价格|货款|费用|报酬|酬金|服务费|咨询费|鉴定费|检测费|测绘费|评估费|监理费|设计费)|减价|降价|折价|降低[^。；，,]{0,4}(?:价款|价格|费用))"

# the consequence of a duty missed, opening the part after it: "otherwise", "failing which", "if it fails to do so"
_THEN_EN = (
    r"(?:otherwise|failing\s+(?:which|that|this|such)|in\s+default\s+(?:of\s+which|whereof)|"
    r"(?:if|should)\s+(?:it|they|the\s+\w+)\s+(?:fails?|does\s+not|do\s+not|is\s+unable))\b"
)

_VAGUE_EN = (
    r"(?:promptly|prompt|timely|immediately|as soon as (?:reasonably )?(?:possible|practicable)|"
    r"without (?:undue )?delay|within a reasonable (?:time|period)|forthwith|in due course)"
)
