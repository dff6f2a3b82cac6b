"""Thread messages by References / In-Reply-To (Jamie Zawinski's algorithm).

https://www.jwz.org/doc/threading.html, with three changes for evidence work:

* a referenced message we do not have stays in the tree as a *placeholder* node (``missing``)
  instead of being pruned, so the gap is visible;
* reference loops (A refers to B, B to A, or a message to itself) are broken and reported;
* grouping by subject is only a fallback: a root message whose subject is a reply or forward
  ("Re:", "Fwd:", "回复:", "答复:", "转发:" ...) and which carries no usable reference is attached to
  the earliest root with the same normalised subject, and that link is flagged
  ``by_subject=True``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

__all__ = [
    "ThreadInput",
    "ThreadNode",
    "Thread",
    "normalise_subject",
    "is_reply_subject",
    "thread_keys",
    "thread_messages",
]

_PREFIX = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)?"
    r"(?:re|fw|fwd|aw|wg|sv|vs|antw|tr|rif|res|回复|回覆|答复|答覆|转发|轉發|转寄|轉寄)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*",
    re.IGNORECASE,
)


def is_reply_subject(subject: str) -> bool:
    return bool(_PREFIX.match(subject or ""))


def normalise_subject(subject: str) -> str:
    """Subject without reply/forward prefixes (also nested ones), whitespace collapsed, case-folded."""
    s = subject or ""
    while True:
        m = _PREFIX.match(s)
        if not m:
            break
        s = s[m.end() :]
    return " ".join(s.split()).casefold()


@dataclass(frozen=True)
class ThreadInput:
    key: str  # the caller's identifier of the message (item key, evidence number ...)
    message_id: str | None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    subject: str = ""
    date: datetime | None = None


@dataclass(eq=False)
class ThreadNode:
    message_id: str
    message: ThreadInput | None = None
    parent: ThreadNode | None = None
    children: list[ThreadNode] = field(default_factory=list)
    by_subject: bool = False  # attached to its parent by subject only (flagged fallback)

    @property
    def missing(self) -> bool:
        """A placeholder for a referenced message that is not in the set."""
        return self.message is None

    def walk(self) -> Iterator[ThreadNode]:
        yield self
        for c in self.children:
            yield from c.walk()

    def _is_ancestor_of(self, other: ThreadNode) -> bool:
        node: ThreadNode | None = other
        while node is not None:
            if node is self:
                return True
            node = node.parent
        return False


@dataclass
class Thread:
    root: ThreadNode
    notes: list[str] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [n.message.key for n in self.root.walk() if n.message is not None]

    @property
    def by_subject(self) -> bool:
        return any(n.by_subject for n in self.root.walk())

    @property
    def missing_ids(self) -> list[str]:
        return [n.message_id for n in self.root.walk() if n.missing]

    @property
    def first_date(self) -> datetime | None:
        dates = [n.message.date for n in self.root.walk() if n.message and n.message.date]
        return min(dates) if dates else None


def _key64(kind: bytes, value: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(kind + value.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big", signed=True
    )


def thread_keys(m: ThreadInput) -> tuple[set[int], int | None]:
    """Where a message can meet others in :func:`thread_messages`, as 64-bit keys.

    The first set holds its Message-ID and every id it refers to: two messages can only end up in
    the same thread by references if they share one of these. The second is its normalised
    subject (subject fallback), or None. Keys are hashes: a collision only makes incremental
    threading look at a thread more than needed, never less.
    """
    ids = {_key64(b"i", r) for r in (m.message_id, m.in_reply_to, *m.references) if r}
    ns = normalise_subject(m.subject) if m.subject.strip() else ""
    return ids, (_key64(b"s", ns) if ns else None)


def _sort_key(node: ThreadNode) -> tuple[int, str, str]:
    d = node.message.date if node.message else None
    if d is None and node.children:
        dates = [c.message.date for c in node.walk() if c.message and c.message.date]
        d = min(dates) if dates else None
    return (0 if d else 1, d.isoformat() if d else "", node.message.key if node.message else node.message_id)


def _unlink(node: ThreadNode) -> None:
    if node.parent is not None:
        node.parent.children.remove(node)
        node.parent = None


def _link(parent: ThreadNode, child: ThreadNode) -> bool:
    if parent is child or child._is_ancestor_of(parent):
        return False
    _unlink(child)
    child.parent = parent
    parent.children.append(child)
    return True


def thread_messages(messages: Iterable[ThreadInput]) -> list[Thread]:
    """Group messages into threads; threads and children sorted by date."""
    table: dict[str, ThreadNode] = {}
    loop_notes: list[tuple[ThreadNode, str]] = []

    def node_for(mid: str) -> ThreadNode:
        n = table.get(mid)
        if n is None:
            n = table[mid] = ThreadNode(message_id=mid)
        return n

    for m in messages:
        mid = m.message_id or f"<no-id:{m.key}>"
        node = node_for(mid)
        if node.message is not None:
            # same Message-ID twice: keep both, the second under a distinct id
            mid = f"{mid}#dup:{m.key}"
            node = node_for(mid)
        node.message = m
        refs = [r for r in m.references if r]
        if m.in_reply_to and (not refs or refs[-1] != m.in_reply_to):
            refs.append(m.in_reply_to)
        if m.message_id and m.message_id in refs:
            loop_notes.append((node, f"{m.key}: refers to itself; that reference ignored"))
            refs = [r for r in refs if r != m.message_id]
        prev: ThreadNode | None = None
        for ref in refs:
            rn = node_for(ref)
            if prev is not None and rn.parent is None and rn is not prev:
                if not _link(prev, rn):
                    loop_notes.append((rn, f"reference loop between {prev.message_id} and {ref} broken"))
            prev = rn
        if prev is not None:
            if prev is node or node._is_ancestor_of(prev):
                loop_notes.append((node, f"{m.key}: parent {prev.message_id} would create a loop; link broken"))
            else:
                _link(prev, node)

    # prune empty placeholders (referenced by nobody any more)
    def prune(n: ThreadNode) -> None:
        for c in list(n.children):
            prune(c)
        if n.message is None and not n.children:
            _unlink(n)

    roots = [n for n in table.values() if n.parent is None]
    for r in roots:
        prune(r)
    roots = [n for n in table.values() if n.parent is None and (n.message is not None or n.children)]

    # subject fallback, flagged
    by_subject: dict[str, ThreadNode] = {}
    candidates = sorted(roots, key=_sort_key)
    for r in candidates:
        if r.message is None or not r.message.subject.strip():
            continue
        ns = normalise_subject(r.message.subject)
        if not ns:
            continue
        anchor = by_subject.get(ns)
        no_refs = not r.message.references and not r.message.in_reply_to
        if anchor is not None and no_refs and is_reply_subject(r.message.subject):
            if _link(anchor, r):
                r.by_subject = True
                continue
        by_subject.setdefault(ns, r)
    roots = [n for n in roots if n.parent is None]

    def sort_tree(n: ThreadNode) -> None:
        n.children.sort(key=_sort_key)
        for c in n.children:
            sort_tree(c)

    threads: list[Thread] = []
    for r in sorted(roots, key=_sort_key):
        sort_tree(r)
        members = set(r.walk())
        t = Thread(root=r)
        t.notes.extend(text for node, text in loop_notes if node in members)
        if t.by_subject:
            t.notes.append("linked by subject only (no References/In-Reply-To)")
        if t.missing_ids:
            t.notes.append(f"{len(t.missing_ids)} referenced message(s) missing")
        threads.append(t)
    return threads
