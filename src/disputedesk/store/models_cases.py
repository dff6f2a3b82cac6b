"""Tables of the dispute-case area (the ``cases`` row itself is in ``store/models.py``).

- ``case_facts``: one row per case: issue types, the facts the legal-deadline rules use
  (``domain.deadlines.Facts`` minus the demands, which come from ladder steps with proof of
  delivery, and the acknowledgements, which have their own table), the platform order flag.
- ``case_links``: what the case was opened from or rests on (support requests, evidence items,
  orders, SLA breaches by reference).
- ``case_steps``: the escalation ladder (``domain.ladder``), one row per step, in order.
- ``case_acknowledgements``: the supplier acknowledged the debt or promised to perform (restarts
  limitation, Civil Code Art. 195).
- ``case_claims``: claim heads (``domain.claims``), exact Decimal with an ISO 4217 currency.
- ``case_money``: offers, settlements and amounts received.
- ``exchange_rates``: rates recorded with date and source; the only way a conversion happens.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, WorkspaceScoped


class CaseFacts(WorkspaceScoped, Base):
    __tablename__ = "case_facts"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    issues: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Deadline facts (docs/deadlines.md); null until entered. knowledge_on and received_on
    # are required before deadlines can be computed.
    governing_law: Mapped[str | None] = mapped_column(String(10))
    contract_type: Mapped[str | None] = mapped_column(String(40))
    cisg_applies: Mapped[bool | None] = mapped_column(Boolean)
    received_on: Mapped[date | None] = mapped_column(Date)
    inspection_period_days: Mapped[int | None] = mapped_column(Integer)
    warranty_months: Mapped[int | None] = mapped_column(Integer)
    warranty_starts_on: Mapped[date | None] = mapped_column(Date)
    knowledge_on: Mapped[date | None] = mapped_column(Date)
    award_performance_deadline: Mapped[date | None] = mapped_column(Date)
    # Orders paid through a platform (Trade Assurance): the platform dispute comes first.
    platform_order: Mapped[bool] = mapped_column(Boolean, default=False)
    receipt_confirmed_on: Mapped[date | None] = mapped_column(Date)
    # Dated notes that are not ladder steps (e.g. "counsel instructed").
    notes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class CaseLink(WorkspaceScoped, Base):
    __tablename__ = "case_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # support_request | evidence | order | breach
    support_request_id: Mapped[int | None] = mapped_column(ForeignKey("support_requests.id"))
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    reference: Mapped[str | None] = mapped_column(String(300))  # an SLA breach reference
    note: Mapped[str | None] = mapped_column(Text)


class CaseStep(WorkspaceScoped, Base):
    __tablename__ = "case_steps"
    __table_args__ = (UniqueConstraint("case_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1, 2, … in ladder order
    step: Mapped[str] = mapped_column(String(40))  # domain.ladder.Step
    sent_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(100))
    recipient: Mapped[str] = mapped_column(String(300))
    proof_evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    response_window_days: Mapped[int | None] = mapped_column(Integer)
    cure_deadline: Mapped[date | None] = mapped_column(Date)
    reply_on: Mapped[date | None] = mapped_column(Date)
    reply_evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    override_reason: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))


class CaseAcknowledgement(WorkspaceScoped, Base):
    __tablename__ = "case_acknowledgements"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    on_date: Mapped[date] = mapped_column(Date)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    summary: Mapped[str] = mapped_column(Text)


class CaseClaim(WorkspaceScoped, Base):
    __tablename__ = "case_claims"
    __table_args__ = (UniqueConstraint("case_id", "head_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    head_no: Mapped[int] = mapped_column(Integer)  # H-1, H-2, …
    kind: Mapped[str] = mapped_column(String(40))  # domain.claims.HeadKind
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    basis: Mapped[list[str]] = mapped_column(JSON, default=list)
    evidence: Mapped[list[str]] = mapped_column(JSON, default=list)  # evidence numbers, checked on entry
    description: Mapped[str] = mapped_column(Text, default="")
    reference: Mapped[str | None] = mapped_column(String(300))  # e.g. the SLA engine's breach/credit reference
    workings: Mapped[list[str]] = mapped_column(JSON, default=list)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the calculator's inputs, as entered
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))


class CaseMoney(WorkspaceScoped, Base):
    """An offer, a settlement or an amount received."""

    __tablename__ = "case_money"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # offer | settlement | receipt
    on_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    party: Mapped[str | None] = mapped_column(String(20))  # offers: supplier | buyer
    status: Mapped[str | None] = mapped_column(String(20))  # offers: open | accepted | rejected | lapsed
    evidence: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))


class ExchangeRateRecord(WorkspaceScoped, Base):
    """1 ``base`` = ``rate`` ``quote`` on ``on_date``, as published by ``source``."""

    __tablename__ = "exchange_rates"
    id: Mapped[int] = mapped_column(primary_key=True)
    base: Mapped[str] = mapped_column(String(3))
    quote: Mapped[str] = mapped_column(String(3))
    rate: Mapped[Decimal]
    on_date: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))


class CaseSummaryCache(Base):
    """A case's list row as computed on ``computed_on`` (deadline days depend on the date).

    Dropped by any change to the case's records (see store/summary_cache.py), recomputed on read.
    """

    __tablename__ = "case_summary_cache"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    computed_on: Mapped[date] = mapped_column(Date)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
