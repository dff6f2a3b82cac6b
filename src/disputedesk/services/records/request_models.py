"""Typed commands and answers for support requests: one set of models for the API (request and
response bodies in the OpenAPI document), the page forms and the CLI.

Checks that need no database are here (a time without UTC offset, an unknown severity, an
evidence number in the wrong form, a link naming both a thread and messages); the ones that do
(unknown supplier, contract, thread, a thread already linked) are in ``requests/`` and raise
:class:`~.errors.FieldError` naming the field.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from ...domain.labels import normal_label
from ...domain.text import Quoted
from .errors import custom_check

Severity = Literal["critical", "high", "normal", "low"]
SEVERITIES: tuple[str, ...] = get_args(Severity)
# The SLA events a person records besides closing and reopening (docs/sla-service.md).
EventKind = Literal[
    "waiting_for_buyer_start",
    "waiting_for_buyer_end",
    "workaround",
    "outage_start",
    "outage_end",
    "maintenance_start",
    "maintenance_end",
]
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)


NAIVE = custom_check("naive_time", "{value} has no UTC offset; write it with one, e.g. 2026-03-30T10:15+08:00")
NUL = custom_check("nul_character", "contains a NUL character")
NOT_LABEL = custom_check("evidence_label", "{value} is not an evidence number such as E-0042")
ONE_KIND = custom_check("link_target", "give either a thread or one or more messages (E-…)")
NOT_CLEARED = custom_check("required", "cannot be cleared (give a value or leave it out)")


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise NAIVE(value=value.isoformat())
    return value.astimezone(UTC)


def _text(value: str) -> str:
    if "\x00" in value:
        raise NUL()
    return value


def _label(value: str) -> str:
    label = normal_label(value)
    if label is None:
        raise NOT_LABEL(value=Quoted(value))
    return label


AwareTime = Annotated[datetime, AfterValidator(_aware)]
Text = Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_text)]
Key = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_text)]
Note = Annotated[str, Field(max_length=2000), AfterValidator(_text)]
EvidenceLabel = Annotated[str, Field(max_length=20), AfterValidator(_label)]


class _Command(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OpenRequest(_Command):
    """Open a support request by hand."""

    supplier: Key = Field(description="supplier key, e.g. ruifeng")
    title: Text
    severity: Severity = "normal"
    contract: Key | None = Field(None, description="contract number (one of this supplier's contracts)")
    serial: Key | None = Field(None, description="serial number of the machine concerned (from an order's delivery)")
    opened_at: AwareTime | None = Field(None, description="when the buyer asked, with UTC offset (default: now)")


class OpenFromThread(_Command):
    """Open a support request from a mail thread: opened when the buyer's first message was sent,
    the thread linked."""

    thread: int = Field(gt=0, lt=2**31, description="thread number (see request suggestions or /threads)")
    severity: Severity = "normal"
    contract: Key | None = None
    supplier: Key | None = Field(None, description="supplier key (default: the supplier the thread's mail is with)")
    title: Text | None = Field(None, description="default: the thread's subject")
    serial: Key | None = Field(
        None, description="serial number of the machine (default: the one recorded machine the subject names)"
    )


class ChangeRequest(_Command):
    """Correct a request: only the fields given change (``null`` clears contract or serial).
    Each change is a ledger entry with the old and the new value."""

    title: Text | None = None
    severity: Severity | None = None
    supplier: Key | None = None
    contract: Key | None = None
    serial: Key | None = None
    opened_at: AwareTime | None = None

    @field_validator("title", "severity", "supplier", "opened_at")
    @classmethod
    def _not_cleared(cls, value: Any) -> Any:
        if value is None:
            raise NOT_CLEARED()
        return value


class MailLink(_Command):
    """A whole thread (its later messages too) or single messages, by evidence number."""

    thread: int | None = Field(None, gt=0, lt=2**31)
    messages: list[EvidenceLabel] = Field(default_factory=list, max_length=1000, validate_default=True)

    @field_validator("messages")
    @classmethod
    def _one_kind(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if (info.data.get("thread") is None) == (not value):
            raise ONE_KIND()
        return value


class StatusChange(_Command):
    """Close (resolved) or reopen a request at a time."""

    at: AwareTime
    ref: Key | None = Field(None, description="evidence number or other reference, shown in the timeline")
    note: Note | None = None


class RequestEvent(_Command):
    """Another dated SLA event: a pause while waiting for the buyer, a workaround, an outage."""

    kind: EventKind
    at: AwareTime
    ref: Key | None = None
    note: Note | None = None


# -- answers ------------------------------------------------------------------------------------


class HistoryEntry(BaseModel):
    seq: int
    at: str
    actor: str
    action: str
    details: dict[str, Any] = Field(default_factory=dict, description="the ledger entry's payload (changes: old/new)")


class RequestRecord(BaseModel):
    """A support request as recorded (the SLA view is GET /api/sla/requests/{number})."""

    number: str
    title: str
    supplier: str | None
    supplier_name: str | None
    contract: str | None
    severity: str
    serial: str | None
    model: str | None
    opened_at: datetime
    status: str
    closed_at: datetime | None
    threads: list[int]
    messages: list[str]
    history: list[HistoryEntry] = Field(default_factory=list)


class Suggestion(BaseModel):
    """A thread that looks like a support request: started by the buyer's side, to a supplier."""

    thread: int
    subject: str
    supplier: str
    first_message_at: datetime
    messages: int


class LinkResult(BaseModel):
    request: str
    thread: int | None
    linked: list[str] = Field(description="messages now linked to (or unlinked from) the request")
    skipped: list[str] = Field(default_factory=list, description="messages left as they were, with the reason")
