"""Interface language: message catalogues (gettext via Babel) and locale-aware formatting.

Catalogues are the ``.po`` files in ``web/locales``; they are compiled in memory at start-up,
so there is no build step. The user picks the language (``?lang=zh`` sets a cookie); without
a choice the browser's Accept-Language decides; English is the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal
from markupsafe import Markup, escape

from ..documents.catalogue import SEPARATORS, translations

# the zones a person picks from in a form (company, chat exports): IANA names with a region
ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/", "posix/")))

LANGUAGES = {"en": "English", "zh": "中文"}
# A moment without seconds, in the same style as the "medium" dates (no "30/09/2026" beside
# "30 Sept 2026" on one page).
SHORT_PATTERN = {"en": "d MMM y, HH:mm", "zh": "y年M月d日 HH:mm"}
# With the weekday, in a stated zone (SLA pages show the supplier's and the buyer's time).
WEEKDAY_PATTERN = {"en": "EEE d MMM y, HH:mm", "zh": "y年M月d日 EEE HH:mm"}
# A day with its weekday (the days an SLA explanation counted or skipped): "Wed 4 Mar 2026", "2026年3月4日（星期三）".
DAY_PATTERN = {"en": "EEE d MMM y", "zh": "y年M月d日（EEEE）"}


def zoned(dt: datetime, zone: str, lang: str, weekday: bool = True) -> str:
    """A moment in a given zone, in the locale's one date style; seconds only when not zero."""
    tz = ZoneInfo(zone)
    local = dt.astimezone(tz)
    pattern = (WEEKDAY_PATTERN if weekday else SHORT_PATTERN)[lang]
    if local.second:
        pattern += ":ss"
    return format_datetime(local, format=pattern, locale=Locale.parse(LOCALES[lang]), tzinfo=tz)


LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}


def weekday_date(day: date, lang: str) -> str:
    """A day with its weekday in the locale's style (:data:`DAY_PATTERN`)."""
    return format_date(day, format=DAY_PATTERN[lang], locale=Locale.parse(LOCALES[lang]))


def zone_named(shown: str, zone: str, lang: str) -> str:
    """A shown time (or a column's name) with its zone named: "… (Asia/Shanghai)" / "…（Asia/Shanghai）"."""
    return shown + ((" (%s)" if lang == "en" else "（%s）") % zone)


def negotiate(query_lang: str | None, cookie_lang: str | None, accept_language: str | None) -> str:
    for cand in (query_lang, cookie_lang):
        if cand in LANGUAGES:
            return cand  # type: ignore[return-value]
    if accept_language:
        for part in accept_language.split(","):
            code = part.split(";")[0].strip().lower()
            if code.startswith("zh"):
                return "zh"
            if code.startswith("en"):
                return "en"
    return "en"


# The calendar's version identifier (BusinessCalendar.version: official code / data package / digest) as stored;
# the words of the Chinese calendar's package ("… (published data 2004–2026)") are the product's, shown in the
# page's language (the stored identifier is not changed: stored results refer to it).
_PUBLISHED = re.compile(r"^(?P<package>.+) \(published data (?P<first>\d{4})–(?P<last>\d{4})\)$")
_CHINESE_DATA = re.compile(r"^chinese_calendar (?P<data>\S+)$")
_COUNTRY_DATA = re.compile(r"^holidays (?P<data>\S+) \((?P<country>[A-Z]{2})\)$")


def _holiday_data(package: str) -> object:
    """The data package of an official calendar by what it holds, not by the Python package's name:
    "chinese_calendar 1.11.0" → mainland China holiday data 1.11.0; "holidays 0.58 (DE)" → public
    holidays of Germany, data 0.58 (anything else as stored)."""
    from ..domain.text import Country, T

    if m := _CHINESE_DATA.match(package):
        return T("mainland China holiday data %(data)s", data=m["data"])
    if m := _COUNTRY_DATA.match(package):
        return T("public holidays of %(country)s, data %(data)s", country=Country(m["country"]), data=m["data"])
    if package == "weekdays-only":
        return T("Monday to Friday, no holiday data")
    return package


def calendar_id(version: str | None) -> object:
    """``cn/chinese_calendar 1.11.0 (published data 2004–2026)/a410d87dcc03`` in the page's words:
    "cn/mainland China holiday data 1.11.0 (published data 2004–2026)/a410d87dcc03" (the code and the
    digest as they are; the stored identifier is not changed)."""
    from ..domain.text import Seq, T

    if not version:
        return ""
    code, _, rest = version.partition("/")
    package, _, digest = rest.rpartition("/")
    if not digest:
        return version
    m = _PUBLISHED.match(package)
    if m:
        said: object = T(
            "%(package)s (published data %(first)s–%(last)s)",
            package=_holiday_data(m["package"]),
            first=m["first"],
            last=m["last"],
        )
    else:
        said = _holiday_data(package)
        if said == package:
            return version
    return Seq([code, said, digest], "/")


