"""What every supplier use case shares: finding the supplier, evidence labels, the ledger entry, field helpers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain import scorecard as sc
from ...domain.dates import is_future, parse_day
from ...domain.labels import evidence_label, evidence_number
from ...domain.suppliers import (
    EscalationLevel,
    SupplierKind,
)
from ...domain.text import Seq, T, Text, field_error
from ...store.ledger import LedgerWriter
from ...store.models import Case, EvidenceItem, Organization, Workspace
from ...store.models_suppliers import (
    SupplierProfileRow,
)
from ..context import Context

#: Profile fields a piece of evidence can back (the domain's list).
FACT_FIELDS = (
    "legal_name_zh",
    "legal_name_en",
    "uscc",
    "registered_address",
    "legal_representative",
    "registered_capital",
    "business_scope",
    "kind",
    "certifications",
    "export_licence",
    "websites",
    "email_domains",
    "store_links",
    "bank_accounts",
)


#: Contact levels as stored in ``contacts.level`` → escalation level (others, e.g. finance, are
#: kept as contacts but are not a step of the matrix).
LEVELS = {
    "support_engineer": EscalationLevel.SUPPORT_ENGINEER,
    "service_manager": EscalationLevel.SERVICE_MANAGER,
    "sales": EscalationLevel.SALES,
    "general_manager": EscalationLevel.GENERAL_MANAGER,
}


KINDS = tuple(k.value for k in SupplierKind)


WARNING_STATUSES = ("open", "confirmed", "dismissed")


#: Message directions (as the mail ingest writes them) that are never assessed: our own mail.
OWN_DIRECTIONS = ("buyer->supplier", "internal")


#: Dates/times for a workspace's "today": the supplier's calendar is Asia/Shanghai, the page is
#: computed at the context clock.
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


class SupplierError(ValueError):
    """Bad input; the message starts with the field it is about (``uscc: …``)."""

    def __init__(self, field_name: str, message: str, **params: object) -> None:
        # the message is a sentence with a message id: a page shows it in the reader's language
        super().__init__(field_error(field_name, message, **params))
        self.field = field_name


def one_of(value: object, choices: Iterable[str]) -> Text:
    """ "'x': use one of a, b, c" (or "use one of …" without a value): the choices are codes the
    API and the forms use, the sentence is in the reader's language."""
    listed = Seq(choices, sep=", ")
    if value is None:
        return T("use one of %(choices)s", choices=listed)
    return T("'%(value)s': use one of %(choices)s", value=value, choices=listed)


class SupplierNotFound(LookupError):
    pass


# --------------------------------------------------------------------------- helpers


def _today(ctx: Context) -> date:
    return ctx.clock().date()


def _org(s: Session, ws: Workspace, key: str) -> Organization:
    org = s.execute(
        select(Organization).where(
            Organization.workspace_id == ws.id, Organization.key == key, Organization.role == "supplier"
        )
    ).scalar_one_or_none()
    if org is None:
        raise SupplierNotFound(f"supplier {key!r} does not exist in this workspace")
    return org


def _profile_row(s: Session, ws: Workspace, org: Organization, now: datetime) -> SupplierProfileRow:
    row = s.execute(select(SupplierProfileRow).where(SupplierProfileRow.organization_id == org.id)).scalar_one_or_none()
    if row is None:
        row = SupplierProfileRow(
            workspace_id=ws.id,
            organization_id=org.id,
            kind="unknown",
            store_links=[],
            timezone="Asia/Shanghai",
            calendar="cn",
            created_at=now,
            updated_at=now,
        )
        s.add(row)
        s.flush()
    return row


def _evidence(s: Session, ws: Workspace, label: str | None, field_name: str) -> EvidenceItem | None:
    if label is None or not str(label).strip():
        return None
    number = evidence_number(str(label))
    if number is None:
        raise SupplierError(field_name, T("'%(label)s' is not an evidence number (expected E-0042)", label=label))
    item = s.execute(
        select(EvidenceItem).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number == number)
    ).scalar_one_or_none()
    if item is None:
        raise SupplierError(field_name, T("%(label)s does not exist in this workspace", label=label.strip().upper()))
    return item


def _labels(s: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {
        i: evidence_label(n)
        for i, n in s.execute(select(EvidenceItem.id, EvidenceItem.number).where(EvidenceItem.id.in_(wanted)))
    }


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [x.strip() for x in re.split(r"[;；,\n|]+", value) if x.strip()]
    return [str(x).strip() for x in value if str(x).strip()]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    t = str(value).strip()
    return t or None


def _date(value: Any, field_name: str) -> date | None:
    try:
        return parse_day(value, field_name)  # the one rule: domain/dates.py
    except ValueError as exc:  # "<field>: <sentence>": the sentence kept as a Text, so a page says it in its language
        said = exc.args[0] if exc.args else None
        sentence = said.params.get("message") if isinstance(said, Text) else None
        plain = str(exc).split(": ", 1)[-1]
        raise SupplierError(field_name, sentence if isinstance(sentence, Text) else plain) from exc


def _past(ctx: Context, day: date | None, field_name: str) -> date | None:
    """A day something was done (a check, a verification, a review) cannot lie ahead; the tolerance
    for zones ahead of the server's is explained in domain/dates.py."""
    if day is not None and is_future(day, ctx.clock()):
        raise SupplierError(field_name, T("%(day)s is in the future", day=day))
    return day


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    stop = {"co", "ltd", "limited", "company", "the", "inc", "corp", "and"}
    words = [w for w in words if w not in stop][:3]
    return "-".join(words)[:60]


def _new_key(s: Session, ws: Workspace, name_en: str | None, uscc: str | None) -> str:
    base = slugify(name_en or "") or (f"sup-{uscc.lower()}" if uscc else "supplier")
    taken = set(s.execute(select(Organization.key).where(Organization.workspace_id == ws.id)).scalars())
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


class _Ledger:
    """Ledger entries for one unit of work (the workspace lock is taken on first use)."""

    def __init__(self, s: Session, ws: Workspace, ctx: Context, actor: str) -> None:
        self.s, self.ws, self.ctx, self.actor = s, ws, ctx, actor
        self.writer: LedgerWriter | None = None

    def append(self, action: str, payload: Mapping[str, Any], subject: str = "") -> None:
        if self.writer is None:
            self.writer = LedgerWriter(self.s, self.ws)
        self.writer.append(actor=self.actor, action=action, at=self.ctx.clock(), subject=subject, payload=payload)

    def anchor(self) -> None:
        if self.writer is not None:
            self.writer.write_anchor(self.ctx.blobs)


# --------------------------------------------------------------------------- scorecard


def _cases(s: Session, ws: Workspace, org: Organization, end: date) -> list[sc.CaseRecord]:
    out = []
    for c in s.execute(
        select(Case)
        .where(Case.workspace_id == ws.id, Case.supplier_id == org.id, Case.opened_on <= end)
        .order_by(Case.number)
    ).scalars():
        st = (c.status or "open").lower()
        if st in ("won", "settled", "lost", "withdrawn"):
            out.append(sc.CaseRecord(c.number, "closed", st))
        elif st in ("closed", "resolved"):
            out.append(sc.CaseRecord(c.number, "closed", "withdrawn"))  # outcome not recorded: no penalty
        else:
            out.append(sc.CaseRecord(c.number, "open"))
    return out
