"""Mail domains: the one rule for "is this sender one of theirs".

A sender belongs to a party when its mail host *is* one of the party's domains or a subdomain of
one (``mail.jinhua-cnc.com`` for ``jinhua-cnc.com``); letter case, a leading ``@`` on the
domain and a display name around the address do not matter. A bare top-level domain (``com``)
never matches anything: a party's domain has at least two labels.

Before this module there were four versions: the supplier profile's and the payment scan's
(equal or subdomain, any listed string), the SLA's sender side (the same with its own address
parsing), and the mail ingest's (equal or subdomain by a set lookup of the host's suffixes, never
the bare top-level domain). They agreed except for a listed one-label "domain", which three
matched against every sender under that ending; the ingest's reading was kept (a one-label entry
is a typing slip, and the profile forms already refuse it) and its set lookup too (it is the
fast one: the number of labels of the host, not the number of domains listed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ANGLE = re.compile(r"<([^>]*)>")


def mail_host(address: str | None) -> str:
    """The host of a mail address, lower-case (``王磊 <WangLei@Jinhua-CNC.com>`` → ``jinhua-cnc.com``), or ""."""
    if not address:
        return ""
    m = _ANGLE.search(address)
    addr = m.group(1) if m else address
    if "@" not in addr:
        return ""
    return addr.rsplit("@", 1)[1].strip().strip("<>").lower().rstrip(".")


def domain_set(domains: Iterable[str]) -> frozenset[str]:
    """Domains as matched: lower-case, without blanks or a leading ``@``."""
    out = set()
    for d in domains:
        d = (d or "").strip().lower()
        if d:
            out.add(d[1:] if d.startswith("@") else d)
    return frozenset(out)


def host_in(host: str, domains: Iterable[str]) -> bool:
    """True when ``host`` is one of ``domains`` or a subdomain of one (the module's rule)."""
    if not host:
        return False
    wanted = domains if isinstance(domains, frozenset) else domain_set(domains)
    parts = host.lower().split(".")
    return any(".".join(parts[i:]) in wanted for i in range(len(parts) - 1))


def address_in(address: str | None, domains: Iterable[str]) -> bool:
    """True when the sender ``address`` is at one of ``domains`` (or a subdomain)."""
    return host_in(mail_host(address), domains)
