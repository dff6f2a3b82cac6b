"""How a letter writes its values and tables: dates (in the letter's language, times of day in the
sender's zone, named in the column's heading), money, missing-fact markers, the user's own text
(marked where its language is not the letter's) and the tables (requests, SLA breaches, claims,
payments, evidence, parties), their columns in both languages. Pure: no database, no clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..domain.text import Text
from .catalogue import written
from .legal_zh import citations_zh, person_zh, user_text, without_language
from .letter_facts import FACT_LABELS, LetterFacts


def person(text: str, lang: str) -> str:
    """A "name, role" fact in a letter of ``lang`` (en, zh or both)."""
    if lang == "en":
        return text
    zh = person_zh(text)
    return zh if lang == "zh" or zh == text else f"{text}\n{zh}"


def contacts(text: str, lang: str) -> str:
    """The buyer's contacts for replies ("Name <mail>, Name <mail>"): listed with 、 in a Chinese letter."""
    return text.replace(">, ", ">、") if lang == "zh" else text


def bank_account(text: str, lang: str) -> str:
    """The buyer's account ("Bank, IBAN …, BIC …"): its parts joined with ， in a Chinese letter."""
    return text.replace(", IBAN ", "，IBAN ").replace(", BIC ", "，BIC ") if lang == "zh" else text


# -- formatting ------------------------------------------------------------------------------
_MONTHS = "January February March April May June July August September October November December".split()


def fmt_date(d: date | None, lang: str) -> str:
    if d is None:
        return ""
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ValueError, KeyError, ZoneInfoNotFoundError):
        return ZoneInfo("UTC")


def fmt_when(value: str | None, lang: str, zone: str | None, *, time: bool = True) -> str:
    """A date or moment of a table (stored as ISO text) as the letter writes it: 2026年3月16日 09:20
    / 16 March 2026, 09:20, in the sender's zone (named in the column's heading); ``time=False``:
    the day only. Both languages one below the other for ``both``; any other text as it is."""
    if not value:
        return ""
    if lang == "both":
        return f"{fmt_when(value, 'en', zone, time=time)}\n{fmt_when(value, 'zh', zone, time=time)}"
    try:
        moment = datetime.fromisoformat(value) if "T" in value else None
        day = moment.astimezone(_zone(zone)).date() if moment else date.fromisoformat(value)
    except ValueError:
        return value
    if moment is None or not time:
        return fmt_date(day, lang)
    clock = f"{moment.astimezone(_zone(zone)):%H:%M}"
    return f"{fmt_date(day, lang)} {clock}" if lang == "zh" else f"{fmt_date(day, lang)}, {clock}"


def zone_label(zone: str | None, lang: str) -> str:
    """The sender's zone as a column heading names it: 中欧时间 / Central European Time (CLDR's
    generic name, the same in summer and winter); UTC as 协调世界时 / UTC."""
    from babel.dates import get_timezone_name

    tz = _zone(zone)
    if tz.key in ("UTC", "Etc/UTC", "Etc/GMT", "GMT", "Universal", "Zulu"):
        return "协调世界时" if lang == "zh" else "UTC"
    name = str(get_timezone_name(tz, "long", locale="zh_Hans_CN" if lang == "zh" else "en_GB"))
    return tz.key if "未知" in name or "Unknown" in name else name


def missing_marker(name: str, lang: str) -> str:
    en, zh = FACT_LABELS.get(name, (name.replace("_", " "), name))
    return f"【缺少：{zh}】" if lang == "zh" else f"[missing: {en}]"


# -- blocks ------------------------------------------------------------------------------------


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)


@dataclass
class Block:
    kind: str  # title | heading | para | table
    text: str = ""
    table: Table | None = None
    marker: str = ""  # the @name of a table block


TABLE_COLUMNS: dict[str, list[tuple[str, str, float]]] = {
    "requests": [  # number and status wide enough for 请求编号 / 未解决 on one line
        ("Request", "请求编号", 1.3),
        ("Subject", "事项", 3.6),
        ("Opened", "提出时间", 1.7),
        ("Status", "状态", 1.2),
    ],
    "breaches": [
        ("Request", "请求", 1),
        ("Obligation", "义务", 1.3),
        ("Promised", "约定时限", 1.2),  # 工作时间24小时 on one line
        ("Deadline", "截止时间", 1.9),
        ("Actual", "实际情况", 1.9),
        ("Overdue by", "逾期", 1.5),
    ],
    "claims": [("Claim", "索赔事项", 4), ("Amount", "金额", 1.6), ("Basis", "依据", 2.5), ("Evidence", "证据", 1.4)],
    "payments": [
        ("Date", "日期", 1.3),
        ("Amount", "金额", 1.5),
        ("Method / reference", "方式/编号", 2.5),
        ("Evidence", "证据", 1),
    ],
    "evidence": [("No.", "编号", 1), ("Document", "文件", 5), ("Date", "日期", 1.5)],
    "parties": [("", "", 1.2), ("Claimant", "申请人", 3), ("Respondent", "被申请人", 3)],
}

