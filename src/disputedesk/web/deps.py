"""Request-scoped helpers for routes: the context, the language, the access, page variables.

Access (who, which workspace, which role) is decided in ``web/auth.py``; routes depend on
``current_workspace`` (read) or ``need("edit")`` etc. and use ``access.slug`` for every
service call, so all queries are scoped by the same decision.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.support import NullTranslations
from fastapi import Depends, Request
from markupsafe import Markup

from ..documents import channels
from ..domain.text import Text
from ..services import accounts
from ..services.accounts import Access
from ..services.context import Context
from .auth import csrf_token, get_ctx, need
from .i18n import Formatter, negotiate, own_language, say, say_data, translations

current_workspace = need("read")

__all__ = ["Access", "PageCall", "current_workspace", "get_ctx", "get_lang", "need", "page", "page_env", "WorkspaceRef"]


@dataclass
class WorkspaceRef:
    slug: str
    name: str


def get_lang(request: Request) -> str:
    return negotiate(
        request.query_params.get("lang"), request.cookies.get("lang"), request.headers.get("accept-language")
    )


class PageCall(NamedTuple):
    """What a page route works with: the request, the context, the access and the page's language."""

    request: Request
    ctx: Context
    ws: Access
    lang: str


@functools.cache
def page(permission: str = "read") -> Callable[..., PageCall]:
    """The one dependency of a page route, in place of its four parameters (``request, ctx, ws,
    lang = call``); the access is still ``need(permission)``, found by the access walk."""
    access = current_workspace if permission == "read" else need(permission)

    def call(
        request: Request,
        ctx: Context = Depends(get_ctx),
        ws: Access = Depends(access),
        lang: str = Depends(get_lang),
    ) -> PageCall:
        return PageCall(request, ctx, ws, lang)

    call.__name__ = f"page_{permission}"
    return call


def user_workspaces(ctx: Context, access: Access | None) -> list[WorkspaceRef]:
    if access is None:
        return []
    if access.user_id is None:
        return [WorkspaceRef(access.slug, access.name)]
    return [WorkspaceRef(w.slug, w.name) for w, _ in accounts.memberships(ctx, access.user_id)]


def user_zone(request: Request) -> ZoneInfo:
    """The viewer's time zone (the browser's, set as the ``tz`` cookie by app.js), else UTC."""
    try:
        return ZoneInfo(request.cookies.get("tz") or "UTC")
    except (ValueError, KeyError, ZoneInfoNotFoundError):
        return ZoneInfo("UTC")


def user_today(request: Request, ctx: Context) -> date:
    """Today where the viewer is: "days left" and "overdue" on pages count from this date."""
    return ctx.clock().astimezone(user_zone(request)).date()


