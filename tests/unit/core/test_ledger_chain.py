"""The hash chain (pure): an intact chain passes; each kind of change is named."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from disputedesk.domain.ledger import GENESIS, check_chain, make_entry


def chain(n: int, payloads=None):  # type: ignore[no-untyped-def]
    out, prev = [], GENESIS
    for i in range(1, n + 1):
        e = make_entry(
            seq=i,
            workspace="ws",
            at=f"2026-03-0{1 + i % 9}T08:00:00.000000Z",
            actor="buyer",
            action="evidence.added",
            subject=f"{i:064x}",
            payload=(payloads[i - 1] if payloads else {"number": i, "name": "邮件.eml"}),
            prev_hash=prev,
        )
        out.append(e)
        prev = e.hash
    return out


def test_intact_chain_has_no_problem() -> None:
    entries = chain(6)
    assert check_chain(entries, (6, entries[-1].hash)) == []


def test_edited_entry_is_named() -> None:
    entries = chain(5)
    entries[2] = dataclasses.replace(entries[2], actor="mallory")
    problems = check_chain(entries)
    assert [(p.seq, "edited" in p.problem) for p in problems] == [(3, True)]


def test_entry_recomputed_after_edit_breaks_the_next_link() -> None:
    entries = chain(5)
    forged = dataclasses.replace(entries[2], actor="mallory")
    entries[2] = dataclasses.replace(forged, hash=forged.computed_hash())
    problems = check_chain(entries)
    assert [p.seq for p in problems] == [4]
    assert "does not link" in problems[0].problem


def test_deleted_middle_entry_is_named() -> None:
    entries = chain(5)
    del entries[1]
    problems = check_chain(entries)
    assert any(p.seq == 3 and "#2 are missing" in p.problem for p in problems)


def test_deleted_tail_is_caught_only_with_the_anchor() -> None:
    entries = chain(5)
    head = (5, entries[-1].hash)
    assert check_chain(entries[:4]) == []
    problems = check_chain(entries[:4], head)
    assert problems and "#5–#5 are missing" in problems[0].problem


def test_reordered_entries_are_named() -> None:
    entries = chain(5)
    entries[1], entries[2] = entries[2], entries[1]
    problems = check_chain(entries)
    assert {p.seq for p in problems} >= {2, 3}


@given(st.lists(st.dictionaries(st.text(max_size=5), st.text(max_size=8), max_size=3), min_size=1, max_size=8))
def test_any_payload_chain_verifies_and_hash_is_stable(payloads) -> None:  # type: ignore[no-untyped-def]
    entries = chain(len(payloads), payloads)
    assert check_chain(entries) == []
    again = chain(len(payloads), payloads)
    assert [e.hash for e in entries] == [e.hash for e in again]
