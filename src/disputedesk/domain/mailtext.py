"""A message's own words: the one rule for leaving out the quoted earlier message.

Used by the SLA's bare-acknowledgement rule (``services/sla/messages.py``) and by the payment
warnings that scan supplier mail for changed bank details (``services/suppliers/payment_safety.py``).

The rule: the text ends at the first header of a quoted or forwarded earlier message, and lines
quoted with ``>`` are left out. Headers recognised (as written by the mail programs used on both
sides of these disputes — Outlook and Gmail in English and German, Foxmail/QQ/163 in Chinese):
``-----Original Message-----``, ``---- 原始邮件 ----``, ``---------- Forwarded message ----------``,
a line of five or more dashes, ``On … wrote:``, ``在 … 写道：``, ``发件人：``, ``From: ``, ``Von: ``,
``Am … schrieb``.

Before this module there were two versions with different rules. The SLA's cut the text at the
first ``>`` line (so a reply written *between* quoted lines lost its later words) and knew the
longer list of headers; the payment scan dropped ``>`` lines but knew only three headers (so a
Chinese client's ``发件人：`` header let the quoted original — with its old bank account — be read
as the supplier's new words). The union of the headers and the interleaved-reply reading were
kept: both only leave out text that is quoted, never the writer's own.
"""

from __future__ import annotations

import re

_QUOTE_HEAD = re.compile(
    r"^\s*(?:-{2,}\s*(?:原始邮件|Original Message|Forwarded message)|-{5,}|On .{1,200} wrote:|"
    r"在.{1,200}写道[:：]|发件人[:：]|From:\s|Von:\s|Am .{1,200} schrieb)",
    re.IGNORECASE | re.MULTILINE,
)


def own_words(text: str | None) -> str:
    """The message's own words (see the module's rule), without surrounding blanks."""
    if not text:
        return ""
    m = _QUOTE_HEAD.search(text)
    if m:
        text = text[: m.start()]
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">")).strip()
