"""Extract the numbers of the support terms from clause sentences: durations (with their business/calendar
basis), money, rates (with their role: per day, cap), warranty length and start, and the severity tier a time
limit belongs to.

Values are JSON-ready dicts; numbers are decimal strings (never float), money carries an
ISO 4217 code. The forum and the law (arbitration, courts, governing law, languages) are read by values_forum.py;
service hours, time zone, holiday calendar and the cover a clause states by values_hours.py.
"""

# ruff: noqa: E501 - tables of regular expressions and bilingual texts read better unbroken

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .text import EN_NUMBER, ZH_NUMBER, parse_number

I = re.IGNORECASE  # noqa: E741

Value = dict[str, Any]

# ------------------------------------------------------------------ durations
_RE_DUR_EN = re.compile(
    rf"(?P<num>{EN_NUMBER})\s*[- ]?(?:(?P<basis>business|working|work|calendar|consecutive|clock|natural)"
    r"(?:[- ]|(?<=work)(?=days?\b)))?"
    r"(?P<unit>hours?|hrs?|days?|minutes?|mins?|weeks?|months?|years?)\b",
    I,
)
_RE_DUR_ZH = re.compile(
    rf"(?P<num>{ZH_NUMBER})\s*(?:个)?\s*(?P<unit>工作日|自然日|日历日|工作小时|小时|天|日|分钟|周|星期|月|年)"
)
_UNIT_EN = {"hour": "hour", "hr": "hour", "day": "day", "minute": "minute", "min": "minute", "week": "week",
            "month": "month", "year": "year"}  # fmt: skip
_UNIT_ZH = {"工作日": ("day", "business"), "自然日": ("day", "calendar"), "日历日": ("day", "calendar"),
            "工作小时": ("hour", "business"), "小时": ("hour", None), "天": ("day", None), "日": ("day", None),
            "分钟": ("minute", None), "周": ("week", None), "星期": ("week", None), "月": ("month", None),
            "年": ("year", None)}  # fmt: skip
_BUSINESS_CONTEXT = re.compile(
    r"\b(?:during|within)\s+(?:normal\s+|the\s+)?(?:business|working|support|office)\s+hours\b|工作时间内|工作时间",
    I,
)
# round-the-clock cover: "24/7", "7×24小时" (right after a Chinese word, where \b does not hold: "设立7×24小时热线"),
# "twenty-four hours a day, seven days a week"
_ROUND_THE_CLOCK = (
    # a full stop after it ends the sentence ("Support is available 24/7."), a decimal point does not
    r"(?<![\d.])24\s*[/x×X*]\s*7(?!\d|\.\d)|(?<![\d.])7\s*[x×X*]\s*24(?!\d|\.\d)|全天候|"
    r"(?:24|twenty[- ]four)\s*(?:\(24\)\s*)?hours?\s*(?:a|per|each)\s*day|(?:round|around)[- ]the[- ]clock"
)
_CALENDAR_CONTEXT = re.compile(_ROUND_THE_CLOCK, I)
# twelve-hour cover: "5×12小时", "7×12 hotline", "5x12 support" (days of the week × hours a day), also written hours
# first ("12×5小时", "12x5 support", as "8×5" is for 5×8); the hours or a support word must follow, so "5 × 12 pieces",
# "12 × 5 pieces" or "12×5 cm" is no cover
COVER_X12 = (
    r"(?<![\d.])(?:(?P<x12>[57])\s*[×xX*]\s*12|12\s*[×xX*]\s*(?P<x12r>[57]))(?!\d|\.\d)"
    r"(?=\s*(?:个)?\s*(?:小时|钟头)|\s*(?:h|hrs?|hours?)\b|"
    r"[^\n。；;,，.]{0,12}?(?:技术|服务|热线|支持|客服|响应|\bsupport|\bservice|\bhotline|\bhelp|\bcover))"
)
# "twenty-four hours" in "twenty-four hours a day", "seven days" in "seven days a week": the cover, not a time limit
_COVER_AFTER = re.compile(r"\s*(?:a|per|each)\s+(?:day|week)\b", I)


# the unit a remedy's rate is counted in ("每逾期一日按合同价款的0.1%", "for every 1 day of delay"): no time limit
_RATE_UNIT_ZH = re.compile(r"每(?:逾期|延迟|迟延|延误|拖延|超过|超出|超时|满)?\s*$")
_RATE_UNIT_EN = re.compile(r"\b(?:each|every|per)\s+(?:full\s+|additional\s+)?$", I)


