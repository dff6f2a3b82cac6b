"""An e-mail address as a person types it into a contact (a supplier's contact channel, the buyer's
contact people): the one check.

No library in the project's dependencies does this (Pydantic's ``EmailStr`` needs
``email-validator``, which is not one), so the check is written here, strict on purpose: what
lands in the e-mail field is where letters and escalations go, and a phone number, a WeChat ID or
a name typed there must be refused rather than kept. An address is ``local@domain``: the local
part in the dot-atom form of RFC 5322 §3.2.3 (letters of any script allowed, RFC 6531), at most
64 characters; the domain of at least two labels (letters, digits, inner hyphens; an
internationalised name such as ``例子.中国`` through IDNA), a top-level label of letters; at most
254 characters in all (RFC 5321 §4.5.3.1). Quoted local parts and address literals
(``"a b"@x``, ``a@[192.0.2.1]``) are refused: no supplier gives such an address.
"""

from __future__ import annotations

import re

_ATOM = r"[\w!#$%&'*+/=?^`{|}~-]+"
_LOCAL = re.compile(rf"^{_ATOM}(\.{_ATOM})*$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def is_mail_address(text: str) -> bool:
    """``text`` (already stripped) is a mail address a letter can be sent to."""
    if len(text) > 254 or text.count("@") != 1:
        return False
    local, domain = text.split("@")
    if not 0 < len(local) <= 64 or not _LOCAL.match(local):
        return False
    try:
        labels = domain.encode("idna").decode("ascii").lower().split(".")
    except UnicodeError:
        return False
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return False
    return labels[-1].isalpha() or labels[-1].startswith("xn--")
