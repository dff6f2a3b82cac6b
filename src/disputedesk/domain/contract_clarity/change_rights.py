"""Contract clarity, a one-sided change right: what one side may change alone (the fees, the service levels or the
terms), the finding that names who holds the right (PRC Civil Code Art. 543: a contract is changed by agreement;
legal.RULES["civil_code_543"]), and the note the checklist shows instead of a plain "present" for the change procedure.

Split out of issues.py by use case (DESIGN.md: modules of about 600 lines at most); pure, no I/O.
"""

from __future__ import annotations

import re

from .kinds import UNILATERAL_CHANGE
from .kinds_spec import FEES_ZH
from .legal import RULES
from .parties import Parties, right_holder, role_holder, who
from .records import Json, KindResult, _issue, _Sentence, is_heading_line

# a unilateral change of the fees or prices (the finding says so rather than "the terms")
_FEES = re.compile(rf"\b(?:fees?|charges?|prices?|pricing|rates|tariffs?)\b|{FEES_ZH}", re.I)


# ... or of the service levels (the one-sided note says which: "only the Supplier may change the service levels")
_LEVELS = re.compile(r"\bservice\s+levels?\b|\bSLAs?\b|服务等级|服务级别|服务水平|服务标准", re.I)


def _what_changes(text: str) -> str:
    """What a one-sided change right covers: "fees", "service_levels" or "terms" (the finding and the note say it)."""
    return "fees" if _FEES.search(text) else "service_levels" if _LEVELS.search(text) else "terms"


def _unilateral_change(where: _Sentence, parties: Parties) -> Json:
    """The finding on one side's right to change the fees or the terms alone, naming that side where the contract
    says who it is ("乙方（卖方）可单方调整…"); "one side" when it does not."""
    holder = right_holder(where.text, parties, UNILATERAL_CHANGE)
    word = None
    if holder is None and (by_role := role_holder(where.text, UNILATERAL_CHANGE)):
        holder, word = by_role  # named by its role word only ("The Government may unilaterally modify…")
    if word is not None:
        generic_zh = "供方" if holder == "supplier" else "需方"
        latin = word.isascii()
        who_en = f"the {word}" if latin else f"the {holder} (“{word}”)"
        who_zh = f"“{word}”（{generic_zh}）" if latin else word
    else:
        who_en = who(parties, holder, zh=False) if holder else "one side"
        who_zh = who(parties, holder, zh=True) if holder else "一方"
    who_en = who_en[0].upper() + who_en[1:]
    what = _what_changes(where.text)
    if holder == "customer":
        # the buyer's own right (a buyer-side change clause, the Government's right to modify): not a risk to the
        # support promised to it, but changes it orders should be on record
        what_en, what_zh = {
            "fees": ("the fees or prices", "费用或价格"),
            "service_levels": ("the service levels", "服务水平"),
        }.get(what, ("the contract", "合同"))
        issue = _issue(
            "unilateral_change",
            "low",
            f"{who_en} may change {what_en} alone: a right on the buyer's side, not one that lets the supplier "
            "withdraw the support promised; order each change in writing, so the record shows what was changed and "
            "when.",
            f"{who_zh}可单方{'调整' if what == 'fees' else '变更'}{what_zh}："
            "这是买方一方的权利，并非供方可撤回所承诺支持的条款；每次变更应以书面形式发出，以留存变更内容和时间的记录。",
            RULES["civil_code_543"],
            where,
        )
        issue["what"] = what
        issue["holder"] = holder
        if word is not None:
            issue["holder_word"] = word
        return issue
    if what == "fees":
        en = (
            f"{who_en} may change the fees or prices alone (e.g. on notice): the price agreed for support "
            "today can be raised without the other side's consent."
        )
        zh = f"{who_zh}可单方调整费用或价格（如通知后即调整）：今天约定的服务价格可能未经对方同意即被提高。"
    elif what == "service_levels":
        en = (
            f"{who_en} may change the service levels alone (e.g. on notice): the response and repair times "
            "agreed today can be lowered without the other side's consent."
        )
        zh = f"{who_zh}可单方变更服务水平（如通知后即变更）：今天约定的响应和修复时间可能未经对方同意即被降低。"
    else:
        en = (
            f"{who_en} may change the terms alone (e.g. by publishing new terms): support promised today can be "
            "withdrawn."
        )
        zh = f"{who_zh}可单方变更条款（如在网站公布新条款）：今天承诺的支持可能被撤回。"
    issue = _issue("unilateral_change", "high", en, zh, RULES["civil_code_543"], where)
    issue["what"] = what  # added (fix22b): fees, service_levels or terms, as the checklist's one-sided note
    if holder:
        issue["holder"] = holder
    if word is not None:
        issue["holder_word"] = word
    return issue


def one_sided_change(r: KindResult, where: _Sentence, finding: Json) -> Json:
    """How the checklist shows a change procedure that is one side's right to change the fees or the terms alone: not
    as a plain "present" (a buyer reads ✓ as "fine"), but present and one-sided, naming who holds the right by the
    page's words for the sides (the Supplier / 供应商, as the parties line), and saying so when a change both parties
    agree stands beside it ("changes by agreement, but the Supplier may change the fees alone")."""
    holder = finding.get("holder")
    what = _what_changes(where.text)
    agreed = any(
        not h.by_heading and not is_heading_line(h.sentence) and not UNILATERAL_CHANGE.search(h.sentence.text)
        for h in r.hits
    )
    verb_en, verb_zh = {
        "fees": ("change the fees", "调整费用"),
        "service_levels": ("change the service levels", "变更服务水平"),
    }.get(what, ("change the terms", "变更条款"))
    side_en = {"supplier": "the Supplier", "customer": "the Customer"}.get(str(holder), "")
    side_zh = {"supplier": "供应商", "customer": "客户"}.get(str(holder), "")
    if (word := finding.get("holder_word")) and str(word).isascii():
        side_en = f"the {word}"  # the contract's own role word ("only the Government may change the terms")
    if agreed:
        en = f"changes by agreement, but {side_en or 'one side'} may {verb_en} alone"
        zh = f"约定了协商变更，但{side_zh or '一方'}可单方{verb_zh}"
    elif holder:
        en, zh = f"one-sided: only {side_en} may {verb_en}", f"单方变更：仅{side_zh}一方可{verb_zh}"
    else:
        en, zh = f"one-sided: one side may {verb_en} alone", f"单方变更：一方可单独{verb_zh}"
    return {"holder": holder, "what": what, "agreed_changes_too": agreed, "note_en": en, "note_zh": zh}
