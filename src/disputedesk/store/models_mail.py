"""Tables of the correspondence area: threads, per-message details, the search index, IMAP state.

The foundation's ``messages`` table holds one row per message; what only the mail area needs
(thread, supplier, attachments, references) lives beside it in ``mail_message_meta`` so the
foundation's table stays as it is. The search index is ``mail_search_docs`` (one row per
indexed message, attachment or document) plus, per engine, the full-text structure created by
the migration: an FTS5 table ``mail_search_fts`` on SQLite, a ``tsv`` tsvector column with a
GIN index on PostgreSQL. Both index the same normalised terms
(:mod:`disputedesk.domain.mail_search`), so both engines return the same hits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, WorkspaceScoped


class MailThread(WorkspaceScoped, Base):
    """A conversation: messages linked by References/In-Reply-To (subject only as a flagged fallback).

    ``root_key`` (the root's Message-ID, or ``<no-id:N>``) keeps a thread's identity when
    threads are rebuilt after an import, so a link to a support request survives.
    """

    __tablename__ = "mail_threads"
    __table_args__ = (UniqueConstraint("workspace_id", "root_key", name="uq_mail_threads_workspace_root"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    root_key: Mapped[str] = mapped_column(String(1000))
    subject: Mapped[str | None] = mapped_column(Text)
    first_at: Mapped[datetime | None]
    last_at: Mapped[datetime | None]
    message_count: Mapped[int] = mapped_column(Integer, default=0)
    by_subject: Mapped[bool] = mapped_column(Boolean, default=False)
    missing: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[list[str]] = mapped_column(JSON, default=list)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    support_request_id: Mapped[int | None] = mapped_column(ForeignKey("support_requests.id"), index=True)


class MailMessageMeta(Base):
    """What the mail area keeps about a message besides the foundation's ``messages`` row."""

    __tablename__ = "mail_message_meta"
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("mail_threads.id"), index=True)
    thread_parent_pk: Mapped[int | None] = mapped_column(Integer)
    thread_depth: Mapped[int] = mapped_column(Integer, default=0)
    thread_by_subject: Mapped[bool] = mapped_column(Boolean, default=False)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    has_attachments: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    references: Mapped[list[str]] = mapped_column(JSON, default=list)
    from_addr: Mapped[str | None] = mapped_column(String(500))
    from_name: Mapped[str | None] = mapped_column(String(500))


class MailThreadKey(Base):
    """Where a message can meet others when threading (``ingest.mail.threading.thread_keys``): a
    64-bit hash of its Message-ID and of each id it refers to, and of its normalised subject
    (``subject``). New messages are threaded against these instead of re-reading the workspace."""

    __tablename__ = "mail_thread_keys"
    __table_args__ = (Index("ix_mail_thread_keys_lookup", "workspace_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    key: Mapped[int] = mapped_column(BigInteger)
    subject: Mapped[bool] = mapped_column(Boolean, default=False)
    message_pk: Mapped[int] = mapped_column(Integer)  # no foreign key: derived data, as the search index


class MailSearchDoc(WorkspaceScoped, Base):
    """One indexed text: a message (subject, people, body), an attachment or a document.

    ``message_pk`` is the message itself, or for an attachment the message it came with
    (filters by direction, date, thread and supplier use it).
    """

    __tablename__ = "mail_search_docs"
    id: Mapped[int] = mapped_column(primary_key=True)
    # no foreign key: the index is derived data and must never stand in the way of `verify`
    # noticing (and a tester simulating) a deleted evidence row
    evidence_id: Mapped[int] = mapped_column(Integer, index=True)
    message_pk: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # message | attachment | document


class ImapSyncState(WorkspaceScoped, Base):
    """Where the last IMAP import of one folder stopped (RFC 3501 UIDVALIDITY + highest UID)."""

    __tablename__ = "mail_imap_state"
    __table_args__ = (UniqueConstraint("workspace_id", "account", "folder", name="uq_mail_imap_state_folder"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(500))  # user@host:port
    folder: Mapped[str] = mapped_column(String(500))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    synced_at: Mapped[datetime]
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


Index("ix_mail_search_docs_ws_kind", MailSearchDoc.workspace_id, MailSearchDoc.kind)
