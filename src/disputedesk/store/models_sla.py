"""SLA tables: support terms (versioned, draft/confirmed), supplier business calendars
(versioned), SLA events of a request (pauses, resolution, reopening), stored evaluation results
and evaluation runs. Migration branch ``sla`` (``sla_0001`` off ``0002``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, WorkspaceScoped


class SlaTerms(WorkspaceScoped, Base):
    """One version of the support terms of a contract (or, without contract, a supplier's default).

    A change adds a version; the old one stays with its ``valid_from``. Evaluation uses confirmed
    versions only: a request opened under one version and still running when the next becomes
    valid is judged with a terms change at that moment (see docs/sla.md section 4).
    """

    __tablename__ = "sla_terms"
    __table_args__ = (UniqueConstraint("workspace_id", "scope_key", "version", name="uq_sla_terms_scope_version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    scope_key: Mapped[str] = mapped_column(String(120))  # "contract:<id>" or "supplier:<id>"
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft | confirmed
    source: Mapped[str | None] = mapped_column(Text)
    terms: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))
    confirmed_at: Mapped[datetime | None]
    confirmed_by: Mapped[str | None] = mapped_column(String(200))


class SlaCalendar(WorkspaceScoped, Base):
    """One version of a supplier's business calendar (BusinessCalendar.spec())."""

    __tablename__ = "sla_calendars"
    __table_args__ = (UniqueConstraint("workspace_id", "supplier_id", "version", name="uq_sla_calendars_version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[datetime]
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    calendar_version: Mapped[str] = mapped_column(String(120))  # BusinessCalendar.version
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))


class SlaEvent(WorkspaceScoped, Base):
    """A dated event of a support request: waiting for the buyer (start/end), workaround,
    resolved, reopened, opened."""

    __tablename__ = "sla_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    support_request_id: Mapped[int] = mapped_column(ForeignKey("support_requests.id"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40))
    ref: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))


class SlaRun(WorkspaceScoped, Base):
    """One evaluation of every support request of a workspace, and what changed."""

    __tablename__ = "sla_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime]
    as_of: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(200))
    requests: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # changes (first 500), errors, versions


class SlaResult(WorkspaceScoped, Base):
    """The stored evaluation of one support request (deterministic for the same inputs)."""

    __tablename__ = "sla_results"
    __table_args__ = (UniqueConstraint("workspace_id", "support_request_id", name="uq_sla_results_request"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    support_request_id: Mapped[int] = mapped_column(ForeignKey("support_requests.id"))
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    severity: Mapped[str] = mapped_column(String(20))
    opened_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20))  # met | breached | pending | none | error
    breaches: Mapped[int] = mapped_column(Integer, default=0)
    next_deadline: Mapped[datetime | None]
    next_kind: Mapped[str | None] = mapped_column(String(40))
    first_response_seconds: Mapped[int | None] = mapped_column(Integer)
    provisional: Mapped[bool] = mapped_column(default=False)
    calendar_version: Mapped[str | None] = mapped_column(String(120))
    terms_id: Mapped[int | None] = mapped_column(ForeignKey("sla_terms.id"))
    fingerprint: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    as_of: Mapped[datetime]
    run_id: Mapped[int | None] = mapped_column(ForeignKey("sla_runs.id"))
    # Incremental evaluation (migration sla_0002): the fingerprint of the inputs this result was
    # computed from, and the time (epoch seconds) after which it must be recomputed even if they
    # stay the same (a pending deadline passes, a terms version starts); NULL: never.
    inputs: Mapped[str | None] = mapped_column(String(64))
    recheck_after: Mapped[int | None] = mapped_column(BigInteger)


Index("ix_sla_results_status", SlaResult.workspace_id, SlaResult.status)