def durations(sentence: str) -> list[Value]:
    """All durations in a sentence, with unit and business/calendar meaning."""
    out: list[tuple[int, Value]] = []
    for m in _RE_DUR_EN.finditer(sentence):
        num = parse_number(m.group("num"))
        if num is None:
            continue
        unit_raw = m.group("unit").lower().rstrip("s")
        unit = _UNIT_EN.get(unit_raw, unit_raw)
        if unit in ("hour", "day") and _COVER_AFTER.match(sentence, m.end()):
            continue
        if _RATE_UNIT_EN.search(sentence, max(0, m.start() - 12), m.start()):
            continue
        b = (m.group("basis") or "").lower()
        basis = "business" if b in ("business", "working", "work") else "calendar" if b else "unspecified"
        out.append((m.start(), {"value": str(num), "unit": unit, "basis": basis, "text": m.group(0)}))
    for m in _RE_DUR_ZH.finditer(sentence):
        num = parse_number(m.group("num"))
        if num is None:
            continue
        unit, zb = _UNIT_ZH[m.group("unit")]
        # "24小时" inside "7×24小时" describes coverage, not a time limit
        if re.search(r"[×xX*]\s*$|每(?:天|日)\s*$", sentence[max(0, m.start() - 3) : m.start()]):
            continue
        if _RATE_UNIT_ZH.search(sentence, max(0, m.start() - 4), m.start()):
            continue
        out.append((m.start(), {"value": str(num), "unit": unit, "basis": zb or "unspecified", "text": m.group(0)}))
    out.sort(key=lambda t: t[0])
    values = [v for _, v in out]
    if _BUSINESS_CONTEXT.search(sentence):
        for v in values:
            if v["basis"] == "unspecified" and v["unit"] in ("hour", "minute"):
                v["basis"] = "business"
                v["basis_note"] = "counted within service/business hours (per the sentence)"
    elif _CALENDAR_CONTEXT.search(sentence):
        for v in values:
            if v["basis"] == "unspecified" and v["unit"] in ("hour", "minute"):
                v["basis"] = "calendar"
                v["basis_note"] = "24x7 coverage stated in the sentence"
    return values


def duration_in_hours(d: Value) -> Decimal | None:
    factor = {"minute": Decimal(1) / 60, "hour": Decimal(1), "day": Decimal(24), "week": Decimal(168)}
    f = factor.get(d["unit"])
    return None if f is None else Decimal(d["value"]) * f


# ------------------------------------------------------------------ money and rates
_CUR_SYMBOL = {"US$": "USD", "USD": "USD", "$": "USD", "EUR": "EUR", "€": "EUR", "GBP": "GBP", "£": "GBP",
               "RMB": "CNY", "CNY": "CNY", "¥": "CNY", "￥": "CNY", "JPY": "JPY", "HKD": "HKD", "HK$": "HKD",
               "CHF": "CHF", "AUD": "AUD", "CAD": "CAD", "SGD": "SGD"}  # fmt: skip
_CUR_WORD = {"usd": "USD", "dollars": "USD", "us dollars": "USD", "eur": "EUR", "euros": "EUR", "euro": "EUR",
             "rmb": "CNY", "cny": "CNY", "yuan": "CNY", "renminbi": "CNY", "元": "CNY", "人民币": "CNY",
             "美元": "USD", "欧元": "EUR", "英镑": "GBP", "港元": "HKD", "gbp": "GBP"}  # fmt: skip
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_RE_MONEY_PREFIX = re.compile(
    rf"(?P<cur>US\$|HK\$|USD|EUR|GBP|RMB|CNY|JPY|HKD|CHF|AUD|CAD|SGD|€|£|\$|¥|￥|人民币)\s?(?P<amt>{_AMOUNT})"
    r"(?:\s*(?P<mult>million|thousand|万|亿))?"
)
_RE_MONEY_SUFFIX = re.compile(
    rf"(?P<amt>{_AMOUNT})\s*(?P<mult>million|thousand|万|亿)?\s*(?P<cur>US dollars|dollars|euros?|USD|EUR|RMB|CNY|"
    r"yuan|renminbi|美元|欧元|英镑|港元|元)",
    I,
)
_MULT = {"million": Decimal(1_000_000), "thousand": Decimal(1000), "万": Decimal(10_000), "亿": Decimal(100_000_000)}


_CAP_BEFORE = re.compile(
    r"(?:maximum(?:\s+of)?|not\s+(?:to\s+)?exceed|capped\s+at|up\s+to|不超过|不得超过|最高(?:不超过)?|上限为?)\s*$", I
)


