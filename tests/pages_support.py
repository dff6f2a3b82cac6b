"""Helpers for tests that look at pages as a person does: visible text, a crawl from the
navigation, signs of raw data (Python ``None``, JSON, codes) where words belong."""

from __future__ import annotations

import functools
import re
from collections import Counter
from html.parser import HTMLParser

from fastapi.testclient import TestClient

RUIFENG = {
    "name_zh": "深圳市锐锋激光智能装备有限公司",
    "name_en": "Shenzhen Ruifeng Laser Intelligent Equipment Co., Ltd.",
    "uscc": "91440300MA5DKR7T2J",
}

SKIP_PREFIXES = ("/static", "/lang/", "/logout", "/api/", "/login")
DOWNLOAD = re.compile(r"/(original|download|searchable)\b|\.(pdf|docx|zip|ics|csv|eml|txt)$")


class VisibleText(HTMLParser):
    """The text a person sees: no scripts, styles, attribute values or form editors' contents."""

    HIDDEN = ("script", "style", "textarea", "template", "title")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag in self.HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible(html: str) -> list[str]:
    p = VisibleText()
    p.feed(html)
    return p.parts


def page_text(client: TestClient, url: str) -> str:
    """The text a reader sees on a page that must answer 200, as one line."""
    page = client.get(url)
    assert page.status_code == 200, page.text[:300]
    return " ".join(visible(page.text))


