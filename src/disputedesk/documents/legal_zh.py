"""Chinese forms of what the letter generator writes in English: legal citations, issue titles,
and the mark for the user's own text that still needs a translation.

A Chinese letter is Chinese throughout. Citations come from ``domain/claims/heads.py`` and
``domain/ladder.py`` in a fixed English form ("PRC Civil Code Art. 582", "SPC Sales
Interpretation Arts. 22–23", "CISG Art. 74 [wording UNVERIFIED]"); each is written here with the
instrument's official Chinese title (names as in LEGAL-NOTES §1, the LawRefBook file names):

- 《中华人民共和国民法典》 (PRC Civil Code, 2020)
- 《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》 ("Sales Interpretation", 2020 revision)
- 《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》 ("Contract Interpretation", 2023)
- 《联合国国际货物销售合同公约》 (CISG)

A "[wording UNVERIFIED]" mark stays a mark (〔条文措辞未经核实〕): the letter says what is not verified.
Text the user typed (request titles, claim descriptions, a contract's subject) is never
machine-translated: in a Chinese letter, English-only text is shown as written and marked
〔英文原文，待译〕 so counsel sees what still needs a translator.
"""

from __future__ import annotations

import re

CIVIL_CODE = "《中华人民共和国民法典》"
SALES_INTERP = "《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》"
CONTRACT_INTERP = "《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》"
CISG = "《联合国国际货物销售合同公约》"

UNTRANSLATED_ZH = "〔英文原文，待译〕"
UNTRANSLATED_EN = "[Chinese original, translation needed]"
# The user's description of an item that has no language of its own (a photo, a video): the
# description needs the translation, not the item.
DESCRIBED_ZH = "〔英文说明，待译〕"
DESCRIBED_EN = "[Chinese description, translation needed]"
UNVERIFIED_ZH = "〔条文措辞未经核实〕"

_INSTRUMENTS = (
    (re.compile(r"^(?:PRC )?Civil Code\s+"), CIVIL_CODE),
    (re.compile(r"^PRC Civil Procedure Law \(2023\)\s+"), "《中华人民共和国民事诉讼法》（2023年修正）"),
    (re.compile(r"^PRC Arbitration Law \(2017\)\s+"), "《中华人民共和国仲裁法》（2017年修正）"),
    (
        re.compile(r"^Law on the Application of Laws to Foreign-Related Civil Relations\s+"),
        "《中华人民共和国涉外民事关系法律适用法》",
    ),
    (re.compile(r"^(?=Arts?\.)"), ""),  # an article of the instrument the sentence already named
    (re.compile(r"^SPC Sales Interpretation\s+"), SALES_INTERP),
    (re.compile(r"^SPC Contract Interpretation\s+"), CONTRACT_INTERP),
    (re.compile(r"^CISG\s+"), CISG),
    (re.compile(r"^(?:the )?[Cc]ontract\s+"), "合同"),
)
_NUM = r"\d+(?:\.\d+)*(?:\(\d+\))*(?:\([a-z]\))?"
_ARTS = re.compile(rf"^Arts?\.\s*(?P<nums>{_NUM}(?:\s*(?:,|and|–|-)\s*{_NUM})*)\s*(?P<rest>.*)$")
_PHRASES = {
    "contract SLA clause": "合同服务水平条款",
    "contract warranty clause": "合同保修条款",
    "where the CISG applies": "（适用该公约时）",
    "the contract's support terms": "合同技术支持条款",
    "(start point: Art. 188)": "（起算点适用第一百八十八条）",
    "(foreign awards)": "（境外仲裁裁决）",
    "(2025 numbering UNVERIFIED)": "（2025年修订后的条文序号未经核实）",
    "(duty to assist; weaker where the contract has no SLA: counsel)": (
        "（协助义务；合同无服务水平条款时依据较弱，由律师判断）"
    ),
    "platform rule (configuration, not law)": "平台规则（配置数据，并非法律）",
    "SPC Provisions on the Temporal Effect of the Civil Code": (
        "《最高人民法院关于适用〈中华人民共和国民法典〉时间效力的若干规定》"
    ),
    "PRC Arbitration Law (2025, in force 1 March 2026), article number not checked (reported as Art. 69 or nearby)": (
        "《中华人民共和国仲裁法》（2025年修订，2026年3月1日起施行），条文序号未经核实（据称为第六十九条前后）"
    ),
    "number in the 2025 text not checked": "2025年修订文本中的条文序号未经核实",
    "CIETAC Arbitration Rules 2024, provision on escalation clauses (article number UNVERIFIED)": (
        "《中国国际经济贸易仲裁委员会仲裁规则》（2024年版）关于多层级争议解决条款的规定（条文序号未经核实）"
    ),
    "China's declarations": "中国的声明",
}

