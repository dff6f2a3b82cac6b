"""Proposed bilingual (English/Chinese) clauses for missing or vague items.

Written for DisputeDesk (not copied from any institution's model clause; LEGAL-NOTES §2 notes
that CIETAC's exact model wording is UNVERIFIED, so we write our own). Every text is a draft for
review by counsel. Parameters come from the user (SuggestionParams); square brackets [ ] mark
what only the parties can fill in.
"""

# ruff: noqa: E501 - tables of regular expressions and bilingual texts read better unbroken

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

DRAFT_NOTE_EN = "Draft — for review by counsel"
DRAFT_NOTE_ZH = "草稿——须经律师审阅"

_INSTITUTIONS = {
    "CIETAC": (
        "the China International Economic and Trade Arbitration Commission (CIETAC)",
        "中国国际经济贸易仲裁委员会",
    ),
    "SHIAC": ("the Shanghai International Arbitration Center (SHIAC)", "上海国际仲裁中心"),
    "SCIA": ("the Shenzhen Court of International Arbitration (SCIA)", "深圳国际仲裁院"),
    "HKIAC": ("the Hong Kong International Arbitration Centre (HKIAC)", "香港国际仲裁中心"),
    "SIAC": ("the Singapore International Arbitration Centre (SIAC)", "新加坡国际仲裁中心"),
}
_CITY_ZH = {"Shanghai": "上海", "Beijing": "北京", "Shenzhen": "深圳", "Guangzhou": "广州", "Hong Kong": "香港",
            "Singapore": "新加坡"}  # fmt: skip
_LANG_ZH = {"English": "英文", "Chinese": "中文"}
_NUM_ZH = {1: "一", 2: "二", 3: "三", 5: "五"}
_DAYS_ZH = {"Monday to Friday": "周一至周五", "Monday to Saturday": "周一至周六", "Monday to Sunday": "周一至周日"}


@dataclass(frozen=True)
class SuggestionParams:
    """The user's choices that fill the proposed clauses (defaults: a buyer-side starting point)."""

    time_zone: str = "Asia/Shanghai"
    calendar: str = "cn"  # officialcal code of the supplier's working calendar
    service_days: str = "Monday to Friday"
    service_start: str = "09:00"
    service_end: str = "18:00"
    response_business_hours: int = 4
    critical_resolution_business_hours: int = 24
    resolution_working_days: int = 5
    remote_attempt_business_hours: int = 8
    onsite_working_days: int = 3
    credit_percent_per_day: Decimal = Decimal("0.5")
    credit_cap_percent: Decimal = Decimal("10")
    warranty_months: int = 24
    warranty_start_en: str = "the date on which both Parties sign the final acceptance certificate"
    warranty_start_zh: str = "双方签署最终验收证书之日"
    refund_cure_days: int = 30
    spare_parts_years: int = 10
    spare_parts_lead_working_days: int = 15
    documentation_language: str = "English"
    training_days: int = 5
    trainees: int = 4
    updates_years: int = 5
    inspection_days: int = 90
    institution: str = "CIETAC"
    seat: str = "Shanghai"
    arbitrators: int = 3
    arbitration_language: str = "English"
    prevailing_language: str = "English"
    governing_law_en: str = "the laws of the People's Republic of China"
    governing_law_zh: str = "中华人民共和国法律"
    ld_percent_per_week: Decimal = Decimal("0.5")
    ld_cap_percent: Decimal = Decimal("10")
    termination_failures: int = 3
    termination_window_months: int = 6
    termination_cure_days: int = 30
    post_support_years: int = 10
    eol_notice_months: int = 12

    def __post_init__(self) -> None:
        for name in ("credit_percent_per_day", "credit_cap_percent", "ld_percent_per_week", "ld_cap_percent"):
            if not isinstance(getattr(self, name), Decimal):
                raise ValueError(f"{name} must be a decimal.Decimal, not {type(getattr(self, name)).__name__}")


def _tz_zh(tz: str) -> str:
    return "北京时间" if tz == "Asia/Shanghai" else f"{tz} 时间"


def _tz_en(tz: str) -> str:
    return "Beijing time, Asia/Shanghai" if tz == "Asia/Shanghai" else f"{tz} time"