class Formatter:
    """Dates, times and amounts in the viewer's locale and time zone."""

    def __init__(self, lang: str, tz: str = "UTC") -> None:
        self.lang = lang
        self.locale = Locale.parse(LOCALES[lang])
        try:
            self.tz = ZoneInfo(tz)
        except (ValueError, KeyError, ZoneInfoNotFoundError):  # a bad cookie must not break the page
            self.tz = ZoneInfo("UTC")

    def datetime(self, dt: datetime | str | None, fmt: str = "medium") -> str:
        if dt is None or dt == "":
            return "—"
        if isinstance(dt, str):  # an exact ISO text as stored (ledger): shown to the second
            try:
                dt = datetime.fromisoformat(dt)
            except ValueError:
                return dt
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=ZoneInfo("UTC"))
        if fmt == "short":  # one date style per locale on every page: "30 Sept 2026, 22:30" / "2026年9月30日 22:30"
            fmt = SHORT_PATTERN[self.lang]
        return format_datetime(dt.astimezone(self.tz), format=fmt, locale=self.locale, tzinfo=self.tz)

    def moment(self, dt: datetime | str | None) -> str:
        """A moment in the viewer's zone, to the minute, with the zone named: "8 Oct 2026, 09:45 (Europe/Berlin)"
        (a stored ISO text too; anything else is shown as it is)."""
        shown = self.datetime(dt, "short")
        if shown == "—" or shown == dt:
            return shown
        return zone_named(shown, self.tz.key, self.lang)

    def zoned(self, dt: datetime | str | None, fmt: str = "medium") -> str:
        """:meth:`datetime` with the viewer's zone named: "3 Mar 2026, 03:15:00 (Europe/Berlin)"."""
        shown = self.datetime(dt, fmt)
        return shown if shown == "—" else zone_named(shown, self.tz.key, self.lang)

    @property
    def zone(self) -> str:
        """The viewer's zone after a column's name: " (Europe/Berlin)" / "（Europe/Berlin）"."""
        return zone_named("", self.tz.key, self.lang)

    def date(self, d: date | datetime | str | None) -> str:
        if d is None or d == "":
            return "—"
        if isinstance(d, str):  # an ISO date as stored in a view's dict
            try:
                d = date.fromisoformat(d[:10])
            except ValueError:
                return d
        return format_date(d, format="medium", locale=self.locale)

    def duration(self, seconds: int | None, business_day: int | None = None, business: bool = False) -> str:
        """A duration for a person: "174 d 12 h", "3 h 20 min", "45 s" (calendar time, days of
        24 hours). With ``business_day`` (the working seconds of the calendar's standard day), in
        business time: "119 business days 3 h", "1 business hour", "5 business hours 20 min".
        ``business`` without a day length: business hours ("955 business hours 20 min").
        The exact seconds go in a title or the API, not here."""
        if seconds is None:
            return "—"
        t = translations(self.lang)
        sign = "−" if seconds < 0 else ""
        n = abs(int(seconds))
        if business_day or business:
            days, rest = divmod(n, business_day) if business_day else (0, n)
            h, rest = divmod(rest, 3600)
            m = rest // 60
            if days:
                parts = [t.ngettext("%(n)s business day", "%(n)s business days", days) % {"n": days}]
                if h:
                    parts.append(t.gettext("%(n)s h") % {"n": h})
                return sign + " ".join(parts)
            if h:
                parts = [t.ngettext("%(n)s business hour", "%(n)s business hours", h) % {"n": h}]
                if m:
                    parts.append(t.gettext("%(n)s min") % {"n": m})
                return sign + " ".join(parts)
            return sign + t.ngettext("%(n)s business minute", "%(n)s business minutes", m) % {"n": m}
        days, rest = divmod(n, 86400)
        h, rest = divmod(rest, 3600)
        m, s = divmod(rest, 60)
        if days:
            out = t.gettext("%(n)s d") % {"n": days} + (" " + t.gettext("%(n)s h") % {"n": h} if h else "")
        elif h:
            out = t.gettext("%(n)s h") % {"n": h} + (" " + t.gettext("%(n)s min") % {"n": m} if m else "")
        elif m:
            out = t.gettext("%(n)s min") % {"n": m}
        else:
            out = t.gettext("%(n)s s") % {"n": s}
        return sign + out

    def money(self, amount: Decimal | None, currency: str | None) -> str:
        if amount is None:
            return "—"
        return format_currency(amount, currency or "XXX", locale=self.locale)

    def number(self, n: int | Decimal) -> str:
        return format_decimal(n, locale=self.locale)

    def month(self, ym: str, short: bool = False) -> str:
        """A month ("2026-03", as the views group by) in the locale's words: "March 2026" ("Mar 2026"
        short, for a chart's axis), "2026年3月"."""
        try:
            first = date.fromisoformat(ym[:7] + "-01")
        except ValueError:
            return ym
        pattern = "y年M月" if self.lang == "zh" else ("LLL y" if short else "LLLL y")
        return format_date(first, format=pattern, locale=self.locale)

    def size(self, n: int) -> str:
        for unit in ("B", "KB", "MB", "GB"):
            if n < 1024 or unit == "GB":
                return f"{format_decimal(round(n, 1), locale=self.locale)} {unit}"
            n = n / 1024  # type: ignore[assignment]
        return str(n)