# Issue titles (domain/ladder.py ISSUE_TYPES) in Chinese, by id.
ISSUES_ZH = {
    "no_or_slow_support": "未提供或迟延提供技术支持",
    "missing_manual": "未提供操作维护说明书或未提供译本",
    "missing_or_untranslated_manual": "未提供操作维护说明书或未提供译本",
    "unilateral_term_change": "单方变更服务条款",
    "unilateral_change_of_terms": "单方变更服务条款",
    "product_defect": "产品缺陷或质量不符合约定",
    "warranty_refused": "拒绝提供保修服务",
    "refusal_of_warranty_service": "拒绝提供保修服务",
    "defective_firmware_update": "固件更新导致设备故障",
    "missing_documents": "未交付有关单证和资料",
}

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


_PROSE_WORD = re.compile(r"\b[a-z]{3,}\b")


def is_english_only(text: str) -> bool:
    """English words and no Chinese character. Model and serial numbers ("RF-F3015-6kW S/N
    RF3015G6-2512-0087") are not prose: at least two lower-case words of three letters."""
    return not has_cjk(text) and len(_PROSE_WORD.findall(text)) >= 2


def user_text(text: str | None, lang: str, *, description: bool = False) -> str:
    """The user's own text as written, marked when its language is not the letter's
    (``description``: it describes an item without a language of its own, e.g. a photo)."""
    if not text:
        return text or ""
    mark_zh, mark_en = (DESCRIBED_ZH, DESCRIBED_EN) if description else (UNTRANSLATED_ZH, UNTRANSLATED_EN)
    if lang == "zh" and is_english_only(text) and mark_zh not in text:
        return f"{text}{mark_zh}"
    if lang == "en" and has_cjk(text) and not _LATIN_WORD.search(text) and mark_en not in text:
        return f"{text} {mark_en}"
    return text


# A signatory's role as the buyer's contacts give it ("Managing Director (Geschäftsführerin)"): the
# Chinese title for the few roles that sign a company's letters; the role as written stays beside it.
ROLES_ZH = {
    "managing director": "总经理",
    "geschäftsführer": "总经理",
    "geschäftsführerin": "总经理",
    "general manager": "总经理",
    "chief executive officer": "首席执行官",
    "ceo": "首席执行官",
}


def person_zh(text: str) -> str:
    """ "Name, role" for a Chinese letter: the role's Chinese title with the role as written marked as
    the original (Katrin Albers，总经理（原文：Managing Director (Geschäftsführerin)）), or, for a role
    without a Chinese title here, the role as written marked so (Jonas Weber（职务原文：Leiter
    Instandhaltung）). A role already in Chinese only takes the Chinese comma; a name alone stays."""
    name, sep, role = text.partition(", ")
    role = role.strip()
    if not sep or not role:
        return text
    if has_cjk(role) and not _LATIN_WORD.search(role):
        return f"{name}，{role}"
    main = re.sub(r"\s*\(.*?\)", "", role).strip().lower()
    title = ROLES_ZH.get(main)
    return f"{name}，{title}（原文：{role}）" if title else f"{name}（职务原文：{role}）"