def money(sentence: str) -> list[Value]:
    out: list[tuple[int, Value]] = []
    taken: list[tuple[int, int]] = []
    for rx, table in ((_RE_MONEY_PREFIX, _CUR_SYMBOL), (_RE_MONEY_SUFFIX, _CUR_WORD)):
        for m in rx.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            cur_raw = m.group("cur")
            code = table.get(cur_raw) or table.get(cur_raw.lower()) or _CUR_WORD.get(cur_raw.lower())
            if code is None:
                continue
            amount = Decimal(m.group("amt").replace(",", ""))
            if m.group("mult"):
                amount *= _MULT[m.group("mult").lower() if m.group("mult").isascii() else m.group("mult")]
            v: Value = {"amount": str(amount), "currency": code, "text": m.group(0)}
            if _CAP_BEFORE.search(sentence, 0, m.start()) or (
                _CAP_AFTER.match(sentence, m.end()) and "以" in sentence[max(0, m.start() - 4) : m.start()]
            ):
                v["role"] = "cap"  # "累计不超过人民币5万元", "capped at USD 10,000", "以人民币5万元为限"
            if cur_raw in ("$", "¥", "￥"):
                v["note"] = f"symbol '{cur_raw}' read as {code}; state the currency code"
            taken.append((m.start(), m.end()))
            out.append((m.start(), v))
    out.sort(key=lambda t: t[0])
    return [v for _, v in out]


_RE_PCT = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<sym>%|‰|per\s*cent|percent)|(?P<zh>百分之|千分之|万分之)(?P<zhnum>[\d.零〇一二两三四五六七八九十点]+)",
    I,
)
# "每逾期一日" as a scan may read it ("每谴期一日"): two characters between 每 and 一 stand for the delay word
_OCR2 = r"[\u4e00-\u9fff]{2}(?=一)"
_RE_PER = re.compile(
    r"^.{0,60}?\b(?:per|for each|each|every)\s+(?:full\s+|complete\s+)?(?:(?:calendar|business|working)\s+)?"
    rf"(?P<p>day|week|month|hour)\b|^.{{0,20}}?(?:每(?:逾期|延迟|迟延|超过|{_OCR2})?(?:一)?(?:个)?(?:工作|自然|日历)?(?P<pz>日|天|周|小时|月))",
    I,
)
# "每迟延一个工作日，卖方按合同总价的0.5%": the period may be counted in working or calendar units
_RE_PER_BEFORE = re.compile(
    rf"(?:每(?:逾期|延迟|迟延|超过|{_OCR2})?(?:一)?(?:个)?(?:工作|自然|日历)?(?P<pz>日|天|周|小时|月))[^。；]{{0,20}}$"
)


def _zh_pct_number(s: str) -> Decimal | None:
    s = s.replace("点", ".")
    if re.fullmatch(r"[\d.]+", s):
        return Decimal(s)
    if "." in s:
        a, b = s.split(".", 1)
        ia = parse_number(a)
        digits = "".join(str(parse_number(ch)) for ch in b if parse_number(ch) is not None)
        return Decimal(f"{ia}.{digits}") if ia is not None and digits else ia
    return parse_number(s)


_CAP_AFTER = re.compile(r"\s*(?:为限|封顶|为上限|为最高限额)")


