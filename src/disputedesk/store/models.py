"""Database tables (SQLAlchemy 2). Every record belongs to one workspace.

A workspace is one client matter: a law firm keeps each client's dispute apart, a buyer may
keep one per supplier. Schema changes go through Alembic migrations in ``store/migrations``
(the same migrations run on SQLite and PostgreSQL).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ..domain.labels import evidence_label
from .types import ExactDecimal, UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), Decimal: ExactDecimal(), dict[str, Any]: JSON}


class Workspace(Base):
    __tablename__ = "workspaces"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    # Next evidence number (E-0001 …), incremented in the same transaction as the item.
    next_evidence_no: Mapped[int] = mapped_column(Integer, default=1)


class WorkspaceScoped:
    """Mixin: the workspace column every record carries."""

    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)


class Organization(WorkspaceScoped, Base):
    """Our company (role ``buyer``) or a supplier (role ``supplier``)."""

    __tablename__ = "organizations"
    __table_args__ = (UniqueConstraint("workspace_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(20))
    name_en: Mapped[str] = mapped_column(String(300))
    name_zh: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    uscc: Mapped[str | None] = mapped_column(String(18))
    address_en: Mapped[str | None] = mapped_column(Text)
    address_zh: Mapped[str | None] = mapped_column(Text)
    legal_representative: Mapped[str | None] = mapped_column(String(200))
    email_domains: Mapped[list[str]] = mapped_column(JSON, default=list)
    websites: Mapped[list[str]] = mapped_column(JSON, default=list)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    contacts: Mapped[list[Contact]] = relationship(back_populates="organization", order_by="Contact.id")


class Contact(WorkspaceScoped, Base):
    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str | None] = mapped_column(String(200))
    level: Mapped[str | None] = mapped_column(String(40))
    role: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(60))
    wechat: Mapped[str | None] = mapped_column(String(100))
    hours: Mapped[str | None] = mapped_column(String(200))

    organization: Mapped[Organization] = relationship(back_populates="contacts")


class EvidenceItem(WorkspaceScoped, Base):
    """One imported file. The bytes live in the blob store under ``sha256``; never altered."""

    __tablename__ = "evidence_items"
    __table_args__ = (
        UniqueConstraint("workspace_id", "number"),
        UniqueConstraint("workspace_id", "sha256", name="uq_evidence_items_workspace_sha256"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(1000))
    media_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(Text)
    imported_by: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40), default="other")
    description: Mapped[str | None] = mapped_column(Text)
    # When the document itself is dated (a letter's date, a mail's Date header), if known.
    document_date: Mapped[datetime | None]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    ledger_seq: Mapped[int] = mapped_column(Integer)
    # Extracted text (for preview and search); the original bytes are what counts.
    text: Mapped[str | None] = mapped_column(Text)

    @property
    def label(self) -> str:
        return evidence_label(self.number)


class Contract(WorkspaceScoped, Base):
    """A contract or (with ``parent_id``) one of its amendments."""

    __tablename__ = "contracts"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20), default="contract")  # contract | amendment
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    buyer_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    number: Mapped[str] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(500))
    signed_on: Mapped[date | None] = mapped_column(Date)
    currency: Mapped[str | None] = mapped_column(String(3))
    total: Mapped[Decimal | None]
    warranty_months: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str | None] = mapped_column(Text)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    # migration records_0001: what a contract recorded by hand states, and an amendment's terms
    governing_law: Mapped[str | None] = mapped_column(Text)
    dispute_clause: Mapped[str | None] = mapped_column(Text)
    warranty_start: Mapped[str | None] = mapped_column(String(20))  # delivery | acceptance | installation | signing
    inspection_days: Mapped[int | None] = mapped_column(Integer)
    effective_on: Mapped[date | None] = mapped_column(Date)  # amendment: when it takes effect
    agreed_by: Mapped[str | None] = mapped_column(String(300))  # amendment: who agreed to it
    unilateral: Mapped[bool | None]  # amendment: changed by the supplier alone, not agreed
    archived: Mapped[bool | None]


class RecordEvidence(WorkspaceScoped, Base):
    """An evidence item of a contract, amendment, order or payment (migration records_0001)."""

    __tablename__ = "record_evidence"
    __table_args__ = (
        UniqueConstraint("record_kind", "record_id", "evidence_id", "role", name="uq_record_evidence"),
        Index("ix_record_evidence_record", "record_kind", "record_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    record_kind: Mapped[str] = mapped_column(String(20))  # contract | order | payment
    record_id: Mapped[int] = mapped_column(Integer)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"))
    role: Mapped[str] = mapped_column(String(40))  # document | annex | delivery_note | acceptance | proof


class Order(WorkspaceScoped, Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(80))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))
    number: Mapped[str] = mapped_column(String(100))
    ordered_on: Mapped[date | None] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal]


class Payment(WorkspaceScoped, Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str] = mapped_column(String(40))  # T/T, L/C, platform, …
    reference: Mapped[str | None] = mapped_column(String(200))
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    # migration records_0001
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))
    account: Mapped[str | None] = mapped_column(String(300))  # the beneficiary account paid into


class Delivery(WorkspaceScoped, Base):
    __tablename__ = "deliveries"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    delivered_on: Mapped[date] = mapped_column(Date)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    accepted_on: Mapped[date | None] = mapped_column(Date)  # migration records_0001


class ProductUnit(WorkspaceScoped, Base):
    __tablename__ = "product_units"
    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("deliveries.id"))
    model: Mapped[str] = mapped_column(String(200))
    serial: Mapped[str] = mapped_column(String(200))
    delivered_on: Mapped[date | None] = mapped_column(Date)


class SupportRequest(WorkspaceScoped, Base):
    __tablename__ = "support_requests"
    __table_args__ = (UniqueConstraint("workspace_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40))  # SR-0001
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))  # migration requests_0001
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("product_units.id"))
    title: Mapped[str] = mapped_column(String(500))
    severity: Mapped[str] = mapped_column(String(20), default="normal")
    opened_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default="open")
    closed_at: Mapped[datetime | None]
    # Bumped by database triggers on every change to the request's messages and events (migration
    # sla_0002): the SLA evaluation re-reads only requests whose counter moved.
    sla_rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Message(WorkspaceScoped, Base):
    """One message of correspondence (mail, chat, letter), decoded from its evidence item."""

    __tablename__ = "messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    support_request_id: Mapped[int | None] = mapped_column(ForeignKey("support_requests.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20), default="email")
    direction: Mapped[str] = mapped_column(String(20), default="other")
    sender: Mapped[str | None] = mapped_column(String(500))
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    sent_at: Mapped[datetime | None]
    subject: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(10))
    message_id: Mapped[str | None] = mapped_column(String(1000), index=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(1000))
    flags: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Case(WorkspaceScoped, Base):
    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("workspace_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40))  # CASE-2026-001
    title: Mapped[str] = mapped_column(String(500))
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))
    issue_type: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(30), default="open")
    opened_on: Mapped[date] = mapped_column(Date)
    amount_at_stake: Mapped[Decimal | None]
    currency: Mapped[str | None] = mapped_column(String(3))


class LedgerEntry(Base):
    """Append-only, hash-chained. No code path updates or deletes a row; triggers refuse it too.

    ``at`` is kept as the exact ISO text that was hashed, so re-hashing needs no formatting
    choices. See :mod:`disputedesk.domain.ledger` for the hash definition.
    """

    __tablename__ = "ledger_entries"
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


Index("ix_ledger_subject", LedgerEntry.workspace_id, LedgerEntry.subject)


# -- accounts, access and audit ------------------------------------------------------------


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    is_admin: Mapped[bool] = mapped_column(default=False)
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    # Bumped on password change or forced sign-out: older session cookies stop working.
    session_version: Mapped[int] = mapped_column(Integer, default=1)


class Membership(Base):
    """A user's role in one workspace: owner, member, counsel or viewer."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "workspace_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))


class ApiToken(Base):
    """A revocable token for scripts: one user, one workspace. Only its SHA-256 is stored."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]


class ShareLink(Base):
    """An expiring, revocable, read-only link for outside counsel (one case or everything)."""

    __tablename__ = "share_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    scope: Mapped[str] = mapped_column(String(20), default="case")  # case | workspace
    label: Mapped[str | None] = mapped_column(String(200))
    nonce: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class LoginToken(Base):
    """A one-time sign-in link (printed by `serve`, like Jupyter's token). Only the hash is kept."""

    __tablename__ = "login_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class AuditEvent(Base):
    """Sign-ins, failed sign-ins, exports, downloads, share-link use, role changes."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int | None] = mapped_column(ForeignKey("workspaces.id"), index=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60), index=True)
    address: Mapped[str | None] = mapped_column(String(100))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AppSecret(Base):
    """Installation-wide secrets (the session signing key), shared by every web process."""

    __tablename__ = "app_secrets"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


def _load_area_models() -> None:
    """Import every ``store/models_<area>.py`` so all tables share this metadata."""
    import importlib
    import pkgutil
    from pathlib import Path

    for mod in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if mod.name.startswith("models_"):
            importlib.import_module(f"{__package__}.{mod.name}")


_load_area_models()
