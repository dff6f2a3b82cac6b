"""How a stored message counts for the SLA: the buyer's or the supplier's side, automatic replies, and the
bare-acknowledgement rule."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ...domain.maildomains import host_in, mail_host
from ...domain.mailtext import own_words
from ...domain.sla import (
    EventKind,
)

_DOMAIN_EVENT = {k.value: k for k in EventKind if k != EventKind.TERMS_CHANGED}


BUYER_DIRECTIONS = {"buyer->supplier", "buyer", "out", "outbound"}


SUPPLIER_DIRECTIONS = {"supplier->buyer", "supplier", "in", "inbound"}


_SIDES = {**{d: "buyer" for d in BUYER_DIRECTIONS}, **{d: "supplier" for d in SUPPLIER_DIRECTIONS}}


# --------------------------------------------------------------------------------------------
# Bare acknowledgements
# --------------------------------------------------------------------------------------------

ACK_MAX_CHARS = 300


_ACK_PHRASES = re.compile(
    r"received|noted|acknowledg|well taken|will (?:check|look|revert|get back|reply|follow|investigate|confirm)|"
    r"checking|looking into|收到|收悉|已阅|知悉|会检查|会查|尽快|正在(?:核查|检查|查看|处理)|跟进|回复您",
    re.IGNORECASE,
)


_NOT_BARE = re.compile(
    r"[?？]|please (?:send|provide|check|try|confirm)|\bpls\b|请(?:提供|发送|确认|检查)", re.IGNORECASE
)


def is_bare_acknowledgement(text: str | None, *, has_attachments: bool = False) -> bool:
    """The documented rule (module docstring): short, an acknowledgement phrase, no question or
    request, no attachment."""
    if has_attachments or not text or not _ACK_PHRASES.search(text, 0, TEXT_HEAD):
        return False  # no acknowledgement phrase at all (the cheap test first)
    own = own_words(text)
    compact = " ".join(own.split())
    if not compact or len(compact) > ACK_MAX_CHARS:
        return False
    return bool(_ACK_PHRASES.search(compact)) and not _NOT_BARE.search(compact)


@functools.lru_cache(maxsize=8192)
def _bare_ack_cached(text: str | None) -> bool:
    """The rule for a message without attachments; suppliers' short acknowledgements repeat
    word for word ("收到，我们会检查。", "Received, will check."), so each is judged once."""
    return is_bare_acknowledgement(text)


def _truthy(v: Any) -> bool:
    return bool(v) and v not in ("0", "false", "no")


def side_of(direction: str | None) -> str | None:
    d = (direction or "").lower()
    if d in BUYER_DIRECTIONS:
        return "buyer"
    if d in SUPPLIER_DIRECTIONS:
        return "supplier"
    return None


def sender_side(sender: str | None, buyer_domains: Iterable[str], supplier_domains: Iterable[str]) -> str | None:
    """Fallback when a message's direction is unknown ("other"): the sender's mail domain
    (the rule of domain/maildomains.py)."""
    host = mail_host(sender)
    if host_in(host, supplier_domains):
        return "supplier"
    if host_in(host, buyer_domains):
        return "buyer"
    return None


def classify_message(
    direction: str | None, flags: Mapping[str, Any] | None, text: str | None, fallback_side: str | None = None
) -> dict[str, Any]:
    """How the SLA sees one stored message: side, auto-reply, acknowledgement and why.

    ``fallback_side`` (from the sender's domain) is used only when the direction is unknown
    (``other`` or empty); ``internal`` messages never count."""
    flags = flags or {}
    side = side_of(direction)
    if side is None and (direction or "other") == "other":
        side = fallback_side
    auto = _truthy(flags.get("auto_reply")) or _truthy(flags.get("is_auto_reply"))
    ack = False
    ack_by = None
    if side == "supplier" and not auto:
        if "acknowledgement" in flags:
            ack, ack_by = _truthy(flags.get("acknowledgement")), "person"
        else:
            ack = not flags.get("attachments") and _bare_ack_cached(text)
            ack_by = "rule" if ack else None
    return {"side": side, "auto_reply": auto, "acknowledgement": ack, "acknowledgement_by": ack_by}


# --------------------------------------------------------------------------------------------
# Loading requests in batches
# --------------------------------------------------------------------------------------------

TEXT_HEAD = 600  # enough for the acknowledgement rule (own text <= 300 characters)