def rates(sentence: str) -> list[Value]:
    """Percentages/per-mille with the period they accrue per ('day', 'week') and their base."""
    out: list[Value] = []
    for m in _RE_PCT.finditer(sentence):
        if m.group("zh"):
            n = _zh_pct_number(m.group("zhnum"))
            if n is None:
                continue
            divisor = {"百分之": 1, "千分之": 10, "万分之": 100}[m.group("zh")]
            pct = n / divisor
        else:
            n = Decimal(m.group("num"))
            pct = n / 10 if m.group("sym") == "‰" else n
        v: Value = {"percent": format(pct.normalize(), "f"), "text": m.group(0)}
        after = sentence[m.end() : m.end() + 80]
        before = sentence[max(0, m.start() - 30) : m.start()]
        per = _RE_PER.search(after)
        per_b = _RE_PER_BEFORE.search(before)
        if per:
            p = per.group("p") or per.group("pz")
            v["per"] = {"日": "day", "天": "day", "周": "week", "小时": "hour", "月": "month"}.get(p, p.lower())
        elif per_b:
            v["per"] = {"日": "day", "天": "day", "周": "week", "小时": "hour", "月": "month"}[per_b.group("pz")]
        base = re.search(
            r"(?:of|on)\s+(?:the\s+)?((?:total\s+|annual\s+|monthly\s+)?(?:contract\s+(?:price|value|amount|sum)|"
            r"purchase\s+price|price|(?:annual\s+|monthly\s+)?(?:support|service|maintenance)\s+fees?|fees?|"
            r"value\s+of\s+the\s+[\w ]{1,30}))",
            after,
            I,
        ) or re.search(
            r"(合同总价|合同总额|合同价款|合同金额|货款|总价款?|服务费|年度服务费|设备价款|未交货部分)", before + after
        )
        if base:
            v["base"] = base.group(1)
        cap = re.search(
            r"(?:maximum|max\.?|not\s+(?:to\s+)?exceed|capped\s+at|up\s+to|不超过|最高|上限)", before + after[:20], I
        )
        if cap and re.search(
            r"(?:maximum|not\s+(?:to\s+)?exceed|capped|up\s+to|不超过|最高|上限)\s*(?:of\s+)?$"
            # "累计不超过合同总价的10%": the base may stand between the cap word and the figure in Chinese
            # (a space before the figure, as OCR and typed Chinese often have: "合同总价的 10%")
            r"|(?:不超过|不得超过|最高(?:不超过)?|上限为?)[^。；，,]{0,12}的\s*$",
            before,
            I,
        ):
            v["role"] = "cap"
        elif _CAP_AFTER.match(after) and re.search(r"以[^。；，,]{0,12}?的?\s*$", before):
            v["role"] = "cap"  # "以合同总价的10%为限", "以年度服务费的20%封顶"
        out.append(v)
    return out


# ------------------------------------------------------------------ warranty
_RE_WARRANTY_LEN_EN = re.compile(rf"(?P<num>{EN_NUMBER})\s*[- ]?(?P<unit>months?|years?)\b", I)
_RE_WARRANTY_LEN_ZH = re.compile(rf"(?P<num>{ZH_NUMBER})\s*(?:个)?\s*(?P<unit>月|年)")
_START_EVENTS = (
    r"(?:final\s+|provisional\s+|successful\s+|signed\s+|preliminary\s+)?acceptance(?:\s+certificate)?|"
    r"installation(?:\s+and\s+commissioning)?|commissioning|delivery|shipment|arrival|(?:the\s+)?bill\s+of\s+lading|B/L|"
    r"hand-?over|start-?up|invoice|signing|signature|"
    # receipt of the goods, not of a notice ("repair within 7 days after receipt of the Buyer's notice")
    r"receipt(?!\s+of\s+(?:the\s+|a\s+|any\s+|such\s+)?(?:\w+'s\s+)?(?:written\s+|defect\s+)?"
    r"(?:notice|notification|claim|request|report|complaint)s?\b)|completion|putting\s+into\s+(?:operation|service)|first\s+use"
)
_RE_START_EN = re.compile(
    rf"\b(?:from|after|following|upon|commencing\s+(?:on|from)|starting\s+(?:on|from)|beginning\s+(?:on|from)|of)\s+"
    rf"(?:the\s+)?(?:date\s+of\s+(?:the\s+)?)?(?P<ev>(?:{_START_EVENTS})\b[^,.;]{{0,60}})",
    I,
)
_RE_START_ZH = re.compile(
    r"(?:自|从|以|于)(?P<ev>[^。；，,]{0,24}?(?:验收|终验|初验|安装|调试|交货|到货|货到|到场|发货|提单|签收|交付|运行|投产|开箱|出厂|签署|"
    # a repaired or replaced part's own warranty runs from the repair ("自维修完成之日起计算")
    r"签订|签字|确认|竣工|移交|上线|下载|开通|启用|投入使用|维修|修理|修复|更换)[^。；，,]{0,12}?)"
    # "以最终验收证书签发之日为起算日" names the start as the day the period is counted from
    r"(?:(?:之日|当日|日|后)?(?:起|开始)|(?:之日|当日)为起算(?:日|点))|"
    # the start said without a preposition, as often as with one: "保修期为验收合格之日起十二个月" (the date
    # itself, 之日/当日, must be named, so "验收后起" alone is not read)
    r"(?:为|是|：|:)\s*(?P<ev2>[^。；，,自从以于]{0,12}?(?:验收|安装|调试|交货|到货|发货|签收|交付|运行|投产|竣工|移交|上线|"
    r"开通|启用|投入使用|维修|修理|修复|更换)[^。；，,]{0,8}?)(?:之日|当日)(?:起|开始)|"
    # the length after the event: "质保期为设备验收合格后十二个月" (the event, then 后 and the months)
    rf"(?:为|是|：|:)\s*(?P<ev3>[^。；，,自从以于]{{0,12}}?(?:验收|安装|调试|交货|到货|交付|投产|竣工|移交|上线|启用|投入使用)"
    rf"(?:合格|完毕|完成|结束)?)(?:之日)?后\s*(?:{ZH_NUMBER})\s*(?:个)?\s*(?:月|年)"
)
_RE_FIRST = re.compile(
    r"whichever\s+(?:is|comes|occurs)\s+(?:first|earlier|sooner)|以先到者为准|以.{0,6}早者为准|先到为准", I
)


