"""Typed commands of the correspondence API (the OpenAPI document shows every field)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..records.request_models import Key


class ThreadLink(BaseModel):
    """Attach a mail thread to a support request."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    request: Key = Field(description="support request number, e.g. SR-0001")
