"""Legal rules behind the contract-clarity findings, each with its citation.

Sources: /work/shared/legal/LEGAL-NOTES.md (D5, D10, §2 "Validity of an arbitration clause" and
"Arbitration Law revision"); Civil Code Art. 511 from the official text (not yet summarised in
LEGAL-NOTES). Whatever LEGAL-NOTES marks UNVERIFIED is carried here with `verified=False` and
shown as "UNVERIFIED" in every output that uses it. Not legal advice: counsel decides.
"""

# ruff: noqa: E501 - tables of regular expressions and bilingual texts read better unbroken

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# PRC Arbitration Law as revised on 12 Sep 2025, in force from 1 Mar 2026 (LEGAL-NOTES §2).
ARBITRATION_LAW_2025_IN_FORCE = date(2026, 3, 1)


@dataclass(frozen=True)
class LegalRule:
    key: str
    citation: str  # instrument + article, as shown to the user
    summary_en: str
    summary_zh: str
    verified: bool = True
    note: str | None = None  # why unverified / what to check

    def as_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "rule": self.key,
            "citation": self.citation + ("" if self.verified else " (UNVERIFIED)"),
            "citation_zh": CITATIONS_ZH.get(self.key, self.citation) + ("" if self.verified else "（未经核实）"),
            "summary_en": self.summary_en,
            "summary_zh": self.summary_zh,
            "verified": self.verified,
        }
        if self.note:
            d["note"] = self.note
        return d


RULES: dict[str, LegalRule] = {
    # Civil Code Art. 511(4): 履行期限不明确的，债务人可以随时履行，债权人也可以随时请求履行，但是应当给对方必要的准备时间。
    "civil_code_511": LegalRule(
        "civil_code_511",
        "PRC Civil Code Art. 511(4)",
        "Where the time of performance is unclear (and cannot be fixed by supplementary agreement or "
        "trade usage, Art. 510), the obligor may perform at any time and the obligee may demand performance "
        "at any time, giving the other side the time it needs to prepare: there is no agreed deadline to "
        "measure a support failure against.",
        "履行期限不明确的，债务人可以随时履行，债权人也可以随时请求履行，但是应当给对方必要的准备时间"
        "（《民法典》第五百一十一条第（四）项）：没有可据以认定技术支持迟延的约定时限。",
    ),
    # LEGAL-NOTES D10: Civil Code Art. 622.
    "civil_code_622": LegalRule(
        "civil_code_622",
        "PRC Civil Code Art. 622",
        "If the agreed inspection period is too short to inspect the goods, it counts only as the period "
        "for notice of visible (patent) defects; an agreed period shorter than one fixed by law or "
        "regulation gives way to the legal one. Commissioning a machine usually takes longer.",
        "当事人约定的检验期限过短，根据标的物的性质和交易习惯，买受人在检验期限内难以完成全面检验的，该期限仅视为"
        "买受人对标的物的外观瑕疵提出异议的期限；约定的检验期限或者质量保证期短于法律、行政法规规定期限的，应当以"
        "法律、行政法规规定的期限为准（《民法典》第六百二十二条）。",
    ),
    # LEGAL-NOTES D5: Civil Code Art. 197.
    "civil_code_197": LegalRule(
        "civil_code_197",
        "PRC Civil Code Art. 197",
        "Limitation periods, their calculation, suspension and interruption are fixed by law; a contract "
        "term changing them is void, and a waiver of limitation in advance is void (applies where PRC law "
        "governs).",
        "诉讼时效的期间、计算方法以及中止、中断的事由由法律规定，当事人约定无效；当事人对诉讼时效利益的预先"
        "放弃无效（《民法典》第一百九十七条，适用于中国法为准据法的情形）。",
    ),
    # LEGAL-NOTES C13: Civil Code Arts. 543, 496-498.
    "civil_code_543": LegalRule(
        "civil_code_543",
        "PRC Civil Code Art. 543; Arts. 496-498 (standard terms)",
        "A contract is changed by agreement of the parties. Standard terms must be pointed out and explained; "
        "standard terms that unreasonably exclude the drafter's liability or restrict the other side's main "
        "rights are void, and ambiguous standard terms are read against the drafter. A right of the supplier to "
        "change support terms alone is therefore open to challenge, but record whether the buyer agreed.",
        "当事人协商一致，可以变更合同（《民法典》第五百四十三条）。格式条款应当提示说明；不合理地免除或减轻提供方"
        "责任、限制对方主要权利的格式条款无效；对格式条款有两种以上解释的，应作不利于提供方的解释"
        "（第四百九十六条至第四百九十八条）。",
    ),
    # LEGAL-NOTES §2: 2017 Arts. 16 and 18.
    "arbitration_2017_18": LegalRule(
        "arbitration_2017_18",
        "PRC Arbitration Law (2017) Arts. 16, 18",
        "An arbitration agreement must name the arbitration commission; if the commission is missing or "
        "unclear and no supplementary agreement is reached, the agreement is void.",
        "仲裁协议应当载明选定的仲裁委员会；对仲裁委员会没有约定或者约定不明确，又达不成补充协议的，仲裁协议无效"
        "（《仲裁法》(2017) 第十六条、第十八条）。",
    ),
    # LEGAL-NOTES §2 "Arbitration Law revision": new article numbers UNVERIFIED.
    "arbitration_2025": LegalRule(
        "arbitration_2025",
        "PRC Arbitration Law (revised 12 Sep 2025, in force 1 Mar 2026), provisions on the arbitration "
        "agreement and ad hoc arbitration (article numbers UNVERIFIED; correspond to 2017 Arts. 16, 18)",
        "Under the law in force an arbitration agreement still has to choose an arbitral institution (仲裁机构); "
        "ad hoc arbitration without an institution is allowed only for certain foreign-related disputes "
        "(foreign-related maritime disputes and disputes between enterprises registered in free-trade pilot "
        "zones). A clause naming no institution is at risk of being void; name the institution exactly.",
        "现行《仲裁法》仍要求仲裁协议选定仲裁机构；不经机构的临时仲裁仅限于特定涉外纠纷（涉外海事纠纷、"
        "自由贸易试验区内注册企业之间的纠纷）。未约定仲裁机构的条款存在无效风险，应写明仲裁机构的准确名称。",
        verified=False,
        note="LEGAL-NOTES §2: article numbers of the 2025 text not checked against the official text",
    ),
    "arbitration_exact_name": LegalRule(
        "arbitration_exact_name",
        "LEGAL-NOTES §2 (misnamed institutions, e.g. 'CIETAC Beijing branch', Yang Guang Da 2001)",
        "Courts have voided clauses that misnamed the institution: use its exact official name.",
        "法院曾认定仲裁机构名称错误的仲裁条款无效：应使用仲裁机构的准确全称。",
    ),
}