# a warranty counted in days ("for ninety (90) days from delivery", "自首次下载之日起九十 (90) 天内"): only a number of
# days that runs from an event, so "repair within 7 days of notice" in a warranty clause is not read as its length
_RE_WARRANTY_DAYS_EN = re.compile(
    rf"\b(?:for|during)\s+(?:a\s+period\s+of\s+)?(?P<num>{EN_NUMBER})\s*[- ]?days?\s+(?:from|after|following)\b", I
)
_RE_WARRANTY_DAYS_ZH = re.compile(
    rf"(?:起|开始)\s*(?P<num>{ZH_NUMBER})\s*(?:个)?\s*(?:自然日|日历日|天|日)\s*(?:内|以内)|"
    rf"(?:保证期|保修期|质保期)(?:限)?(?:为|是)\s*(?P<num2>{ZH_NUMBER})\s*(?:个)?\s*(?:自然日|日历日|天|日)"
)


def warranty(sentence: str) -> Value | None:
    m = _RE_WARRANTY_LEN_EN.search(sentence) or _RE_WARRANTY_LEN_ZH.search(sentence)
    start = _RE_START_EN.search(sentence) or _RE_START_ZH.search(sentence)
    days = None if m is not None else _RE_WARRANTY_DAYS_EN.search(sentence) or _RE_WARRANTY_DAYS_ZH.search(sentence)
    if m is None and start is None and days is None:
        return None
    v: Value = {}
    if days is not None:
        num = parse_number(days.group("num") or days.group("num2") or "")
        if num is not None:
            v["days"] = str(num)
            v["text"] = re.sub(
                r"^(?:起|开始|保证期|保修期|质保期|for|during)(?:限)?(?:为|是|\s+a\s+period\s+of)?\s*|"
                r"\s*(?:内|以内|from|after|following)$",
                "",
                days.group(0),
                flags=I,
            )
    if m is not None:
        num = parse_number(m.group("num"))
        if num is not None:
            unit = m.group("unit").lower()
            months = num * 12 if unit.startswith(("year", "年")) else num
            v["months"] = str(months)
            v["text"] = m.group(0)
    if start is not None:
        v["start_event"] = (start.group("ev") or start.group("ev2") or start.group("ev3") or "").strip()
    if _RE_FIRST.search(sentence):
        v["whichever_first"] = True
    return v or None


# ------------------------------------------------------------------ severity tiers
_SEVERITY = (
    (re.compile(r"\b(?:critical|severity\s*(?:level\s*)?1|sev\s*1|priority\s*1|P1|urgent|emergency|line[- ]down|"
                r"system[- ]down|machine[- ]down|production\s+stop\w*)\b|紧急|一级|严重故障|重大故障|停机|停产故障|导致生产停止", I),
     "critical"),
    (re.compile(r"\b(?:major|high|degraded|severity\s*(?:level\s*)?2|sev\s*2|priority\s*2|P2)\b|二级|较大故障", I), "major"),
    (re.compile(r"\b(?:other|all\s+other|normal|ordinary|general)\s+(?:faults?|incidents?|issues?|problems?|defects?)\b|"
                r"其他故障|一般故障|普通故障", I), "other"),
    (re.compile(r"\b(?:minor|low|severity\s*(?:level\s*)?[34]|sev\s*[34]|priority\s*[34]|P[34])\b|三级|轻微", I),
     "minor"),
)  # fmt: skip
SEVERITY_ORDER = ("critical", "major", "minor", "other", "all")


def severity(sentence: str, pos: int | None = None) -> str | None:
    """The severity tier a duration at `pos` belongs to: the last tier word before it, else the first."""
    found: list[tuple[int, str]] = []
    for rx, name in _SEVERITY:
        for m in rx.finditer(sentence):
            found.append((m.start(), name))
    if not found:
        return None
    found.sort()
    if pos is not None:
        before = [name for start, name in found if start <= pos]
        if before:
            return before[-1]
    return found[0][1]
