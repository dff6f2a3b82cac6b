"""The message catalogues (``web/locales/<lang>/LC_MESSAGES/*.po``) and sentences the code wrote
(:class:`~disputedesk.domain.text.Text`) rendered in a language outside a page: in a letter, an
.ics calendar. Pages add the reader's time zone and locale formats (``web/i18n.py`` ``say``).

Here rather than in ``web/`` so documents (services → documents) can read the catalogue without
importing the web layer; ``web/i18n.py`` re-exports :func:`translations`.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from functools import lru_cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations


@lru_cache(maxsize=8)
def translations(lang: str) -> NullTranslations:
    if lang == "en":
        return NullTranslations()
    # Every area keeps its own catalogue file (messages.po, mail.po, sla.po, …); merged here.
    folder = resources.files("disputedesk.web") / "locales" / lang / "LC_MESSAGES"
    catalog = None
    for po_path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not po_path.name.endswith(".po"):
            continue
        with po_path.open("rb") as f:
            part = read_po(f, locale=lang)
        if catalog is None:
            catalog = part
        else:
            for msg in part:
                if msg.id and msg.id not in catalog:
                    catalog[msg.id] = msg
    assert catalog is not None, f"no catalogue for {lang}"
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf)


# Separators of a list parameter in each language (domain.text.Seq's English separator → here).
SEPARATORS = {"zh": {"; ": "；", ", ": "、"}}


def written(value: object, lang: str) -> str:
    """A sentence the code wrote, in ``lang`` (en or zh), for a document: dates as letters write
    them (2 November 2026 / 2026年11月2日), citations by their Chinese titles, lists with the
    language's separator. Anything that is not a :class:`Text` is data and stays as it is."""
    from ..domain.text import Cite, Country, Field, Named, Quoted, Seq, Text, render
    from .legal_zh import citation_zh

    gettext = translations(lang).gettext

    def show(v: object) -> str:
        if isinstance(v, Text):
            return render(v.msgid, v.params, show, gettext)
        if isinstance(v, Cite):
            return citation_zh(v) if lang == "zh" else str(v)
        if isinstance(v, Country):  # a country by its name in the document's language (CLDR)
            from babel import Locale

            return str(Locale.parse("zh_Hans_CN" if lang == "zh" else "en_GB").territories.get(str(v).upper(), v))
        if isinstance(v, Named):  # a stored code: its name in the document's language
            return show(v.words)
        if isinstance(v, Field):  # a field's name ("name_zh"): as is in English, its label ("name zh") else
            return str(v) if lang == "en" else gettext(v.replace("_", " "))
        if isinstance(v, Quoted):
            return v.shown(lang)
        if isinstance(v, Seq):
            sep = SEPARATORS.get(lang, {}).get(v.sep, v.sep)
            return sep.join(show(x) for x in v)
        if isinstance(v, datetime):
            return v.strftime("%Y-%m-%d %H:%M")
        if isinstance(v, date):
            return f"{v.year}年{v.month}月{v.day}日" if lang == "zh" else f"{v.day} {v:%B} {v.year}"
        return "" if v is None else str(v)

    return show(value)
