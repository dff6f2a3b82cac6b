"""Supplier area tables: profile facts and their evidence, certifications, bank accounts,
due diligence, contact channels (escalation matrix), review schedules and reviews, payment
warnings on messages, and score snapshots.

The supplier itself is the foundation's ``organizations`` row (role ``supplier``) and its
people are ``contacts``; these tables hang off them. Every row carries ``workspace_id``.
History is kept: due-diligence entries and reviews are appended, never overwritten (the
latest entry per checklist item counts), and a payment warning is reviewed, not deleted.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, WorkspaceScoped


class SupplierProfileRow(WorkspaceScoped, Base):
    """Facts the foundation's ``organizations`` row has no column for (one row per supplier)."""

    __tablename__ = "supplier_profiles"
    __table_args__ = (UniqueConstraint("organization_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    registered_capital: Mapped[Decimal | None]
    capital_currency: Mapped[str | None] = mapped_column(String(3))
    business_scope: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(30), default="unknown")  # factory | trading_company | …
    export_licence: Mapped[str | None] = mapped_column(String(200))
    store_links: Mapped[list[str]] = mapped_column(JSON, default=list)
    established_on: Mapped[date | None] = mapped_column(Date)
    timezone: Mapped[str] = mapped_column(String(60), default="Asia/Shanghai")
    calendar: Mapped[str] = mapped_column(String(20), default="cn")
    #: the agreed communication protocol (free text), shown with the escalation matrix
    protocol: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class SupplierFactEvidence(WorkspaceScoped, Base):
    """One profile fact (``uscc``, ``legal_name_zh`` …) backed by one evidence item."""

    __tablename__ = "supplier_fact_evidence"
    __table_args__ = (UniqueConstraint("organization_id", "field", "evidence_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"))
    note: Mapped[str | None] = mapped_column(Text)
    linked_by: Mapped[str] = mapped_column(String(200))
    linked_at: Mapped[datetime]


class SupplierCertification(WorkspaceScoped, Base):
    __tablename__ = "supplier_certifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    number: Mapped[str | None] = mapped_column(String(200))
    issuer: Mapped[str | None] = mapped_column(String(300))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    created_at: Mapped[datetime]


class SupplierBankAccount(WorkspaceScoped, Base):
    """A beneficiary account; ``verified_on`` set = confirmed out of band (verified beneficiary)."""

    __tablename__ = "supplier_bank_accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    beneficiary_name: Mapped[str] = mapped_column(String(300))
    account_number: Mapped[str] = mapped_column(String(60))
    bank_name: Mapped[str | None] = mapped_column(String(300))
    swift: Mapped[str | None] = mapped_column(String(11))
    iban: Mapped[str | None] = mapped_column(String(34))
    currency: Mapped[str | None] = mapped_column(String(3))
    verified_on: Mapped[date | None] = mapped_column(Date)
    verified_by: Mapped[str | None] = mapped_column(String(200))
    how_verified: Mapped[str | None] = mapped_column(Text)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    created_at: Mapped[datetime]


class DueDiligenceEntry(WorkspaceScoped, Base):
    """One check of one checklist item; appended, the latest per item counts."""

    __tablename__ = "supplier_dd_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    item: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20))
    done_on: Mapped[date | None] = mapped_column(Date)
    done_by: Mapped[str | None] = mapped_column(String(200))
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime]


class SupplierContactChannel(WorkspaceScoped, Base):
    """How one contact is reached (email, phone, WeChat, WhatsApp, platform chat) and when."""

    __tablename__ = "supplier_contact_channels"
    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(300))
    tz: Mapped[str | None] = mapped_column(String(60))  # None: no answering hours agreed
    start: Mapped[str | None] = mapped_column(String(5))  # "09:00"
    end: Mapped[str | None] = mapped_column(String(5))
    calendar: Mapped[str] = mapped_column(String(20), default="cn")
    every_day: Mapped[bool] = mapped_column(Boolean, default=False)
    preferred: Mapped[bool] = mapped_column(Boolean, default=False)


class SupplierReviewSchedule(WorkspaceScoped, Base):
    __tablename__ = "supplier_review_schedules"
    __table_args__ = (UniqueConstraint("organization_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    frequency: Mapped[str] = mapped_column(String(20))
    first_due: Mapped[date] = mapped_column(Date)
    grace_days: Mapped[int] = mapped_column(Integer, default=14)


class SupplierReview(WorkspaceScoped, Base):
    __tablename__ = "supplier_reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    reviewed_on: Mapped[date] = mapped_column(Date)
    reviewer: Mapped[str] = mapped_column(String(200))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    product_quality: Mapped[int] = mapped_column(Integer)
    support_responsiveness: Mapped[int] = mapped_column(Integer)
    documentation: Mapped[int] = mapped_column(Integer)
    #: support figures for the period (requests, met, first response …) and where they came from
    figures: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    figures_source: Mapped[str | None] = mapped_column(String(40))  # "sla_engine" | "entered"
    open_disputes: Mapped[int] = mapped_column(Integer, default=0)
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    created_at: Mapped[datetime]


class PaymentWarningRow(WorkspaceScoped, Base):
    """A payment-safety warning raised on one message; reviewed (confirmed/dismissed), never deleted."""

    __tablename__ = "payment_warnings"
    __table_args__ = (UniqueConstraint("message_id", "kind", "start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    excerpt: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | confirmed | dismissed
    reviewed_by: Mapped[str | None] = mapped_column(String(200))
    reviewed_at: Mapped[datetime | None]
    review_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class SupplierScoreSnapshot(WorkspaceScoped, Base):
    """A scorecard as computed at one time (score, risk and the whole breakdown)."""

    __tablename__ = "supplier_score_snapshots"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    period: Mapped[str] = mapped_column(String(20))  # "all" or "2026-Q3"
    computed_at: Mapped[datetime]
    score: Mapped[Decimal | None]
    risk: Mapped[str] = mapped_column(String(20))
    coverage: Mapped[Decimal]
    card: Mapped[dict[str, Any]] = mapped_column(JSON)
