"""Typed bodies of the SLA API's write routes (the OpenAPI document shows every field): a dated
event of a request, a version of a contract's support terms, a version of a supplier's business
calendar. The services keep their checks (they name the field); these models add the types."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema

from ...domain.text import Quoted
from ..records.errors import custom_check
from ..records.request_models import NAIVE, AwareTime, Key, Note

EventKind = Literal[
    "opened",
    "waiting_for_buyer_start",
    "waiting_for_buyer_end",
    "workaround",
    "resolved",
    "reopened",
    "outage_start",
    "outage_end",
    "maintenance_start",
    "maintenance_end",
]


NOT_A_START = custom_check(
    "terms_start", "{value} is not a day (2026-05-04) or a time with its UTC offset (2026-05-04T09:00+08:00)"
)
NO_SUCH_DAY = custom_check("terms_start_day", "{value} is not a real calendar date")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day_or_time(value: Any) -> date | datetime:
    """A terms version's start: a plain day (read in the buyer's zone by the service) or a time with its offset."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise NAIVE(value=value.isoformat())
        return value
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if _DAY.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise NO_SUCH_DAY(value=Quoted(text)) from None
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise NOT_A_START(value=Quoted(text)) from None
    if at.tzinfo is None or at.utcoffset() is None:
        raise NAIVE(value=text)
    return at


#: a day ("2026-05-04": 00:00 in the buyer's zone) or a time with its UTC offset
TermsStart = Annotated[
    date | datetime,
    PlainValidator(_day_or_time),
    WithJsonSchema({"type": "string", "examples": ["2026-05-04", "2026-05-04T09:00+08:00"]}),
]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NewEvent(_Body):
    """A dated event of a request: a pause while waiting for the buyer, a workaround, resolved…"""

    kind: EventKind
    at: AwareTime = Field(description="ISO 8601 with UTC offset, e.g. 2026-04-01T17:20+08:00")
    ref: Key | None = Field(None, description="evidence number or other reference")
    note: Note | None = None


class NewTerms(_Body):
    """A version of a contract's support terms (docs/sla.md: severities with first_response,
    resolution …; acknowledgement_counts; label)."""

    terms: dict[str, Any] = Field(
        description='the support terms, e.g. {"severities": {"critical": {"first_response": "4h"}}}'
    )
    valid_from: TermsStart | None = Field(
        None,
        description="a day (00:00 in the buyer's zone) or a time with UTC offset; default: the contract's signing "
        "day for its first version, else now",
    )
    status: Literal["draft", "confirmed"] = "confirmed"
    source: Key | None = Field(None, description="where the terms come from (clause, document)")


class Closure(_Body):
    start: date
    end: date
    label: Key
    evidence_ref: Key | None = None


class DayOverride(_Body):
    day: date
    working: bool
    windows: str | None = Field(None, description="e.g. 09:00-12:00,13:00-18:00")
    label: str = ""
    evidence_ref: Key | None = None


class NewCalendar(_Body):
    """A version of a supplier's business calendar (docs/sla.md section 2)."""

    tz: str = Field("Asia/Shanghai", description="IANA time zone")
    windows: str | dict[str, str] | None = Field(
        None, description="working hours, e.g. 09:00-12:00,13:00-18:00, or per weekday (0 = Monday)"
    )
    official: str = Field("cn", description="official holiday calendar: cn, or none")
    closures: list[Closure] = Field(default_factory=list)
    overrides: list[DayOverride] = Field(default_factory=list)
    makeup_windows: str | None = None
    hours_per_day: int | None = Field(None, ge=1, le=86400, description="seconds in one business day")
    note: Note | None = None

    def spec(self) -> dict[str, Any]:
        """The calendar spec the domain reads (``BusinessCalendar.from_spec``)."""
        data = self.model_dump(mode="json", exclude_none=True, exclude={"note"})
        for o in data.get("overrides", []):
            o.setdefault("windows", None)
        return data
