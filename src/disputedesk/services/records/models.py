"""Typed commands and answers for the buyer, contracts (and amendments), orders with their
delivery, and payments: one set of models for the API (request and response bodies in the
OpenAPI document), the page forms and the CLI.

Checks that need no database are here (a negative amount, an unknown currency code, a delivery
before the order, an evidence number in the wrong form, a time zone that does not exist); the
ones that do (unknown supplier, contract, order or evidence item, a duplicate number) are in the
record's module and raise :class:`~.errors.FieldError` naming the field.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, model_validator

from ...domain.currency_typed import currency_code, is_yen_sign
from ...domain.mailaddress import is_mail_address
from ...domain.text import Quoted
from .errors import FieldError, custom_check
from .request_models import EvidenceLabel, HistoryEntry, Key, Note, Text, _Command

WarrantyStart = Literal["delivery", "acceptance", "installation", "signing"]
WARRANTY_STARTS: tuple[str, ...] = get_args(WarrantyStart)

NOT_CURRENCY = custom_check("currency", "{value} is not a currency code such as EUR, USD or CNY")
NOT_YEN = custom_check(
    "currency_yen", "{value} stands for both the Chinese yuan (CNY) and the Japanese yen (JPY): write CNY or JPY"
)
NOT_ZONE = custom_check("time_zone", "{value} is not a time zone such as Europe/Berlin or Asia/Shanghai")
NOT_DOMAIN = custom_check("mail_domain", "{value} is not a mail domain such as example.com")
NOT_COUNTRY = custom_check("country", "{value} is not a two-letter country code such as DE")
NOT_POSITIVE = custom_check("amount", "must be more than 0")
NOT_AMOUNT = custom_check("amount_text", "{value} is not an amount: write it like 12500.00")
NOT_MAIL = custom_check("mail_address", "{value} is not an e-mail address such as anna@example.de")
NO_ITEM = custom_check("item", '{value} needs a model and a serial number, e.g. "LX-3000 SN-2041"')

_DOMAIN = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$")


def _currency(value: str) -> str:
    """An ISO 4217 code (as a case's money needs), also typed as a Chinese name or sign (欧元, 人民币, €);
    ¥ alone is refused as the yuan or the yen (a Chinese page's form reads it as CNY before)."""
    if is_yen_sign(value):
        raise NOT_YEN(value=Quoted(value.strip()))
    code = currency_code(value)
    if code is None:
        raise NOT_CURRENCY(value=Quoted(value))
    return code


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise NOT_ZONE(value=Quoted(value)) from None
    return value


def _domains(value: Any) -> list[str]:
    items = re.split(r"[;,\s]+", value) if isinstance(value, str) else list(value or [])
    out = []
    for d in (str(x).strip().lower().lstrip("@") for x in items):
        if not d:
            continue
        if not _DOMAIN.match(d):
            raise NOT_DOMAIN(value=Quoted(d))
        if d not in out:
            out.append(d)
    return out


def _mail(value: str) -> str:
    if not is_mail_address(value):  # a phone number typed into the e-mail field
        raise NOT_MAIL(value=Quoted(value))
    return value


def _country(value: str) -> str:
    v = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", v):
        raise NOT_COUNTRY(value=Quoted(value))
    return v


def _amount(value: Any) -> Any:
    """An amount as text or number; Decimal, never float (1,234.50 and 1 234,50 are not guessed)."""
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            raise NOT_AMOUNT(value=Quoted(value))
        return Decimal(text)
    return value


def _positive(value: Decimal) -> Decimal:
    if value <= 0:
        raise NOT_POSITIVE()
    return value


Currency = Annotated[str, AfterValidator(_currency)]
TimeZone = Annotated[str, AfterValidator(_zone)]
Domains = Annotated[list[str], BeforeValidator(_domains)]
Country = Annotated[str, AfterValidator(_country)]
Amount = Annotated[Decimal, BeforeValidator(_amount), Field(max_digits=18, decimal_places=2), AfterValidator(_positive)]
LongText = Annotated[str, Field(max_length=4000)]


# -- the buyer -----------------------------------------------------------------------------------


class BuyerContact(_Command):
    name: Text
    email: Annotated[Key, AfterValidator(_mail)] | None = None
    phone: Key | None = None
    role: Key | None = None


class BuyerBank(_Command):
    """The buyer's own bank account, as its letters give it (e.g. for a refund)."""

    bank: Text | None = Field(None, description="bank name")
    iban: Key | None = Field(None, description="IBAN or account number")
    bic: Key | None = Field(None, description="BIC / SWIFT code")


class SetBuyer(_Command):
    """The buyer (the user's own company): one per workspace. Only the fields given change; the
    mail domains tell which messages are the buyer's (message direction)."""

    name: Text | None = Field(None, description="legal name")
    name_zh: Text | None = Field(None, description="Chinese name, if the company has one")
    address: LongText | None = None
    country: Country | None = Field(None, description="ISO 3166 two-letter code, e.g. DE")
    timezone: TimeZone | None = Field(None, description="IANA time zone of the buyer's office, e.g. Europe/Berlin")
    email_domains: Domains | None = Field(None, description='the buyer\'s mail domains, e.g. ["example.de"]')
    contacts: list[BuyerContact] | None = Field(None, max_length=100)
    vat_id: Key | None = Field(None, description="VAT identification number, e.g. DE318442907")
    bank_account: BuyerBank | None = Field(None, description="the buyer's bank account, shown on its letters")


class BuyerRecord(BaseModel):
    name: str
    name_zh: str | None
    address: str | None
    country: str | None
    timezone: str | None
    email_domains: list[str]
    contacts: list[BuyerContact]
    vat_id: str | None = None
    bank_account: BuyerBank | None = None
    history: list[HistoryEntry] = Field(default_factory=list)


# -- contracts and amendments ---------------------------------------------------------------------


class NewContract(_Command):
    """A contract with a supplier, linked to its evidence items (the signed contract, annexes)."""

    number: Key = Field(description="the contract's own number, e.g. RF-2025-118")
    supplier: Key = Field(description="supplier key")
    signed_on: date
    title: Text | None = None
    currency: Currency | None = None
    value: Amount | None = Field(None, description="total contract value (Decimal, as text or number)")
    governing_law: LongText | None = Field(None, description="governing law as the contract states it")
    dispute_clause: LongText | None = Field(
        None, description="summary of the dispute clause (court / arbitration, seat)"
    )
    warranty_months: int | None = Field(None, ge=0, le=600)
    warranty_start: WarrantyStart | None = Field(None, description="the event the warranty period runs from")
    inspection_days: int | None = Field(None, ge=0, le=3650, description="inspection period after delivery, days")
    evidence: list[EvidenceLabel] = Field(
        default_factory=list, max_length=100, description="E-… of the signed contract first, then annexes"
    )

    @model_validator(mode="after")
    def _value_has_currency(self) -> NewContract:
        if self.value is not None and self.currency is None:
            raise FieldError("currency", "give the currency of the value, e.g. EUR")
        return self


class ChangeContract(_Command):
    """Correct a contract: only the fields given change (``null`` clears an optional one). Each
    change is a ledger entry with the old and the new value."""

    supplier: Key | None = None
    signed_on: date | None = None
    title: Text | None = None
    currency: Currency | None = None
    value: Amount | None = None
    governing_law: LongText | None = None
    dispute_clause: LongText | None = None
    warranty_months: int | None = Field(None, ge=0, le=600)
    warranty_start: WarrantyStart | None = None
    inspection_days: int | None = Field(None, ge=0, le=3650)
    evidence: list[EvidenceLabel] | None = Field(None, max_length=100)


class NewAmendment(_Command):
    """A change to the contract: dated, with its evidence, a summary and who agreed. A change the
    supplier made alone is recorded as unilateral (not agreed)."""

    effective_on: date
    summary: LongText = Field(min_length=1)
    evidence: list[EvidenceLabel] = Field(default_factory=list, max_length=100)
    agreed_by: Text | None = Field(None, description="who agreed, e.g. both parties' signatories")
    unilateral: bool = Field(False, description="made by the supplier alone, not agreed by the buyer")
    number: Key | None = Field(None, description="default: the contract's number with -A1, -A2 …")

    @model_validator(mode="after")
    def _agreed_or_unilateral(self) -> NewAmendment:
        if self.unilateral and self.agreed_by:
            raise FieldError("agreed_by", "a unilateral change has no agreement; leave agreed_by out")
        return self


class ChangeAmendment(_Command):
    """Correct an amendment: only the fields given change, each change a ledger entry with the old
    and the new value. An amendment is never deleted: a wrong one is corrected."""

    effective_on: date | None = None
    summary: LongText | None = Field(None, min_length=1)
    evidence: list[EvidenceLabel] | None = Field(None, max_length=100)
    agreed_by: Text | None = Field(None, description="who agreed; null clears it")
    unilateral: bool | None = Field(
        None, description="made by the supplier alone (true clears agreed_by), or agreed (false)"
    )

    @model_validator(mode="after")
    def _agreed_or_unilateral(self) -> ChangeAmendment:
        if self.unilateral and self.agreed_by:
            raise FieldError("agreed_by", "a unilateral change has no agreement; leave agreed_by out")
        return self


class AmendmentRecord(BaseModel):
    number: str
    effective_on: date | None
    summary: str | None
    agreed_by: str | None
    unilateral: bool
    evidence: list[str]


class ContractRecord(BaseModel):
    number: str
    supplier: str | None
    supplier_name: str | None
    supplier_name_zh: str | None = None  # the registered Chinese name, for Chinese pages
    title: str | None
    signed_on: date | None
    currency: str | None
    value: Decimal | None
    governing_law: str | None
    dispute_clause: str | None
    warranty_months: int | None
    warranty_start: str | None
    inspection_days: int | None
    evidence: list[str]
    amendments: list[AmendmentRecord] = Field(default_factory=list)
    orders: list[str] = Field(default_factory=list)
    archived: bool = False
    history: list[HistoryEntry] = Field(default_factory=list)


# -- orders and deliveries ------------------------------------------------------------------------


class Item(_Command):
    """One machine delivered: its model and serial number."""

    model: Key
    serial: Key


def _item(value: Any) -> Any:
    """``"MODEL SERIAL"`` (the CLI's and the form's one-line form) or an object."""
    if isinstance(value, str):
        parts = value.split()
        if len(parts) < 2:
            raise NO_ITEM(value=Quoted(value))
        return {"model": " ".join(parts[:-1]), "serial": parts[-1]}
    return value


class NewOrder(_Command):
    """An order under a contract, with its delivery and acceptance if they happened. The delivery
    and acceptance dates feed the legal deadlines (notice of non-conformity, limitation)."""

    number: Key
    contract: Key = Field(description="contract number")
    currency: Currency
    amount: Amount = Field(description="order value (Decimal, as text or number)")
    ordered_on: date | None = None
    delivered_on: date | None = None
    accepted_on: date | None = None
    items: list[Annotated[Item, BeforeValidator(_item)]] = Field(default_factory=list, max_length=1000)
    evidence: list[EvidenceLabel] = Field(default_factory=list, max_length=100, description="the order document(s)")
    delivery_note: EvidenceLabel | None = Field(None, description="the delivery note (with delivered_on)")
    acceptance_evidence: list[EvidenceLabel] = Field(
        default_factory=list, max_length=100, description="the acceptance report"
    )

    @model_validator(mode="after")
    def _in_order(self) -> NewOrder:
        _check_dates(self.ordered_on, self.delivered_on, self.accepted_on)
        return self


class ChangeOrder(_Command):
    """Correct an order or record its delivery and acceptance later (only the fields given change)."""

    contract: Key | None = None
    currency: Currency | None = None
    amount: Amount | None = None
    ordered_on: date | None = None
    delivered_on: date | None = None
    accepted_on: date | None = None
    items: list[Annotated[Item, BeforeValidator(_item)]] | None = Field(None, max_length=1000)
    evidence: list[EvidenceLabel] | None = Field(None, max_length=100)
    delivery_note: EvidenceLabel | None = None
    acceptance_evidence: list[EvidenceLabel] | None = Field(None, max_length=100)


def _check_dates(ordered: date | None, delivered: date | None, accepted: date | None) -> None:
    if ordered and delivered and delivered < ordered:
        raise FieldError("delivered_on", "{day} is before the order date ({ordered})", day=delivered, ordered=ordered)
    if delivered and accepted and accepted < delivered:
        raise FieldError(
            "accepted_on",
            "{day} is before the delivery date ({delivered})",
            day=accepted,
            delivered=delivered,
        )
    if accepted and not delivered:
        raise FieldError("delivered_on", "give the delivery date with the acceptance date")


class OrderRecord(BaseModel):
    number: str
    contract: str | None
    supplier: str | None
    currency: str
    amount: Decimal
    ordered_on: date | None
    delivered_on: date | None
    accepted_on: date | None
    items: list[Item]
    evidence: list[str]
    acceptance_evidence: list[str]
    history: list[HistoryEntry] = Field(default_factory=list)


# -- payments ------------------------------------------------------------------------------------


class NewPayment(_Command):
    """A payment to a supplier. The payment-fraud check compares new bank-account requests in
    the mail against the accounts paid into."""

    supplier: Key
    amount: Amount
    currency: Currency
    paid_on: date
    order: Key | None = Field(None, description="order number")
    contract: Key | None = Field(None, description="contract number (default: the order's)")
    account: Key | None = Field(None, description="the beneficiary account paid into (IBAN or bank account number)")
    method: Literal["T/T", "L/C", "D/P", "card", "platform", "other"] = "T/T"
    reference: Key | None = None
    evidence: list[EvidenceLabel] = Field(default_factory=list, max_length=100, description="the payment proof")
    note: Note | None = None


class ChangePayment(_Command):
    amount: Amount | None = None
    currency: Currency | None = None
    paid_on: date | None = None
    order: Key | None = None
    account: Key | None = None
    reference: Key | None = None
    evidence: list[EvidenceLabel] | None = Field(None, max_length=100)


class PaymentRecord(BaseModel):
    number: str = Field(description="P-1, P-2 … in the order recorded")
    supplier: str | None
    amount: Decimal
    currency: str
    paid_on: date
    order: str | None
    contract: str | None
    account: str | None
    method: str
    reference: str | None
    evidence: list[str]
    history: list[HistoryEntry] = Field(default_factory=list)