# Fields whose name in plain words is a counter's word in the catalogue (the dashboard's "12 项技术支持请求",
# a bundle's "42 项"): named in a message by the form's own label instead.
# A field of one item of a list, as the API names it: "channels[1].hours" (counted from 1).
_ITEM_FIELD = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")
_ITEM = re.compile(r"^(\w+)\[\d+\]$")
FIELD_LABELS = {
    "support_requests": "Support requests",
    "items": "Evidence numbers for a selection",
    "scope": "What to include",  # the bundle form's choice (a case, all evidence, a selection)
}


def say(value: object, lang: str, gettext: Callable[[str], str], fmt: Formatter, *, labels: bool = False) -> str:
    """A sentence the code wrote (:class:`~disputedesk.domain.text.Text`) in the reader's language.

    Anything else is data and is shown as it is. Dates become the locale's date style, citations
    the Chinese titles, lists take the language's separator. ``labels``: a field is named by its
    label in English too ("sent on", not ``sent_on``), as the API and the CLI name it."""
    from ..documents.legal_zh import citation_zh
    from ..domain.text import Cite, Country, Field, Named, Quoted, Seq, Text, render

    def moment(at: datetime) -> str:
        zone = getattr(at.tzinfo, "key", None)
        if zone:
            return zone_named(zoned(at, zone, lang, weekday=False), zone, lang)
        return fmt.datetime(at, "short") if at.tzinfo is None else _offset_moment(at, lang)

    def show(v: object) -> str:
        if isinstance(v, BaseException):  # a bad input's message: its sentence, else its English text
            if v.args and isinstance(v.args[0], Text):
                return show(v.args[0])
            localised = getattr(v, "localised", None)
            if callable(localised):
                return str(localised(gettext, moment, fmt.date, lang=lang))
            return str(v)
        if isinstance(v, Text):
            return render(v.msgid, v.params, show, gettext)
        if isinstance(v, Country):  # a country by its name in the page's language (CLDR)
            return str(fmt.locale.territories.get(str(v).upper(), v))
        if isinstance(v, Named):  # a stored code ("lawyer_demand"): its name in the page's language
            return show(v.words)
        if isinstance(v, Field):
            if lang == "en" and not labels:  # as the API's ``field`` names it (a page in English)
                return str(v)
            listed_only = _ITEM.match(v)
            if listed_only:  # "evidence[1]": the sentence names the value; the list's name is enough
                return show(Field(listed_only.group(1)))
            item = _ITEM_FIELD.match(v)
            if item:  # "channels[1].hours": the hours of the first channel
                listed, n, part = item.groups()
                return gettext("%(field)s of %(list)s no. %(n)s") % {
                    "field": show(Field(part)),
                    "list": show(Field(listed)),
                    "n": n,
                }
            return gettext(FIELD_LABELS.get(v, v.replace("_", " ")))
        if isinstance(v, Cite):
            return citation_zh(v) if lang == "zh" else str(v)
        if isinstance(v, Quoted):
            return v.shown(lang)
        if isinstance(v, datetime):  # a moment in the zone it was given in (the supplier's, the law's)
            return moment(v) if labels else _zoned_or_viewers(v)
        if isinstance(v, date):
            return fmt.date(v)
        if hasattr(v, "amount") and hasattr(v, "currency"):  # Money, or an amount read back from storage
            return fmt.money(v.amount, v.currency)
        if isinstance(v, Seq):
            sep = SEPARATORS.get(lang, {}).get(v.sep, v.sep)
            return sep.join(show(x) for x in v)
        return "" if v is None else str(v)

    def _zoned_or_viewers(v: datetime) -> str:
        zone = getattr(v.tzinfo, "key", None)
        if zone:
            return zoned(v, zone, lang, weekday=False) + (" (%s)" if lang == "en" else "（%s）") % zone
        return fmt.datetime(v, "short")

    return show(value)