# Holiday calendars other than China's, by their code (values_hours.calendar): (English, Chinese) country names.
_COUNTRIES = {"de": ("Germany", "德国"), "fr": ("France", "法国"), "it": ("Italy", "意大利"), "es": ("Spain", "西班牙"),
              "pl": ("Poland", "波兰"), "nl": ("the Netherlands", "荷兰"), "gb": ("the United Kingdom", "英国"),
              "us": ("the United States", "美国")}  # fmt: skip


def _tribunal(n: int) -> tuple[str, str]:
    """ "a sole arbitrator" / "three arbitrators", never "3 arbitrator(s)"."""
    if n == 1:
        return "a sole arbitrator", "一名独任仲裁员"
    words = {3: "three", 5: "five"}
    return f"{words.get(n, n)} arbitrators", f"{_NUM_ZH.get(n, str(n))}名仲裁员"


def _calendar_en(p: SuggestionParams) -> str:
    if p.calendar == "cn":
        return (
            "a day that is a working day under the official calendar of the People's Republic of China "
            "(statutory holidays and make-up working days as published by the State Council)"
        )
    country = _COUNTRIES.get(p.calendar, (f"'{p.calendar}'", ""))[0]
    return f"a day that is not a Saturday, a Sunday or a public holiday in {country}"


def _calendar_zh(p: SuggestionParams) -> str:
    if p.calendar == "cn":
        return "依中华人民共和国国务院公布的节假日安排（含法定节假日及调休工作日）确定的工作日"
    country = _COUNTRIES.get(p.calendar, ("", f"“{p.calendar}”"))[1]
    return f"{country}除星期六、星期日及公共假日以外的日子"


def _definitions(p: SuggestionParams) -> tuple[str, str]:
    en = (
        f'"Working Day" means {_calendar_en(p)}. "Business Hours" means {p.service_start} to {p.service_end} '
        f"({_tz_en(p.time_zone)}) on Working Days."
    )
    zh = (
        f"“工作日”指{_calendar_zh(p)}。“工作小时”指工作日的{p.service_start}至{p.service_end}"
        f"（{_tz_zh(p.time_zone)}）。"
    )
    return en, zh


