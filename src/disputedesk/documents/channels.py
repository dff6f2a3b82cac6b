"""How a notice was sent, as a person types it in a "channel" field (a ladder step, a letter marked
sent): "email", "courier DHL", "快递（EMS）".

Stored with the way of sending as its key word ("email", "courier", "registered mail" …) whatever the
language it was typed in, the rest (a courier's name, a tracking number) as typed; shown as a word of
the reader's language with that rest, on a Chinese page a bracketed rest in full-width brackets and
no space before them ("快递（EMS）", never "快递 (EMS)")."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .catalogue import translations

# The ways of sending, by key, with their English word (the catalogue's message id).
CHANNELS = {
    "email": "email",
    "courier": "courier",
    "registered_mail": "registered mail",
    "fax": "fax",
    "phone": "phone",
    "platform_chat": "platform chat",
    "wechat": "WeChat",
    "whatsapp": "WhatsApp",
    "letter": "letter",
    "hand_delivery": "hand delivery",
    "support_request": "support request",  # a ladder step that is the support request itself
}
# the ones a form offers (a support request is a step of its own, not a way of sending a letter)
OFFERED = ("email", "courier", "registered_mail", "fax", "letter", "hand_delivery", "wechat", "phone", "platform_chat")
_ENGLISH = re.compile(
    r"^(e-?mail|courier|registered (?:mail|post)|fax|phone|platform chat|wechat|whatsapp|letter|hand delivery"
    r"|support request)\b",
    re.I,
)
# what Chinese users also type for a way of sending, beside the catalogue's word
_ZH_ALSO = {"邮件": "email", "电邮": "email", "电子邮箱": "email", "特快专递": "courier", "挂号邮件": "registered_mail"}
_BRACKETED = re.compile(r"^\s*[（(]\s*(.*?)\s*[）)]\s*$", re.S)


@cache
def _chinese() -> tuple[tuple[str, str], ...]:
    """(Chinese word, key), longest first: the catalogue's words for the ways of sending and the others."""
    zh = translations("zh").gettext
    words = {zh(word): key for key, word in CHANNELS.items() if zh(word) != word} | _ZH_ALSO
    return tuple(sorted(words.items(), key=lambda kv: -len(kv[0])))


def _split(text: str) -> tuple[str | None, str]:
    """The way of sending's key (or None) and the rest of what was typed."""
    m = _ENGLISH.match(text)
    if m:
        return m.group(1).lower().replace("-", "").replace(" ", "_").replace("post", "mail"), text[m.end(1) :]
    for word, key in _chinese():
        if text.startswith(word):
            return key, text[len(word) :]
    return None, text


def stored(typed: str) -> str:
    """What a channel field keeps: the way of sending by its key word, the rest as typed (full-width
    brackets around it become ASCII ones): "快递（EMS）" → "courier (EMS)", "电子邮件" → "email"."""
    text = typed.strip()
    key, rest = _split(text)
    if key is None:
        return text
    m = _BRACKETED.match(rest)
    if m:
        rest = f" ({m.group(1)})" if m.group(1) else ""
    elif rest and not rest[0].isspace():
        rest = " " + rest
    return CHANNELS[key] + rest.rstrip()


def label(key: str, gettext: Callable[[str], str]) -> str:
    """A way of sending as a word of the page's language ("电子邮件" for ``email``): what a form shows."""
    return gettext(CHANNELS.get(key, key))


def shown(text: str, lang: str, gettext: Callable[[str], str]) -> tuple[str | None, str]:
    """A stored channel for a page: the way of sending in the page's language (None when what was typed
    names none) and the rest as typed, in full-width brackets on a Chinese page."""
    words = text.strip()
    key, rest = _split(words)
    if key is None:
        return None, words
    if lang == "zh":
        m = _BRACKETED.match(rest)
        if m and m.group(1):
            rest = f"（{m.group(1)}）"
        elif re.match(r"\s*[（\u3400-\u9fff]", rest):  # no space between Chinese words
            rest = rest.strip()
    return gettext(CHANNELS[key]), rest