def arbitration_rule(as_of: date) -> LegalRule:
    """The arbitration-agreement rule in force on `as_of` (the 2025 revision from 1 Mar 2026)."""
    if as_of >= ARBITRATION_LAW_2025_IN_FORCE:
        return RULES["arbitration_2025"]
    return RULES["arbitration_2017_18"]


# Each citation as a Chinese page shows it: the instruments' official Chinese titles, article
# numbers as Chinese statutes write them (documents/legal_zh.py).
CITATIONS_ZH = {
    "civil_code_511": "《中华人民共和国民法典》第五百一十一条第（四）项",
    "civil_code_622": "《中华人民共和国民法典》第六百二十二条",
    "civil_code_197": "《中华人民共和国民法典》第一百九十七条",
    "civil_code_543": "《中华人民共和国民法典》第五百四十三条；第四百九十六条至第四百九十八条（格式条款）",
    "arbitration_2017_18": "《中华人民共和国仲裁法》（2017年修正）第十六条、第十八条",
    "arbitration_2025": (
        "《中华人民共和国仲裁法》（2025年9月12日修订，2026年3月1日起施行）关于仲裁协议及临时仲裁的规定"
        "（条文序号未经核实；对应2017年文本第十六条、第十八条）"
    ),
    "arbitration_exact_name": (
        "LEGAL-NOTES 第2节（仲裁机构名称错误的情形，例如“CIETAC Beijing branch”；Yang Guang Da 案，2001年）"
    ),
}
assert set(CITATIONS_ZH) == set(RULES), "every rule has its Chinese citation"
