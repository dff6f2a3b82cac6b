"""An evidence item as lists and pages show it (the vault's reading service and the CLI's read path)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class EvidenceView:
    label: str
    number: int
    original_name: str
    media_type: str
    size: int
    sha256: str
    source: str
    imported_by: str
    imported_at: datetime
    kind: str
    description: str | None
    document_date: datetime | None
    parent: str | None
    ledger_seq: int
    has_text: bool
    text: str | None = None
    ledger: list[dict[str, Any]] = field(default_factory=list)
    children: list[tuple[str, str]] = field(default_factory=list)  # (E-0043, "photo.jpg"): its parts
    # a chat message in local time: {"zone", "basis": stated|company|none, "date_order_assumed"}
    time_reading: dict[str, Any] | None = None
    chat_app: str | None = None  # a chat message: the app that carried it (whatsapp, signal, telegram …)
    message_notes: list[str] = field(default_factory=list)  # what the export left out (media, an unsent text)

    def as_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__dict__.items() if k not in ("text", "ledger", "children")}
        d["imported_at"] = self.imported_at.isoformat()
        d["document_date"] = self.document_date.isoformat() if self.document_date else None
        if self.ledger:
            d["ledger"] = self.ledger
        return d