# Columns holding a time of day (index into TABLE_COLUMNS[name]): the heading names the sender's zone.
ZONED: dict[str, tuple[int, ...]] = {"requests": (2,), "breaches": (3, 4)}

STATUS_ZH = {
    "open": "未解决",
    "closed": "已关闭",
    "resolved": "已解决",
    "no answer": "未答复",
    "breached": "已违约",
}


# Ways of paying (records' codes) as a Chinese letter writes them; an English one keeps the code.
METHOD_ZH = {
    "T/T": "电汇",
    "L/C": "信用证",
    "D/P": "付款交单",
    "card": "银行卡",
    "platform": "平台支付",
    "other": "其他方式",
}


def _method(code: str | None, lang: str, reference: str | None) -> str:
    """A payment's method and reference: 电汇 NVB… / T/T NVB… / T/T 电汇 NVB…"""
    words = {"zh": METHOD_ZH.get(code or "", code), "en": code}.get(lang)
    if lang == "both":
        words = " ".join(dict.fromkeys(x for x in (code, METHOD_ZH.get(code or "")) if x))
    return " ".join(x for x in (words, reference) if x)


def _vat(number: str | None, lang: str) -> str:
    """The buyer's identification in the parties' table (a foreign company has no USCC): its VAT ID."""
    if not number:
        return "—"
    return {"zh": f"增值税识别号：{number}", "en": f"VAT ID {number}"}.get(lang, f"VAT ID 增值税识别号 {number}")


def _cell(value: str | None, lang: str) -> str:
    if value is None:
        return "—"
    if lang == "zh":
        return STATUS_ZH.get(value, value)
    if lang == "both" and value in STATUS_ZH:
        return f"{value} {STATUS_ZH[value]}"
    return value


def shown(value: object, lang: str, *, items: bool = False, description: bool = False) -> str:
    """A fact's value in a letter of ``lang`` (en, zh or both): a sentence the code wrote
    (:class:`Text`: a claim's description, an evidence title) in the letter's language from the
    catalogue; the user's own text as written, marked where its language is not the letter's
    (never silently mixed). ``items``: a "; "-joined list (titles of requests), each one marked;
    ``description``: the user's description of a photo or video (marked as a description)."""
    if isinstance(value, Text):
        if lang == "both":
            en, zh = written(value, "en"), written(value, "zh")
            return en if en == zh else f"{en}\n{zh}"
        return written(value, lang)
    text = "" if value is None else str(value)
    if lang not in ("en", "zh"):
        return text
    parts = text.split("; ") if items else [text]
    return ("；" if lang == "zh" and len(parts) > 1 else "; ").join(
        user_text(p, lang, description=description) for p in parts
    )


def _received_rows(facts: LetterFacts, both: Callable[[str, str], str]) -> list[list[str]]:
    """The claims table's last rows once the parties settled or the supplier paid part: each
    settlement and each amount received (date, evidence) and the balance demanded; amounts in
    different currencies are listed, never added."""
    if not facts.claims_received and not facts.claims_settlements:
        return []
    rows = [
        [
            both(
                f"Agreed in the settlement of {fmt_when(r['date'], 'en', facts.sender_tz, time=False)}",
                f"双方于{fmt_when(r['date'], 'zh', facts.sender_tz, time=False)}和解约定的金额",
            ),
            r["amount"],
            "",
            r.get("evidence", ""),
        ]
        for r in facts.claims_settlements
    ]
    rows += [
        [
            both(
                f"Less: received from you on {fmt_when(r['date'], 'en', facts.sender_tz, time=False)}",
                f"减：贵司于{fmt_when(r['date'], 'zh', facts.sender_tz, time=False)}已支付的款项",
            ),
            f"− {r['amount']}",
            "",
            r.get("evidence", ""),
        ]
        for r in facts.claims_received
    ]
    en, zh = "Balance demanded", "尚欠余额（现要求支付）"
    if facts.claims_mixed:
        en, zh = f"{en} (per currency; currencies are not added together)", f"{zh}（按币种分列，不同币种不相加）"
    rows.append([both(en, zh), facts.claims_balance or "", "", ""])
    return rows


