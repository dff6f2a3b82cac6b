"""Typed commands of a case: one model per change (open, ladder step, reply, deadline facts,
acknowledgement, claim head, money received or offered, exchange rate), used by the JSON API
(the OpenAPI document shows every field), the page forms and the services.

The models give the fields, their types and which are required; the checks that need the
workspace or a rule (a real calendar date, an amount that is not a float, a known currency, an
evidence number that exists) stay in the services and raise ``ValueError("<field>: …")`` — a
400 naming the field on the API, the message on the page. A missing or unknown field is a 422
naming it on the API (:func:`services.commands.check` turns it into the same ``"<field>: …"`` message for forms).
Dates are text here for that reason: ``2026-02-30`` is the service's "not a real calendar date".
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from ..commands import check  # noqa: F401  (the forms' reading of a command)

Day = Annotated[str, Field(description="YYYY-MM-DD", examples=["2026-03-30"])]
Amount = Annotated[
    str | int | float,
    Field(description='a decimal string, e.g. "1250.00" (a number with a fraction is refused: floats lose cents)'),
]
Labels = Annotated[
    list[str] | str, Field(description='a list, or one string separated by commas, e.g. "E-0001, E-0007"')
]
Flag = bool | str


class _Command(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def given(self) -> dict[str, Any]:
        """The fields the caller gave (what the services read)."""
        return self.model_dump(exclude_unset=True)


class DeadlineFacts(_Command):
    """The facts the legal deadlines are computed from (docs/deadlines.md)."""

    governing_law: str = Field(description="CN, another ISO country code, or unknown")
    contract_type: str = Field(description="e.g. sale, international_sale")
    received_on: Day
    knowledge_on: Day
    cisg_applies: Flag | None = None
    inspection_period_days: int | str | None = None
    warranty_months: int | str | None = None
    warranty_starts_on: Day | None = None
    award_performance_deadline: Day | None = None


class OpenCase(_Command):
    """Open a case from support requests, SLA breaches (by reference) or evidence items."""

    title: str
    supplier: str = Field(description="supplier key")
    contract: str | None = Field(None, description="contract number or key")
    issues: Labels | None = Field(None, description="issue types (domain.ladder.ISSUE_TYPES)")
    opened_on: Day | None = Field(None, description="YYYY-MM-DD, default today")
    amount_at_stake: Amount | None = None
    currency: str | None = Field(None, description="ISO 4217 code")
    support_requests: Labels | None = Field(None, description="SR-0001 …")
    evidence: Labels | None = Field(None, description="E-0001 …")
    orders: Labels | None = Field(None, description="order numbers")
    breaches: Labels | None = Field(None, description="SLA breach references (one per line or separated by ';')")
    platform_order: Flag | None = None
    receipt_confirmed_on: Day | None = None
    facts: dict[str, Any] | None = Field(None, description="the deadline facts (DeadlineFacts), optional")


class NewStep(_Command):
    """A step of the escalation ladder."""

    step: str = Field(description="e.g. formal_complaint, lawyer_demand, mediation")
    sent_on: Day
    channel: str
    recipient: str
    proof: str | None = Field(None, description="evidence number of the proof of delivery")
    response_window_days: int | str | None = None
    cure_deadline: Day | None = None
    reply_on: Day | None = None
    reply_evidence: str | None = None
    resolved: Flag | None = None
    override_reason: str | None = Field(None, description="why a step is taken out of the suggested order")
    note: str | None = None


class Reply(_Command):
    """The supplier's reply to a ladder step."""

    reply_on: Day
    reply_evidence: str | None = None
    resolved: Flag | None = None
    replace: Flag | None = Field(
        None, description="The step already has a reply: record this one in its place (the ledger keeps both)."
    )


class Acknowledgement(_Command):
    """The supplier acknowledged the claim or promised to perform (restarts limitation)."""

    on: Day
    summary: str
    evidence: str | None = None


class NewClaim(_Command):
    """A claim head: its kind, amount and basis (and the inputs of computed heads)."""

    kind: str = Field(description="e.g. repair, price_reduction, lost_profit, interest")
    currency: str | None = Field(None, description="ISO 4217 code")
    amount: Amount | None = None
    basis: str | None = None
    evidence: Labels | None = None
    description: str | None = None
    reference: str | None = None
    proven_loss: Amount | None = None
    lost_profit: Amount | None = None
    foreseeability_evidence: Labels | None = None
    method: str | None = None
    price: Amount | None = None
    value_conforming: Amount | None = None
    value_delivered: Amount | None = None
    valuation_source: str | None = None
    annual_rate_percent: Amount | None = None
    start: Day | None = None
    end: Day | None = None
    day_count: str | None = None
    rate_basis: str | None = None
    rate_source: str | None = None


class MoneyEvent(_Command):
    """An offer, a settlement or an amount received."""

    kind: str = Field(description="offer, settlement or receipt")
    on: Day
    amount: Amount
    currency: str
    party: str | None = None
    status: str | None = None
    evidence: Labels | None = None
    note: str | None = None


class ExchangeRate(_Command):
    """An exchange rate with its date and source (the only way amounts are converted)."""

    base: str
    quote: str
    rate: Amount
    on: Day
    source: str
