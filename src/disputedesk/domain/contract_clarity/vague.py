"""Vague wording that leaves a support obligation unenforceable, in English and Chinese.

Only sentences about support (see kinds.SUPPORT_CONTEXT) or inside a checklist clause are
searched: "reasonable" in a confidentiality clause does not weaken technical support.
"""

# ruff: noqa: E501 - tables of regular expressions and bilingual texts read better unbroken

from __future__ import annotations

import re
from dataclasses import dataclass

I = re.IGNORECASE  # noqa: E741

_NO_DEADLINE_EN = "sets no deadline: without a number of hours or days, lateness cannot be measured or proven"
_NO_DEADLINE_ZH = "未约定具体时限，无法衡量或证明是否迟延"
_ART511 = "civil_code_511"


@dataclass(frozen=True)
class VagueTerm:
    key: str
    pattern: re.Pattern[str]
    why_en: str
    why_zh: str
    rule: str | None = None  # key into legal.RULES when a legal consequence follows
    only_route: bool = False  # flag only when no binding route follows (amicable negotiation)


def _v(
    key: str, pattern: str, why_en: str, why_zh: str, rule: str | None = None, only_route: bool = False
) -> VagueTerm:
    return VagueTerm(key, re.compile(pattern, I), why_en, why_zh, rule, only_route)


