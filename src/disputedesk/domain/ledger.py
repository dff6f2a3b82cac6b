"""The evidence ledger's hash chain: how an entry's hash is defined and how a chain is checked.

Each entry commits to its own content and to the hash of the entry before it, so changing,
removing or reordering any entry breaks every hash after it. The definition is deliberately
simple so that anyone can re-implement the check (the evidence bundle ships a stand-alone
verifier):

    hash = SHA-256( canonical_json({"seq", "workspace", "at", "actor", "action",
                                    "subject", "payload", "prev"}) )

``canonical_json`` is JSON with sorted keys, no insignificant whitespace, UTF-8, and
non-ASCII characters kept as they are. ``payload`` is itself a canonical JSON *string*.
The first entry's ``prev`` is 64 zeros. Pure functions: no I/O, no clock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical_json(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class Entry:
    seq: int
    workspace: str
    at: str  # ISO 8601 UTC text, e.g. 2026-11-26T07:50:00.123456Z
    actor: str
    action: str
    subject: str  # the SHA-256 the entry is about ("" where it is about no blob)
    payload: str  # canonical JSON text
    prev_hash: str
    hash: str = ""

    def body(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "workspace": self.workspace,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "payload": self.payload,
            "prev": self.prev_hash,
        }

    def computed_hash(self) -> str:
        return hashlib.sha256(canonical_json(self.body()).encode("utf-8")).hexdigest()

    def payload_obj(self) -> dict[str, Any]:
        return json.loads(self.payload) if self.payload else {}


def make_entry(
    *,
    seq: int,
    workspace: str,
    at: str,
    actor: str,
    action: str,
    subject: str,
    payload: Mapping[str, Any],
    prev_hash: str,
) -> Entry:
    e = Entry(seq, workspace, at, actor, action, subject, canonical_json(dict(payload)), prev_hash)
    return Entry(**{**e.__dict__, "hash": e.computed_hash()})


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"ledger entry #{self.seq}: {self.problem}"


def check_chain(entries: Iterable[Entry], expected_head: tuple[int, str] | None = None) -> list[ChainProblem]:
    """Replay a workspace's chain in ``seq`` order and name every entry that does not fit.

    ``expected_head`` is an independently kept (seq, hash) of the last entry known to exist
    (the anchor): it catches entries deleted from the end, which a chain alone cannot show.
    """
    problems: list[ChainProblem] = []
    prev = GENESIS
    expected_seq = 1
    last: Entry | None = None
    for e in entries:
        if e.seq != expected_seq:
            if e.seq > expected_seq:
                missing = f"#{expected_seq}" if e.seq == expected_seq + 1 else f"#{expected_seq}–#{e.seq - 1}"
                problems.append(ChainProblem(e.seq, f"entries {missing} are missing (deleted) before this one"))
            else:
                problems.append(ChainProblem(e.seq, "sequence number repeats or goes backwards (reordered)"))
        if e.computed_hash() != e.hash:
            problems.append(ChainProblem(e.seq, "content does not match its hash (entry was edited)"))
        if e.prev_hash != prev:
            problems.append(
                ChainProblem(e.seq, "does not link to the entry before it (chain broken: reordered or removed)")
            )
        prev = e.hash
        expected_seq = e.seq + 1
        last = e
    if expected_head is not None:
        head_seq, head_hash = expected_head
        last_seq = last.seq if last else 0
        if last_seq < head_seq:
            problems.append(
                ChainProblem(
                    last_seq + 1,
                    f"entries #{last_seq + 1}–#{head_seq} are missing: the anchor records {head_seq} entries",
                )
            )
        elif last is not None and last.seq == head_seq and last.hash != head_hash:
            problems.append(ChainProblem(head_seq, "last entry differs from the anchored head hash"))
    return problems
