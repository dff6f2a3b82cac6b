"""Contract clarity, values in words: a duration the check found, said in English or in Chinese
from its structured form ({"value": "7", "unit": "day", "basis": "business"}), never by pasting
the contract's own text ("7 days", "5日") into a sentence of the other language.

The findings (issues.py) write each sentence in both languages, as the rest of the check does;
their values come from here. The contract's own words stay in the excerpts, as written.

Pure; no catalogue (the page's tables use the catalogue's forms, web/templates/_terms_found.html).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..text import Seq, T, Text

# (basis, unit) → (singular, plural); "unspecified" and "calendar" minutes/months/years read the same.
_EN: dict[tuple[str, str], tuple[str, str]] = {
    ("business", "minute"): ("business minute", "business minutes"),
    ("business", "hour"): ("business hour", "business hours"),
    ("business", "day"): ("working day", "working days"),
    ("business", "week"): ("working week", "working weeks"),
    ("calendar", "hour"): ("calendar hour", "calendar hours"),
    ("calendar", "day"): ("calendar day", "calendar days"),
    ("calendar", "week"): ("calendar week", "calendar weeks"),
    ("", "minute"): ("minute", "minutes"),
    ("", "hour"): ("hour", "hours"),
    ("", "day"): ("day", "days"),
    ("", "week"): ("week", "weeks"),
    ("", "month"): ("month", "months"),
    ("", "year"): ("year", "years"),
}
_ZH: dict[tuple[str, str], str] = {
    ("business", "minute"): "个工作分钟",
    ("business", "hour"): "个工作小时",
    ("business", "day"): "个工作日",
    ("business", "week"): "个工作周",
    ("calendar", "hour"): "个自然小时",
    ("calendar", "day"): "个自然日",
    ("calendar", "week"): "个自然周",
    ("", "minute"): "分钟",
    ("", "hour"): "小时",
    ("", "day"): "天",
    ("", "week"): "周",
    ("", "month"): "个月",
    ("", "year"): "年",
}


def _number(value: object) -> str:
    """A decimal string as people write it: "7", "1.5" (never "7.0" or "7E+1")."""
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return format(d.normalize(), "f")


def _key(d: dict[str, Any], table: dict[tuple[str, str], Any]) -> tuple[str, str]:
    basis = str(d.get("basis") or "")
    unit = str(d.get("unit") or "")
    return (basis, unit) if (basis, unit) in table else ("", unit)


def duration_en(d: dict[str, Any]) -> str:
    """ "7 days", "4 business hours", "3 working days", "1 calendar day"."""
    n = _number(d.get("value"))
    forms = _EN.get(_key(d, _EN))
    if forms is None:
        return f"{n} {d.get('unit')}"
    return f"{n} {forms[0] if n == '1' else forms[1]}"


def duration_zh(d: dict[str, Any]) -> str:
    """ "7天", "4个工作小时", "3个工作日", "24小时", "24个月"."""
    n = _number(d.get("value"))
    word = _ZH.get(_key(d, _ZH))
    return f"{n}{word}" if word else f"{n} {d.get('unit')}"


# ------------------------------------------------------------------ the page's forms (catalogue)
# What a page shows of the support terms found (report["support_terms_draft"]), as sentences with a
# message id (domain/text.py T): rendered in the page's language by say(). A parameter in “…” is
# the contract's own wording (the page marks it as such, quoted()).

_START_EVENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("final_acceptance", re.compile(r"final\s+acceptance|最终验收|终验", re.I)),
    ("acceptance", re.compile(r"acceptance|accepted|验收", re.I)),
    (
        "commissioning",
        re.compile(r"commissioning|start-?up|putting\s+into\s+(?:operation|service)|调试|投产|运行|上线", re.I),
    ),
    ("installation", re.compile(r"installation|安装", re.I)),
    ("bill_of_lading", re.compile(r"bill\s+of\s+lading|\bB/L\b|提单", re.I)),
    ("shipment", re.compile(r"shipment|dispatch|发货|出厂|装运", re.I)),
    ("arrival", re.compile(r"arrival|到货|到达", re.I)),
    ("delivery", re.compile(r"delivery|hand-?over|receipt|交货|交付|签收|移交|收货", re.I)),
    ("invoice", re.compile(r"invoice|发票", re.I)),
    ("signing", re.compile(r"signing|signature|签署|签订|签字", re.I)),
)


def start_event(text: object) -> str | None:
    """The event a warranty starts from, as a code ("acceptance", "shipment"), read from the
    contract's words ("the date of the acceptance certificate signed by both parties", "发货");
    None when it is none of the usual ones."""
    words = str(text or "")
    return next((code for code, rx in _START_EVENTS if rx.search(words)), None)


def warranty_start_text(text: object) -> Text | None:
    """ "from acceptance" / "自验收起"; an unusual start as the contract words it, quoted."""
    if not text:
        return None
    code = start_event(text)
    known = {
        "final_acceptance": T("from final acceptance"),
        "acceptance": T("from acceptance"),
        "commissioning": T("from commissioning"),
        "installation": T("from installation"),
        "bill_of_lading": T("from the bill of lading"),
        "shipment": T("from shipment"),
        "arrival": T("from arrival"),
        "delivery": T("from delivery"),
        "invoice": T("from the invoice"),
        "signing": T("from signing"),
    }
    return known[code] if code else T("from “%(event)s”", event=str(text))


def service_days_text(days: object) -> Text | str:
    """ "Mon-Fri" (values_hours.service_hours) as "Monday to Friday" / "周一至周五"."""
    return {
        "Mon-Fri": T("Monday to Friday"),
        "Mon-Sat": T("Monday to Saturday"),
        "Mon-Sun": T("Monday to Sunday"),
    }.get(str(days or ""), str(days or ""))


def service_hours_text(sh: dict[str, Any] | None) -> Seq | None:
    """Service hours found: "Monday to Friday, 08:30–17:30 · availability 98%" in words."""
    if not sh:
        return None
    parts: list[object] = []
    if sh.get("coverage") == "24x7":
        parts.append(T("24 hours a day, 7 days a week"))
    if sh.get("days"):
        parts.append(service_days_text(sh["days"]))
    if sh.get("start") and sh.get("end"):
        parts.append(f"{sh['start']}–{sh['end']}")
    elif sh.get("hours_per_day"):  # "5×8": how many hours, not which
        parts.append(T("%(n)s hours a day, clock times not stated", n=sh["hours_per_day"]))
        if sh.get("assumed_start") and sh.get("assumed_end"):  # "5×12": the hours assumed, to be confirmed
            parts.append(T("assumed %(start)s–%(end)s, unconfirmed", start=sh["assumed_start"], end=sh["assumed_end"]))
    if sh.get("availability_percent"):
        parts.append(T("availability %(percent)s%%", percent=sh["availability_percent"]))
    return Seq(parts, " · ") if parts else None


def calendar_text(code: object) -> Text:
    """A holiday calendar's code ("cn", "de") as words."""
    countries = {
        "cn": T("PRC working days (statutory holidays and make-up working days)"),
        "de": T("public holidays in Germany"),
        "fr": T("public holidays in France"),
        "it": T("public holidays in Italy"),
        "es": T("public holidays in Spain"),
        "pl": T("public holidays in Poland"),
        "nl": T("public holidays in the Netherlands"),
        "gb": T("public holidays in the United Kingdom"),
        "us": T("public holidays in the United States"),
    }
    return countries.get(str(code or ""), T("holiday calendar “%(code)s”", code=str(code or "")))


_BASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("contract", re.compile(r"contract\s+(?:price|value|amount|sum)|合同总价|合同总额|合同价款|合同金额|总价", re.I)),
    ("equipment", re.compile(r"(?:machine|equipment|purchase)\s+price|^price$|设备价款|设备价格|货款", re.I)),
    ("fees", re.compile(r"fees?|服务费", re.I)),
    ("delayed", re.compile(r"value\s+of\s+the\s+(?:delayed|undelivered|late)|未交货部分", re.I)),
)


def rate_base_kind(raw_base: str) -> str | None:
    """The base a rate is a percentage of, in either language ("Contract Price", "合同总价" → "contract")."""
    return next((k for k, rx in _BASES if rx.search(raw_base)), None) if raw_base else None


def same_rate(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two rates that say the same thing, e.g. the English and the Chinese version of one bilingual clause
    ("0.5% of the Contract Price per day" and "每日按合同总价的0.5%")."""
    if (a.get("percent"), a.get("per"), a.get("role")) != (b.get("percent"), b.get("per"), b.get("role")):
        return False
    base_a, base_b = str(a.get("base") or ""), str(b.get("base") or "")
    kind_a, kind_b = rate_base_kind(base_a), rate_base_kind(base_b)
    return kind_a == kind_b if (kind_a or kind_b) else base_a == base_b


def rate_text(rate: dict[str, Any]) -> Text:
    """A rate found in a remedy clause ({"percent": "0.5", "per": "day", "base": "合同总价",
    "role": "cap"}) in words: "0.5% of the contract price per day" / "每天按合同价格的0.5%"."""
    pct = str(rate.get("percent") or "")
    raw_base = str(rate.get("base") or "")
    kind = rate_base_kind(raw_base)
    base: object = {
        "contract": T("the contract price"),
        "equipment": T("the equipment price"),
        "fees": T("the service fees"),
        "delayed": T("the value of the delayed goods"),
    }.get(kind or "", f"“{raw_base}”" if raw_base else "")
    if rate.get("role") == "cap":
        return (
            T("at most %(percent)s%% of %(base)s", percent=pct, base=base)
            if base
            else T("at most %(percent)s%%", percent=pct)
        )
    per = rate.get("per")
    if base:
        forms = {
            "day": T("%(percent)s%% of %(base)s per day", percent=pct, base=base),
            "week": T("%(percent)s%% of %(base)s per week", percent=pct, base=base),
            "month": T("%(percent)s%% of %(base)s per month", percent=pct, base=base),
            "hour": T("%(percent)s%% of %(base)s per hour", percent=pct, base=base),
        }
        return forms.get(str(per), T("%(percent)s%% of %(base)s", percent=pct, base=base))
    forms = {
        "day": T("%(percent)s%% per day", percent=pct),
        "week": T("%(percent)s%% per week", percent=pct),
        "month": T("%(percent)s%% per month", percent=pct),
        "hour": T("%(percent)s%% per hour", percent=pct),
    }
    return forms.get(str(per), T("%(percent)s%%", percent=pct))
