"""Typed bodies of the supplier API's write routes (the OpenAPI document shows every field). The
profile service keeps its checks (USCC, domains, URLs, time zone: a SupplierError naming the
field); these models give the fields and their types."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..records.request_models import Key, Note

Names = list[str] | str


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SupplierFields(_Body):
    """A supplier's profile fields; only those given are set."""

    name_en: Key | None = Field(None, description="English (trade) name")
    name_zh: Key | None = Field(None, description="Chinese legal name (企业名称), as on the business licence")
    uscc: Key | None = Field(None, description="Unified Social Credit Code (统一社会信用代码); validated when given")
    address_en: Note | None = None
    address_zh: Note | None = None
    legal_representative: Key | None = None
    registered_capital: Key | None = Field(None, description="e.g. 1000万元人民币 or CNY 10,000,000")
    business_scope: Note | None = None
    kind: Literal["factory", "trading_company", "factory_and_trading", "unknown"] | None = None
    export_licence: Key | None = None
    websites: Names | None = Field(None, description="http(s) URLs")
    email_domains: Names | None = Field(None, description='mail domains, e.g. ["jinhua-cnc.com"]')
    store_links: Names | None = Field(None, description="Alibaba / Made-in-China store pages")
    established_on: date | None = None
    protocol: Note | None = None
    timezone: Key | None = Field(None, description="IANA time zone (default Asia/Shanghai)")
    calendar: Key | None = Field(None, description="official holiday calendar (default cn)")


class NewSupplier(SupplierFields):
    """A supplier: a name is enough (without a valid USCC it is a due-diligence gap)."""

    key: Key | None = Field(None, description="short key used in URLs (default: from the English name)")


class WarningReview(_Body):
    """Mark a payment warning confirmed, dismissed (with a reason) or open again."""

    status: Literal["confirmed", "dismissed", "open"]
    note: Note | None = None


# ----------------------------------------------------------- additions to a supplier's profile
# Values the service checks (evidence numbers, dates, enumerations) stay text here so that a bad
# one is still the service's 400 naming the field (docs/suppliers.md); unknown fields are a 422.

Day = str  # YYYY-MM-DD; the service checks it


class FactEvidence(_Body):
    """Back one profile fact (``uscc``, ``name_zh`` …) with an evidence item."""

    field: Key = Field(description="the profile field, e.g. uscc")
    evidence: Key = Field(description="evidence number, e.g. E-0042")
    note: Note | None = None


class Certification(_Body):
    name: Key = Field(description="e.g. CE, ISO 9001:2015")
    number: Key | None = None
    issuer: Key | None = None
    valid_from: Day | None = Field(None, description="YYYY-MM-DD")
    valid_until: Day | None = Field(None, description="YYYY-MM-DD")
    evidence: Key | None = Field(None, description="evidence number, e.g. E-0042")


class BankAccount(_Body):
    """A beneficiary account; with ``verified_on`` (and ``verified_by``) it is the verified one."""

    beneficiary_name: Key
    account_number: Key = Field(description="account number or IBAN, at least 6 characters")
    bank_name: Key | None = None
    swift: Key | None = Field(None, description="SWIFT/BIC code, checked")
    iban: Key | None = Field(None, description="IBAN, checked")
    currency: Key | None = None
    verified_on: Day | None = Field(None, description="YYYY-MM-DD")
    verified_by: Key | None = None
    how_verified: Note | None = None
    evidence: Key | None = Field(None, description="evidence number, e.g. E-0042")


class DueDiligence(_Body):
    """One checklist entry (items and statuses: docs/suppliers.md)."""

    item: Key = Field(description="e.g. registry_checked, sanctions_and_export_control_screening")
    status: Key = Field(description="done, failed, pending, not_applicable …")
    on: Day | None = Field(None, description="YYYY-MM-DD")
    by: Key | None = Field(None, description="who did the check (required when done or failed)")
    evidence: Key | None = Field(None, description="evidence number, e.g. E-0042")
    note: Note | None = None


class ContactChannel(_Body):
    channel: Key = Field(description="email, phone, wechat, whatsapp or platform_chat")
    address: Key = Field(description="address, number or ID")
    start: Key | None = Field(None, description="answering hours from, HH:MM")
    end: Key | None = Field(None, description="answering hours until, HH:MM")
    tz: Key | None = Field(None, description="IANA time zone of the hours (default Asia/Shanghai)")
    calendar: Key | None = Field(None, description="official holiday calendar (default cn)")
    every_day: bool = False
    preferred: bool = False


class Contact(_Body):
    name: Key
    name_zh: Key | None = None
    level: Key = Field(description="escalation level (docs/suppliers.md), finance or other")
    role: Key | None = None
    hours: Key | None = Field(None, description="answering hours in words")
    channels: list[ContactChannel] = Field(default_factory=list)


class ReviewSchedule(_Body):
    frequency: Key = Field(description="monthly, quarterly, semiannual or annual")
    first_due: Day = Field(description="YYYY-MM-DD")
    grace_days: int = Field(14, ge=0, le=60)


class ReviewAction(BaseModel):
    model_config = ConfigDict(extra="allow")
    text: Note


class Review(_Body):
    """A periodic review: ratings 1–5, the period, actions; support figures from the SLA engine
    when it has them, else those given in ``figures``."""

    period_start: Day = Field(description="YYYY-MM-DD")
    period_end: Day = Field(description="YYYY-MM-DD")
    reviewed_on: Day | None = Field(None, description="YYYY-MM-DD (default today)")
    product_quality: int | str | None = Field(None, description="1 (very poor) to 5 (very good)")
    support_responsiveness: int | str | None = Field(None, description="1 to 5")
    documentation: int | str | None = Field(None, description="1 to 5")
    reviewer: Key | None = None
    figures: dict[str, Any] | None = Field(None, description="support figures when the SLA engine has none")
    actions: list[ReviewAction | str] | str | None = None
    open_disputes: int | str | None = None
    notes: Note | None = None
    evidence: Key | None = Field(None, description="evidence number, e.g. E-0042")
