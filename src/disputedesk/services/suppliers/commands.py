"""Typed bodies of the supplier API's write routes (the OpenAPI document shows every field). The
profile service keeps its checks (USCC, domains, URLs, time zone: a SupplierError naming the
field); these models give the fields and their types."""

from __future__ import annotations

from datetime import date
from typing import Literal

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