def upload_contract(client: TestClient, name: str, text: str) -> str:
    """Upload a contract as text through the contracts page (as its upload form does); its evidence label."""
    page = client.get("/contracts")
    csrf = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = client.post(
        "/contracts/upload",
        files={"file": (name, text.encode(), "text/plain")},
        data={"kind": "contract"},
        headers={"HX-Request": "true", "X-CSRF-Token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 200, r.text[:500]
    return str(r.headers["HX-Redirect"].rsplit("/", 1)[1])


def shape(path: str) -> str:
    """Pages of one kind (E-0001, E-0002, /cases/1, /cases/2) count as one shape."""
    return re.sub(r"[A-Z]+-\d[\w-]*|\d+", "#", path.split("?")[0]) + ("?" if "?" in path else "")


def crawl(client: TestClient, per_shape: int = 2, limit: int = 160, also: tuple[str, ...] = ()) -> dict[str, str]:
    """Pages reachable from the dashboard's navigation (two of each kind), path -> HTML; ``also``:
    pages a person reaches by typing (a search), crawled from too."""
    seen: dict[str, str] = {}
    shapes: Counter[str] = Counter()
    todo = ["/", *also]
    while todo and len(seen) < limit:
        path = todo.pop(0)
        if path in seen or (shapes[shape(path)] >= per_shape and path not in also):
            continue
        shapes[shape(path)] += 1
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code, r.text[:800])
        ctype = r.headers.get("content-type", "")
        assert ctype.startswith("text/html"), (path, ctype, r.text[:300])
        assert r.text.lstrip().lower().startswith("<!doctype html"), (path, r.text[:300])
        seen[path] = r.text
        for href in re.findall(r'href="(/[^"#]*)"', r.text):
            href = href.replace("&amp;", "&")
            if href.startswith(SKIP_PREFIXES) or DOWNLOAD.search(href.split("?")[0]):
                continue
            if href not in seen:
                todo.append(href)
    return seen


PY_LEAKS = [
    (re.compile(r"(^|[:·(=]\s*)None(\s*($|[·),]))"), "Python None"),
    (re.compile(r"\{\s*['\"]\w+['\"]\s*:"), "a dict or JSON object"),
    (re.compile(r"^\{\}$|^\[\]$"), "an empty dict or list"),
    (re.compile(r"\b\d{2}:\d{2}:\d{2}\.\d{3,6}\b"), "a timestamp with microseconds"),
    (re.compile(r"(?<![\w./@:-])(?:[a-z]+\.)+[a-z]+_[a-z_]+(?![\w./@-])"), "an event code"),
    (
        re.compile(
            r"(?<![\w./@:-])(?:supplier|case|evidence|access|token|share|request|claim|letter)\.[a-z]+(?![\w./@-])"
        ),
        "an event code",
    ),
]


def leaks(pages: dict[str, str]) -> list[tuple[str, str, str]]:
    found = []
    for path, html in pages.items():
        for text in visible(html):
            for pattern, what in PY_LEAKS:
                if pattern.search(text):
                    found.append((path, what, text[:160]))
    return found


class InterfaceText(HTMLParser):
    """Visible text that the interface wrote: not inside the user's own words (``class="own"``),
    an element marked with another language than the page's (``lang="en"`` on a Chinese page) or
    a quoted original (``<pre>``, ``<blockquote>``, ``<code>``)."""

    VOID = ("br", "img", "input", "meta", "link", "hr", "wbr", "col", "source")
    QUOTED = ("pre", "blockquote", "code", "kbd", "samp")

    def __init__(self, page_lang: str) -> None:
        super().__init__()
        self.page_lang = page_lang
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: is its content data?
        self._hidden = 0

    def _data(self) -> bool:
        return any(self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        a = dict(attrs)
        lang = a.get("lang")
        own = "own" in (a.get("class") or "").split() or tag in self.QUOTED or a.get("translate") == "no"
        other_lang = lang is not None and not lang.startswith(self.page_lang)
        if tag in VisibleText.HIDDEN:
            self._hidden += 1
        self._stack.append(own or other_lang)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if tag in VisibleText.HIDDEN:
            self._hidden -= 1
        if self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not self._hidden and not self._data() and data.strip():
            self.parts.append(data.strip())


def foreign_sentences(html: str, page_lang: str = "zh") -> list[str]:
    """English sentences the interface wrote on a page in another language (the user's own words
    and quoted originals, marked as such, are not counted)."""
    from disputedesk.web.i18n import english_prose

    p = InterfaceText(page_lang)
    p.feed(html)
    return [t for t in p.parts if english_prose(t)]


# ------------------------------------------------------------------ single words in another language
# A code the app stored, shown where words belong: ``warranty_period``, ``payment_warning.raised``.
_SNAKE = re.compile(r"(?<![\w./@:#-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/-])")
_DOTTED = re.compile(r"(?<![\w./@:#-])[a-z][a-z_]*(?:\.[a-z_]+)+(?![\w@/-]|\.\w)")
# a file name or a host name ("dispute.json", "ruifenglaser.com") is not a code
_FILE_OR_HOST = re.compile(
    r"\.(?:json|pdf|txt|csv|zip|eml|mbox|docx?|xlsx?|ics|html?|png|jpe?g|py|com|cn|de|net|org|io)$"
)
# one word of Latin letters standing alone: not inside a code, a file, an address or a number
_WORD = re.compile(r"(?<![\w./@:#&%+-])[A-Za-z][a-z]{2,}(?![\w@/:%-]|\.\w)")
# The whole allow-list: words that are the same in a Chinese interface. Units and the app's name
# are written so in Chinese too; everything else (names of people and companies, the user's words)
# is data and must come marked (own(): class="own" / lang="en"), codes in <code>/<pre>.
ALLOWED_WORDS = frozenset({
    "DisputeDesk",  # the product's name
    "Asia", "Shanghai", "Europe", "Berlin", "Hong", "Kong",  # IANA zone names (Asia/Shanghai) are codes people read
    "Bearer",  # the HTTP header people copy for an API token
})  # fmt: skip


# A name: capitalised words in a row ("Shenzhen Ruifeng Laser Co., Ltd.", "China Merchants Bank",
# "Head of Purchasing"), with the role a person was typed with ("Jonas Reuter (purchasing)"), not an
# interface word standing alone.
_NAME_RUN = re.compile(
    r"[A-Z][\w'’.&-]*(?:,?\s+(?:(?:of|and|am|de|von|the|for|&)\s+)?[A-Z][\w'’.&-]*)+(?:\s+\([a-z][\w /-]{0,30}\))?"
)


@functools.cache
def _interface_vocabulary() -> frozenset[str]:
    """The English words the interface itself writes in lower case (its catalogue's message ids):
    "Warranty" or "Date" standing alone is one of these; "Excel", "Germany" or "Ruifeng" are names."""
    from disputedesk.documents.catalogue import translations

    words: set[str] = set()
    for msgid in translations("zh")._catalog:  # type: ignore[attr-defined]
        text = msgid[0] if isinstance(msgid, tuple) else msgid
        words.update(re.findall(r"(?<![A-Za-z])[a-z]{3,}(?![A-Za-z])", re.sub(r"%\(\w+\)s", "", str(text))))
    return frozenset(words)


def foreign_words(html: str, page_lang: str = "zh") -> list[str]:
    """Single English words and stored codes the interface wrote on a page in Chinese (outside the
    user's marked words and quoted originals): ``warranty_period``, ``payment_warning.raised``,
    "draft", "Warranty"."""
    vocabulary = _interface_vocabulary()
    p = InterfaceText(page_lang)
    p.feed(html)
    found: list[str] = []
    for text in p.parts:
        # a software package by its name and version ("chinese_calendar 1.11.0") is a name, not a code
        found += [m.group(0) for m in _SNAKE.finditer(text) if not re.match(r"\s+\d+\.\d+", text[m.end() :])]
        found += [m.group(0) for m in _DOTTED.finditer(text) if not _FILE_OR_HOST.search(m.group(0))]
        names = [m.span() for m in _NAME_RUN.finditer(text)]
        for m in _WORD.finditer(text):
            w = m.group(0)
            if w in ALLOWED_WORDS or "_" in text[m.start() : m.end() + 1]:
                continue
            if any(a <= m.start() < b for a, b in names):
                continue
            if w.islower() or w.lower() in vocabulary:
                found.append(w)
    return found


_CJK_ASCII_COLON = re.compile(r"[\u4e00-\u9fff）]\s*:\s")


def ascii_colons(html: str, page_lang: str = "zh") -> list[str]:
    """Interface text on a Chinese page that follows Chinese with an ASCII colon ("清晰度评分: 83"
    where Chinese writes 清晰度评分：83); the user's own words are as they wrote them."""
    p = InterfaceText(page_lang)
    p.feed(html)
    return [t[:80] for t in p.parts if _CJK_ASCII_COLON.search(t)]


def owner_client(ctx) -> TestClient:  # type: ignore[no-untyped-def]
    """A browser signed in as anna, owner of the empty workspace ``default`` (call ``__exit__`` after)."""
    from disputedesk.web.app import create_app

    from support import make_user, sign_in

    make_user(ctx, "anna", "default", "owner")
    c = TestClient(create_app(ctx))
    c.__enter__()
    sign_in(c, "anna")
    return c


def alert(html: str) -> str:
    """The text of the page's alert (a refused form's message)."""
    found = re.search(r'role="alert"[^>]*>(.*?)</', html, re.S)
    assert found, html[-2000:]
    return found.group(1)


def supplier_mail(subject: str, body: str, message_id: str) -> bytes:
    """A mail the supplier's service desk sent on 3 March 2026 at 10:15 in Shenzhen (+08:00) to the buyer."""
    from email.header import Header

    return (
        "From: Wang Fang <service@hengtai-cnc.example>\r\n"
        "To: buyer@brandt.example\r\n"
        f"Subject: {Header(subject, 'utf-8').encode()}\r\n"
        "Date: Tue, 03 Mar 2026 10:15:00 +0800\r\n"
        f"Message-ID: <{message_id}@hengtai-cnc.example>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"{body}\r\n"
    ).encode()


def open_request(client: TestClient, supplier: str, title: str, severity: str, opened_at: str) -> str:
    """Open a support request through the JSON API (as a user's script would); its number."""
    opened = client.post(
        "/api/sla/requests",
        json={"supplier": supplier, "title": title, "severity": severity, "opened_at": opened_at},
    )
    assert opened.status_code == 201, opened.text
    number: str = opened.json()["number"]
    return number


def reviewed_supplier(client: TestClient, ctx, review: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    """A new supplier (Wuxi Quiet Pumps, key ``quiet``, Chinese name recorded) whose only data is one periodic
    review: a score resting on a small part of the weight."""
    from disputedesk.services.suppliers import profile as supplier_profiles

    names = {"name_en": "Wuxi Quiet Pumps Co., Ltd.", "name_zh": "无锡静泵有限公司", "key": "quiet"}
    supplier_profiles.create_supplier(ctx, "default", names, actor="t")
    r = client.post("/api/suppliers/quiet/reviews", json=review)
    assert r.status_code == 201, r.text


# ------------------------------------------------------------------ brackets on a Chinese page
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_BLOCK = frozenset({
    "p", "div", "li", "ul", "ol", "td", "th", "tr", "table", "dt", "dd", "dl", "h1", "h2", "h3", "h4", "section",
    "header", "footer", "nav", "main", "form", "label", "option", "select", "details", "summary", "br", "fieldset",
    "legend", "figure", "figcaption", "article", "aside", "button", "input", "textarea", "caption", "thead", "tbody",
})  # fmt: skip
# the interface's Chinese text with a space before a full-width bracket ("合同 （HG-…）"), or an ASCII
# bracket next to Chinese ("快递 (EMS)", "(条款 3.2"); the user's own words stand as ◊ (never matched)
_BAD_BRACKETS = re.compile(rf"\S[ \u00a0]+（|[{_CJK}）][ \u00a0]*\((?!\d{{1,3}}\))|\([ \u00a0]*[{_CJK}]")


class _FlowText(HTMLParser):
    """A page's text as it flows on screen: runs of white space as one space, a block element as a line
    break, the user's own words, other-language elements and quoted originals as ◊."""

    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.out: list[str] = []
        self._stack: list[tuple[str, bool]] = []
        self._hidden = 0

    def _data(self) -> bool:
        return any(own for _t, own in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.out.append("\n")
        if tag in InterfaceText.VOID:
            return
        a = dict(attrs)
        lang = a.get("lang")
        own = "own" in (a.get("class") or "").split() or tag in InterfaceText.QUOTED or a.get("translate") == "no"
        if tag in VisibleText.HIDDEN:
            self._hidden += 1
        if (own or (lang is not None and not lang.startswith(self.page_lang))) and not self._data():
            self.out.append("◊")
        self._stack.append((tag, own or (lang is not None and not lang.startswith(self.page_lang))))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self.out.append("\n")
        if tag in InterfaceText.VOID:
            return
        if tag in VisibleText.HIDDEN:
            self._hidden -= 1
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._hidden and not self._data():
            self.out.append(re.sub(r"\s+", " ", data))


def bad_brackets(html: str, page_lang: str = "zh") -> list[str]:
    """Where a Chinese page writes a space before a full-width bracket ("合同 （HG-…）") or an ASCII
    bracket next to Chinese ("快递 (EMS)"): each with a little of its text around it."""
    p = _FlowText(page_lang)
    p.feed(html)
    text = "".join(p.out)
    return [text[max(0, m.start() - 12) : m.end() + 12].strip() for m in _BAD_BRACKETS.finditer(text)]
