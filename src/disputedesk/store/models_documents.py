"""Tables of the documents area: notes that describe evidence in a bundle, generated letters
(and whether and how they were sent), and bundle exports with their progress."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, WorkspaceScoped


class EvidenceNote(WorkspaceScoped, Base):
    """How an item is described in the evidence list (证据目录): title, what it proves, translation."""

    __tablename__ = "doc_evidence_notes"
    __table_args__ = (UniqueConstraint("workspace_id", "evidence_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    proves_en: Mapped[str | None] = mapped_column(Text)
    proves_zh: Mapped[str | None] = mapped_column(Text)
    # A Chinese translation of a foreign-language item (CPL Art. 73(2)); not verified until a
    # certified translation is attached as its own evidence item.
    translation_zh: Mapped[str | None] = mapped_column(Text)
    certified_translation_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(200))


class GeneratedLetter(WorkspaceScoped, Base):
    """A letter rendered from the case's facts; the file itself is an evidence item."""

    __tablename__ = "doc_letters"
    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    lang: Mapped[str] = mapped_column(String(10))  # en | zh | both
    layout: Mapped[str] = mapped_column(String(20))  # single | side-by-side | pair
    format: Mapped[str] = mapped_column(String(10))  # pdf | docx | zip
    case_ref: Mapped[str | None] = mapped_column(String(80))
    reference: Mapped[str] = mapped_column(String(80))
    missing: Mapped[list[str]] = mapped_column(JSON, default=list)
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))
    sent_on: Mapped[date | None] = mapped_column(Date)
    sent_channel: Mapped[str | None] = mapped_column(String(100))
    sent_to: Mapped[str | None] = mapped_column(String(300))
    sent_proof_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    sent_note: Mapped[str | None] = mapped_column(Text)
    sent_recorded_at: Mapped[datetime | None]
    sent_by: Mapped[str | None] = mapped_column(String(200))
    ladder_step: Mapped[int | None] = mapped_column(Integer)  # position in the case's ladder, if recorded


class BundleExport(WorkspaceScoped, Base):
    """One evidence-bundle export: progress while it runs, the file and its SHA-256 when done."""

    __tablename__ = "doc_bundle_exports"
    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(200))  # "all", a case number, or "selection"
    selection: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued | running | done | failed
    stage: Mapped[str | None] = mapped_column(String(60))
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str | None] = mapped_column(String(300))
    path: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(BigInteger)
    items: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))
    finished_at: Mapped[datetime | None]