def without_language(media_type: str | None) -> bool:
    """An item with no language of its own (a photo, a video, a sound recording): a language or a
    translation is shown for it only where one was recorded."""
    return (media_type or "").split("/")[0] in ("image", "video", "audio")


_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """An article number as Chinese statutes write it: 582 → 五百八十二, 10 → 十, 1260 → 一千二百六十."""
    if not 0 < n < 10000:
        return str(n)
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero:
                out += "零"
            out += ("" if (d == 1 and unit == "十" and not out) else _DIGITS[d]) + unit
            zero = False
        elif out:
            zero = True
    return out


def _numbers_zh(nums: str, statute: bool) -> str:
    """ "620, 621(1), 622(1)" → 第六百二十条、第六百二十一条第一款、第六百二十二条第一款;
    "22–23" → 第二十二条至第二十三条 (contract clauses keep their numbers: 第5.2条)."""
    parts = re.split(r"\s*(,|and|–|-)\s*", nums.strip())
    out = ""
    for p in parts:
        if p in (",", "and"):
            out += "、"
        elif p in ("–", "-"):
            out += "至"
        else:
            out += _article_zh(p, statute)
    return out


def _article_zh(p: str, statute: bool) -> str:
    """ "621(1)" → 第六百二十一条第一款; "563(1)(3)" → 第五百六十三条第一款第（三）项."""
    m = re.fullmatch(r"(\d+(?:\.\d+)*)((?:\(\d+\))*)(?:\(([a-z])\))?", p)
    if not m:
        return p
    if m.group(3):  # CISG "1(1)(a)": 第一条第一款第（a）项
        return _article_zh(p[: -len(m.group(3)) - 2], statute) + f"第（{m.group(3)}）项"
    art, paras = m.group(1), re.findall(r"\((\d+)\)", m.group(2))
    out = f"第{zh_number(int(art)) if statute and art.isdigit() else art}条"
    if paras:
        out += f"第{zh_number(int(paras[0]))}款"
    if len(paras) > 1:
        out += f"第（{zh_number(int(paras[1]))}）项"
    return out


def citation_zh(citation: str) -> str:
    """One citation in Chinese; one the generator does not know is kept and marked for translation."""
    known_tail = any(citation.strip().endswith(" " + en) for en in _PHRASES if en.startswith("("))
    if "; " in citation and not known_tail:  # a rule cited with a remark ("… Art. 74; number … not checked")
        return "；".join(citation_zh(c) for c in citation.split("; ") if c.strip())
    text = citation.strip()
    unverified = "[wording UNVERIFIED]" in text
    rule_unverified = text.endswith("[UNVERIFIED]")  # a rule the research notes mark UNVERIFIED
    text = text.replace("[wording UNVERIFIED]", "").replace("[UNVERIFIED]", "").strip()
    if rule_unverified:
        return citation_zh(text) + "〔未经核实〕"
    tail = ""
    for en, zh in _PHRASES.items():
        if text == en:
            return zh + (UNVERIFIED_ZH if unverified else "")
        if text.endswith(" " + en):
            text, tail = text[: -len(en) - 1].strip(), zh
    for pattern, instrument in _INSTRUMENTS:
        m = pattern.match(text)
        if not m:
            continue
        rest = text[m.end() :]
        a = _ARTS.match(rest)
        if not a or a.group("rest"):
            break
        nums = _numbers_zh(a.group("nums"), statute=instrument != "合同")
        return f"{instrument}{nums}" + (UNVERIFIED_ZH if unverified else "") + tail
    # A citation the generator does not know (the user's own, e.g. "Clause 9 as amended"):
    # shown as written, marked for translation.
    if not has_cjk(citation) and _LATIN_WORD.search(citation):
        return f"{citation}{UNTRANSLATED_ZH}"
    return citation


def citations_zh(basis: str, sep: str = "; ") -> str:
    """A "; "-joined list of citations in Chinese (joined with "；")."""
    return "；".join(citation_zh(c) for c in basis.split(sep) if c.strip())