def _offset_moment(at: datetime, lang: str) -> str:
    """A moment with a fixed UTC offset (as typed: 2026-03-30T10:15+08:00), in that offset, named:
    "30 Mar 2026, 10:15 (UTC+08:00)" / "2026年3月30日 10:15（UTC+08:00）"."""
    offset = at.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    named = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    pattern = SHORT_PATTERN[lang] + (":ss" if at.second else "")
    shown = format_datetime(at.replace(tzinfo=None), format=pattern, locale=Locale.parse(LOCALES[lang]))
    return zone_named(shown, named, lang)


def refusal(value: object, lang: str, tz: str = "UTC") -> str:
    """A refusal as the API and the CLI say it in ``lang``: the fields by their labels in that
    language (``sent_on`` → "sent on" / "发出日期"; the API's JSON keeps the key as ``field``), stored
    codes by their names, dates as the pages write them (5 Dec 2026 / 2026年12月5日)."""
    return say(value, lang, translations(lang).gettext, Formatter(lang, tz), labels=True)


def say_data(value: object, lang: str, gettext: Callable[[str], str], fmt: Formatter) -> Markup:
    """:func:`say` as HTML, each data parameter of the sentence (a file name, a hash, a server's
    address, an error's technical detail: the plain ``str`` parameters) in ``<code>``, so that it
    reads as quoted data and not as the page's own words. Anything but a sentence is shown as
    :func:`say` shows it."""
    from ..domain.text import Text

    def show(v: object) -> Markup:
        if isinstance(v, Text):
            shown = {k: show(p) for k, p in v.params.items()}
            if not shown:
                return escape(gettext(v.msgid))
            try:
                return escape(gettext(v.msgid)) % shown
            except (KeyError, ValueError, TypeError):  # a catalogue entry that does not fit: English
                return escape(v.msgid) % shown
        if type(v) is str:
            return Markup("<code>{}</code>").format(v)
        return escape(say(v, lang, gettext, fmt))

    return show(value) if isinstance(value, Text) else escape(say(value, lang, gettext, fmt))


def own_language(text: str, lang: str) -> str | None:
    """How to mark the user's own text on a page in ``lang``: None (no mark), "" (marked as the
    user's own words, language mixed) or a language tag.

    English prose on a Chinese page is marked (``en`` where it has no Chinese in it); Chinese
    without Latin words on an English page ``zh-Hans``. Names, numbers and codes are not prose."""
    from ..documents.legal_zh import has_cjk

    # on a Chinese page any Latin word of the user's ("Warranty 质量保证", "timely") is marked, not
    # only prose: the page must show which words are not its own
    if lang == "zh" and (english_prose(text) or _LATIN_WORD.search(text)):
        return "" if has_cjk(text) else "en"
    if lang == "en" and has_cjk(text) and not re.search(r"[A-Za-z]{2,}", text):
        return "zh-Hans"
    return None


# Latin-script words and what joins them in a sentence (numbers, amounts, signs): "direct loss
# 22550.00 EUR + lost profit 0.00 EUR" is one run.
_LATIN_RUN = re.compile(r"[A-Za-z][\w'’.-]*(?:[\s,;:()/&+=×−→%\d.-]+[A-Za-z][\w'’.-]*)*")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# a lower-case word standing alone: not part of a code, a file or a name ("demo-loader", "dispute.json")
_PROSE_WORD = re.compile(r"(?<![\w.@/-])[a-z]{3,}(?![\w@/-]|\.\w)")


def english_prose(text: str, words: int = 2) -> list[str]:
    """Runs of Latin-script words that read as English prose (at least ``words`` lower-case words
    of three letters or more): "repair costs: 2350.00 EUR", not "Shenzhen Ruifeng Co., Ltd.",
    "SR-0001" or "Asia/Shanghai"."""
    return [m.group(0) for m in _LATIN_RUN.finditer(text) if len(_PROSE_WORD.findall(m.group(0))) >= words]