VAGUE_TERMS: tuple[VagueTerm, ...] = (
    _v("timely", r"\btimely\b|\bin\s+a\s+timely\s+(?:manner|fashion)\b", f"'timely' {_NO_DEADLINE_EN}",
       f"“timely”{_NO_DEADLINE_ZH}", _ART511),
    _v("promptly", r"\bprompt(?:ly)?\b", f"'promptly' {_NO_DEADLINE_EN}", f"“promptly”{_NO_DEADLINE_ZH}", _ART511),
    _v("as_soon_as_possible", r"\bas\s+soon\s+as\s+(?:reasonably\s+)?(?:possible|practicable|practical|feasible)\b|\bASAP\b",
       f"'as soon as possible' {_NO_DEADLINE_EN}", f"“as soon as possible”{_NO_DEADLINE_ZH}", _ART511),
    _v("without_undue_delay", r"\bwithout\s+(?:undue\s+)?delay\b|\bforthwith\b|\bin\s+due\s+course\b",
       f"{_NO_DEADLINE_EN}", _NO_DEADLINE_ZH, _ART511),
    _v("reasonable_time", r"\bwithin\s+(?:a\s+)?reasonable\s+(?:time|period|timeframe|time\s*frame)\b|\breasonable\s+time\b",
       f"'a reasonable time' {_NO_DEADLINE_EN}; what is reasonable is decided only in the dispute",
       f"“合理时间”{_NO_DEADLINE_ZH}，何为合理只能在争议中认定", _ART511),
    _v("reasonable_efforts", r"\b(?:commercially\s+)?reasonable\s+(?:efforts|endeavou?rs)\b|\bbest\s+(?:efforts|endeavou?rs)\b|"
       r"\buse\s+(?:its|their)\s+efforts\b",
       "an efforts obligation promises trying, not a result: a missed repair is not a breach if the supplier 'tried'",
       "仅约定“尽力”义务，承诺的是努力而非结果：未修好不必然构成违约"),
    _v("as_needed", r"\b(?:as|when|if|where)\s+(?:needed|necessary|required|appropriate)\b|\bwhere\s+possible\b|\bif\s+possible\b",
       "leaves it to the supplier to decide whether support is owed at all",
       "由供方自行判断是否需要提供支持，义务是否存在不确定"),
    _v("to_be_agreed", r"\bto\s+be\s+(?:mutually\s+)?(?:agreed|discussed|negotiated|determined|confirmed)\b|"
       r"\bsubject\s+to\s+(?:further\s+|mutual\s+)?(?:negotiation|agreement|discussion)\b|\bagreed\s+separately\b",
       "an agreement to agree is not a term: until the parties agree, nothing is owed",
       "“另行商定”不构成可执行的条款：达成一致前不产生义务", _ART511),
    _v("in_principle", r"\bin\s+principle\b|\bgenerally\b|\bnormally\b|\busually\b",
       "'in principle'/'normally' allows exceptions that are not defined", "“原则上/一般”允许未界定的例外"),
    _v("appropriate", r"\b(?:appropriate|adequate|sufficient|necessary)\s+(?:technical\s+)?(?:support|assistance|service|"
       r"measures|spare\s+parts|training|documentation|personnel)\b",
       "the scope of support is not defined: what is 'appropriate' or 'necessary' is left to the supplier",
       "支持范围未界定，何为“适当/必要”由供方决定"),
    _v("discretion", r"\b(?:at|in)\s+(?:its|the\s+seller'?s|the\s+supplier'?s|seller'?s|supplier'?s)\s+(?:sole\s+|absolute\s+)?discretion\b",
       "the supplier decides alone whether and how to perform", "由供方单方决定是否及如何履行"),
    _v("from_time_to_time", r"\bfrom\s+time\s+to\s+time\b|\bperiodic(?:ally)?\b",
       "no frequency stated", "未约定频率"),
    _v("amicable_only_en", r"\bamicabl\w*|\bfriendly\s+(?:consultation|negotiation)s?\b|\bgood[- ]faith\s+negotiations?\b",
       "amicable negotiation as the only route gives no binding way to end a dispute (no institution, no court)",
       "仅约定友好协商，没有具有约束力的争议解决途径（无仲裁机构、无法院）", only_route=True),
    # ---- Chinese
    _v("zh_jinkuai", r"尽快|尽早|及早|尽速", "“尽快/尽早” (as soon as possible) " + _NO_DEADLINE_EN,
       "“尽快”" + _NO_DEADLINE_ZH, _ART511),
    _v("zh_jishi", r"及时", "“及时” (timely) " + _NO_DEADLINE_EN, "“及时”" + _NO_DEADLINE_ZH, _ART511),
    _v("zh_diyishijian", r"第一时间|立即|马上", "“第一时间/立即” (immediately) " + _NO_DEADLINE_EN,
       "“第一时间/立即”" + _NO_DEADLINE_ZH, _ART511),
    _v("zh_heli", r"合理(?:的)?(?:时间|期限|期间|范围|努力|措施|安排)?",
       "“合理” (reasonable) leaves the measure to be decided only in the dispute",
       "“合理”的标准只能在争议中认定", _ART511),
    _v("zh_shidang", r"适当|恰当|必要的(?:技术)?(?:支持|协助|服务|帮助)",
       "“适当/必要的” (appropriate/necessary) does not define the scope of support", "“适当/必要的”未界定支持范围"),
    _v("zh_biyaoshi", r"必要时|如有必要|视情况|酌情|根据需要",
       "“必要时/视情况” (when necessary) leaves it to the supplier whether support is owed",
       "“必要时/视情况”由供方判断是否提供支持"),
    _v("zh_lingxing", r"另行(?:协商|商定|约定|确定|签订)|双方(?:再)?协商确定|届时协商",
       "“另行协商” (to be agreed separately) is an agreement to agree: nothing is owed until agreed",
       "“另行协商”属于待定条款，达成一致前不产生义务", _ART511),
    _v("zh_yuanzeshang", r"原则上|一般情况下|通常情况下", "“原则上” (in principle) allows undefined exceptions",
       "“原则上”允许未界定的例外"),
    _v("zh_jinli", r"尽(?:最大)?(?:努力|力)|尽可能", "“尽力” (best efforts) promises trying, not a result",
       "“尽力”承诺的是努力而非结果"),
    _v("zh_youhao", r"友好协商|协商解决",
       "“友好协商” (amicable negotiation) as the only route gives no binding way to end a dispute",
       "仅约定友好协商，没有具有约束力的争议解决途径", only_route=True),
)  # fmt: skip
