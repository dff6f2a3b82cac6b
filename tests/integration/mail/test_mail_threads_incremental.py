"""Threads built a batch at a time (SQLite and PostgreSQL): a mailbox imported in two halves
gives the same threads as imported in one go, and as rethreading the whole workspace."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

from disputedesk.services import mail
from disputedesk.services.imports import import_paths
from disputedesk.services.workspaces import ensure_workspace, get_workspace
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import Message
from disputedesk.store.models_mail import MailMessageMeta, MailThread

# (Message-ID, extra headers, subject, day of March 2026); the second half changes the first's
# threads: a parent that was missing arrives, an earlier "Refund" becomes the subject anchor, a
# reference turns an old root into a child of a placeholder, a Message-ID comes again.
FIRST = [
    ("<a1@x>", "", "Machine down", 2),
    ("<a2@x>", "In-Reply-To: <a1@x>\nReferences: <a1@x>\n", "Re: Machine down", 3),
    ("<c3@x>", "References: <missing@x>\n", "Re: Quote", 4),
    ("<d4@x>", "", "Re: Refund", 9),
    ("<e5@x>", "References: <e5@x>\n", "Loop", 5),
    ("<f6@x>", "", "Invoice", 6),
]
SECOND = [
    ("<g7@x>", "", "Refund", 1),
    ("<missing@x>", "", "Quote", 3),
    ("<a3@x>", "References: <a1@x> <a2@x>\n", "Re: Machine down again", 10),
    ("<f6@x>", "", "Invoice (sent again)", 11),
    ("<k11@x>", "In-Reply-To: <c3@x>\n", "Re: Re: Quote", 12),
    ("<l12@x>", "", "Re: Invoice", 13),
    ("<n14@x>", "References: <a0@x> <a1@x>\n", "Re: Machine down (from the start)", 14),
]


def _mbox(path: Path, msgs: list[tuple[str, str, str, int]]) -> Path:
    out = []
    for mid, extra, subject, day in msgs:
        out.append(
            f"From wang@supplier.cn Mon Mar  2 09:00:00 2026\nFrom: wang@supplier.cn\nTo: anna@buyer.example\n"
            f"Subject: {subject}\nDate: {day:02d} Mar 2026 09:00:00 +0800\nMessage-ID: {mid}\n{extra}\n"
            f"About {subject}.\n\n"
        )
    path.write_text("".join(out), encoding="utf-8")
    return path


def _threads(ctx, workspace: str) -> dict[int, tuple]:  # type: ignore[no-untyped-def,type-arg]
    """Every message's thread (id and fields), parent, depth and subject flag, by message id."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = s.execute(
            select(Message.id, Message.subject, MailMessageMeta, MailThread)
            .join(MailMessageMeta, MailMessageMeta.message_pk == Message.id)
            .join(MailThread, MailThread.id == MailMessageMeta.thread_id)
            .where(Message.workspace_id == ws.id)
        ).all()
        return {
            pk: (
                subject,
                t.id,
                t.root_key,
                t.subject,
                t.message_count,
                t.by_subject,
                t.missing,
                tuple(t.notes),
                t.first_at,
                t.last_at,
                meta.thread_parent_pk,
                meta.thread_depth,
                meta.thread_by_subject,
            )
            for pk, subject, meta, t in rows
        }


def _portable(threads: dict[int, tuple]) -> set[tuple]:  # type: ignore[type-arg]
    """The same, with row ids replaced by subjects (they differ between workspaces)."""
    subj = {pk: t[0] for pk, t in threads.items()}

    def names(text: str) -> str:
        return re.sub(r"(?<=#dup:)\d+|^\d+(?=:)", lambda m: subj[int(m.group())], text)

    return {
        (t[0], names(t[2]), t[3], t[4], t[5], t[6], tuple(names(n) for n in t[7]), t[8], t[9])
        + (subj.get(t[10]), t[11], t[12])
        for t in threads.values()
    }


def test_a_mailbox_imported_in_two_halves_is_threaded_as_in_one_go(ctx, tmp_path: Path) -> None:
    ensure_workspace(ctx, "whole")
    ensure_workspace(ctx, "halves")
    import_paths(ctx, "whole", [_mbox(tmp_path / "all.mbox", FIRST + SECOND)], actor="t")
    import_paths(ctx, "halves", [_mbox(tmp_path / "first.mbox", FIRST)], actor="t")
    import_paths(ctx, "halves", [_mbox(tmp_path / "second.mbox", SECOND)], actor="t")

    # (tests record in batches of 7: in both workspaces later batches meet earlier ones)
    whole, halves = _threads(ctx, "whole"), _threads(ctx, "halves")
    assert len(halves) == len(FIRST) + len(SECOND) == len(whole)
    assert _portable(halves) == _portable(whole)
    by_subject = {t[0]: t for t in halves.values()}
    # the later, earlier-dated "Refund" became the anchor of the first half's "Re: Refund"
    assert by_subject["Re: Refund"][1] == by_subject["Refund"][1] and by_subject["Re: Refund"][12]
    # the parent that was missing arrived: one thread, nothing missing
    assert by_subject["Re: Quote"][1] == by_subject["Quote"][1] == by_subject["Re: Re: Quote"][1]
    assert by_subject["Quote"][6] == 0
    # a reference to an unknown <a0@x> put the whole "Machine down" thread under a placeholder
    assert by_subject["Machine down"][2] == "a0@x" and by_subject["Machine down"][4] == 4

    # rethreading the whole workspace changes nothing, thread rows included
    mail.rebuild_threads(ctx, "halves")
    assert _threads(ctx, "halves") == halves


def test_importing_the_same_mailbox_again_keeps_the_threads(ctx, tmp_path: Path) -> None:
    box = _mbox(tmp_path / "all.mbox", FIRST + SECOND)
    import_paths(ctx, "default", [box], actor="t")
    before = _threads(ctx, "default")
    again = _mbox(tmp_path / "again.mbox", [(m, e, s, d) for m, e, s, d in FIRST if m != "<d4@x>"])
    import_paths(ctx, "default", [again], actor="t")  # every message a duplicate of stored bytes
    assert _threads(ctx, "default") == before


def test_the_thread_keys_of_stored_messages_are_written_by_the_migration_as_by_imports(ctx, tmp_path: Path) -> None:
    from disputedesk.services.mail.threads import write_thread_keys
    from disputedesk.store.models_mail import MailThreadKey

    import_paths(ctx, "default", [_mbox(tmp_path / "all.mbox", FIRST + SECOND)], actor="t")

    def keys() -> list[tuple[int, bool, int]]:
        with unit_of_work(ctx.engine) as s:
            q = select(MailThreadKey.key, MailThreadKey.subject, MailThreadKey.message_pk)
            return sorted(tuple(r) for r in s.execute(q))

    written = keys()
    assert len({pk for _k, _s, pk in written}) == len(FIRST) + len(SECOND)
    with ctx.engine.begin() as conn:
        conn.execute(MailThreadKey.__table__.delete())
        write_thread_keys(conn, only_threaded=True)
    assert keys() == written
