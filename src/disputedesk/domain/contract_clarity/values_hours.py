"""Extract when support is given from clause sentences: service hours (days, times of day, round-the-clock
coverage, availability), time zone and holiday calendar; and the cover a clause states ("7×24", "5×8", "Monday to
Friday 9:00-18:00") that settles or hints at the basis of the durations read by values.py.

Split out of values.py by use case (DESIGN.md: modules of about 600 lines at most); pure, no I/O. Values are
JSON-ready dicts (values.Value).
"""

# ruff: noqa: E501 - tables of regular expressions and bilingual texts read better unbroken

from __future__ import annotations

import re

from .values import _CALENDAR_CONTEXT, _ROUND_THE_CLOCK, COVER_X12, Value

I = re.IGNORECASE  # noqa: E741


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
# "5×12", "7×12" (or hours first, "12×5", "12×7"): twelve hours a day on five or seven days, which twelve not stated;
# "5×24": all day on working days
_RE_X12 = re.compile(COVER_X12, I)
_RE_X5_24 = re.compile(r"(?<![\d.])5\s*[×xX*]\s*24(?!\d|\.\d)")
# the twelve hours assumed for "5×12" / "7×12" when the contract gives no clock times: said with the hours found
# ("assumed 08:00–20:00, unconfirmed") and handed to the SLA engine as such, to be confirmed with the supplier
ASSUMED_TWELVE_HOURS = ("08:00", "20:00")
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
# US federal contracts exclude "Federal holidays" (the US federal holidays, which the `holidays` package gives for "US")
_CAL_US_FEDERAL = re.compile(r"\b(?:federal|U\.?S\.?)\s+(?:legal\s+|public\s+)?holidays?\b", I)
# times of day in 24-hour form ("0730-1630", "from 0700 to 1900 hours"), taken only with "hours" after them or the days
# of the week in the sentence, so a span of years ("2004-2005") is never read as clock times
_RE_TIMES24 = re.compile(
    r"\b(?P<h1>[01]\d|2[0-3])(?P<m1>[0-5]\d)\s*(?:hours|hrs)?\s*(?:-|–|—|to|until|through|thru)\s*(?P<h2>[01]\d|2[0-4])"
    r"(?P<m2>[0-5]\d)\b\s*(?P<hrs>hours\b|hrs\b|h\b)?",
    I,
)
_DAILY = re.compile(r"\b(?:daily|every\s+day|seven\s+days|7\s+days)\b", I)
_DAY_NAME = {"mon": "Mon", "fri": "Fri", "sat": "Sat", "sun": "Sun", "五": "Fri", "六": "Sat", "日": "Sun", "天": "Sun"}


def _spans_an_hour(m: re.Match[str]) -> bool:
    """A cover of an hour or more (or one running overnight): "2004-2005" read as clock times would be one minute."""
    start = int(m.group("h1")) * 60 + int(m.group("m1"))
    end = int(m.group("h2")) * 60 + int(m.group("m2"))
    return end < start or end - start >= 60


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
    if _CAL_US_FEDERAL.search(sentence):
        return "us"
    return None


def service_hours(sentence: str) -> Value:
    v: Value = {}
    if _RE_247.search(sentence):
        v["coverage"] = "24x7"
    d = _RE_DAYS.search(sentence)
    x12 = _RE_X12.search(sentence)
    if x12 and not d:
        v["days"] = "Mon-Fri" if (x12.group("x12") or x12.group("x12r")) == "5" else "Mon-Sun"
    elif d:
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
    if (_RE_ALL_DAY.search(sentence) or _RE_X5_24.search(sentence)) and v.get("coverage") != "24x7":
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
    if "start" not in v:
        m24 = _RE_TIMES24.search(sentence)
        if m24 and (m24.group("hrs") or v.get("days") or _DAILY.search(sentence)) and _spans_an_hour(m24):
            v["start"] = f"{m24.group('h1')}:{m24.group('m1')}"
            v["end"] = f"{m24.group('h2')}:{m24.group('m2')}"
    if v.get("days") and "start" not in v and "coverage" not in v and _WORKING_X.search(sentence):
        # "5×8": eight hours a day, which eight not stated (no clock times are invented from it)
        v["hours_per_day"] = "8"
    elif x12 and v.get("days") and "start" not in v and "coverage" not in v:
        # "5×12": twelve hours a day, which twelve not stated: the hours assumed are kept apart, marked as such
        v["hours_per_day"] = "12"
        v["assumed_start"], v["assumed_end"] = ASSUMED_TWELVE_HOURS
    avail = _RE_AVAIL.search(sentence)
    if avail:
        v["availability_percent"] = avail.group("p") or avail.group("p2")
    return v
