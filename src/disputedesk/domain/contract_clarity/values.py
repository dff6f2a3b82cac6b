"""Extract values from clause sentences: durations, money, rates, warranty length and start,
arbitration institution/seat/language, governing law, prevailing language, service hours.

Values are JSON-ready dicts; numbers are decimal strings (never float), money carries an
ISO 4217 code.
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
    rf"(?P<num>{EN_NUMBER})\s*[- ]?(?:(?P<basis>business|working|work|calendar|consecutive|clock|natural)[- ])?"
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
    r"(?<![\d.])24\s*[/x×X*]\s*7(?![\d.])|(?<![\d.])7\s*[x×X*]\s*24(?![\d.])|全天候|"
    r"(?:24|twenty[- ]four)\s*(?:\(24\)\s*)?hours?\s*(?:a|per|each)\s*day|(?:round|around)[- ]the[- ]clock"
)
_CALENDAR_CONTEXT = re.compile(_ROUND_THE_CLOCK, I)
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


def round_the_clock(text: str) -> bool:
    """The text states round-the-clock cover ("7×24小时", "24/7", "twenty-four hours a day")."""
    return bool(_CALENDAR_CONTEXT.search(text))


def settle_by_cover(values: list[Value]) -> None:
    """Hours and minutes of unstated basis counted in calendar time: the clause states round-the-clock service
    hours ("乙方提供7×24小时技术支持服务。乙方应在接到故障通知后2小时内响应。")."""
    for v in values:
        if v["basis"] == "unspecified" and v["unit"] in ("hour", "minute"):
            v["basis"] = "calendar"
            v["basis_note"] = "24x7 service hours stated in the same clause"


# working-hours cover: "5×8", "5x8", "8x5" (five days, eight hours), or working days with their hours ("Monday to
# Friday 9:00-18:00", "周一至周五9:00-17:30", "工作日上午9点至下午6点")
_WORKING_X = re.compile(r"(?<![\d.])(?:5\s*[×xX*]\s*8|8\s*[×xX*]\s*5)(?![\d.])")
_DAYS_WORDS = {"Mon-Fri": ("Monday to Friday", "周一至周五"), "Mon-Sat": ("Monday to Saturday", "周一至周六")}


def working_hours_cover(text: str) -> tuple[str, str] | None:
    """The working-hours cover a text states, as (English, Chinese) words ("5×8", "Monday to Friday 09:00–18:00"),
    or None; round-the-clock cover (7×24, 5×24) is none."""
    if _CALENDAR_CONTEXT.search(text):
        return None
    x = _WORKING_X.search(text)
    if x is not None:
        said = "×".join(p.strip() for p in re.split(r"[×xX*]", x.group(0)))
        return said, said
    sh = service_hours(text)
    days = _DAYS_WORDS.get(sh.get("days", ""))
    if days and sh.get("start") and (sh["start"], sh.get("end")) != ("00:00", "24:00"):
        span = f"{sh['start']}–{sh['end']}"
        return f"{days[0]} {span}", f"{days[1]}{span}"
    return None


def hint_by_cover(values: list[Value], cover: tuple[str, str], clause: str | None) -> None:
    """Hours, minutes and days of unstated basis in a clause whose article gives working-hours cover ("乙方提供5×8小时技术
    支持"): the basis stays unstated, but the cover suggests working hours, and working days (the five days of 5×8, Monday
    to Friday) for a count of days (the finding says so)."""
    for v in values:
        if v["basis"] == "unspecified" and v["unit"] in ("hour", "minute", "day"):
            v["cover"] = {"en": cover[0], "zh": cover[1], "clause": clause}


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


# ------------------------------------------------------------------ arbitration / courts
_INSTITUTIONS: tuple[tuple[str, str], ...] = (
    (r"China International Economic and Trade Arbitration Commission|\bCIETAC\b|中国国际经济贸易仲裁委员会|贸仲", "CIETAC"),
    (r"Shanghai International (?:Arbitration Cent(?:er|re)|Economic and Trade Arbitration Commission)|\bSHIAC\b|"
     r"上海国际(?:经济贸易)?仲裁(?:中心|委员会)", "SHIAC"),
    (r"Shenzhen Court of International Arbitration|\bSCIA\b|深圳国际仲裁院|华南国际经济贸易仲裁委员会", "SCIA"),
    (r"Beijing (?:International )?Arbitration (?:Commission|Cent(?:er|re))|\bBAC\b|北京仲裁委员会|北京国际仲裁中心", "BAC"),
    (r"Hong Kong International Arbitration Cent(?:er|re)|\bHKIAC\b|香港国际仲裁中心", "HKIAC"),
    (r"Singapore International Arbitration Cent(?:er|re)|\bSIAC\b|新加坡国际仲裁中心", "SIAC"),
    (r"International Chamber of Commerce|\bICC\b|国际商会", "ICC"),
    (r"London Court of International Arbitration|\bLCIA\b|伦敦国际仲裁院", "LCIA"),
    (r"Stockholm Chamber of Commerce|\bSCC\b", "SCC"),
    (r"American Arbitration Association|\bAAA\b|International Centre for Dispute Resolution|\bICDR\b", "AAA/ICDR"),
    (r"\bJAMS\b", "JAMS"),
    # Asian International Arbitration Centre (Kuala Lumpur), formerly the KLRCA (val22)
    (r"Asian International Arbitration Cent(?:er|re)|\bAIAC\b|Kuala Lumpur Regional Cent(?:er|re) for Arbitration|"
     r"\bKLRCA\b", "AIAC"),
    (r"Vienna International Arbitral Cent(?:er|re)|\bVIAC\b", "VIAC"),
    (r"German Arbitration Institute|\bDIS\b", "DIS"),
)  # fmt: skip
_RE_INSTITUTION_GENERIC = re.compile(
    r"(?P<zh>[\u4e00-\u9fff]{2,14}仲裁(?:委员会|院|中心))|"
    r"(?P<en>(?:[A-Z][A-Za-z&.']*\s+){1,6}(?:Arbitration|Arbitral)\s+(?:Commission|Cent(?:er|re)|Court|Institute|"
    r"Association|Chamber|Board))"
)
_CITIES = {"上海": "Shanghai", "北京": "Beijing", "深圳": "Shenzhen", "广州": "Guangzhou", "香港": "Hong Kong",
           "杭州": "Hangzhou", "天津": "Tianjin", "南京": "Nanjing", "苏州": "Suzhou", "武汉": "Wuhan",
           "重庆": "Chongqing", "成都": "Chengdu", "西安": "Xi'an", "厦门": "Xiamen", "宁波": "Ningbo",
           "青岛": "Qingdao", "新加坡": "Singapore", "伦敦": "London", "巴黎": "Paris", "斯德哥尔摩": "Stockholm",
           "日内瓦": "Geneva", "苏黎世": "Zurich", "维也纳": "Vienna", "东莞": "Dongguan", "佛山": "Foshan"}  # fmt: skip
_EN_CITIES = ("Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Hong Kong", "Hangzhou", "Tianjin", "Nanjing",
              "Suzhou", "Wuhan", "Chongqing", "Xiamen", "Ningbo", "Qingdao", "Singapore", "London", "Paris",
              "Stockholm", "Geneva", "Zurich", "Vienna", "New York", "Frankfurt", "Munich", "Dubai", "Seoul",
              "Tokyo")  # fmt: skip
_RE_SEAT_EN = re.compile(
    # read in dispute-resolution clauses only, so "The seat shall be Beijing." there is the seat of arbitration
    # or after a colon ("Seat of arbitration: Singapore.")
    r"\b(?i:seat|place|venue|location)(?:(?:\s+of\s+(?:the\s+)?(?i:arbitration))?\s+(?:shall\s+be|is|will\s+be)\s+|"
    r"\s+of\s+(?:the\s+)?(?i:arbitration)\s*[:：]\s*)(?:in\s+)?"
    r"(?:the\s+city\s+of\s+)?(?P<seat>[A-Z][A-Za-z'.]+(?:[ ,]+[A-Z][A-Za-z'.]+){0,3})"
)
_RE_SEAT_EN2 = re.compile(
    r"\b(?:arbitrat\w*|held|conducted|seated|take\s+place)\b[^.;]{0,160}?\b(?:in|at)\s+(?:the\s+city\s+of\s+)?"
    r"(?P<seat>" + "|".join(_EN_CITIES) + r")\b"
)
_RE_SEAT_ZH = re.compile(
    r"仲裁地(?:点)?(?:应|应当|将)?(?:为|是|在|：|:)\s*(?:中国)?(?P<seat>[\u4e00-\u9fff]{2,5}?)(?:市|[，。；,、]|$)|在(?:中国)?(?P<seat2>[\u4e00-\u9fff]{2,3}?)(?:市)?(?:进行)?仲裁|"
    r"仲裁委员会(?P<seat3>[\u4e00-\u9fff]{2,3}?)分会|"
    # "仲裁在深圳进行", "以香港为仲裁地"
    r"仲裁(?:应|应当|将)?在(?:中国)?(?P<seat4>[\u4e00-\u9fff]{2,3}?)(?:市)?进行|以(?:中国)?(?P<seat5>[\u4e00-\u9fff]{2,5}?)(?:市)?为仲裁地"
)
# a seat in a city of any name after "seated in", "take place in", "be held in" ("seated in Kuala Lumpur",
# "The arbitration shall take place in Helsinki, Finland"); a language or "accordance" is no place
_RE_SEAT_EN3 = re.compile(
    r"\b(?:seated|take\s+place|be\s+held)\s+in\s+(?:the\s+city\s+of\s+)?"
    r"(?!(?:English|Chinese|German|French|Spanish|Accordance|The|Such|Any|Private|Camera)\b)"
    r"(?P<seat>[A-Z][a-z][A-Za-z'.]*(?:\s+[A-Z][a-z][A-Za-z'.]*)?)"
)
_LANGS = {"english": "English", "chinese": "Chinese", "german": "German", "french": "French", "spanish": "Spanish",
          "中文": "Chinese", "汉语": "Chinese", "英文": "English", "英语": "English", "德文": "German"}  # fmt: skip
_RE_ARB_LANG = re.compile(
    r"\b(?:arbitration|arbitral proceedings?|proceedings?)\b[^.;]{0,80}?\b(?:conducted|held|carried out)\s+in\s+(?:the\s+)?"
    r"(?P<l1>English|Chinese|German|French|Spanish)\b|\blanguage\s+(?:of|for|to be used in)\s+(?:the\s+)?"
    r"(?:arbitration|proceedings?)(?:\s+(?:shall\s+be|is|will\s+be)\s+|\s*[:：]\s*)(?P<l2>English|Chinese|German|French|Spanish)\b|"
    r"仲裁(?:语言|所用语言|使用的语言)[^。；]{0,6}?(?P<l3>中文|英文|汉语|英语)|以(?P<l4>中文|英文|汉语|英语)(?:进行)?仲裁|"
    r"仲裁[^。；]{0,20}(?:使用|采用|以)(?P<l5>中文|英文|汉语|英语)|"
    # in a dispute-resolution clause: "The language to be used shall be English.", "使用语言为英文。"
    r"\blanguage\b(?:\s+(?:to\s+be\s+)?used)?[^.;]{0,30}?\b(?:shall\s+be|is|will\s+be)\s+(?P<l6>English|Chinese|German|French|"
    r"Spanish)\b|(?:语言|语种)(?:应)?(?:为|是|采用|使用)\s*(?P<l7>中文|英文|汉语|英语)|"
    # "seated in London in English", "arbitration in English in Singapore", "the arbitral proceedings shall be in
    # English" (not "in English law")
    r"\b(?:arbitrat\w*|seated|proceedings?)\b[^.;]{0,80}?\bin\s+(?:the\s+)?(?P<l8>English|Chinese|German|French|"
    r"Spanish)\b(?!\s+(?:law|courts?))|"
    # "English shall be the language of the arbitration"
    r"\b(?P<l9>English|Chinese|German|French|Spanish)\s+(?:shall\s+be|is|will\s+be)\s+the\s+language\s+(?:of|for|used\s+in)"
    r"\s+(?:the\s+)?(?:arbitrat\w*|proceedings?)",
    I,
)
# the language of every proceeding under the contract, in a clause of its own ("15. Language: The language of all
# proceedings under this Contract shall be English.", "与本合同有关的一切程序均使用中文"): the arbitration's language too
_RE_ALL_PROCEEDINGS_LANG = re.compile(
    r"\blanguage\s+(?:of|for|used\s+in)\s+(?:all|any)\s+(?:legal\s+|arbitral\s+|dispute\s+resolution\s+)?proceedings\b"
    r"[^.;]{0,60}?\b(?:shall\s+be|is|will\s+be)\s+(?P<l1>English|Chinese|German|French|Spanish)\b|"
    r"\b(?:all|any)\s+(?:legal\s+|arbitral\s+|dispute\s+resolution\s+)?proceedings\b[^.;]{0,60}?\b(?:conducted|held|"
    r"carried\s+out)\s+in\s+(?:the\s+)?(?P<l2>English|Chinese|German|French|Spanish)\b|"
    r"(?:一切|所有|任何)(?:争议解决|法律)?程序[^。；]{0,10}?(?:均)?(?:应)?(?:使用|采用|以)(?P<l3>中文|英文|汉语|英语)",
    I,
)


def proceedings_language(text: str) -> str | None:
    """The language a clause sets for every proceeding under the contract, arbitration included."""
    m = _RE_ALL_PROCEEDINGS_LANG.search(text)
    if m is None:
        return None
    raw = next(g for g in m.groups() if g)
    return _LANGS.get(raw.lower(), _LANGS.get(raw, raw))


_RE_ARBITRATORS = re.compile(
    r"\b(?P<one>sole|single|one(?:\s*\(1\))?)\s+arbitrator\b|\b(?P<three>three|3)(?:\s*\(3\))?\s+arbitrators\b|"
    r"\bnumber\s+of\s+arbitrators\s+(?:shall\s+be|is)\s+(?:(?P<one2>one|1)|(?P<three2>three|3))\b|"
    r"(?P<zh1>独任仲裁员|一名仲裁员)|(?P<zh3>三名仲裁员|三人仲裁庭|三位仲裁员)|"
    r"仲裁员(?:的)?人数(?:应|应当)?(?:为|是)\s*(?:(?P<zh1b>一|1)|(?P<zh3b>三|3))\s*(?:名|人|位)",
    re.IGNORECASE,
)
_RE_COURT = re.compile(
    r"\bcourts?\s+(?:of|in|located in|sitting in)\s+(?:the\s+)?(?P<c>[A-Z][A-Za-z.' ]{2,50}?)(?=[,.;)]|\s+(?:shall|will|and|for|to|with|have|has)\b)|"
    r"(?P<zh>[\u4e00-\u9fff]{0,12}人民法院)"
)
_RE_ARBITRATION = re.compile(r"\barbitrat\w*|仲裁", I)
_RE_AMICABLE = re.compile(
    r"友好协商|协商解决|amicabl\w*|friendly\s+(?:consultation|negotiation)s?|good[- ]faith\s+negotiation\w*|"
    r"negotiat\w*\s+in\s+good\s+faith|mutual\s+consultation",
    I,
)


def arbitration(sentence: str) -> Value:
    v: Value = {}
    if _RE_ARBITRATION.search(sentence):
        v["mechanism"] = "arbitration"
    for rx, name in _INSTITUTIONS:
        m = re.search(rx, sentence)
        if m:
            v["institution"] = name
            v["institution_text"] = m.group(0)
            break
    else:
        g = _RE_INSTITUTION_GENERIC.search(sentence)
        if g:
            name = (g.group("zh") or g.group("en")).strip()
            if g.group("zh"):
                # "双方同意将争议提交上海仲裁委员会": the name starts after the verb
                tail = re.split(r"提交|交由|申请|向|到|至|由|将", name)[-1]
                name = tail if len(tail) >= 5 else name
            v["institution"] = name
            v["institution_text"] = name
    m = _RE_SEAT_EN.search(sentence)
    seat = None
    if m:
        seat = m.group("seat").strip(" ,.")
    else:
        m2 = _RE_SEAT_EN2.search(sentence) or _RE_SEAT_EN3.search(sentence)
        if m2:
            seat = m2.group("seat").strip(" .")
        else:
            m3 = _RE_SEAT_ZH.search(sentence)
            if m3:
                raw = next(g for g in m3.groups() if g)
                seat = _CITIES.get(raw, raw)
    if seat is None and "institution_text" in v:
        inst = v["institution_text"]
        for zh, en in _CITIES.items():
            if inst.startswith(zh):
                seat = en
                break
        sub = re.search(
            r"(?:CIETAC|中国国际经济贸易仲裁委员会)\s*(?:\(|（)?\s*([A-Z][a-z]+|[\u4e00-\u9fff]{2,3})\s*(?:Sub-?Commission|分会|中心)",
            sentence,
        )
        if sub:
            seat = _CITIES.get(sub.group(1), sub.group(1))
    if seat:
        v["seat"] = seat
    m = _RE_ARB_LANG.search(sentence)
    if m:
        raw = next(g for g in m.groups() if g)
        v["language"] = _LANGS.get(raw.lower(), _LANGS.get(raw, raw))
    m = _RE_ARBITRATORS.search(sentence)
    if m:
        v["arbitrators"] = 1 if (m.group("one") or m.group("one2") or m.group("zh1") or m.group("zh1b")) else 3
    m = _RE_COURT.search(sentence)
    if m:
        v["mechanism"] = v.get("mechanism", "courts")
        v["courts"] = (m.group("c") or m.group("zh")).strip()
    if _RE_AMICABLE.search(sentence):
        v["negotiation_first"] = True
    return v


# ------------------------------------------------------------------ governing law
_RE_LAW_EN = re.compile(
    r"\blaws?\s+of\s+(?:the\s+)?(?P<j>(?:State|Commonwealth|Province|Republic|People'?s\s+Republic|Kingdom|Federal\s+Republic|"
    r"Hong\s+Kong\s+Special\s+Administrative\s+Region)\s+of\s+[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2}|"
    r"[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,3})"
)
_RE_LAW_ZH = re.compile(
    r"(?:适用|依照|依据|按照|受|准据法(?:为|是))(?P<j>中华人民共和国|中国|[\u4e00-\u9fff]{2,10}?)(?:的)?(?:法律|法)|"
    r"以(?P<j2>中华人民共和国|中国|[\u4e00-\u9fff]{2,10}?)(?:的)?(?:法律|法)为(?:准据法|管辖法律|适用法律)"
)
_RE_CISG = re.compile(
    r"United Nations Convention on Contracts for the International Sale of Goods|\bCISG\b|\bVienna Convention\b|"
    r"联合国国际货物销售合同公约",
    I,
)
_RE_CISG_EXCLUDED = re.compile(r"\bnot\s+(?:apply|be applicable|govern)|\bexclud\w*|\bshall not\b|不适用|排除", I)
_LAW_STOP = {"Agreement", "This", "Such", "Any", "Each", "The", "Section", "Article", "Party", "Parties", "Contract"}
# a law named by its adjective or place in a governing-law sentence: "governed by English law", "subject to Swiss law",
# "Singapore law shall govern", "New York law" (case-sensitive: "applicable law" is none)
_RE_LAW_ADJ = re.compile(r"\b(?P<j>(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+|PRC|UK|US)\s+law\b")
_ADJ_STOP = _LAW_STOP | {"Applicable", "Governing", "Mandatory", "Local", "Proper", "Relevant", "Such"}


def governing_law(sentence: str) -> Value:
    v: Value = {}
    m = _RE_LAW_EN.search(sentence)
    if m:
        j = re.sub(
            r"\s+(?:Without|Excluding|And|As|In|Applicable|Except|Other|But|That|Which|Shall|To)\b.*$", "", m.group("j")
        )
        if j.split()[0] not in _LAW_STOP:
            v["law"] = j.strip()
    elif (a := _RE_LAW_ADJ.search(sentence)) and not set(a.group("j").split()) & _ADJ_STOP:
        v["law"] = a.group(0)
    else:
        mz = _RE_LAW_ZH.search(sentence)
        zh = (mz.group("j") or mz.group("j2")) if mz else None
        if zh and zh not in ("相关", "有关", "本", "上述"):
            v["law"] = zh
    if _RE_CISG.search(sentence):
        v["cisg"] = "excluded" if _RE_CISG_EXCLUDED.search(sentence) else "applies"
    return v


# ------------------------------------------------------------------ prevailing language
_RE_PREVAIL_EN = re.compile(
    r"\b(?P<l>English|Chinese|German|French|Spanish)\s+(?:language\s+)?(?:version|text|original)\b[^.;。；]{0,80}\b"
    r"(?:prevail|govern|control)\w*|\b(?:prevail|govern|control)\w*\b[^.;。；]{0,30}\b(?P<l2>English|Chinese)\b|"
    r"\bin\s+the\s+(?P<l3>English|Chinese)\s+language\s+(?:only|which\s+shall\s+(?:be\s+controlling|prevail|control))",
    I,
)
_RE_PREVAIL_ZH = re.compile(
    r"以(?P<l>中文|英文|汉语|英语)(?:文本|版本)?为准|(?P<l2>中文|英文|汉语|英语)(?:文本|版本)[^。；]{0,10}为准"
)
_RE_EQUAL = re.compile(
    r"\bequally\s+(?:authentic|valid|binding)\b|\bequal\s+(?:legal\s+)?(?:effect|force|validity|authenticity)\b|同等(?:法律)?效力",
    I,
)


def prevailing_language(sentence: str) -> Value:
    v: Value = {}
    m = _RE_PREVAIL_EN.search(sentence) or _RE_PREVAIL_ZH.search(sentence)
    if m:
        raw = next(g for g in m.groups() if g)
        v["prevailing"] = _LANGS.get(raw.lower(), _LANGS.get(raw, raw))
    elif _RE_EQUAL.search(sentence):
        v["prevailing"] = None
        v["equal_versions"] = True
    return v


# ------------------------------------------------------------------ service hours, time zone, calendar
_RE_TZ = (
    (re.compile(r"Asia/Shanghai|Beijing\s+time|China\s+Standard\s+Time|北京时间|中国标准时间|GMT\s*\+\s*8|UTC\s*\+\s*8", I),
     "Asia/Shanghai"),
    (re.compile(r"\b(?:Europe|America|Asia|Africa|Australia|Pacific|Atlantic)/[A-Z][A-Za-z_]+\b"), None),
    (re.compile(r"\bCentral\s+European\s+(?:Summer\s+)?Time\b|\bCET\b|\bCEST\b"), "Europe/Berlin"),
    (re.compile(r"\b(?:buyer|purchaser|customer)'?s?\s+local\s+time\b|买方当地时间", I), "buyer_local"),
)  # fmt: skip
_RE_DAYS = re.compile(
    r"\b(?P<a>monday|mon)\s*(?:-|–|to|through|thru)\s*(?P<b>friday|fri|saturday|sat|sunday|sun)\b|"
    r"(?:周|星期)一\s*(?:至|到|-|—|－|~|～)\s*(?:周|星期)?(?P<zb>[五六日天])|"
    # "每周五 (5) 天", "每周六个工作日", "5×8"
    r"每(?:周|星期)\s*(?P<zn>[五六七567])\s*(?:[(（]\s*\d\s*[)）])?\s*(?:个)?\s*(?:工作)?(?:天|日)|(?<!\d)(?P<x5>5)\s*[×xX*]\s*(?:8|24)(?!\d)|(?<!\d)8\s*[×xX*]\s*(?P<x5b>5)(?!\d)",
    I,
)
_RE_WORKDAYS_ZH = re.compile(r"(?<![0-9一二三四五六七八九十两个])\s*(?:每个|法定)?工作日(?!内|之内|以内)")
_DAYS_COUNT = {"五": "Fri", "5": "Fri", "六": "Sat", "6": "Sat", "七": "Sun", "7": "Sun"}
# "每天二十四 (24) 小时": all day on the days stated
_RE_ALL_DAY = re.compile(r"每(?:天|日)\s*(?:二十四|24)\s*(?:[(（]\s*24\s*[)）])?\s*(?:个)?\s*小时")
# "上午9点至下午6点", "早上８：００到下午５：００"
_RE_TIMES_ZH = re.compile(
    r"(?:上午|早上|早晨)\s*(?P<h1>\d{1,2})\s*(?:[:：]\s*(?P<m1>\d{2})|点|时)(?:\s*(?P<half1>半))?[^。；]{0,6}?"
    r"(?:至|到|-|—|－|~)\s*(?P<pm>下午|晚上)?\s*(?P<h2>\d{1,2})\s*(?:[:：]\s*(?P<m2>\d{2})|点|时)(?:\s*(?P<half2>半))?"
)
_RE_TIMES = re.compile(
    # no \b in front: "为9:00-17:00" has none between a Chinese character and the digit
    r"(?<![\d:：.])(?P<h1>\d{1,2})(?:[:.：](?P<m1>\d{2}))?\s*(?P<ap1>a\.?m\.?|p\.?m\.?)?\s*(?:-|–|—|－|to|until|至|到|~)\s*"
    r"(?P<h2>\d{1,2})(?:[:.：](?P<m2>\d{2}))?\s*(?P<ap2>a\.?m\.?|p\.?m\.?)?",
    I,
)
# "between 9:00 and 17:30" (the times of _RE_TIMES joined by "and")
_RE_BETWEEN = re.compile(
    r"\bbetween\s+(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?\s*(?P<ap1>a\.?m\.?|p\.?m\.?)?\s+and\s+"
    r"(?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))?\s*(?P<ap2>a\.?m\.?|p\.?m\.?)?",
    I,
)
_RE_247 = re.compile(
    _ROUND_THE_CLOCK + r"|"
    r"7\s*天\s*[×xX*]\s*24\s*小时|365\s*(?:天)?\s*[×xX*]\s*24|全年无休",
    I,
)
_RE_AVAIL = re.compile(
    r"(?:availability|uptime|可用率|可用性|开机率|在线率|正常运行时间|正常运行率)[^.;。；]{0,40}?(?P<p>\d+(?:\.\d+)?)\s*%|"
    r"(?P<p2>\d+(?:\.\d+)?)\s*%\s*的?\s*(?:正常运行时间|正常运行率|可用率|可用性|在线率|开机率)",
    I,
)
_CAL_CN = re.compile(
    r"\b(?:PRC|Chinese|China(?:'s)?)\s+(?:statutory\s+|public\s+|national\s+|legal\s+)*holidays?\b|"
    r"\b(?:public|statutory|national)\s+holidays?\s+(?:in|of)\s+(?:the\s+)?(?:PRC|People's Republic of China|China)\b|"
    r"法定节假日|国家法定假日|法定假日",
    I,
)
_CAL_OTHER = re.compile(
    r"\b(?:public|bank|statutory)\s+holidays?\s+(?:in|of)\s+(?:the\s+)?(?P<c>Germany|France|Italy|Spain|Poland|"
    r"Netherlands|United Kingdom|England|UK|United States|USA|Australia|Canada|Brazil|Mexico|India|Turkey|Vietnam)",
    I,
)
_COUNTRY = {"germany": "de", "france": "fr", "italy": "it", "spain": "es", "poland": "pl", "netherlands": "nl",
            "united kingdom": "gb", "england": "gb", "uk": "gb", "united states": "us", "usa": "us",
            "australia": "au", "canada": "ca", "brazil": "br", "mexico": "mx", "india": "in", "turkey": "tr",
            "vietnam": "vn"}  # fmt: skip
_DAY_NAME = {"mon": "Mon", "fri": "Fri", "sat": "Sat", "sun": "Sun", "五": "Fri", "六": "Sat", "日": "Sun", "天": "Sun"}


def _clock(h: str, m: str | None, ap: str | None) -> str | None:
    hour = int(h)
    if ap and ap.lower().startswith("p") and hour < 12:
        hour += 12
    if hour > 24:
        return None
    return f"{hour:02d}:{int(m or 0):02d}"


def time_zone(sentence: str) -> str | None:
    for rx, name in _RE_TZ:
        m = rx.search(sentence)
        if m:
            return name or m.group(0)
    return None


def calendar(sentence: str) -> str | None:
    if _CAL_CN.search(sentence):
        return "cn"
    m = _CAL_OTHER.search(sentence)
    if m:
        return _COUNTRY.get(m.group("c").lower())
    return None


def service_hours(sentence: str) -> Value:
    v: Value = {}
    if _RE_247.search(sentence):
        v["coverage"] = "24x7"
    d = _RE_DAYS.search(sentence)
    if d:
        if d.group("zn") or d.group("x5") or d.group("x5b"):
            last = _DAYS_COUNT[d.group("zn") or d.group("x5") or d.group("x5b")]
        else:
            last = _DAY_NAME.get((d.group("b") or d.group("zb") or "").lower()[:3]) or _DAY_NAME.get(
                d.group("zb") or "", ""
            )
        v["days"] = f"Mon-{last}"
        if last == "Sun" and _RE_ALL_DAY.search(sentence):
            v["coverage"] = "24x7"
    elif _RE_WORKDAYS_ZH.search(sentence):
        # "工作日9:00-17:00": PRC working days (Monday to Friday, with the statutory holidays and 调休)
        v["days"] = "Mon-Fri"
    if _RE_ALL_DAY.search(sentence) and v.get("coverage") != "24x7":
        v["start"], v["end"] = "00:00", "24:00"
    zt = _RE_TIMES_ZH.search(sentence)
    t = _RE_TIMES.search(sentence) or _RE_BETWEEN.search(sentence)
    if zt:
        h2 = int(zt.group("h2"))
        start = _clock(zt.group("h1"), zt.group("m1") or ("30" if zt.group("half1") else None), None)
        end = _clock(
            str(h2 + 12 if zt.group("pm") and h2 < 12 else h2),
            zt.group("m2") or ("30" if zt.group("half2") else None),
            None,
        )
        if start and end:
            v["start"], v["end"] = start, end
    elif t and (t.group("m1") or t.group("ap1")) and (t.group("m2") or t.group("ap2")):
        start = _clock(t.group("h1"), t.group("m1"), t.group("ap1"))
        end = _clock(t.group("h2"), t.group("m2"), t.group("ap2"))
        if start and end:
            v["start"], v["end"] = start, end
    if v.get("days") and "start" not in v and "coverage" not in v and _WORKING_X.search(sentence):
        # "5×8": eight hours a day, which eight not stated (no clock times are invented from it)
        v["hours_per_day"] = "8"
    avail = _RE_AVAIL.search(sentence)
    if avail:
        v["availability_percent"] = avail.group("p") or avail.group("p2")
    return v


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
