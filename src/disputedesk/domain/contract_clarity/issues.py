"""Contract clarity, the issues per kind: what a kind's clause misses or states in a legally weak
way (missing elements, vague or one-sided terms, the PRC rules they run into), one rule per kind.

Split out of analysis.py (DESIGN.md: modules of about 600 lines at most); pure, no I/O. The finding on one side's
right to change the fees or the terms alone, and the checklist's one-sided note, are in change_rights.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from . import values as V
from . import wording as W
from .change_rights import _unilateral_change, one_sided_change
from .clauses import Clause
from .detection import _DEEMED_ACCEPTED, _LIMITATION, only_referred_to
from .kinds import SPEC_BY_KIND, UNILATERAL_CHANGE
from .legal import RULES, LegalRule, arbitration_rule
from .parties import Parties
from .records import (
    Json,
    KindResult,
    _excerpt,
    _issue,
    _Sentence,
    clause_sentences,
    is_heading_line,
    kind_applies,
    says_it_outright,
)

# ------------------------------------------------------------------ issues per kind


def _prc_law_may_govern(results: dict[str, KindResult]) -> tuple[bool, str]:
    """(PRC law governs or no law is chosen, the chosen law as the contract names it)."""
    law = str(results["governing_law"].values.get("law", ""))
    return (not law) or bool(re.search(r"China|Chinese|PRC|中华人民共和国|中国", law)), law


# What PRC law says of a period in days the contract leaves open, added to the days findings where PRC law governs or no
# law is chosen: the first day is not counted (Civil Code Art. 201; LEGAL-NOTES D3 and D7), and a period whose last day
# is a statutory holiday ends on the day after the holiday (Art. 203). LEGAL-NOTES D7 cites "Arts. 200-203" for the
# holiday rule as a range; the attribution of that rule to Art. 203 alone is not in the notes: UNVERIFIED. Nothing more
# than the two articles say (neither says the days are calendar or working days), and counsel should confirm.
_PRC_DAYS_EN = (
    " If PRC law governs and the contract says nothing more, a period in days starts on the day after the day it is "
    "counted from (Civil Code Art. 201), and a period whose last day is a statutory holiday ends on the day after the "
    "holiday (Art. 203); counsel should confirm."
)
_PRC_DAYS_ZH = (
    "如适用中国法而合同未另作约定，按日计算的期间开始的当日不计入，自下一日开始计算（《民法典》第二百零一条）；期间的最后一日"
    "是法定休假日的，以法定休假日结束的次日为期间的最后一日（第二百零三条）。请律师确认。"
)


def _covered_basis(kind: str, d: Json, where: _Sentence | None, prc: bool = False) -> Json:
    """The low "business or calendar time" finding for a time beside working-hours cover: what the contract suggests,
    and what it leaves unsaid (`prc`: PRC law governs or none is chosen, so a day count says what that law counts)."""
    cover = d["cover"]
    number = cover.get("clause")
    en_at = f", cl. {number}" if number else ""
    zh_at = "" if not number else f"，{number}" if not number.isascii() else f"，第{number}条"
    one = d["value"] == "1"
    amount_en = f"{d['value']} {d['unit']}{'' if one else 's'}"
    amount_zh = f"{d['value']}{ {'hour': '小时', 'minute': '分钟', 'day': '日'}[d['unit']] }"
    title_en, title_zh = SPEC_BY_KIND[kind].title_en.lower(), SPEC_BY_KIND[kind].title_zh
    if d["unit"] == "day":
        # the five days of 5×8 (Monday to Friday) suggest working days, as its eight hours suggest working hours
        return _issue(
            "basis_unclear",
            "low",
            f"The {title_en} does not say whether its days are working or calendar days: the contract gives "
            f"working-hours cover ({cover['en']}{en_at}), which suggests working days, but does not say the "
            f"{amount_en} {'is a working day' if one else 'are working days'}." + (_PRC_DAYS_EN if prc else ""),
            f"{title_zh}未说明按工作日还是自然日计算：合同约定了工作时间内的服务（{cover['zh']}{zh_at}），这提示可能按工作日计算，"
            f"但未写明{amount_zh}为工作日。" + (_PRC_DAYS_ZH if prc else ""),
            None,
            where,
        )
    return _issue(
        "basis_unclear",
        "low",
        f"The {title_en} does not say whether its hours are business or calendar time: the contract gives "
        f"working-hours cover ({cover['en']}{en_at}), which suggests working hours, but does not say the {amount_en} "
        "count only within it.",
        f"{title_zh}未说明按工作时间还是自然时间计算：合同约定了工作时间内的服务（{cover['zh']}{zh_at}），这提示可能按工作时间计算，"
        f"但未写明{amount_zh}仅在该服务时间内计算。",
        None,
        where,
    )


def _find_limitation(clauses: Sequence[Clause]) -> _Sentence | None:
    """First sentence that changes the time to bring claims (Civil Code Art. 197 where PRC law governs)."""
    for clause in clauses:
        if not _LIMITATION.search(clause.text):
            continue
        for s0, e0 in clause_sentences(clause):
            if _LIMITATION.search(clause.text[s0:e0]):
                return _Sentence(clause, s0, e0)
    return None


def _plan_is_no_fix(plan: Json, rule: LegalRule, where: _Sentence | None) -> Json:
    """The finding on a resolution time the contract gives only as a time to offer a solution plan."""
    finding = _issue(
        "no_number",
        "high",
        f"No repair time is agreed: {W.duration_en(plan)} is the time to offer a solution plan, not a time to repair "
        "the fault.",
        f"未约定修复时间：{W.duration_zh(plan)}是提出解决方案的期限，不是修复故障的期限。",
        rule,
        where,
    )
    if plan.get("location"):
        finding["location"] = plan["location"]
    finding["solution_plan"] = plan
    return finding


def _kind_issues(
    results: dict[str, KindResult],
    language: str,
    as_of: date,
    min_inspection_days: int,
    limitation: _Sentence | None = None,
    parties: Parties | None = None,
) -> None:
    def first(kind: str) -> _Sentence | None:
        """The sentence a finding on the kind cites: one stating the kind in its own words, in the most specific
        clause that holds it (sub-clause "3.1" stating the warranty, not the heading line "3. Warranty 质量保证")."""
        hits = [h for h in results[kind].hits if not h.by_heading] or results[kind].hits
        hits = [h for h in hits if not is_heading_line(h.sentence)] or hits
        hits = sorted(hits, key=lambda h: not says_it_outright(kind, h.sentence.text))
        return hits[0].sentence if hits else None

    art511 = RULES["civil_code_511"]
    for kind in ("response_time", "resolution_time"):
        r = results[kind]
        title = SPEC_BY_KIND[kind].title_en.lower()
        if not r.present:
            r.issues.append(
                _issue(
                    "missing",
                    "high",
                    f"No {title} is agreed: a late answer or repair cannot be shown to be a breach.",
                    f"未约定{SPEC_BY_KIND[kind].title_zh}：无法证明答复或修复迟延构成违约。",
                    art511,
                )
            )
            continue
        ds = r.values.get("durations", [])
        stated = [h for h in r.hits if not h.by_heading]
        if not ds and stated and all(only_referred_to(kind, h.sentence.text) for h in stated):
            # "未在规定时间内响应的，…扣减服务费": the time is named, never stated
            r.issues.append(
                _issue(
                    "no_number",
                    "high",
                    f"The {title} is only referred to (e.g. 'the agreed time'); the contract states no hours or days.",
                    f"合同仅提及{SPEC_BY_KIND[kind].title_zh}（如“规定时间内”），未约定具体小时或天数。",
                    art511,
                    first(kind),
                )
            )
        elif not ds and kind == "resolution_time" and r.values.get("solution_plan"):
            # "48小时内提供解决方案": a time to say how the fault will be fixed, not a time to fix it
            r.issues.append(_plan_is_no_fix(r.values["solution_plan"][0], art511, first(kind)))
        elif not ds:
            r.issues.append(
                _issue(
                    "no_number",
                    "high",
                    f"The {title} is described only in words (e.g. 'promptly'), with no hours or days.",
                    f"{SPEC_BY_KIND[kind].title_zh}仅有文字描述（如“及时”），未约定具体小时或天数。",
                    art511,
                    first(kind),
                )
            )
        elif any(d["basis"] == "unspecified" for d in ds):
            # the clause of the time that leaves it open (not one whose hours are settled, e.g. by 7×24 cover)
            open_ = [d for d in ds if d["basis"] == "unspecified"]
            unclear = next((d for d in open_ if "cover" not in d), open_[0])
            # a count of days left open says so, and what PRC law counts where it may govern (as the low finding
            # beside working-hours cover does: Civil Code Arts. 201, 203, see _PRC_DAYS_EN)
            open_days = any(d["unit"] == "day" for d in open_ if "cover" not in d)
            prc = open_days and _prc_law_may_govern(results)[0]
            if unclear["unit"] == "day":
                en = f"The {title} does not say whether its days are working or calendar days."
                zh = f"{SPEC_BY_KIND[kind].title_zh}未说明按工作日还是自然日计算。"
            else:
                en = f"The {title} does not say whether hours/days are business or calendar time."
                zh = f"{SPEC_BY_KIND[kind].title_zh}未说明按工作时间还是自然时间计算。"
            finding = _issue(
                "basis_unclear",
                "medium",
                en + (_PRC_DAYS_EN if prc else ""),
                zh + (_PRC_DAYS_ZH if prc else ""),
                None,
                first(kind),
            )
            if "cover" in unclear:
                # every open time sits beside working-hours cover ("5×8"): it suggests working hours, still unstated
                finding = _covered_basis(kind, unclear, first(kind), _prc_law_may_govern(results)[0])
            if unclear.get("location"):
                finding["location"] = unclear["location"]
            r.issues.append(finding)
        if ds and not r.values.get("time_zone") and not results["service_hours"].values.get("time_zone"):
            r.issues.append(
                _issue(
                    "no_time_zone",
                    "low",
                    f"No time zone for counting the {title}.",
                    f"未约定计算{SPEC_BY_KIND[kind].title_zh}所用的时区。",
                    None,
                    first(kind),
                )
            )

    r = results["service_hours"]
    if not r.present:
        r.issues.append(
            _issue(
                "missing",
                "medium",
                "Service hours are not defined: it is unclear when the clock runs.",
                "未约定服务时间：计时从何时起算不明确。",
            )
        )
    elif not any(k in r.values for k in ("coverage", "days", "start")):
        r.issues.append(
            _issue(
                "incomplete",
                "low",
                "Service hours are mentioned but days and hours are not stated.",
                "提及服务时间，但未写明具体日期和时段。",
                None,
                first("service_hours"),
            )
        )

    r = results["warranty_period"]
    if not r.present:
        r.issues.append(
            _issue(
                "missing",
                "high",
                "No warranty period: the notice deadline falls back to the law "
                "(Civil Code Arts. 620-621: reasonable time, at most 2 years from receipt).",
                "未约定质保期：异议期限适用法律规定（《民法典》第六百二十、六百二十一条：合理期限，最长自收货起两年）。",
            )
        )
    else:
        if "months" not in r.values and "days" not in r.values:
            r.issues.append(
                _issue(
                    "no_length",
                    "high",
                    "The warranty is mentioned but its length is not stated.",
                    "提及质保，但未写明期限。",
                    None,
                    first("warranty_period"),
                )
            )
        if "start_event" not in r.values:
            r.issues.append(
                _issue(
                    "no_start",
                    "medium",
                    "The warranty does not say when it starts (delivery, installation, acceptance?).",
                    "未写明质保期起算点（交货、安装还是验收？）。",
                    None,
                    first("warranty_period"),
                )
            )
        elif re.search(r"shipment|bill of lading|B/L|delivery|发货|提单|出厂|交货", str(r.values["start_event"]), re.I):
            r.issues.append(
                _issue(
                    "early_start",
                    "medium",
                    "The warranty starts at shipment/delivery: part of it may be used up before the equipment runs.",
                    "质保期自发货/交货起算，设备投入运行前即已消耗部分质保期。",
                    None,
                    first("warranty_period"),
                )
            )
        if r.values.get("whichever_first"):
            r.issues.append(
                _issue(
                    "whichever_first",
                    "low",
                    "'Whichever comes first' can shorten the warranty a lot.",
                    "“以先到者为准”可能大幅缩短质保期。",
                    None,
                    first("warranty_period"),
                )
            )

    r = results["dispute_resolution"]
    v = r.values
    if not r.present:
        r.issues.append(
            _issue(
                "missing",
                "high",
                "No dispute-resolution clause: the supplier must be sued in its own "
                "courts, and a foreign judgment may not be enforceable in China.",
                "未约定争议解决条款：只能在供方所在地法院起诉，外国判决在中国可能无法执行。",
            )
        )
    else:
        if v.get("mechanism") == "arbitration" and not v.get("institution"):
            rule = arbitration_rule(as_of)
            r.issues.append(
                _issue(
                    "no_institution",
                    "high",
                    "The arbitration clause names no arbitral institution: it may "
                    "be void under PRC law unless the parties agree a supplement.",
                    "仲裁条款未约定仲裁机构：依中国法，除非达成补充协议，可能无效。",
                    rule,
                    first("dispute_resolution"),
                )
            )
            r.issues.append(
                _issue(
                    "exact_name",
                    "low",
                    "Name the institution exactly.",
                    "应写明仲裁机构的准确名称。",
                    RULES["arbitration_exact_name"],
                )
            )
        if v.get("mechanism") == "arbitration":
            if not v.get("seat"):
                r.issues.append(
                    _issue(
                        "no_seat",
                        "medium",
                        "No seat of arbitration.",
                        "未约定仲裁地。",
                        None,
                        first("dispute_resolution"),
                    )
                )
            if not v.get("language"):
                r.issues.append(
                    _issue(
                        "no_language",
                        "low",
                        "No language of the arbitration.",
                        "未约定仲裁语言。",
                        None,
                        first("dispute_resolution"),
                    )
                )
        if "mechanism" not in v and v.get("negotiation_first"):
            r.issues.append(
                _issue(
                    "negotiation_only",
                    "high",
                    "Only amicable negotiation is agreed: there is no binding route to a decision.",
                    "仅约定友好协商，没有可作出有约束力裁决的途径。",
                    None,
                    first("dispute_resolution"),
                )
            )
    if limitation is not None:
        rule = RULES["civil_code_197"]
        applies, law = _prc_law_may_govern(results)
        results["dispute_resolution"].issues.append(
            _issue(
                "limitation_clause",
                "medium" if applies else "low",
                "A clause changes the time to bring claims; where PRC law governs, agreed limitation periods are void."
                + ("" if applies else f" (governing law here: “{law}”; check that law)"),
                "条款变更了提起请求的期限；适用中国法时，约定的诉讼时效无效。"
                + ("" if applies else f"（本合同约定适用“{law}”：请按该法律核查）"),
                rule,
                limitation,
            )
        )

    r = results["governing_law"]
    if not r.present:
        r.issues.append(
            _issue(
                "missing",
                "medium",
                "No governing law: it will be decided by conflict rules (for a PRC seller usually PRC law).",
                "未约定适用法律：由冲突规范确定（中国卖方通常适用中国法）。",
            )
        )

    r = results["prevailing_language"]
    # which version prevails only matters when the contract exists in two languages: a contract written in one
    # language only gets no finding (a Chinese-only contract was told it lacked a prevailing language)
    if not r.present and kind_applies("prevailing_language", language):
        r.issues.append(
            _issue(
                "missing",
                "high" if language == "bilingual" else "low",
                "No prevailing language: with two versions, a translation dispute decides what was promised.",
                "未约定以何种文本为准：存在两种文本时，由翻译争议决定承诺内容。",
            )
        )
    elif r.values.get("equal_versions") and not r.values.get("prevailing"):
        r.issues.append(
            _issue(
                "equal_versions",
                "medium",
                "Both language versions are equally authentic and none prevails: a discrepancy has no tie-breaker.",
                "两种文本具有同等效力且未约定以何者为准：出现不一致时无法判断。",
                None,
                first("prevailing_language"),
            )
        )

    r = results["inspection_acceptance"]
    if r.present:
        days = [d for d in r.values.get("durations", []) if d["unit"] in ("day", "week", "hour")]
        limit = Decimal(24 * min_inspection_days)
        short = [d for d in days if (V.duration_in_hours(d) or limit) < limit]
        if short:
            d = min(short, key=lambda x: V.duration_in_hours(x) or Decimal(0))
            finding = _issue(
                "short_inspection",
                "high",
                f"Inspection period of {W.duration_en(d)} is shorter than {min_inspection_days} days: "
                "installing and commissioning equipment usually takes longer.",
                f"检验期限（{W.duration_zh(d)}）短于{min_inspection_days}天：设备安装调试通常需要更长时间。",
                RULES["civil_code_622"],
            )
            if d.get("location"):  # the clause that states the period, so the reader can check it, and its sentence
                finding["location"] = d["location"]
                stating = next((h.sentence for h in r.hits if h.sentence.location().as_dict() == d["location"]), None)
                if stating is not None:
                    finding["excerpt"] = _excerpt(stating)["text"]
            r.issues.append(finding)
        deemed = next((h.sentence for h in r.hits if _DEEMED_ACCEPTED.search(h.sentence.text)), None)
        if deemed is not None:
            r.issues.append(
                _issue(
                    "deemed_acceptance",
                    "medium",
                    "Goods are deemed accepted if the buyer does not object "
                    "in time: keep written objections within the period.",
                    "买方未按时提出异议即视为验收合格：须在期限内书面提出异议。",
                    RULES["civil_code_622"],
                    deemed,
                )
            )
    else:
        r.issues.append(_issue("missing", "medium", "No inspection or acceptance procedure.", "未约定检验和验收程序。"))

    unilateral = next(
        (h.sentence for h in results["change_procedure"].hits if UNILATERAL_CHANGE.search(h.sentence.text)), None
    )
    if unilateral is not None:
        finding = _unilateral_change(unilateral, parties or Parties())
        results["change_procedure"].issues.append(finding)
        results["change_procedure"].one_sided = one_sided_change(results["change_procedure"], unilateral, finding)

    r = results["support_remedy"]
    if not r.present:
        r.issues.append(
            _issue(
                "missing",
                "high",
                "No remedy for support failures (service credits or liquidated damages): each loss must be proven.",
                "未约定技术支持违约的救济（服务抵扣或违约金）：每项损失均需举证。",
            )
        )
    r = results["documentation"]
    if r.present and not r.values.get("languages"):
        r.issues.append(
            _issue(
                "no_language",
                "medium",
                "Manuals are promised but their language is not stated.",
                "约定了说明书，但未写明语言。",
                None,
                first("documentation"),
            )
        )
    r = results["software_updates"]
    if r.present and "cost_borne_by" not in r.values:
        r.issues.append(
            _issue(
                "no_cost",
                "medium",
                "Updates are mentioned but who pays for them is not stated.",
                "提及升级，但未写明费用由谁承担。",
                None,
                first("software_updates"),
            )
        )
    r = results["onsite_support"]
    if r.present and "cost_borne_by" not in r.values:
        r.issues.append(
            _issue(
                "no_cost",
                "low",
                "On-site support is mentioned but travel costs are not allocated.",
                "提及现场服务，但未约定差旅费用承担。",
                None,
                first("onsite_support"),
            )
        )
    r = results["notices"]
    if r.present and not r.values.get("email"):
        r.issues.append(
            _issue(
                "no_email",
                "low",
                "Notices do not provide for e-mail: support requests by e-mail may be disputed as notices.",
                "通知条款未约定电子邮件方式：以邮件发出的支持请求可能被争议。",
                None,
                first("notices"),
            )
        )
    r = results["termination"]
    if r.present and not r.values.get("for_support_failure"):
        r.issues.append(
            _issue(
                "no_support_trigger",
                "low",
                "No right to terminate for repeated support failure.",
                "未约定因反复技术支持违约而解除合同的权利。",
                None,
                first("termination"),
            )
        )
    r = results["liability_cap"]
    if r.present:
        r.issues.append(
            _issue(
                "cap_covers_support",
                "medium",
                "A liability cap may also limit what can be recovered for support failures: check its carve-outs.",
                "责任上限可能同样限制技术支持违约的赔偿：请核对除外情形。",
                None,
                first("liability_cap"),
            )
        )
    for kind in ("refund_return", "spare_parts", "documentation", "training", "software_updates", "onsite_support",
                 "change_procedure", "notices", "termination", "post_termination_support",
                 "liquidated_damages"):  # fmt: skip
        if not results[kind].present:
            sev = "medium" if SPEC_BY_KIND[kind].weight >= 6 else "low"
            results[kind].issues.append(
                _issue(
                    "missing",
                    sev,
                    f"Nothing on {SPEC_BY_KIND[kind].title_en.lower()}.",
                    f"未约定{SPEC_BY_KIND[kind].title_zh}。",
                )
            )