def _texts(kind: str, p: SuggestionParams) -> tuple[str, str] | None:  # noqa: C901 - one branch per kind
    inst_en, inst_zh = _INSTITUTIONS.get(p.institution, (p.institution, p.institution))
    seat_zh = _CITY_ZH.get(p.seat, p.seat)
    lang_zh = _LANG_ZH.get(p.arbitration_language, p.arbitration_language)
    prev_zh = _LANG_ZH.get(p.prevailing_language, p.prevailing_language)
    doc_zh = _LANG_ZH.get(p.documentation_language, p.documentation_language)
    days_zh = _DAYS_ZH.get(p.service_days, p.service_days)
    def_en, def_zh = _definitions(p)
    tribunal_en, tribunal_zh = _tribunal(p.arbitrators)
    if kind == "response_time":
        return (
            f"The Seller shall give a first substantive response to each support request, by a qualified engineer "
            f"by telephone, e-mail or remote session, within {p.response_business_hours} Business Hours after the "
            f"request is sent. A request sent outside Business Hours is deemed received at the start of the next "
            f"Business Hour. {def_en}",
            f"卖方应在每一技术支持请求发出后{p.response_business_hours}个工作小时内，由具备资质的工程师通过电话、"
            f"电子邮件或远程会话作出首次实质性答复。在工作小时以外发出的请求，视为在下一个工作小时开始时收到。{def_zh}",
        )
    if kind == "resolution_time":
        return (
            f"The Seller shall restore the Equipment to normal operation (by repair, replacement, or a workaround "
            f"accepted by the Buyer in writing) within {p.critical_resolution_business_hours} Business Hours after "
            f"the request where the fault stops the Equipment or production, and within "
            f"{p.resolution_working_days} Working Days after the request for any other fault. A workaround does "
            f"not release the Seller from providing a permanent fix within the same period again.",
            f"对于导致设备或生产停止的故障，卖方应在请求发出后{p.critical_resolution_business_hours}个工作小时内"
            f"使设备恢复正常运行（通过维修、更换或经买方书面认可的临时解决方案）；对于其他故障，应在请求发出后"
            f"{p.resolution_working_days}个工作日内恢复。临时解决方案不免除卖方在同样期限内再提供永久性解决方案的义务。",
        )
    if kind == "service_hours":
        return (
            f"The Seller shall keep a support hotline and a support e-mail address staffed by engineers able to "
            f"communicate in {p.documentation_language} during Business Hours, {p.service_days}, "
            f"{p.service_start}–{p.service_end} ({_tz_en(p.time_zone)}). {def_en}",
            f"卖方应在工作小时内（{days_zh}{p.service_start}至{p.service_end}，{_tz_zh(p.time_zone)}）保持技术支持"
            f"热线和技术支持电子邮箱有能以{doc_zh}沟通的工程师值守。{def_zh}",
        )
    if kind == "support_remedy":
        return (
            f"If the Seller misses a response time or resolution time, it shall pay the Buyer liquidated damages of "
            f"{p.credit_percent_per_day}% of the Contract Price for each Working Day or part of one of delay, up to "
            f"{p.credit_cap_percent}% of the Contract Price in total. The Buyer may set these amounts off against "
            f"any sum due to the Seller. Payment does not release the Seller from its support obligations.",
            f"卖方未在约定的响应时间或修复时间内履行的，每迟延一个工作日（不足一个工作日的按一个工作日计），应按合同总价"
            f"的{p.credit_percent_per_day}%向买方支付违约金，累计不超过合同总价的{p.credit_cap_percent}%。买方有权从应付"
            f"卖方的任何款项中抵扣上述金额。支付违约金不免除卖方继续履行技术支持义务。",
        )
    if kind == "refund_return":
        return (
            f"If a defect is not remedied within {p.refund_cure_days} days after the Buyer's written notice, or the "
            f"same defect recurs three times within the Warranty Period, the Buyer may at its choice require "
            f"replacement of the Equipment or of the defective part, a reduction of the price, or return the "
            f"Equipment against a refund of the price paid. The Seller bears the costs of return, transport and "
            f"replacement. These remedies are in addition to damages.",
            f"缺陷在买方书面通知后{p.refund_cure_days}日内未被消除，或同一缺陷在质保期内重复出现三次的，买方有权选择要求"
            f"更换设备或缺陷部件、减少价款，或退回设备并要求返还已付价款。退货、运输及更换费用由卖方承担。上述救济不影响"
            f"买方要求赔偿损失的权利。",
        )
    if kind == "warranty_period":
        return (
            f"The warranty period is {p.warranty_months} months from {p.warranty_start_en}. It is extended by every "
            f"period during which the Equipment cannot be used because of a defect. A repaired or replaced part is "
            f"warranted for {p.warranty_months} months from its repair or replacement, but not less than the "
            f"remaining warranty period of the Equipment.",
            f"质保期为自{p.warranty_start_zh}起{p.warranty_months}个月。因缺陷导致设备不能使用的期间，质保期相应顺延。"
            f"经修理或更换的部件自修理或更换之日起享有{p.warranty_months}个月质保期，但不短于设备剩余的质保期。",
        )
    if kind == "spare_parts":
        return (
            f"The Seller shall keep spare parts for the Equipment available for at least {p.spare_parts_years} years "
            f"after final acceptance and deliver ordered parts within {p.spare_parts_lead_working_days} Working Days "
            f"after the order, at prices not exceeding the spare-parts price list in Schedule [ ] increased by no "
            f"more than [ ]% per year.",
            f"卖方应自最终验收之日起至少{p.spare_parts_years}年内保证设备备件的供应，并在收到订单后"
            f"{p.spare_parts_lead_working_days}个工作日内交付，价格不高于附件[ ]备件价格表所列价格，每年涨幅不超过[ ]%。",
        )
    if kind == "documentation":
        return (
            f"With the Equipment, the Seller shall deliver complete operation, maintenance and service manuals, "
            f"electrical and mechanical drawings and the spare-parts list in {p.documentation_language}, in print "
            f"and as searchable PDF files. Delivery of this documentation is part of delivery of the Equipment.",
            f"卖方应随设备交付完整的{doc_zh}操作手册、维护保养手册、维修手册、电气及机械图纸和备件清单，纸质版及可检索的"
            f"PDF电子版各一套。交付上述资料是交付设备的组成部分。",
        )
    if kind == "training":
        return (
            f"During commissioning, the Seller shall train up to {p.trainees} of the Buyer's staff at the Buyer's site "
            f"for {p.training_days} Working Days in {p.documentation_language}, at no additional cost, covering "
            f"operation, routine maintenance and fault finding. Completion is confirmed in a record signed by both "
            f"Parties.",
            f"卖方应在调试期间于买方现场以{doc_zh}免费为买方最多{p.trainees}名人员提供{p.training_days}个工作日的培训，"
            f"内容包括操作、日常维护及故障排查。培训完成后由双方签署培训记录确认。",
        )
    if kind == "software_updates":
        return (
            f"For {p.updates_years} years after final acceptance the Seller shall provide free of charge all software "
            f"and firmware updates that correct defects or security vulnerabilities. The Seller shall give at least "
            f"ten Working Days' written notice of any update with its release notes, and shall not install an update "
            f"that removes functions or changes the terms of use without the Buyer's written consent. If an update "
            f"causes a fault, the Seller shall restore the previous working version within the resolution time.",
            f"自最终验收之日起{p.updates_years}年内，卖方应免费提供所有用于修复缺陷或安全漏洞的软件和固件升级。任何升级"
            f"应至少提前十个工作日书面通知买方并附升级说明；未经买方书面同意，卖方不得安装删减功能或变更使用条件的升级。"
            f"升级导致故障的，卖方应在修复时间内恢复此前可正常运行的版本。",
        )
    if kind == "onsite_support":
        return (
            f"If a fault is not resolved remotely within {p.remote_attempt_business_hours} Business Hours, the "
            f"Seller shall send a qualified engineer who arrives at the Buyer's site within {p.onsite_working_days} "
            f"Working Days after the request. During the Warranty Period the Seller bears all travel, accommodation, "
            f"visa and labour costs.",
            f"故障在{p.remote_attempt_business_hours}个工作小时内未能通过远程方式解决的，卖方应派遣具备资质的工程师于请求"
            f"发出后{p.onsite_working_days}个工作日内到达买方现场。质保期内的差旅、食宿、签证及人工费用均由卖方承担。",
        )
    if kind == "change_procedure":
        return (
            "This Contract, including its support terms, may be amended only by a written document that refers to "
            "this Contract and is signed by authorised representatives of both Parties. Support plans, service "
            "terms, prices or the scope of support cannot be changed by notice, by publication on a website or by "
            "any other unilateral act of the Seller.",
            "本合同（包括技术支持条款）仅可通过援引本合同并经双方授权代表签署的书面文件进行变更。卖方不得以通知、网站公布"
            "或其他单方行为变更支持方案、服务条款、价格或支持范围。",
        )
    if kind == "governing_law":
        return (
            f"This Contract is governed by {p.governing_law_en}. [Decide with counsel whether the United Nations "
            f"Convention on Contracts for the International Sale of Goods applies or is excluded.]",
            f"本合同适用{p.governing_law_zh}。[是否适用或排除《联合国国际货物销售合同公约》，请与律师商定。]",
        )
    if kind == "dispute_resolution":
        return (
            f"Any dispute arising from or in connection with this Contract shall be submitted to {inst_en} for "
            f"arbitration in accordance with its arbitration rules in effect when the application for arbitration is "
            f"made. The seat of arbitration is {p.seat}. The tribunal consists of {tribunal_en}. The "
            f"language of the arbitration is {p.arbitration_language}. The award is final and binding on both "
            f"Parties.",
            f"凡因本合同引起的或与本合同有关的任何争议，均应提交{inst_zh}，按照申请仲裁时该机构现行有效的仲裁规则进行仲裁。"
            f"仲裁地为{seat_zh}。仲裁庭由{tribunal_zh}组成。仲裁语言为{lang_zh}。"
            f"仲裁裁决是终局的，对双方均有约束力。",
        )
    if kind == "prevailing_language":
        return (
            f"This Contract is made in English and Chinese. In case of any discrepancy between the two versions, "
            f"the {p.prevailing_language} version prevails.",
            f"本合同以英文和中文书就。两种文本如有不一致，以{prev_zh}文本为准。",
        )
    if kind == "notices":
        return (
            "Notices under this Contract shall be in writing and sent by e-mail to the addresses below; notices of "
            "breach or termination shall also be sent by international courier. An e-mail notice is received when "
            "it enters the recipient's mailbox during Business Hours, otherwise at the start of the next Business "
            "Hour. Buyer: [address, e-mail]. Seller: [address, e-mail]. A Party may change its address by notice.",
            "本合同项下的通知应以书面形式通过电子邮件发送至下列地址；违约通知或解除通知还应以国际快递寄送。电子邮件在工作"
            "小时内进入收件人邮箱时视为送达，否则于下一个工作小时开始时视为送达。买方：[地址、电子邮箱]。卖方：[地址、电子"
            "邮箱]。一方变更地址的，应通知另一方。",
        )
    if kind == "inspection_acceptance":
        return (
            f"The Buyer may inspect the Equipment within {p.inspection_days} days after installation and commissioning "
            f"are completed. Final acceptance requires a successful acceptance test of [72] hours of continuous "
            f"operation under the protocol in Schedule [ ], confirmed by a final acceptance certificate signed by both "
            f"Parties. Signing a delivery note is not acceptance of quality.",
            f"买方有权在安装调试完成后{p.inspection_days}日内对设备进行检验。最终验收须按附件[ ]的验收规程连续运行[72]小时"
            f"测试合格，并由双方签署最终验收证书确认。签收货物不视为对质量的认可。",
        )
    if kind == "liquidated_damages":
        return (
            f"For each full week of delay in delivery or in completion of commissioning, the Seller shall pay "
            f"liquidated damages of {p.ld_percent_per_week}% of the Contract Price, up to {p.ld_cap_percent}% of the "
            f"Contract Price. Payment does not release the Seller from its obligation to perform.",
            f"交货或调试完成每迟延一整周，卖方应按合同总价的{p.ld_percent_per_week}%支付违约金，累计不超过合同总价的"
            f"{p.ld_cap_percent}%。支付违约金不免除卖方继续履行的义务。",
        )
    if kind == "liability_cap":
        return (
            "The limitation of liability in this Contract does not apply to the Seller's warranty, repair and "
            "support obligations, to liquidated damages for support failures, or to loss caused intentionally or by "
            "gross negligence.",
            "本合同的责任限制不适用于卖方的质保、维修及技术支持义务、技术支持违约金，亦不适用于因故意或重大过失造成的损失。",
        )
    if kind == "termination":
        return (
            f"The Buyer may terminate this Contract by written notice if the Seller (a) misses the resolution time "
            f"{p.termination_failures} times within any {p.termination_window_months} months, or (b) has not "
            f"remedied a fault that stops the Equipment within {p.termination_cure_days} days after the Buyer's "
            f"written demand. Termination does not affect the Buyer's right to damages and to a refund of the price "
            f"against return of the Equipment.",
            f"卖方有下列情形之一的，买方有权书面通知解除本合同：（a）在任意{p.termination_window_months}个月内"
            f"{p.termination_failures}次未在修复时间内修复；（b）导致设备停止运行的故障在买方书面催告后"
            f"{p.termination_cure_days}日内仍未消除。合同解除不影响买方要求赔偿损失及退回设备并返还价款的权利。",
        )
    if kind == "post_termination_support":
        return (
            f"After the Warranty Period the Seller shall continue to provide technical support and spare parts for at "
            f"least {p.post_support_years} years, at the rates in Schedule [ ]. The Seller shall give at least "
            f"{p.eol_notice_months} months' written notice before discontinuing the Equipment or any of its parts and "
            f"offer a last-time purchase.",
            f"质保期满后，卖方应按附件[ ]所列费率继续提供技术支持和备件至少{p.post_support_years}年。卖方停产设备或其任何部件"
            f"前，应至少提前{p.eol_notice_months}个月书面通知买方，并给予买方最后一次采购的机会。",
        )
    return None


def suggestion(kind: str, reason: str, params: SuggestionParams) -> dict[str, Any] | None:
    """A bilingual clause for `kind`, or None when no clause is proposed for it."""
    texts = _texts(kind, params)
    if texts is None:
        return None
    en, zh = texts
    out: dict[str, Any] = {
        "kind": kind,
        "reason": reason,
        "text_en": en,
        "text_zh": zh,
        "status": "draft — for review by counsel",
        "note_en": DRAFT_NOTE_EN,
        "note_zh": DRAFT_NOTE_ZH,
    }
    if kind == "dispute_resolution":
        out["citation_note"] = (
            "Names the institution exactly (PRC Arbitration Law: an agreement naming no institution risks being "
            "void); wording written by DisputeDesk, not the institution's model clause (UNVERIFIED)"
        )
    return out
