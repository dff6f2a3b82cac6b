"""Who wrote to whom: buyer->supplier, supplier->buyer, internal or other.

``Parties`` holds our own addresses/domains and the supplier's.  Entries with an "@" are
addresses, the rest are domains (a domain also matches its sub-domains: ``mail.acme.cn``
matches ``acme.cn``).  An exact address always wins over a domain, so a supplier engineer who
writes from a public mailbox (``@qq.com``, ``@163.com``, ``@gmail.com``) is listed by address;
do not list public webmail domains as anyone's domain.  For chats (no addresses) sender names
can be listed, and a chat export's in/out column is used when the sender is unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from ...domain.maildomains import domain_set, host_in
from .model import Address, ParsedMessage

__all__ = ["Direction", "DirectionValue", "Parties", "classify", "side_of"]

DirectionValue = Literal["buyer->supplier", "supplier->buyer", "internal", "other"]
Side = Literal["us", "supplier", "other"]


# Addresses stay as they are (lower-cased); "@acme.cn" and "acme.cn" are domains.
_norm = domain_set


@dataclass(frozen=True)
class Parties:
    ours: frozenset[str] = field(default_factory=frozenset)  # our addresses and domains
    supplier: frozenset[str] = field(default_factory=frozenset)  # supplier's addresses and domains
    our_names: frozenset[str] = field(default_factory=frozenset)  # chat display names
    supplier_names: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def build(
        cls,
        ours: Iterable[str],
        supplier: Iterable[str],
        our_names: Iterable[str] = (),
        supplier_names: Iterable[str] = (),
    ) -> Parties:
        return cls(
            _norm(ours),
            _norm(supplier),
            frozenset(n.strip().casefold() for n in our_names if n.strip()),
            frozenset(n.strip().casefold() for n in supplier_names if n.strip()),
        )


def side_of(address: Address, parties: Parties) -> Side:
    """Which side an address (or, with no address, a chat display name) belongs to."""
    addr = address.addr.lower()
    if addr:
        if addr in parties.ours:
            return "us"
        if addr in parties.supplier:
            return "supplier"
        dom = address.domain.lower()
        if host_in(dom, parties.supplier):
            return "supplier"
        if host_in(dom, parties.ours):
            return "us"
        return "other"
    name = address.name.strip().casefold()
    if name in parties.our_names:
        return "us"
    if name in parties.supplier_names:
        return "supplier"
    return "other"


@dataclass(frozen=True)
class Direction:
    value: DirectionValue
    reason: str


def classify(msg: ParsedMessage, parties: Parties) -> Direction:
    """Direction of one message from its sender and recipients."""
    if msg.from_ is None:
        return Direction("other", "no sender")
    sender = side_of(msg.from_, parties)
    recipients = msg.to + msg.cc + msg.bcc
    sides = {side_of(a, parties) for a in recipients}
    if sender == "other" and msg.direction_hint in ("in", "out") and not recipients:
        # chat export row: the tool said who sent it
        if msg.direction_hint == "out":
            return Direction("buyer->supplier", "chat export marks the message as sent by us")
        return Direction("supplier->buyer", "chat export marks the message as received by us")
    if sender == "us":
        if "supplier" in sides:
            return Direction("buyer->supplier", f"from our {msg.from_.addr or msg.from_.name} to the supplier")
        if not recipients and msg.channel not in ("email", "msg"):
            return Direction("buyer->supplier", "chat message sent by us")
        if sides <= {"us"} and recipients:
            return Direction("internal", "sender and all recipients are ours")
        return Direction("other", "from us, no supplier among the recipients")
    if sender == "supplier":
        if "us" in sides or not recipients:
            return Direction("supplier->buyer", f"from the supplier's {msg.from_.addr or msg.from_.name}")
        return Direction("other", "from the supplier, none of us among the recipients")
    return Direction("other", "sender is neither ours nor the supplier's")