def build_table(name: str, facts: LetterFacts, lang: str, missing: Callable[[str], str]) -> Table | str:
    cols = TABLE_COLUMNS[name]

    def head(en: str, zh: str) -> str:
        return zh if lang == "zh" else en if lang == "en" else f"{en} {zh}".strip()

    columns = [head(en, zh) for en, zh, _ in cols]
    zone = facts.sender_tz
    for i in ZONED.get(name, ()):  # times of day: the sender's, its zone named once in the heading
        en, zh, _w = cols[i]
        z_en, z_zh = zone_label(zone, "en"), zone_label(zone, "zh")
        columns[i] = {"zh": f"{zh}（{z_zh}）", "en": f"{en} ({z_en})"}.get(lang, f"{en} {zh} ({z_en} / {z_zh})")
    widths = [w for *_, w in cols]
    rows: list[list[str]]
    if name == "parties":
        labels = [
            ("Name", "名称"),
            ("Address", "地址"),
            ("Unified Social Credit Code / registration", "统一社会信用代码/注册号"),
            ("Legal representative", "法定代表人"),
            ("Contact", "联系方式"),
        ]
        claimant = [
            facts.buyer_name or missing("buyer_name"),
            facts.buyer_address or missing("buyer_address"),
            _vat(facts.buyer_vat_id, lang),
            person(facts.buyer_legal_rep, lang) if facts.buyer_legal_rep else missing("buyer_legal_rep"),
            contacts(facts.buyer_contact, lang) if facts.buyer_contact else missing("buyer_contact"),
        ]
        supplier_name = " / ".join(x for x in (facts.supplier_name_zh, facts.supplier_name_en) if x)
        address = facts.supplier_address_zh if lang == "zh" else facts.supplier_address_en
        if lang == "both":
            address = "\n".join(x for x in (facts.supplier_address_zh, facts.supplier_address_en) if x)
        respondent = [
            (supplier_name if facts.supplier_name_zh else "") or missing("supplier_name_zh"),
            address or missing("supplier_address_zh"),
            facts.supplier_uscc or missing("supplier_uscc"),
            facts.supplier_legal_rep or missing("supplier_legal_rep"),
            facts.supplier_contact_details or missing("supplier_contact_details"),
        ]
        rows = [[head(en, zh), c, r] for (en, zh), c, r in zip(labels, claimant, respondent, strict=True)]
        return Table(columns, rows, widths)
    data: list[dict[str, str]] = getattr(facts, name)
    if not data:
        return missing(name)

    def mine(value: str) -> str:  # the code's sentences translated, the user's own text marked
        return shown(value, lang)

    def basis(text: str) -> str:
        if lang == "zh":
            return citations_zh(text)
        if lang == "both" and text:
            return f"{text}\n{citations_zh(text)}"
        return text

    def both(en: str, zh: str) -> str:  # a cell the generator writes: each language in its table
        return (zh or en) if lang == "zh" else en if lang == "en" else (f"{en}\n{zh}" if zh and zh != en else en)

    def when(value: str | None, time: bool = True) -> str:
        return fmt_when(value, lang, zone, time=time)

    if name == "requests":
        rows = [[r["number"], mine(r["title"]), when(r.get("opened")), _cell(r.get("status"), lang)] for r in data]
    elif name == "breaches":
        rows = [
            [
                b["request"],
                both(b.get("what", ""), b.get("what_zh", "")),
                both(b.get("promised", ""), b.get("promised_zh", "")),
                when(b.get("deadline")),
                _cell(b.get("actual"), lang) if b.get("actual") in (None, *STATUS_ZH) else when(b.get("actual")),
                both(b.get("overdue", ""), b.get("overdue_zh", "")),
            ]
            for b in data
        ]
    elif name == "claims":
        rows = [[mine(c["head"]), c["amount"], basis(c.get("basis", "")), c.get("evidence", "")] for c in data]
        if facts.claims_total:
            rows.append([{"zh": "合计", "en": "Total"}.get(lang, "Total 合计"), facts.claims_total, "", ""])
        rows += _received_rows(facts, both)
    elif name == "payments":
        rows = [
            [
                when(p["date"], False),
                p["amount"],
                _method(p.get("method"), lang, p.get("reference")),
                p.get("evidence", ""),
            ]
            for p in data
        ]
    elif name == "evidence":
        rows = [
            [
                e["label"],
                shown(e["title"], lang, description=without_language(e.get("media"))),
                when(e.get("date"), False),
            ]
            for e in data
        ]
    else:  # pragma: no cover
        raise ValueError(name)
    return Table(columns, rows, widths)
