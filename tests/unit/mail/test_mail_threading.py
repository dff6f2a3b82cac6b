"""JWZ threading: References/In-Reply-To, missing parents, loops, subject fallback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from disputedesk.ingest.mail.threading import ThreadInput, normalise_subject, thread_messages

T0 = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)


def ti(key, mid, irt=None, refs=(), subject="Machine down", minutes=0):
    return ThreadInput(key, mid, irt, tuple(refs), subject, T0 + timedelta(minutes=minutes))


def test_reply_chain_by_references() -> None:
    threads = thread_messages(
        [
            ti("c", "3@x", irt="2@x", refs=["1@x", "2@x"], minutes=20),
            ti("a", "1@x"),
            ti("b", "2@x", irt="1@x", refs=["1@x"], minutes=10),
            ti("z", "9@x", subject="Invoice", minutes=5),
        ]
    )
    assert len(threads) == 2
    t = threads[0]
    assert t.keys == ["a", "b", "c"]
    assert t.root.message.key == "a"
    assert not t.by_subject and not t.missing_ids


def test_missing_parent_becomes_placeholder() -> None:
    threads = thread_messages(
        [
            ti("b", "2@x", irt="1@x", refs=["1@x"], subject="Re: Machine down", minutes=10),
            ti("c", "3@x", irt="1@x", refs=["1@x"], subject="Re: Machine down", minutes=20),
        ]
    )
    assert len(threads) == 1
    root = threads[0].root
    assert root.missing and root.message_id == "1@x"
    assert [c.message.key for c in root.children] == ["b", "c"]
    assert threads[0].missing_ids == ["1@x"]


def test_reference_loop_is_broken() -> None:
    threads = thread_messages(
        [
            ti("a", "1@x", irt="2@x", refs=["2@x"]),
            ti("b", "2@x", irt="1@x", refs=["1@x"], minutes=5),
            ti("s", "3@x", irt="3@x", refs=["3@x"], subject="self", minutes=7),
        ]
    )
    all_keys = sorted(k for t in threads for k in t.keys)
    assert all_keys == ["a", "b", "s"], "every message appears exactly once"
    notes = " ".join(n for t in threads for n in t.notes)
    assert "loop" in notes and "itself" in notes


def test_subject_fallback_is_flagged() -> None:
    threads = thread_messages(
        [
            ti("a", "1@x", subject="设备故障 / machine fault"),
            ti("b", "2@x", subject="回复：设备故障 / machine fault", minutes=30),
            ti("c", "3@x", subject="RE: Fwd: 设备故障 / Machine  fault", minutes=40),
            ti("d", "4@x", subject="设备故障 / machine fault", minutes=50),  # no prefix: not merged
        ]
    )
    first = threads[0]
    assert first.keys == ["a", "b", "c"]
    assert first.by_subject
    assert "subject" in " ".join(first.notes)
    assert ["d"] in [t.keys for t in threads]


def test_duplicate_message_id_kept_twice() -> None:
    threads = thread_messages([ti("a", "1@x"), ti("a2", "1@x", minutes=1)])
    assert sorted(k for t in threads for k in t.keys) == ["a", "a2"]


def test_normalise_subject_strips_en_and_zh_prefixes() -> None:
    for s in ("Re: 报价", "回复: 报价", "答复：报价", "转发: 报价", "Fwd: RE: 报价", "AW: [EXT] 报价"):
        assert normalise_subject(s) in ("报价", "[ext] 报价")
    assert normalise_subject("回复: Re: 报价") == "报价"