# Interface strings a page asked for in a language whose catalogue lacks them (msgid → the page
# that asked). The crawl test requires it to stay empty for Chinese pages; bounded, so a running
# server never grows it without end.
UNTRANSLATED: dict[str, str] = {}
_WORD = re.compile(r"[a-z]{3,}")
_PLACEHOLDER = re.compile(r"%\(\w+\)s")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Stored details whose values are the app's codes, not the user's data (audit trail: a role changed
# from "member" to "owner", signed in "via" a one-time link); other values (a username) stay as they are.
_CODED_FACTS = {"from", "to", "old", "new", "role", "via", "status", "kind"}
# A part of a mailbox or chat export as the import names it (services/imports/mail.py child_name).
_PART_NAME = re.compile(r"^(.*) \[(message|chat) (\d+(?:\.\d+)*)(?:: (.*))?\]$", re.S)
# a message of a chat of an account export: "result.json [chat 2: 王工, message 1]"
_CHAT_MESSAGE = re.compile(r"^(.*) \[chat (\d+)(?:: (.*?))?, message (\d+)\]$", re.S)
# where in a chat export a row that could not be read is ("chat.csv [line 3]", "[lines 3-5]", "[header row]";
# a JSON file's entry: "chat.json [messages[2]]", an account export's "result.json [chats[0].messages[2]]")
_ROW_NAME = re.compile(
    r"^(.*) \[(?:lines? (\d+)(?:-(\d+))?|(header row)|(?:chats\[(\d+)\]\.)?messages\[(\d+)\])\]$", re.S
)


def _gettext(t: NullTranslations, lang: str, where: str) -> Callable[[str], str]:
    def gettext(message: str) -> str:
        out = t.gettext(message)
        if lang != "en" and out == message and _WORD.search(_PLACEHOLDER.sub("", message)) and len(UNTRANSLATED) < 2000:
            UNTRANSLATED.setdefault(message, where)
        return out

    return gettext


def nearest_page(app: Any, path: str) -> str:
    """``path`` when a page answers GET there, else its nearest parent that does. A refused form is
    shown again at the address it was sent to (``/cases/7/steps``, POST only): switching language
    or workspace from there leads back to the case, not to a 405."""
    from starlette.routing import Match

    while path not in ("", "/"):
        scope = {"type": "http", "method": "GET", "path": path, "root_path": ""}
        if any(route.matches(scope)[0] == Match.FULL for route in app.routes):
            return path
        path = path.rsplit("/", 1)[0]
    return "/"


def page_env(request: Request, lang: str) -> dict[str, object]:
    t = translations(lang)
    gettext = _gettext(t, lang, request.url.path)

    def label(key: str | None) -> str:
        """A stored code (e.g. ``delivery_note``) as words in the interface language."""
        return gettext((key or "").replace("_", " ").replace("photo video", "photo/video"))

    def event(code: str | None) -> str:
        """A ledger or audit action code (``supplier.created``) as words: "supplier created"."""
        words = (code or "").replace(".", " ").replace("_", " ")
        return gettext(words)

    def facts(detail: object) -> object:
        """Stored details (a dict) as "label: value · label: value", never as JSON; a value that is
        data (a username, a label typed by the user) is marked as such (own())."""
        if not isinstance(detail, dict):
            return "" if detail is None else own(str(detail))
        parts = []
        for k, v in detail.items():
            shown: object
            if v is None or v == "" or v == [] or v == {}:
                shown = "—"
            elif isinstance(v, bool):
                shown = gettext("yes") if v else gettext("no")
            elif isinstance(v, list | tuple):
                shown = own(", ".join(str(x) for x in v))
            elif isinstance(v, dict):
                shown = Markup(", ").join(Markup("{} {}").format(label(str(a)), own(str(b))) for a, b in v.items())
            elif k in _CODED_FACTS:  # a code the app stored (a role, how one signed in): its words
                shown = label(str(v))
            else:
                shown = own(str(v))
            parts.append(Markup("{}{}{}").format(label(str(k)), "：" if lang == "zh" else ": ", shown))
        return Markup(" · ").join(parts)

    def cite(citation: str) -> object:
        """A legal citation ("PRC Civil Code Art. 577") in the interface language."""
        if lang == "zh":
            from ..documents.legal_zh import UNTRANSLATED_ZH, citation_zh

            out = citation_zh(citation)
            # the user's own citation ("Clause 9 as amended"), kept as written and marked
            return Markup('<span class="own">{}</span>').format(out) if UNTRANSLATED_ZH in out else out
        return citation

    fmt = Formatter(lang, request.cookies.get("tz") or "UTC")

    def say_(value: object) -> str:
        """A sentence the code wrote, in the page's language (data is shown as it is)."""
        return say(value, lang, gettext, fmt)

    def say_data_(value: object) -> Markup:
        """A sentence the code wrote, its data (file names, hashes, addresses) marked as such."""
        return say_data(value, lang, gettext, fmt)

    def own(text: object) -> object:
        """The user's own words (a note, a title, a recipient) as written, marked with their language
        where it is not the page's, so a Chinese page never mixes English in silently."""
        if text is None or text == "":
            return text or ""
        if isinstance(text, Text):  # where a default was written by the code (a claim's description)
            return say_(text)
        mark = own_language(str(text), lang)
        if mark is None:
            return text
        if not mark:
            return Markup('<span class="own">{}</span>').format(text)
        return Markup('<span class="own" lang="{}">{}</span>').format(mark, text)

    def own_first(*texts: object) -> object:
        """Of the ways a document writes one thing ("SCHEDULE 1" and "附件一" on a bilingual heading), the first
        in the page's language (else the first given), shown as :func:`own`."""
        given = [t for t in texts if t]
        mine = next((t for t in given if own_language(str(t), lang) is None), given[0] if given else "")
        return own(mine)

    def own_lang(text: object) -> object:
        """The mark of :func:`own` as attributes, for an element that cannot hold a ``<span>`` (an
        ``<option>``, a whole message body): ``class="own" lang="en"`` or nothing."""
        mark = own_language(str(text or ""), lang)
        if mark is None:
            return ""
        return Markup(' class="own"') + (Markup(' lang="{}"').format(mark) if mark else "")

    def quoted(sentence: object) -> object:
        """A sentence the code wrote that quotes the user's document ("用语模糊“when necessary”"):
        each quotation marked as the user's own words."""
        out = Markup("")
        for part in re.split(r"(“[^”]*”)", str(sentence or "")):
            out += Markup("“{}”").format(own(part[1:-1])) if part.startswith("“") and part.endswith("”") else part
        return out

    def item_name(name: object) -> object:
        """An evidence item's name: the file's name as the user's own words; a message taken out of
        a mailbox or chat export ("chat.txt [message 2: Re: …]", named so by the import) with
        "message 2" in the page's language; a chat of an account export ("result.json [chat 2: 王工]") too."""
        within, colon = ("{}（{}）", "：") if lang == "zh" else ("{} [{}]", ": ")  # Chinese brackets on a Chinese page
        in_chat = _CHAT_MESSAGE.match(str(name or ""))
        if in_chat:
            base, chat_no, title, n = in_chat.groups()
            where = Markup(gettext("chat %(n)s") % {"n": chat_no})
            if title:
                where += Markup("{}{}").format(colon, own(title))
            comma = "，" if lang == "zh" else ", "
            return Markup(within).format(own(base), where + comma + gettext("message %(n)s") % {"n": n})
        m = _PART_NAME.match(str(name or ""))
        row = None if m else _ROW_NAME.match(str(name or ""))
        if row:
            base, first, last, header, chat, entry = row.groups()
            if entry is not None:  # counted from 1, as a person counts (the JSON index is in the reason)
                where = gettext("entry %(n)s") % {"n": int(entry) + 1}
                if chat is not None:
                    where = gettext("chat %(chat)s, entry %(n)s") % {"chat": int(chat) + 1, "n": int(entry) + 1}
            elif header:
                where = gettext("header row")
            elif last:
                where = gettext("lines %(first)s-%(last)s") % {"first": first, "last": last}
            else:
                where = gettext("line %(line)s") % {"line": first}
            return Markup(within).format(own(base), where)
        if not m:
            return own(name)
        base, what, n, subject = m.groups()
        part = (gettext("message %(n)s") if what == "message" else gettext("chat %(n)s")) % {"n": n}
        if subject:
            return Markup(within).format(own(base), Markup("{}{}{}").format(part, colon, own(subject)))
        return Markup(within).format(own(base), part)

    def channel(text: object) -> object:
        """How something was sent, as typed ("email", "email (EN/ZH)", "courier DHL"): a known way
        of sending as a word of the page's language, the rest as the user's own words."""
        word, rest = channels.shown(str(text or ""), lang, gettext)
        if word is None:
            return own(rest) or "—"
        return Markup("{}{}").format(word, own(rest))

    def fact(value: object) -> str:
        """A stored fact's value: ISO dates in the page's date style, lists joined, never "None"."""
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        if isinstance(value, list | tuple):
            return ("、" if lang == "zh" else ", ").join(fact(v) for v in value) or "—"
        if isinstance(value, str) and _ISO_DAY.match(value):
            return fmt.date(value)
        return str(value)

    def org_label(name_en: object, name_zh: object = None) -> str:
        """:func:`org_name` as plain text, for an element that cannot hold a ``<span>`` (an ``<option>``,
        with :func:`own_lang` for its mark)."""
        en, zh = str(name_en or "").strip(), str(name_zh or "").strip()
        return (zh if lang == "zh" and zh else en or zh) or "—"

    def org_name(name_en: object, name_zh: object = None, *, both: bool = False) -> object:
        """A company's name for this page: on a Chinese page its registered Chinese name when recorded
        (the name a Chinese reader and tribunal know it by), else the English one; on an English page
        the English name, with ``both`` (a heading that identifies it) the Chinese one in brackets."""
        en, zh = str(name_en or "").strip(), str(name_zh or "").strip()
        if lang == "zh" and zh:
            return zh
        if not en:
            return own(zh) if zh else "—"
        if both and zh and zh != en:
            return Markup('{} <span lang="zh-Hans">({})</span>').format(own(en), zh)
        return own(en)

    def deadline_name(name: object) -> str:
        """A deadline as the SLA engine names it ("first response", "reply #4", "update #1") in the page's
        language: "Reply #4" / 第4次答复 (a Chinese page counts with 第…次, never with "#")."""
        words, _sep, seq = str(name or "").replace("_", " ").partition(" #")
        base = gettext(words)
        if not seq:
            return base
        return f"第{seq}次{base}" if lang == "zh" else f"{base} #{seq}"

    def code(*names: str) -> dict[str, Markup]:
        """Names a person types as they are (JSON keys, values of a field), each in ``<code>``,
        as parameters of an interface sentence: ``_("… %(tz)s …")|e|format(**code("tz"))``."""
        return {n.replace("-", "_"): Markup("<code>{}</code>").format(n) for n in names}

    here = request.url.path
    return {
        # where the workspace switcher leads: this page, or the page a refused form belongs to
        "page_path": here if request.method in ("GET", "HEAD") else nearest_page(request.app, here),
        "colon": "：" if lang == "zh" else ": ",  # after a label: 清晰度评分：83 / Clarity score: 83
        # brackets after a word: 往来函件（77） / correspondence (77)
        "lp": "（" if lang == "zh" else " (",
        "rp": "）" if lang == "zh" else ")",
        "code": code,
        "say": say_,
        "say_data": say_data_,
        "own": own,
        "own_lang": own_lang,
        "own_first": own_first,
        "org_name": org_name,
        "org_label": org_label,
        "deadline_name": deadline_name,
        "channel": channel,
        # the ways of sending a channel field suggests, in the page's language (the form stores the key word)
        "channel_words": [channels.label(k, gettext) for k in channels.OFFERED],
        "item_name": item_name,
        "quoted": quoted,
        "fact": fact,
        "label": label,
        "cite": cite,
        "event": event,
        "facts": facts,
        "request": request,
        "lang": lang,
        "_": gettext,
        "ngettext": t.ngettext,
        "fmt": fmt,
        "csrf": csrf_token(request),
    }


def ctx_dep(ctx: Context = Depends(get_ctx)) -> Context:
    return ctx
