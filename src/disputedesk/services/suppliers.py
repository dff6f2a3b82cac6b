"""Suppliers: profile, evidence for each fact, due diligence, escalation matrix, payment safety,
periodic reviews, scorecard and risk ranking.

Plain functions over a :class:`Context` and a workspace slug, called by the pages, the API
and the CLI. The rules live in the domain (``domain/uscc.py``, ``suppliers.py``,
``payment_safety.py``, ``scorecard.py``); this module reads and writes the rows and passes
facts in. Anything that touches evidence (linking an item to a fact, a checklist entry or a
review with evidence, a warning raised on or reviewed for a message) appends a ledger entry.

Hooks for other areas:

* :func:`propose_escalation` is what the cases area calls when a case escalates.
* :func:`scan_payment_warnings` is what the mail ingest may call after an import (with the new
  message ids); it is idempotent.
* SLA figures come from ``services/sla.py`` when that module defines
  ``supplier_figures(ctx, workspace, supplier_key, start, end) -> domain.suppliers.SupportFigures | None``
  (and optionally ``supplier_credits(...) -> list[domain.scorecard.CreditOwed]``); until then the
  figures recorded with a periodic review are used, and the scorecard says so.
"""

from __future__ import annotations

import importlib
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import scorecard as sc
from ..domain.payment_safety import assess_payment_message, lookalike_of, normalise_name
from ..domain.suppliers import (
    DD_LABELS,
    DOMAIN_NAME,
    LEVEL_LABELS,
    AnswerHours,
    BankAccount,
    Certification,
    Channel,
    ContactProposal,
    DDEntry,
    DDGap,
    DDItem,
    DDStatus,
    EscalationLevel,
    EscalationMatrix,
    Rating,
    ReviewFrequency,
    ReviewRecord,
    SupplierKind,
    SupportFigures,
    dd_gaps,
    domain_matches,
    due_reviews,
    next_contact,
    parse_money,
)
from ..domain.suppliers import (
    Contact as DContact,
)
from ..domain.suppliers import (
    ContactChannel as DChannel,
)
from ..domain.suppliers import (
    ReviewSchedule as DSchedule,
)
from ..domain.suppliers import (
    SupplierProfile as DProfile,
)
from ..domain.uscc import check_uscc
from ..ingest.supplier_csv import CsvError, parse_supplier_csv
from ..store.db import lock_workspace, unit_of_work
from ..store.ledger import LedgerWriter
from ..store.models import Case, Contact, EvidenceItem, Message, Organization, SupportRequest, Workspace
from ..store.models_suppliers import (
    DueDiligenceEntry,
    PaymentWarningRow,
    SupplierBankAccount,
    SupplierCertification,
    SupplierContactChannel,
    SupplierFactEvidence,
    SupplierProfileRow,
    SupplierReview,
    SupplierReviewSchedule,
    SupplierScoreSnapshot,
)
from .context import Context
from .workspaces import get_workspace

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

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name


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
    m = re.match(r"^E-(\d{1,9})$", str(label).strip().upper())
    if not m:
        raise SupplierError(field_name, f"{label!r} is not an evidence number (expected E-0042)")
    item = s.execute(
        select(EvidenceItem).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number == int(m.group(1)))
    ).scalar_one_or_none()
    if item is None:
        raise SupplierError(field_name, f"{label.strip().upper()} does not exist in this workspace")
    return item


def _labels(s: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {
        i: f"E-{n:04d}"
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
    if value is None or value == "":
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise SupplierError(field_name, f"{value!r} is not a date (YYYY-MM-DD)") from exc


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    stop = {"co", "ltd", "limited", "company", "the", "inc", "corp", "and"}
    words = [w for w in words if w not in stop][:3]
    return "-".join(words)[:60]


def _new_key(s: Session, ws: Workspace, name_en: str | None, uscc: str) -> str:
    base = slugify(name_en or "") or f"sup-{uscc.lower()}"
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


# --------------------------------------------------------------------------- profile

PROFILE_FIELDS = (
    "name_en",
    "name_zh",
    "uscc",
    "address_en",
    "address_zh",
    "legal_representative",
    "registered_capital",
    "business_scope",
    "kind",
    "export_licence",
    "websites",
    "email_domains",
    "store_links",
    "established_on",
    "protocol",
    "timezone",
    "calendar",
)


def _clean_profile(data: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    """Validate form/API/CSV input; raise SupplierError naming the first bad field."""
    unknown = set(data) - set(PROFILE_FIELDS) - {"key", "csrf_token"}
    if unknown:
        raise SupplierError(sorted(unknown)[0], "unknown field")
    out: dict[str, Any] = {}
    if not partial or "name_zh" in data:
        name_zh = _text(data.get("name_zh"))
        if not name_zh:
            raise SupplierError("name_zh", "the Chinese legal name is required (as on the business licence)")
        out["name_zh"] = name_zh
    if not partial or "uscc" in data:
        raw = _text(data.get("uscc"))
        if not raw:
            raise SupplierError("uscc", "the Unified Social Credit Code (统一社会信用代码) is required")
        res = check_uscc(raw)
        if not res.valid:
            raise SupplierError("uscc", f"{raw!r} is not a valid USCC: {res.reason}")
        out["uscc"] = res.code
    for f in (
        "name_en",
        "address_en",
        "address_zh",
        "legal_representative",
        "business_scope",
        "export_licence",
        "protocol",
    ):
        if f in data:
            out[f] = _text(data.get(f))
    if "registered_capital" in data:
        cap = _text(data.get("registered_capital"))
        if cap:
            try:
                money = parse_money(cap)
            except ValueError as exc:
                raise SupplierError("registered_capital", str(exc)) from exc
            out["registered_capital"] = (money.amount, money.currency)
        else:
            out["registered_capital"] = (None, None)
    if "kind" in data:
        kind = _text(data.get("kind")) or "unknown"
        if kind not in KINDS:
            raise SupplierError("kind", f"{kind!r}: use one of {', '.join(KINDS)}")
        out["kind"] = kind
    if "email_domains" in data:
        domains = [d.lower().lstrip("@") for d in _list(data.get("email_domains"))]
        for d in domains:
            if not DOMAIN_NAME.match(d):
                raise SupplierError("email_domains", f"{d!r} is not a domain name (e.g. ruifenglaser.com)")
        out["email_domains"] = domains
    for f in ("websites", "store_links"):
        if f in data:
            urls = _list(data.get(f))
            for u in urls:
                if not re.match(r"^https?://[^\s/]+\.\S+$", u):
                    raise SupplierError(f, f"{u!r} is not an http(s) URL")
            out[f] = urls
    if "established_on" in data:
        out["established_on"] = _date(data.get("established_on"), "established_on")
    if "timezone" in data:
        tz = _text(data.get("timezone")) or "Asia/Shanghai"
        try:
            AnswerHours(tz=tz)
        except ValueError as exc:
            raise SupplierError("timezone", str(exc)) from exc
        out["timezone"] = tz
    if "calendar" in data:
        out["calendar"] = _text(data.get("calendar")) or "cn"
    if not partial and not out.get("name_en"):
        out["name_en"] = None
    return out


def _check_duplicate(s: Session, ws: Workspace, values: Mapping[str, Any], exclude_id: int | None = None) -> None:
    rows = s.execute(
        select(Organization).where(Organization.workspace_id == ws.id, Organization.role == "supplier")
    ).scalars()
    for o in rows:
        if o.id == exclude_id:
            continue
        if values.get("uscc") and o.uscc and check_uscc(o.uscc).code == values["uscc"]:
            raise SupplierError("uscc", f"{values['uscc']} is already supplier {o.key!r} ({o.name_zh or o.name_en})")
        if values.get("name_zh") and o.name_zh and normalise_name(o.name_zh) == normalise_name(values["name_zh"]):
            raise SupplierError("name_zh", f"{values['name_zh']!r} is already supplier {o.key!r}")
        if values.get("name_en") and o.name_en and normalise_name(o.name_en) == normalise_name(values["name_en"]):
            raise SupplierError("name_en", f"{values['name_en']!r} is already supplier {o.key!r}")


def _apply(org: Organization, prof: SupplierProfileRow, values: Mapping[str, Any]) -> list[str]:
    changed = []
    org_map = {
        "name_zh": "name_zh",
        "uscc": "uscc",
        "address_en": "address_en",
        "address_zh": "address_zh",
        "legal_representative": "legal_representative",
        "email_domains": "email_domains",
        "websites": "websites",
    }
    for f, v in values.items():
        if f == "name_en":
            v = v or values.get("name_zh") or org.name_zh or org.name_en
            if org.name_en != v:
                org.name_en, changed = v, [*changed, f]
        elif f in org_map:
            if getattr(org, org_map[f]) != v:
                setattr(org, org_map[f], v)
                changed.append(f)
        elif f == "registered_capital":
            amount, cur = v
            if (prof.registered_capital, prof.capital_currency) != (amount, cur):
                prof.registered_capital, prof.capital_currency = amount, cur
                changed.append(f)
        elif getattr(prof, f) != v:
            setattr(prof, f, v)
            changed.append(f)
    return changed


def create_supplier(ctx: Context, workspace: str, data: Mapping[str, Any], *, actor: str) -> str:
    """Create a supplier from form/API fields. Returns its key. Refuses an invalid USCC and a
    duplicate (same USCC or the same legal name) with the field named."""
    values = _clean_profile(data, partial=False)
    now = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        _check_duplicate(s, ws, values)
        key = _text(data.get("key"))
        if key:
            if not _KEY.match(key):
                raise SupplierError("key", f"{key!r}: use lower-case letters, digits and dashes")
            if s.execute(
                select(Organization.id).where(Organization.workspace_id == ws.id, Organization.key == key)
            ).first():
                raise SupplierError("key", f"{key!r} is already used")
        else:
            key = _new_key(s, ws, values.get("name_en"), values["uscc"])
        org = Organization(
            workspace_id=ws.id,
            key=key,
            role="supplier",
            name_en=values.get("name_en") or values["name_zh"],
            country="CN",
            email_domains=[],
            websites=[],
            details={},
        )
        s.add(org)
        s.flush()
        prof = _profile_row(s, ws, org, now)
        _apply(org, prof, values)
        led = _Ledger(s, ws, ctx, actor)
        led.append("supplier.created", {"supplier": key, "uscc": values["uscc"], "name_zh": values["name_zh"]})
    led.anchor()
    return key


def update_supplier(ctx: Context, workspace: str, key: str, data: Mapping[str, Any], *, actor: str) -> list[str]:
    """Change profile fields (only those given). Returns the names of the fields that changed."""
    values = _clean_profile(data, partial=True)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        _check_duplicate(s, ws, values, exclude_id=org.id)
        prof = _profile_row(s, ws, org, ctx.clock())
        changed = _apply(org, prof, values)
        if changed:
            prof.updated_at = ctx.clock()
            led = _Ledger(s, ws, ctx, actor)
            led.append("supplier.updated", {"supplier": key, "fields": changed})
        else:
            led = None
    if led:
        led.anchor()
    return changed


@dataclass
class CsvResult:
    ok: bool
    encoding: str | None
    created: list[str]
    errors: list[CsvError]
    warnings: list[CsvError]

    def as_dict(self) -> dict[str, Any]:
        def e(x: CsvError) -> dict[str, Any]:
            return {"row": x.row, "field": x.field, "message": x.message, "text": str(x)}

        return {
            "ok": self.ok,
            "encoding": self.encoding,
            "created": self.created,
            "errors": [e(x) for x in self.errors],
            "warnings": [e(x) for x in self.warnings],
        }


def import_csv(ctx: Context, workspace: str, data: bytes, *, source: str = "suppliers.csv", actor: str) -> CsvResult:
    """Import a supplier CSV: every row or none. Errors name the spreadsheet row and column."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        existing = list(
            s.execute(
                select(Organization).where(Organization.workspace_id == ws.id, Organization.role == "supplier")
            ).scalars()
        )
        parsed = parse_supplier_csv(
            data,
            source=source,
            existing_usccs=[o.uscc for o in existing if o.uscc],
            existing_names=[n for o in existing for n in (o.name_zh, o.name_en) if n],
        )
        if not parsed.ok:
            return CsvResult(False, parsed.encoding, [], list(parsed.errors), list(parsed.warnings))
        now = ctx.clock()
        created: list[str] = []
        led = _Ledger(s, ws, ctx, actor)
        for p in parsed.rows:
            key = _new_key(s, ws, p.legal_name_en, p.uscc)
            org = Organization(
                workspace_id=ws.id,
                key=key,
                role="supplier",
                name_en=p.legal_name_en or p.legal_name_zh,
                name_zh=p.legal_name_zh,
                country="CN",
                uscc=p.uscc,
                address_zh=p.registered_address,
                legal_representative=p.legal_representative,
                email_domains=list(p.email_domains),
                websites=list(p.websites),
                details={"imported_from": source},
            )
            s.add(org)
            s.flush()
            prof = _profile_row(s, ws, org, now)
            if p.registered_capital is not None:
                prof.registered_capital = p.registered_capital.amount
                prof.capital_currency = p.registered_capital.currency
            prof.business_scope = p.business_scope
            prof.kind = p.kind.value
            prof.export_licence = p.export_licence
            prof.store_links = list(p.store_links)
            created.append(key)
        led.append("supplier.imported", {"source": source, "encoding": parsed.encoding, "suppliers": created})
    led.anchor()
    return CsvResult(True, parsed.encoding, created, [], list(parsed.warnings))


def link_fact_evidence(
    ctx: Context, workspace: str, key: str, fact: str, evidence: str, *, actor: str, note: str | None = None
) -> str:
    """Back one profile fact with an evidence item (e.g. ``uscc`` ← the registry screenshot)."""
    if fact not in FACT_FIELDS:
        raise SupplierError("field", f"{fact!r}: use one of {', '.join(FACT_FIELDS)}")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        item = _evidence(s, ws, evidence, "evidence")
        if item is None:  # blank
            raise SupplierError("evidence", "give an evidence number such as E-0042")
        exists = s.execute(
            select(SupplierFactEvidence.id).where(
                SupplierFactEvidence.organization_id == org.id,
                SupplierFactEvidence.field == fact,
                SupplierFactEvidence.evidence_id == item.id,
            )
        ).first()
        if exists:
            return item.label
        s.add(
            SupplierFactEvidence(
                workspace_id=ws.id,
                organization_id=org.id,
                field=fact,
                evidence_id=item.id,
                note=_text(note),
                linked_by=actor,
                linked_at=ctx.clock(),
            )
        )
        led = _Ledger(s, ws, ctx, actor)
        led.append(
            "supplier.evidence_linked", {"supplier": key, "field": fact, "evidence": item.label}, subject=item.sha256
        )
    led.anchor()
    return item.label


def add_certification(ctx: Context, workspace: str, key: str, data: Mapping[str, Any], *, actor: str) -> None:
    name = _text(data.get("name"))
    if not name:
        raise SupplierError("name", "the certification's name is required (e.g. CE, ISO 9001:2015)")
    vf, vu = _date(data.get("valid_from"), "valid_from"), _date(data.get("valid_until"), "valid_until")
    if vf and vu and vu < vf:
        raise SupplierError("valid_until", "is before valid_from")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        item = _evidence(s, ws, data.get("evidence"), "evidence")
        s.add(
            SupplierCertification(
                workspace_id=ws.id,
                organization_id=org.id,
                name=name,
                number=_text(data.get("number")),
                issuer=_text(data.get("issuer")),
                valid_from=vf,
                valid_until=vu,
                evidence_id=item.id if item else None,
                created_at=ctx.clock(),
            )
        )
        led = _Ledger(s, ws, ctx, actor)
        led.append(
            "supplier.certification_added",
            {"supplier": key, "name": name, "evidence": item.label if item else None},
            subject=item.sha256 if item else "",
        )
    led.anchor()


def add_bank_account(ctx: Context, workspace: str, key: str, data: Mapping[str, Any], *, actor: str) -> None:
    """Record a beneficiary account; with ``verified_on`` it becomes the verified account."""
    beneficiary = _text(data.get("beneficiary_name"))
    number = _text(data.get("account_number"))
    if not beneficiary:
        raise SupplierError("beneficiary_name", "the beneficiary (account holder) name is required")
    if not number or len(re.sub(r"[^0-9A-Za-z]", "", number)) < 6:
        raise SupplierError("account_number", "an account number (or IBAN) of at least 6 characters is required")
    swift = _text(data.get("swift"))
    if swift:
        from stdnum import bic

        if not bic.is_valid(swift):
            raise SupplierError("swift", f"{swift!r} is not a valid SWIFT/BIC code")
        swift = bic.compact(swift)
    iban = _text(data.get("iban"))
    if iban:
        from stdnum import iban as iban_mod

        if not iban_mod.is_valid(iban):
            raise SupplierError("iban", f"{iban!r} is not a valid IBAN")
        iban = iban_mod.compact(iban)
    verified_on = _date(data.get("verified_on"), "verified_on")
    verified_by = _text(data.get("verified_by"))
    if verified_on and not verified_by:
        raise SupplierError("verified_by", "say who verified the account (and how)")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        item = _evidence(s, ws, data.get("evidence"), "evidence")
        s.add(
            SupplierBankAccount(
                workspace_id=ws.id,
                organization_id=org.id,
                beneficiary_name=beneficiary,
                account_number=number,
                bank_name=_text(data.get("bank_name")),
                swift=swift,
                iban=iban,
                currency=_text(data.get("currency")),
                verified_on=verified_on,
                verified_by=verified_by,
                how_verified=_text(data.get("how_verified")),
                evidence_id=item.id if item else None,
                created_at=ctx.clock(),
            )
        )
        led = _Ledger(s, ws, ctx, actor)
        led.append(
            "supplier.bank_account_added",
            {
                "supplier": key,
                "account": number,
                "beneficiary": beneficiary,
                "verified_on": verified_on.isoformat() if verified_on else None,
                "evidence": item.label if item else None,
            },
            subject=item.sha256 if item else "",
        )
    led.anchor()


# --------------------------------------------------------------------------- due diligence

DD_ALIASES = {
    # dispute.json spellings → the domain's item codes
    "registry_entry_checked": DDItem.REGISTRY_CHECKED,
    "sanctions_export_control_screening": DDItem.SANCTIONS_SCREENING,
}


def dd_item(value: str) -> DDItem:
    v = (value or "").strip()
    if v in DD_ALIASES:
        return DD_ALIASES[v]
    try:
        return DDItem(v)
    except ValueError as exc:
        raise SupplierError("item", f"{value!r}: use one of {', '.join(i.value for i in DDItem)}") from exc


def record_due_diligence(ctx: Context, workspace: str, key: str, data: Mapping[str, Any], *, actor: str) -> None:
    """Append one checklist entry: item, status, date, who, evidence, note."""
    item = dd_item(str(data.get("item") or ""))
    try:
        status = DDStatus(str(data.get("status") or ""))
    except ValueError as exc:
        raise SupplierError(
            "status", f"{data.get('status')!r}: use one of {', '.join(x.value for x in DDStatus)}"
        ) from exc
    on = _date(data.get("on"), "on")
    by = _text(data.get("by"))
    if status in (DDStatus.DONE, DDStatus.FAILED) and not by:
        raise SupplierError("by", "say who did the check")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        ev = _evidence(s, ws, data.get("evidence"), "evidence")
        s.add(
            DueDiligenceEntry(
                workspace_id=ws.id,
                organization_id=org.id,
                item=item.value,
                status=status.value,
                done_on=on,
                done_by=by,
                evidence_id=ev.id if ev else None,
                note=_text(data.get("note")),
                recorded_by=actor,
                recorded_at=ctx.clock(),
            )
        )
        led = _Ledger(s, ws, ctx, actor)
        led.append(
            "supplier.due_diligence",
            {
                "supplier": key,
                "item": item.value,
                "status": status.value,
                "on": on.isoformat() if on else None,
                "evidence": ev.label if ev else None,
            },
            subject=ev.sha256 if ev else "",
        )
    led.anchor()


def _dd_entries(rows: Iterable[DueDiligenceEntry], labels: Mapping[int, str]) -> list[DDEntry]:
    out = []
    for r in rows:
        out.append(
            DDEntry(
                DDItem(r.item),
                DDStatus(r.status),
                r.done_on,
                r.done_by,
                (labels[r.evidence_id],) if r.evidence_id and r.evidence_id in labels else (),
                r.note,
            )
        )
    return out


# --------------------------------------------------------------------------- contacts & escalation

_HHMM = re.compile(r"(\d{1,2})[:.](\d{2})\s*[-–~至到]\s*(\d{1,2})[:.](\d{2})")
_TZ = re.compile(r"\b([A-Z][a-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)\b")


def parse_hours(text: str | None, default_tz: str = "Asia/Shanghai", calendar: str = "cn") -> AnswerHours | None:
    """Answering hours from text such as "Mon-Fri 09:00-12:00, 13:30-18:00 Asia/Shanghai".

    The earliest start and the latest end make the window (a lunch break is not modelled);
    working days of ``calendar`` unless the text says every day/daily. ``None`` without times.
    """
    if not text:
        return None
    spans = _HHMM.findall(text)
    if not spans:
        return None
    starts = [time(int(a), int(b)) for a, b, _, _ in spans]
    ends = [time(int(c), int(d)) for _, _, c, d in spans]
    m = _TZ.search(text)
    tz = m.group(1) if m else default_tz
    every_day = bool(re.search(r"every\s*day|daily|7\s*days|mon\s*-\s*sun|24\s*/\s*7|每天", text, re.IGNORECASE))
    try:
        return AnswerHours(tz=tz, start=min(starts), end=max(ends), calendar=calendar, every_day=every_day)
    except ValueError:
        return None


def _hours_of(ch: SupplierContactChannel) -> AnswerHours | None:
    if not ch.tz or not ch.start or not ch.end:
        return None
    try:
        return AnswerHours(
            tz=ch.tz,
            start=time.fromisoformat(ch.start),
            end=time.fromisoformat(ch.end),
            calendar=ch.calendar or "cn",
            every_day=ch.every_day,
        )
    except ValueError:
        return None


def _is_legal_rep(c: Contact, org: Organization) -> bool:
    role = (c.role or "").lower()
    if "legal representative" in role or "法定代表人" in (c.role or ""):
        return True
    rep = org.legal_representative or ""
    return bool(rep) and any(n and n in rep for n in (c.name, c.name_zh))


def _channels_for(
    c: Contact, rows: Sequence[SupplierContactChannel], prof: SupplierProfileRow | None
) -> tuple[DChannel, ...]:
    if rows:
        return tuple(DChannel(Channel(r.channel), r.address, _hours_of(r), r.preferred) for r in rows)
    # Contacts recorded without channel rows (foundation data): derive from their fields.
    hours = parse_hours(c.hours, prof.timezone if prof else "Asia/Shanghai", prof.calendar if prof else "cn")
    out = []
    if c.email:
        out.append(DChannel(Channel.EMAIL, c.email, hours))
    if c.phone:
        out.append(DChannel(Channel.PHONE, c.phone, hours))
    if c.wechat:
        out.append(DChannel(Channel.WECHAT, c.wechat, hours))
    return tuple(out)


@dataclass
class ContactView:
    id: int
    name: str
    name_zh: str | None
    level: str | None
    level_label: str
    role: str | None
    legal_representative: bool
    channels: list[DChannel]
    hours_text: str | None


def _matrix(
    s: Session, ws: Workspace, org: Organization
) -> tuple[EscalationMatrix, list[ContactView], SupplierProfileRow | None]:
    prof = s.execute(
        select(SupplierProfileRow).where(SupplierProfileRow.organization_id == org.id)
    ).scalar_one_or_none()
    contacts = list(
        s.execute(
            select(Contact).where(Contact.workspace_id == ws.id, Contact.organization_id == org.id).order_by(Contact.id)
        ).scalars()
    )
    ids = [c.id for c in contacts] or [-1]
    chans: dict[int, list[SupplierContactChannel]] = {}
    for r in s.execute(
        select(SupplierContactChannel)
        .where(SupplierContactChannel.workspace_id == ws.id, SupplierContactChannel.contact_id.in_(ids))
        .order_by(SupplierContactChannel.id)
    ).scalars():
        chans.setdefault(r.contact_id, []).append(r)
    views: list[ContactView] = []
    dcontacts: list[DContact] = []
    for c in contacts:
        channels = _channels_for(c, chans.get(c.id, []), prof)
        lvl = LEVELS.get((c.level or "").strip().lower())
        legal = _is_legal_rep(c, org)
        views.append(
            ContactView(
                c.id,
                c.name,
                c.name_zh,
                c.level,
                LEVEL_LABELS[lvl] if lvl else (c.level or "").replace("_", " "),
                c.role,
                legal,
                list(channels),
                c.hours,
            )
        )
        if lvl is not None:
            dcontacts.append(DContact(c.name, lvl, channels, c.role, c.name_zh, legal))
    views.sort(key=lambda v: (LEVELS.get((v.level or "").lower(), 9), v.id))
    return EscalationMatrix(tuple(dcontacts), prof.protocol if prof else None), views, prof


def add_contact(ctx: Context, workspace: str, key: str, data: Mapping[str, Any], *, actor: str) -> int:
    """A person at the supplier with level, role and channels (each with answering hours)."""
    name = _text(data.get("name"))
    if not name:
        raise SupplierError("name", "the contact's name is required")
    level = _text(data.get("level")) or ""
    if level not in (*LEVELS, "finance", "other"):
        raise SupplierError("level", f"{level!r}: use one of {', '.join([*LEVELS, 'finance', 'other'])}")
    channels = list(data.get("channels") or [])
    clean: list[dict[str, Any]] = []
    for n, ch in enumerate(channels, 1):
        where = f"channels[{n}]"
        try:
            kind = Channel(str(ch.get("channel") or ""))
        except ValueError as exc:
            raise SupplierError(f"{where}.channel", f"use one of {', '.join(c.value for c in Channel)}") from exc
        address = _text(ch.get("address"))
        if not address:
            raise SupplierError(f"{where}.address", "the address/number/ID is required")
        start, end = _text(ch.get("start")), _text(ch.get("end"))
        tz = _text(ch.get("tz")) or ("Asia/Shanghai" if start else None)
        if start or end:
            try:
                AnswerHours(
                    tz=tz or "Asia/Shanghai",
                    start=time.fromisoformat(start or ""),
                    end=time.fromisoformat(end or ""),
                    calendar=_text(ch.get("calendar")) or "cn",
                    every_day=bool(ch.get("every_day")),
                )
            except ValueError as exc:
                raise SupplierError(f"{where}.hours", str(exc)) from exc
        clean.append(
            {
                "channel": kind.value,
                "address": address,
                "tz": tz if start else None,
                "start": start,
                "end": end,
                "calendar": _text(ch.get("calendar")) or "cn",
                "every_day": bool(ch.get("every_day")),
                "preferred": bool(ch.get("preferred")),
            }
        )
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        first = {c["channel"]: c["address"] for c in reversed(clean)}
        c = Contact(
            workspace_id=ws.id,
            organization_id=org.id,
            name=name,
            name_zh=_text(data.get("name_zh")),
            level=level,
            role=_text(data.get("role")),
            email=first.get("email"),
            phone=first.get("phone"),
            wechat=first.get("wechat"),
            hours=_text(data.get("hours")),
        )
        s.add(c)
        s.flush()
        for ch in clean:
            s.add(SupplierContactChannel(workspace_id=ws.id, contact_id=c.id, **ch))
        led = _Ledger(s, ws, ctx, actor)
        led.append("supplier.contact_added", {"supplier": key, "name": name, "level": level})
        cid = c.id
    led.anchor()
    return cid


def set_protocol(ctx: Context, workspace: str, key: str, protocol: str | None, *, actor: str) -> None:
    update_supplier(ctx, workspace, key, {"protocol": protocol}, actor=actor)


def _level(value: EscalationLevel | int | str | None) -> EscalationLevel | None:
    if value is None or value == "":
        return None
    if isinstance(value, EscalationLevel):
        return value
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return EscalationLevel(int(value))
    lvl = LEVELS.get(str(value).strip().lower())
    if lvl is None:
        raise SupplierError("level", f"{value!r}: use one of {', '.join(LEVELS)}")
    return lvl


def propose_escalation(
    ctx: Context,
    workspace: str,
    supplier_key: str,
    current_level: EscalationLevel | int | str | None,
    at: datetime,
) -> ContactProposal:
    """Whom to contact next, and how, when a case with this supplier escalates at ``at``.

    ``current_level``: the level already contacted (an :class:`EscalationLevel`, its number,
    or ``support_engineer`` … ``general_manager``), ``None`` when nobody was contacted yet.
    """
    if at.tzinfo is None:
        raise ValueError("at: must be timezone-aware")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _org(s, ws, supplier_key)
        matrix, _, _ = _matrix(s, ws, org)
    return next_contact(matrix, _level(current_level), at)


# --------------------------------------------------------------------------- payment safety


@dataclass
class ScanReport:
    scanned: int = 0
    skipped_own: int = 0
    flagged_messages: int = 0
    new_warnings: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


_QUOTE_HEAD = re.compile(
    r"^(?:-{2,}\s*(?:original message|原始邮件|forwarded message)\s*-{2,}"
    r"|on .{5,200} wrote:|在 .{2,100} 写道[:：])\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def strip_quoted(text: str) -> str:
    """The message's own words: quoted lines (``> …``) and the quoted original after an
    "-----Original Message-----" / "On … wrote:" header are left out."""
    m = _QUOTE_HEAD.search(text)
    if m:
        text = text[: m.start()]
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))


@dataclass
class _SupplierFacts:
    org_id: int
    key: str
    name_zh: str | None
    name_en: str | None
    domains: tuple[str, ...]
    verified: BankAccount | None


def _supplier_facts(s: Session, ws: Workspace) -> list[_SupplierFacts]:
    orgs = list(
        s.execute(
            select(Organization).where(Organization.workspace_id == ws.id, Organization.role == "supplier")
        ).scalars()
    )
    accounts = list(
        s.execute(
            select(SupplierBankAccount)
            .where(SupplierBankAccount.workspace_id == ws.id, SupplierBankAccount.verified_on.is_not(None))
            .order_by(SupplierBankAccount.verified_on)
        ).scalars()
    )
    latest: dict[int, SupplierBankAccount] = {}
    for a in accounts:
        latest[a.organization_id] = a
    out = []
    for o in orgs:
        a = latest.get(o.id)
        out.append(
            _SupplierFacts(
                o.id,
                o.key,
                o.name_zh,
                o.name_en,
                tuple(o.email_domains or ()),
                BankAccount(
                    a.beneficiary_name,
                    a.account_number,
                    a.bank_name,
                    a.swift,
                    a.iban,
                    a.currency,
                    a.verified_on,
                    a.verified_by,
                )
                if a
                else None,
            )
        )
    return out


def _host(address: str | None) -> str:
    if not address:
        return ""
    m = re.search(r"<([^>]+)>", address)
    addr = (m.group(1) if m else address).strip().lower()
    return addr.rsplit("@", 1)[1] if "@" in addr else ""


def scan_payment_warnings(
    ctx: Context, workspace: str, *, message_ids: Iterable[int] | None = None, actor: str = "payment-safety"
) -> ScanReport:
    """Assess messages for payment-fraud signs and store the warnings (idempotent).

    Our own mail (buyer→supplier, internal, or sent from the buyer's domains) is not assessed.
    A message is attributed to the supplier whose domain sent it, or whose domain the sender
    imitates; each warning keeps the excerpt and reason. A ledger entry per flagged message.
    """
    report = ScanReport()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        suppliers = _supplier_facts(s, ws)
        all_domains = tuple(d for f in suppliers for d in f.domains)
        own_domains = [
            d
            for ds in s.execute(
                select(Organization.email_domains).where(
                    Organization.workspace_id == ws.id, Organization.role == "buyer"
                )
            ).scalars()
            for d in (ds or [])
        ]
        q = select(Message).where(Message.workspace_id == ws.id, Message.text.is_not(None)).order_by(Message.id)
        if message_ids is not None:
            ids = list(message_ids) or [-1]
            q = q.where(Message.id.in_(ids))
        existing = {
            (m, k, st)
            for m, k, st in s.execute(
                select(PaymentWarningRow.message_id, PaymentWarningRow.kind, PaymentWarningRow.start).where(
                    PaymentWarningRow.workspace_id == ws.id
                )
            )
        }
        led = _Ledger(s, ws, ctx, actor)
        for msg in s.execute(q).scalars():
            host = _host(msg.sender)
            if msg.direction in OWN_DIRECTIONS or (host and domain_matches(f"x@{host}", own_domains)):
                report.skipped_own += 1
                continue
            report.scanned += 1
            facts = None
            if host:
                facts = next((f for f in suppliers if domain_matches(f"x@{host}", f.domains)), None)
                if facts is None:
                    facts = next((f for f in suppliers if f.domains and lookalike_of(host, f.domains)), None)
            text = strip_quoted(f"{msg.subject or ''}\n{msg.text or ''}")
            warnings = assess_payment_message(
                text,
                legal_name_zh=facts.name_zh if facts else None,
                legal_name_en=facts.name_en if facts else None,
                verified_account=facts.verified if facts else None,
                sender=msg.sender,
                supplier_domains=facts.domains if facts else all_domains,
            )
            new = 0
            for w in warnings:
                if (msg.id, w.kind, w.start) in existing:
                    continue
                existing.add((msg.id, w.kind, w.start))
                s.add(
                    PaymentWarningRow(
                        workspace_id=ws.id,
                        message_id=msg.id,
                        organization_id=facts.org_id if facts else None,
                        kind=w.kind,
                        severity=w.severity,
                        excerpt=w.excerpt,
                        reason=w.reason,
                        start=w.start,
                        end=w.end,
                        status="open",
                        created_at=ctx.clock(),
                    )
                )
                new += 1
            if new:
                report.flagged_messages += 1
                report.new_warnings += new
                ev = s.get(EvidenceItem, msg.evidence_id) if msg.evidence_id else None
                led.append(
                    "payment_warning.raised",
                    {
                        "message": msg.id,
                        "evidence": ev.label if ev else None,
                        "supplier": facts.key if facts else None,
                        "kinds": sorted({w.kind for w in warnings}),
                    },
                    subject=ev.sha256 if ev else "",
                )
    led.anchor()
    return report


@dataclass
class WarningView:
    id: int
    message_id: int
    evidence: str | None
    supplier_key: str | None
    supplier_name: str | None
    sender: str | None
    subject: str | None
    sent_at: datetime | None
    kind: str
    severity: str
    excerpt: str
    reason: str
    status: str
    reviewed_by: str | None
    review_note: str | None

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["sent_at"] = self.sent_at.isoformat() if self.sent_at else None
        return d


_SEV = {"high": 0, "medium": 1, "low": 2}


def list_payment_warnings(
    ctx: Context,
    workspace: str,
    *,
    supplier_key: str | None = None,
    status: str | None = None,
    evidence: str | None = None,
) -> list[WarningView]:
    """Warnings, most severe first; filter by supplier, status or the message's evidence number."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        q = (
            select(PaymentWarningRow, Message, Organization, EvidenceItem)
            .join(Message, Message.id == PaymentWarningRow.message_id)
            .outerjoin(Organization, Organization.id == PaymentWarningRow.organization_id)
            .outerjoin(EvidenceItem, EvidenceItem.id == Message.evidence_id)
            .where(PaymentWarningRow.workspace_id == ws.id)
        )
        if supplier_key:
            q = q.where(PaymentWarningRow.organization_id == _org(s, ws, supplier_key).id)
        if status:
            if status not in WARNING_STATUSES:
                raise SupplierError("status", f"use one of {', '.join(WARNING_STATUSES)}")
            q = q.where(PaymentWarningRow.status == status)
        if evidence:
            item = _evidence(s, ws, evidence, "evidence")
            if item is None:  # blank
                raise SupplierError("evidence", "give an evidence number such as E-0042")
            q = q.where(Message.evidence_id == item.id)
        rows = s.execute(q).all()
        out = [
            WarningView(
                w.id,
                m.id,
                ev.label if ev else None,
                o.key if o else None,
                o.name_en if o else None,
                m.sender,
                m.subject,
                m.sent_at,
                w.kind,
                w.severity,
                w.excerpt,
                w.reason,
                w.status,
                w.reviewed_by,
                w.review_note,
            )
            for w, m, o, ev in rows
        ]
    out.sort(
        key=lambda v: (
            WARNING_STATUSES.index(v.status) if v.status in WARNING_STATUSES else 3,
            _SEV.get(v.severity, 3),
            -(v.sent_at.timestamp() if v.sent_at else 0),
            v.id,
        )
    )
    return out


def review_payment_warning(
    ctx: Context,
    workspace: str,
    warning_id: int,
    status: str,
    *,
    actor: str,
    note: str | None = None,
    whole_message: bool = False,
) -> int:
    """Mark a warning confirmed (a real fraud attempt) or dismissed (a false alarm), with a note;
    with ``whole_message`` every warning on the same message. Returns how many were marked."""
    if status not in ("confirmed", "dismissed", "open"):
        raise SupplierError("status", "use confirmed, dismissed or open")
    if status == "dismissed" and not _text(note):
        raise SupplierError("note", "say why this is not a payment risk")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        w = s.get(PaymentWarningRow, warning_id)
        if w is None or w.workspace_id != ws.id:
            raise LookupError(f"payment warning #{warning_id} does not exist in this workspace")
        rows = [w]
        if whole_message:
            rows = list(
                s.execute(
                    select(PaymentWarningRow).where(
                        PaymentWarningRow.workspace_id == ws.id, PaymentWarningRow.message_id == w.message_id
                    )
                ).scalars()
            )
        for r in rows:
            r.status, r.reviewed_by, r.reviewed_at, r.review_note = status, actor, ctx.clock(), _text(note)
        msg = s.get(Message, w.message_id)
        ev = s.get(EvidenceItem, msg.evidence_id) if msg and msg.evidence_id else None
        led = _Ledger(s, ws, ctx, actor)
        led.append(
            "payment_warning.reviewed",
            {
                "warnings": sorted(r.id for r in rows),
                "kinds": sorted({r.kind for r in rows}),
                "status": status,
                "note": _text(note),
                "evidence": ev.label if ev else None,
            },
            subject=ev.sha256 if ev else "",
        )
        n = len(rows)
    led.anchor()
    return n


# --------------------------------------------------------------------------- reviews


def set_review_schedule(
    ctx: Context, workspace: str, key: str, frequency: str, first_due: date | str, *, grace_days: int = 14, actor: str
) -> None:
    try:
        freq = ReviewFrequency(frequency)
    except ValueError as exc:
        raise SupplierError("frequency", f"use one of {', '.join(f.value for f in ReviewFrequency)}") from exc
    due = _date(first_due, "first_due")
    if due is None:
        raise SupplierError("first_due", "the first due date is required")
    if not 0 <= int(grace_days) <= 60:
        raise SupplierError("grace_days", "between 0 and 60 days")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        row = s.execute(
            select(SupplierReviewSchedule).where(SupplierReviewSchedule.organization_id == org.id)
        ).scalar_one_or_none()
        if row is None:
            row = SupplierReviewSchedule(
                workspace_id=ws.id, organization_id=org.id, frequency=freq.value, first_due=due
            )
            s.add(row)
        row.frequency, row.first_due, row.grace_days = freq.value, due, int(grace_days)
        led = _Ledger(s, ws, ctx, actor)
        led.append("supplier.review_schedule", {"supplier": key, "frequency": freq.value, "first_due": due.isoformat()})
    led.anchor()


def _td(seconds: Any) -> timedelta | None:
    if seconds is None or seconds == "":
        return None
    return timedelta(seconds=int(seconds))


def figures_to_dict(f: SupportFigures | None) -> dict[str, Any] | None:
    if f is None:
        return None

    def sec(td: timedelta | None) -> int | None:
        return None if td is None else int(td.total_seconds())

    return {
        "requests": f.requests,
        "sla_met": f.sla_met,
        "median_first_response_s": sec(f.median_first_response),
        "p90_first_response_s": sec(f.p90_first_response),
        "first_response_target_s": sec(f.first_response_target),
        "breaches_by_severity": dict(f.breaches_by_severity),
    }


def figures_from_dict(d: Mapping[str, Any] | None) -> SupportFigures | None:
    if not d:
        return None
    return SupportFigures(
        int(d.get("requests") or 0),
        int(d.get("sla_met") or 0),
        _td(d.get("median_first_response_s")),
        _td(d.get("p90_first_response_s")),
        _td(d.get("first_response_target_s")),
        {k: int(v) for k, v in (d.get("breaches_by_severity") or {}).items() if int(v)},
    )


def _sla_module() -> Any | None:
    try:
        return importlib.import_module("disputedesk.services.sla")
    except ImportError:
        return None


#: Request severities (support_requests.severity) → the scorecard's breach severities.
BREACH_SEVERITY = {"critical": "critical", "high": "major", "major": "major"}


def _lower_median(values: Sequence[int]) -> int:
    return sorted(values)[(len(values) - 1) // 2]


def _nearest_rank(values: Sequence[int], q: Decimal) -> int:
    v = sorted(values)
    return v[max(0, math.ceil(q * len(v)) - 1)]


def sla_figures(ctx: Context, workspace: str, key: str, start: date | None, end: date) -> SupportFigures | None:
    """The SLA engine's figures for one supplier and the requests opened in ``[start, end]``.

    Read from ``services/sla.py``'s stored results (``list_requests``: per request its SLA status,
    breached deadlines and first response in business seconds; ``supplier_report``: the
    first-response targets). A request counts when settled (met or breached); "met" means every
    deadline met. Median (lower) and p90 (nearest rank) as the SLA engine computes them.
    ``None`` when the SLA service is not there or has evaluated nothing in the period.
    """
    mod = _sla_module()
    if mod is None:
        return None
    own = getattr(mod, "supplier_figures", None)
    if own is not None:
        result = own(ctx, workspace, key, start, end)
        return result if isinstance(result, SupportFigures) or result is None else figures_from_dict(result)
    try:
        rows = mod.list_requests(ctx, workspace, supplier_key=key, limit=100_000)
        reports = mod.supplier_report(ctx, workspace, key)
    except (AttributeError, TypeError, LookupError):
        return None
    rows = [
        r
        for r in rows
        if r.sla_status in ("met", "breached")
        and (start is None or r.opened_at.date() >= start)
        and r.opened_at.date() <= end
    ]
    if not rows:
        return None
    targets: dict[str, int] = {}
    for rep in reports:
        for pt in getattr(rep, "points", []):
            if pt.target_seconds:
                targets[pt.request] = int(pt.target_seconds)
    frs = [int(r.first_response_seconds) for r in rows if r.first_response_seconds is not None]
    tvals = [targets[r.number] for r in rows if r.number in targets]
    target = min(set(tvals), key=lambda t: (-tvals.count(t), t)) if tvals else None
    breaches: dict[str, int] = {}
    for r in rows:
        if r.breaches:
            sev = BREACH_SEVERITY.get(r.severity, "minor")
            breaches[sev] = breaches.get(sev, 0) + int(r.breaches)
    return SupportFigures(
        requests=len(rows),
        sla_met=sum(1 for r in rows if r.sla_status == "met"),
        median_first_response=timedelta(seconds=_lower_median(frs)) if frs else None,
        p90_first_response=timedelta(seconds=_nearest_rank(frs, Decimal("0.9"))) if frs else None,
        first_response_target=timedelta(seconds=target) if target else None,
        breaches_by_severity=breaches,
    )


def sla_credits(ctx: Context, workspace: str, key: str, start: date | None, end: date) -> list[sc.CreditOwed]:
    """Service credits the SLA engine computed for the supplier (unpaid: DisputeDesk does not
    know of a payment until the cases area records one)."""
    mod = _sla_module()
    if mod is None:
        return []
    own = getattr(mod, "supplier_credits", None)
    if own is not None:
        return list(own(ctx, workspace, key, start, end))
    try:
        reports = mod.supplier_report(ctx, workspace, key)
    except (AttributeError, TypeError, LookupError):
        return []
    from ..domain.money import Money

    out = []
    for rep in reports:
        for c in getattr(rep, "credits", []):
            when = _date(str(c.get("window_start", ""))[:10], "window_start") if c.get("window_start") else None
            amount = c.get("amount") or {}
            if when and ((start and when < start) or when > end):
                continue
            try:
                money = Money.of(amount["amount"], amount["currency"])
            except (KeyError, ValueError, TypeError):
                continue
            if money.amount > 0:
                out.append(sc.CreditOwed(money, False, c.get("explanation")))
    return out


def review_prefill(ctx: Context, workspace: str, key: str, start: date, end: date) -> dict[str, Any]:
    """What the review form starts with: the SLA engine's figures for the period (when the SLA
    service exists) and the number of open disputes."""
    figures = sla_figures(ctx, workspace, key, start, end)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _org(s, ws, key)
        open_cases = sum(1 for c in _cases(s, ws, org, end) if c.status == "open")
    return {
        "period_start": start,
        "period_end": end,
        "figures": figures_to_dict(figures),
        "figures_source": "sla_engine" if figures else None,
        "open_disputes": open_cases,
    }


def add_review(ctx: Context, workspace: str, key: str, data: Mapping[str, Any], *, actor: str) -> int:
    """Record a periodic review. Support figures: the SLA engine's for the period when it can
    give them, else those entered (``figures``), else none."""
    reviewed_on = _date(data.get("reviewed_on"), "reviewed_on") or _today(ctx)
    start = _date(data.get("period_start"), "period_start")
    end = _date(data.get("period_end"), "period_end")
    if start is None or end is None:
        raise SupplierError("period_start" if start is None else "period_end", "the review period is required")
    if end < start:
        raise SupplierError("period_end", "is before period_start")
    ratings = {}
    for f in ("product_quality", "support_responsiveness", "documentation"):
        try:
            ratings[f] = int(Rating(int(data.get(f) or 0)))
        except (ValueError, TypeError) as exc:
            raise SupplierError(f, "a rating from 1 (very poor) to 5 (very good)") from exc
    reviewer = _text(data.get("reviewer")) or actor
    figures = sla_figures(ctx, workspace, key, start, end)
    source = "sla_engine" if figures else None
    if figures is None and data.get("figures"):
        try:
            figures = figures_from_dict(data["figures"])
        except (ValueError, TypeError) as exc:
            raise SupplierError("figures", str(exc)) from exc
        source = "entered"
    actions = []
    for a in _list(data.get("actions")) if isinstance(data.get("actions"), str) else list(data.get("actions") or []):
        actions.append(
            {"text": a}
            if isinstance(a, str)
            else {"text": str(a.get("text")), **{k: v for k, v in a.items() if k != "text"}}
        )
    try:
        open_disputes = int(data.get("open_disputes") or 0)
    except ValueError as exc:
        raise SupplierError("open_disputes", "a whole number") from exc
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        ev = _evidence(s, ws, data.get("evidence"), "evidence")
        row = SupplierReview(
            workspace_id=ws.id,
            organization_id=org.id,
            reviewed_on=reviewed_on,
            reviewer=reviewer,
            period_start=start,
            period_end=end,
            figures=figures_to_dict(figures),
            figures_source=source,
            open_disputes=open_disputes,
            actions=actions,
            notes=_text(data.get("notes")),
            evidence_id=ev.id if ev else None,
            created_at=ctx.clock(),
            **ratings,
        )
        s.add(row)
        s.flush()
        led = _Ledger(s, ws, ctx, actor)
        led.append(
            "supplier.reviewed",
            {"supplier": key, "reviewed_on": reviewed_on.isoformat(), **ratings, "evidence": ev.label if ev else None},
            subject=ev.sha256 if ev else "",
        )
        rid = row.id
    led.anchor()
    return rid


def _review_record(r: SupplierReview, key: str, labels: Mapping[int, str]) -> ReviewRecord:
    return ReviewRecord(
        key,
        r.reviewed_on,
        r.reviewer,
        r.period_start,
        r.period_end,
        Rating(r.product_quality),
        Rating(r.support_responsiveness),
        Rating(r.documentation),
        figures_from_dict(r.figures),
        r.open_disputes,
        (),
        r.notes,
        (labels[r.evidence_id],) if r.evidence_id in labels else (),
    )


@dataclass
class Reminder:
    supplier_key: str
    supplier_name: str
    due_on: date
    status: str
    days_overdue: int
    last_review: date | None
    missed_before: int


def review_reminders(ctx: Context, workspace: str, today: date | None = None) -> list[Reminder]:
    today = today or _today(ctx)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = {o.id: o for o in s.execute(select(Organization).where(Organization.workspace_id == ws.id)).scalars()}
        schedules = [
            DSchedule(orgs[r.organization_id].key, ReviewFrequency(r.frequency), r.first_due, r.grace_days)
            for r in s.execute(
                select(SupplierReviewSchedule).where(SupplierReviewSchedule.workspace_id == ws.id)
            ).scalars()
        ]
        reviews = [
            _review_record(r, orgs[r.organization_id].key, {})
            for r in s.execute(select(SupplierReview).where(SupplierReview.workspace_id == ws.id)).scalars()
        ]
    names = {o.key: o.name_en for o in orgs.values()}
    return [
        Reminder(
            d.supplier_id,
            names.get(d.supplier_id, d.supplier_id),
            d.due_on,
            d.status,
            d.days_overdue,
            d.last_review,
            d.missed_before,
        )
        for d in due_reviews(schedules, reviews, today)
    ]


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


@dataclass
class _Loaded:
    org: Organization
    dd: list[DueDiligenceEntry]
    reviews: list[SupplierReview]
    labels: dict[int, str]


def _load_for_score(s: Session, orgs: Sequence[Organization]) -> dict[int, _Loaded]:
    ids = [o.id for o in orgs] or [-1]
    dd = list(s.execute(select(DueDiligenceEntry).where(DueDiligenceEntry.organization_id.in_(ids))).scalars())
    reviews = list(
        s.execute(
            select(SupplierReview).where(SupplierReview.organization_id.in_(ids)).order_by(SupplierReview.reviewed_on)
        ).scalars()
    )
    labels = _labels(s, [x.evidence_id for x in [*dd, *reviews]])
    out = {o.id: _Loaded(o, [], [], labels) for o in orgs}
    for e in dd:
        out[e.organization_id].dd.append(e)
    for r in reviews:
        out[r.organization_id].reviews.append(r)
    return out


def _measures(
    ctx: Context, workspace: str, s: Session, ws: Workspace, ld: _Loaded, start: date | None, end: date, period: str
) -> tuple[sc.SupplierMeasures, str]:
    org = ld.org
    figures = sla_figures(ctx, workspace, org.key, start, end)
    source = "SLA engine"
    in_period = [r for r in ld.reviews if (start is None or r.reviewed_on >= start) and r.reviewed_on <= end]
    review = in_period[-1] if in_period else None
    if figures is None:
        # A review's figures describe its own period: they count for "all", and for a quarter
        # only when the review period lies within it.
        with_figs = [
            r for r in ld.reviews if r.figures and r.reviewed_on <= end and (start is None or r.period_start >= start)
        ]
        if with_figs:
            figures = figures_from_dict(with_figs[-1].figures)
            source = f"review of {with_figs[-1].reviewed_on}"
        else:
            source = "none"
    entries = [e for e in ld.dd if (e.done_on or e.recorded_at.date()) <= end]
    gaps: tuple[DDGap, ...] | None = tuple(dd_gaps(_dd_entries(entries, ld.labels), end)) if entries else None
    m = sc.SupplierMeasures(
        supplier_id=org.key,
        name=org.name_en,
        period=period,
        requests=figures.requests if figures else 0,
        sla_met=figures.sla_met if figures else 0,
        median_first_response=figures.median_first_response if figures else None,
        p90_first_response=figures.p90_first_response if figures else None,
        first_response_target=figures.first_response_target if figures else None,
        breaches=dict(figures.breaches_by_severity) if figures else {},
        credits=tuple(sla_credits(ctx, workspace, org.key, start, end)),
        cases=tuple(_cases(s, ws, org, end)),
        dd_gaps=gaps,
        review=_review_record(review, org.key, ld.labels) if review else None,
    )
    return m, source


@dataclass
class CardView:
    key: str
    name: str
    name_zh: str | None
    card: sc.Scorecard
    figures_source: str
    open_warnings: int = 0

    @property
    def measured(self) -> bool:
        """Scored on more than "no cases, no credits owed": SLA figures, checklist or a review."""
        return any(c.counted for c in self.card.components if c.key not in ("cases", "credits"))

    def as_dict(self) -> dict[str, Any]:
        d = self.card.as_dict()
        d.update(
            measured=self.measured,
            key=self.key,
            name_zh=self.name_zh,
            figures_source=self.figures_source,
            open_payment_warnings=self.open_warnings,
        )
        return d


def scorecards(ctx: Context, workspace: str, today: date | None = None) -> list[CardView]:
    """Every supplier's scorecard (all periods up to ``today``), best first."""
    today = today or _today(ctx)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = list(
            s.execute(
                select(Organization).where(Organization.workspace_id == ws.id, Organization.role == "supplier")
            ).scalars()
        )
        loaded = _load_for_score(s, orgs)
        warn_counts: dict[int, int] = {}
        for oid in s.execute(
            select(PaymentWarningRow.organization_id).where(
                PaymentWarningRow.workspace_id == ws.id, PaymentWarningRow.status == "open"
            )
        ).scalars():
            if oid:
                warn_counts[oid] = warn_counts.get(oid, 0) + 1
        views = []
        for o in orgs:
            m, source = _measures(ctx, workspace, s, ws, loaded[o.id], None, today, "all")
            views.append(CardView(o.key, o.name_en, o.name_zh, sc.score_supplier(m), source, warn_counts.get(o.id, 0)))
    # A supplier scored only on "no cases, no credits owed" ranks after every measured one:
    # its 100 says nothing yet.
    order = {c.supplier_id: n for n, c in enumerate(sc.rank_suppliers(v.card for v in views))}
    return sorted(views, key=lambda v: (not v.measured, order[v.key]))


def comparison(cards: Sequence[CardView]) -> list[dict[str, Any]]:
    """Component scores side by side, in the ranking's order (measured suppliers first)."""
    rows = {r["supplier_id"]: r for r in sc.compare_suppliers(c.card for c in cards)}
    out = []
    for n, c in enumerate(cards, 1):
        out.append({**rows[c.key], "rank": n, "measured": c.measured})
    return out


def score_history(
    ctx: Context, workspace: str, key: str, today: date | None = None, quarters: int = 8
) -> list[sc.SeriesPoint]:
    """The supplier's score per quarter (as of each quarter's end), oldest first, for the chart."""
    today = today or _today(ctx)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _org(s, ws, key)
        ld = _load_for_score(s, [org])[org.id]
        first_dates = [r.reviewed_on for r in ld.reviews] + [e.done_on for e in ld.dd if e.done_on]
        first_dates += [
            d
            for d in s.execute(
                select(Case.opened_on).where(Case.workspace_id == ws.id, Case.supplier_id == org.id)
            ).scalars()
        ]
        first_dates += [
            d.date()
            for d in s.execute(
                select(SupportRequest.opened_at).where(
                    SupportRequest.workspace_id == ws.id, SupportRequest.supplier_id == org.id
                )
            ).scalars()
        ]
        if not first_dates:
            return []
        label = sc.quarter_label(max(min(first_dates), today - timedelta(days=92 * (quarters - 1))))
        measures = []
        while True:
            qs, qe = sc.quarter_bounds(label)
            end = min(qe, today)
            m, _ = _measures(ctx, workspace, s, ws, ld, qs, end, label)
            measures.append(m)
            if qe >= today:
                break
            label = sc.quarter_label(qe + timedelta(days=1))
    return sc.score_series(measures).get(key, [])


def record_score_snapshots(ctx: Context, workspace: str, *, actor: str, today: date | None = None) -> int:
    """Store every supplier's current scorecard (score, risk, breakdown) with the time and who asked."""
    cards = scorecards(ctx, workspace, today)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = {
            o.key: o.id for o in s.execute(select(Organization).where(Organization.workspace_id == ws.id)).scalars()
        }
        now = ctx.clock()
        for v in cards:
            s.add(
                SupplierScoreSnapshot(
                    workspace_id=ws.id,
                    organization_id=orgs[v.key],
                    period=v.card.period,
                    computed_at=now,
                    score=v.card.score,
                    risk=v.card.risk,
                    coverage=v.card.coverage,
                    card={**v.as_dict(), "recorded_by": actor},
                )
            )
    return len(cards)


def score_snapshots(ctx: Context, workspace: str, key: str) -> list[SupplierScoreSnapshot]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _org(s, ws, key)
        return list(
            s.execute(
                select(SupplierScoreSnapshot)
                .where(SupplierScoreSnapshot.organization_id == org.id)
                .order_by(SupplierScoreSnapshot.computed_at.desc())
                .limit(20)
            ).scalars()
        )


# --------------------------------------------------------------------------- reading


@dataclass
class SupplierListRow:
    key: str
    name_en: str
    name_zh: str | None
    uscc: str | None
    email_domains: list[str]
    score: Decimal | None
    risk: str
    top_driver: str | None
    red_flags: tuple[str, ...]
    open_warnings: int
    rank: int
    measured: bool = True

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["score"] = None if self.score is None else str(self.score)
        d["red_flags"] = list(self.red_flags)
        return d


def list_suppliers(ctx: Context, workspace: str, today: date | None = None) -> list[SupplierListRow]:
    cards = scorecards(ctx, workspace, today)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = {
            o.key: o
            for o in s.execute(
                select(Organization).where(Organization.workspace_id == ws.id, Organization.role == "supplier")
            ).scalars()
        }
    return [
        SupplierListRow(
            v.key,
            v.name,
            v.name_zh,
            orgs[v.key].uscc,
            list(orgs[v.key].email_domains or []),
            v.card.score,
            v.card.risk,
            v.card.drivers[0] if v.card.drivers else None,
            v.card.red_flags,
            v.open_warnings,
            n,
            v.measured,
        )
        for n, v in enumerate(cards, 1)
    ]


@dataclass
class FactRow:
    field: str
    label: str
    value: Any
    evidence: list[str]
    problems: list[str]


@dataclass
class DDRow:
    item: str
    label: str
    status: str
    on: date | None
    by: str | None
    evidence: str | None
    note: str | None
    history: int


@dataclass
class SupplierPage:
    key: str
    org: Organization
    profile: SupplierProfileRow | None
    facts: list[FactRow]
    problems: list[tuple[str, str]]
    certifications: list[tuple[SupplierCertification, str, str | None]]  # row, status, evidence
    bank_accounts: list[tuple[SupplierBankAccount, str | None]]
    verified_account: SupplierBankAccount | None
    checklist: list[DDRow]
    gaps: list[DDGap]
    contacts: list[ContactView]
    protocol: str | None
    proposal: ContactProposal
    proposal_at: datetime
    warnings: list[WarningView]
    schedule: SupplierReviewSchedule | None
    reminder: Reminder | None
    reviews: list[tuple[SupplierReview, str | None]]
    card: CardView
    history: list[sc.SeriesPoint]
    rank: int
    of: int
    review_defaults: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        o = self.org
        p = self.profile

        def ch(c: DChannel) -> dict[str, Any]:
            return {
                "channel": c.channel.value,
                "address": c.address,
                "hours": c.hours.describe() if c.hours else None,
                "preferred": c.preferred,
            }

        prop = self.proposal
        return {
            "key": self.key,
            "name_en": o.name_en,
            "name_zh": o.name_zh,
            "uscc": o.uscc,
            "address_en": o.address_en,
            "address_zh": o.address_zh,
            "legal_representative": o.legal_representative,
            "registered_capital": None
            if not p or p.registered_capital is None
            else {"amount": str(p.registered_capital), "currency": p.capital_currency},
            "business_scope": p.business_scope if p else None,
            "kind": p.kind if p else "unknown",
            "export_licence": p.export_licence if p else None,
            "websites": list(o.websites or []),
            "email_domains": list(o.email_domains or []),
            "store_links": list(p.store_links or []) if p else [],
            "evidence": {f.field: f.evidence for f in self.facts if f.evidence},
            "problems": [{"field": f, "message": m} for f, m in self.problems],
            "certifications": [
                {
                    "name": c.name,
                    "valid_until": c.valid_until.isoformat() if c.valid_until else None,
                    "status": st,
                    "evidence": ev,
                }
                for c, st, ev in self.certifications
            ],
            "bank_accounts": [
                {
                    "beneficiary_name": a.beneficiary_name,
                    "account_number": a.account_number,
                    "bank_name": a.bank_name,
                    "swift": a.swift,
                    "verified_on": a.verified_on.isoformat() if a.verified_on else None,
                    "verified_by": a.verified_by,
                    "evidence": ev,
                }
                for a, ev in self.bank_accounts
            ],
            "due_diligence": [
                {
                    "item": r.item,
                    "status": r.status,
                    "on": r.on.isoformat() if r.on else None,
                    "by": r.by,
                    "evidence": r.evidence,
                    "note": r.note,
                }
                for r in self.checklist
            ],
            "due_diligence_gaps": [
                {"item": g.item.value, "kind": g.kind, "severity": g.severity, "message": g.message} for g in self.gaps
            ],
            "contacts": [
                {
                    "name": c.name,
                    "name_zh": c.name_zh,
                    "level": c.level,
                    "role": c.role,
                    "legal_representative": c.legal_representative,
                    "channels": [ch(x) for x in c.channels],
                }
                for c in self.contacts
            ],
            "protocol": self.protocol,
            "next_contact": proposal_dict(prop),
            "payment_warnings": [w.as_dict() for w in self.warnings],
            "review_schedule": None
            if not self.schedule
            else {
                "frequency": self.schedule.frequency,
                "first_due": self.schedule.first_due.isoformat(),
                "grace_days": self.schedule.grace_days,
            },
            "review_due": None
            if not self.reminder
            else {
                "due_on": self.reminder.due_on.isoformat(),
                "status": self.reminder.status,
                "days_overdue": self.reminder.days_overdue,
            },
            "reviews": [
                {
                    "reviewed_on": r.reviewed_on.isoformat(),
                    "reviewer": r.reviewer,
                    "period": [r.period_start.isoformat(), r.period_end.isoformat()],
                    "product_quality": r.product_quality,
                    "support_responsiveness": r.support_responsiveness,
                    "documentation": r.documentation,
                    "figures": r.figures,
                    "figures_source": r.figures_source,
                    "open_disputes": r.open_disputes,
                    "actions": r.actions,
                    "notes": r.notes,
                    "evidence": ev,
                }
                for r, ev in self.reviews
            ],
            "scorecard": self.card.as_dict(),
            "rank": self.rank,
            "of": self.of,
            "history": [
                {"period": p.period, "score": None if p.score is None else str(p.score), "risk": p.risk}
                for p in self.history
            ],
        }


def proposal_dict(p: ContactProposal) -> dict[str, Any]:
    return {
        "level": p.level.name.lower() if p.level else None,
        "contact": p.contact.name if p.contact else None,
        "channel": p.channel.channel.value if p.channel else None,
        "address": p.channel.address if p.channel else None,
        "open_now": p.open_now,
        "answer_from": p.answer_from.isoformat() if p.answer_from else None,
        "reason": p.reason,
        "follow_up": p.follow_up,
    }


FACT_LABELS = {
    "legal_name_zh": "Chinese legal name",
    "legal_name_en": "English name",
    "uscc": "USCC",
    "registered_address": "Registered address",
    "legal_representative": "Legal representative",
    "registered_capital": "Registered capital",
    "business_scope": "Business scope",
    "kind": "Factory or trading company",
    "export_licence": "Export licence",
    "websites": "Websites",
    "email_domains": "Email domains",
    "store_links": "Platform store links",
}


def _domain_profile(
    org: Organization, prof: SupplierProfileRow | None, certs: Sequence[SupplierCertification]
) -> DProfile:
    from ..domain.money import Money

    cap = None
    if prof and prof.registered_capital is not None and prof.capital_currency:
        try:
            cap = Money(prof.registered_capital, prof.capital_currency)
        except ValueError:
            cap = None
    kind = SupplierKind(prof.kind) if prof and prof.kind in KINDS else SupplierKind.UNKNOWN
    return DProfile(
        supplier_id=org.key,
        legal_name_zh=org.name_zh or "",
        uscc=org.uscc or "",
        legal_name_en=org.name_en,
        registered_address=org.address_zh or org.address_en,
        legal_representative=org.legal_representative,
        registered_capital=cap,
        business_scope=prof.business_scope if prof else None,
        kind=kind,
        certifications=tuple(Certification(c.name, c.number, c.issuer, c.valid_from, c.valid_until) for c in certs),
        export_licence=prof.export_licence if prof else None,
        websites=tuple(org.websites or ()),
        email_domains=tuple(org.email_domains or ()),
        store_links=tuple(prof.store_links or ()) if prof else (),
    )


def supplier_page(ctx: Context, workspace: str, key: str, *, at: datetime | None = None) -> SupplierPage:
    """Everything the supplier page and ``GET /api/suppliers/{key}`` show."""
    at = at or ctx.clock()
    today = at.date()
    cards = scorecards(ctx, workspace, today)
    card = next((c for c in cards if c.key == key), None)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _org(s, ws, key)
        if card is None:  # pragma: no cover - the org exists, so it was scored
            raise SupplierNotFound(key)
        prof = s.execute(
            select(SupplierProfileRow).where(SupplierProfileRow.organization_id == org.id)
        ).scalar_one_or_none()
        certs = list(
            s.execute(select(SupplierCertification).where(SupplierCertification.organization_id == org.id)).scalars()
        )
        accounts = list(
            s.execute(
                select(SupplierBankAccount)
                .where(SupplierBankAccount.organization_id == org.id)
                .order_by(SupplierBankAccount.id)
            ).scalars()
        )
        facts_ev = list(
            s.execute(select(SupplierFactEvidence).where(SupplierFactEvidence.organization_id == org.id)).scalars()
        )
        dd = list(
            s.execute(
                select(DueDiligenceEntry)
                .where(DueDiligenceEntry.organization_id == org.id)
                .order_by(DueDiligenceEntry.id)
            ).scalars()
        )
        reviews = list(
            s.execute(
                select(SupplierReview)
                .where(SupplierReview.organization_id == org.id)
                .order_by(SupplierReview.reviewed_on.desc())
            ).scalars()
        )
        schedule = s.execute(
            select(SupplierReviewSchedule).where(SupplierReviewSchedule.organization_id == org.id)
        ).scalar_one_or_none()
        labels = _labels(s, [x.evidence_id for x in [*certs, *accounts, *facts_ev, *dd, *reviews]])
        matrix, contacts, _ = _matrix(s, ws, org)
        _ = org.contacts
    dprof = _domain_profile(org, prof, certs)
    problems = dprof.problems(today)
    if not org.uscc:
        problems.insert(0, ("uscc", "no USCC recorded"))
    by_field: dict[str, list[str]] = {}
    for f in facts_ev:
        by_field.setdefault(f.field, []).append(labels[f.evidence_id])
    cap = None
    if prof and prof.registered_capital is not None:
        cap = (prof.registered_capital, prof.capital_currency)
    values = {
        "legal_name_zh": org.name_zh,
        "legal_name_en": org.name_en,
        "uscc": org.uscc,
        "registered_address": " / ".join(x for x in (org.address_zh, org.address_en) if x) or None,
        "legal_representative": org.legal_representative,
        "registered_capital": cap,
        "business_scope": prof.business_scope if prof else None,
        "kind": prof.kind if prof else "unknown",
        "export_licence": prof.export_licence if prof else None,
        "websites": list(org.websites or []),
        "email_domains": list(org.email_domains or []),
        "store_links": list(prof.store_links or []) if prof else [],
    }
    facts = [
        FactRow(f, FACT_LABELS[f], values[f], by_field.get(f, []), [m for pf, m in problems if pf == f])
        for f in FACT_LABELS
    ]
    latest: dict[str, DueDiligenceEntry] = {}
    counts: dict[str, int] = {}
    for e in dd:
        counts[e.item] = counts.get(e.item, 0) + 1
        cur = latest.get(e.item)
        if cur is None or (e.done_on or date.min) >= (cur.done_on or date.min):
            latest[e.item] = e
    checklist = []
    for item in DDItem:
        e = latest.get(item.value)
        checklist.append(
            DDRow(
                item.value,
                DD_LABELS[item],
                e.status if e else "not_started",
                e.done_on if e else None,
                e.done_by if e else None,
                labels.get(e.evidence_id) if e and e.evidence_id else None,
                e.note if e else None,
                counts.get(item.value, 0),
            )
        )
    gaps = dd_gaps(_dd_entries(dd, labels), today)
    verified = [a for a in accounts if a.verified_on]
    reminders = [r for r in review_reminders(ctx, workspace, today) if r.supplier_key == key]
    period_end = today
    period_start = (reviews[0].period_end + timedelta(days=1)) if reviews else today - timedelta(days=90)
    if period_start > period_end:
        period_start = period_end
    return SupplierPage(
        key=key,
        org=org,
        profile=prof,
        facts=facts,
        problems=problems,
        certifications=[
            (
                c,
                Certification(c.name, valid_from=c.valid_from, valid_until=c.valid_until).status(today),
                labels.get(c.evidence_id or 0),
            )
            for c in certs
        ],
        bank_accounts=[(a, labels.get(a.evidence_id or 0)) for a in accounts],
        verified_account=max(verified, key=lambda a: a.verified_on or date.min) if verified else None,
        checklist=checklist,
        gaps=gaps,
        contacts=contacts,
        protocol=prof.protocol if prof else None,
        proposal=next_contact(matrix, None, at),
        proposal_at=at,
        warnings=list_payment_warnings(ctx, workspace, supplier_key=key),
        schedule=schedule,
        reminder=reminders[0] if reminders else None,
        reviews=[(r, labels.get(r.evidence_id or 0)) for r in reviews],
        card=card,
        history=score_history(ctx, workspace, key, today),
        rank=[c.key for c in cards].index(key) + 1,
        of=len(cards),
        review_defaults=review_prefill(ctx, workspace, key, period_start, period_end),
    )


# --------------------------------------------------------------------------- demo


def load_demo_suppliers(
    ctx: Context, workspace: str, spec: Mapping[str, Any], *, actor: str = "demo-loader"
) -> list[str]:
    """What the foundation's demo loader leaves out for suppliers: profile facts, evidence for
    them, bank accounts (verified), the due-diligence checklist, channels with answering hours,
    a review schedule and a review, then a payment-safety scan and a score snapshot.

    Idempotent: a supplier that already has a profile row is left alone (the scan and the
    snapshot run again; the scan adds only new warnings).
    """
    lines: list[str] = []
    by_path: dict[str, str] = {}
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        for n, src in s.execute(
            select(EvidenceItem.number, EvidenceItem.source).where(EvidenceItem.workspace_id == ws.id)
        ):
            if src and src.startswith("demo:"):
                by_path[src.removeprefix("demo:")] = f"E-{n:04d}"
        done = {
            o.key
            for o in s.execute(
                select(Organization)
                .join(SupplierProfileRow, SupplierProfileRow.organization_id == Organization.id)
                .where(Organization.workspace_id == ws.id)
            ).scalars()
        }
        present = set(s.execute(select(Organization.key).where(Organization.workspace_id == ws.id)).scalars())
    contracts = {c.get("supplier"): c for c in spec.get("contracts", [])}
    payments_by_contract = {}
    for od in spec.get("orders", []):
        for p in spec.get("payments", []):
            if p.get("order") == od.get("key"):
                payments_by_contract.setdefault(od.get("contract"), []).append(p)
    for sp in spec.get("suppliers", []):
        key = sp["key"]
        if key not in present or key in done:
            continue
        cap = sp.get("registered_capital") or {}
        update_supplier(
            ctx,
            workspace,
            key,
            {
                "registered_capital": f"{cap['currency']} {cap['amount']}" if cap else None,
                "business_scope": sp.get("business_scope"),
                "kind": sp.get("business_type") or "unknown",
                "established_on": sp.get("established_on"),
                "timezone": sp.get("timezone") or "Asia/Shanghai",
                "calendar": sp.get("calendar") or "cn",
                "protocol": (
                    "Support requests in writing to the service mailbox with the machine serial number; "
                    "escalate after the contractual response time: service manager, then sales, then the "
                    "general manager / legal representative (formal notices by email and courier)."
                ),
            },
            actor=actor,
        )
        reg = sp.get("registry_evidence")
        if reg and reg in by_path:
            for f in ("uscc", "legal_name_zh", "registered_address", "legal_representative", "registered_capital"):
                link_fact_evidence(ctx, workspace, key, f, by_path[reg], actor=actor, note="official registry extract")
        contract = contracts.get(key)
        if contract and contract.get("document") in by_path:
            link_fact_evidence(
                ctx, workspace, key, "legal_name_en", by_path[contract["document"]], actor=actor, note="contract"
            )
        for c in sp.get("certifications", []):
            add_certification(
                ctx,
                workspace,
                key,
                {
                    "name": c["name"],
                    "valid_until": c.get("valid_until"),
                    "evidence": by_path.get(c.get("evidence") or ""),
                },
                actor=actor,
            )
        ba = sp.get("bank_account")
        if ba:
            # Verified when a payment went to it and the supplier confirmed receipt: the first
            # payment's date and proof.
            pays = sorted(payments_by_contract.get((contract or {}).get("key"), []), key=lambda p: p["paid_on"])
            first = pays[0] if pays else None
            add_bank_account(
                ctx,
                workspace,
                key,
                {
                    "beneficiary_name": ba["beneficiary"],
                    "account_number": ba["account"],
                    "bank_name": ba.get("bank"),
                    "swift": ba.get("swift"),
                    "verified_on": first["paid_on"] if first else None,
                    "verified_by": "Lena Hoffmann (accounting)" if first else None,
                    "how_verified": "account in the signed contract; confirmed by phone to the number in the registry"
                    if first
                    else None,
                    "evidence": by_path.get(first.get("document") or "") if first else None,
                },
                actor=actor,
            )
        for d in sp.get("due_diligence", []):
            status = d.get("status")
            if status == "missing":
                continue
            record_due_diligence(
                ctx,
                workspace,
                key,
                {
                    "item": d["item"],
                    "status": status,
                    "on": d.get("date"),
                    "by": d.get("by") or "Jonas Reuter (purchasing)",
                    "evidence": by_path.get(d.get("evidence") or ""),
                },
                actor=actor,
            )
        _demo_channels(ctx, workspace, key, sp)
        lines.append(f"supplier {key}: profile, evidence links, bank account, checklist, channels")
    _demo_reviews(ctx, workspace, spec, actor)
    rep = scan_payment_warnings(ctx, workspace, actor=actor)
    _demo_review_warnings(ctx, workspace, spec, actor)
    record_score_snapshots(ctx, workspace, actor=actor)
    lines.append(f"payment safety: {rep.scanned} message(s) scanned, {rep.new_warnings} new warning(s)")
    return lines


def _demo_channels(ctx: Context, workspace: str, key: str, sp: Mapping[str, Any]) -> None:
    """Explicit channel rows for the demo contacts: email/phone/WeChat with their hours."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _org(s, ws, key)
        contacts = list(s.execute(select(Contact).where(Contact.organization_id == org.id)).scalars())
        if s.execute(
            select(SupplierContactChannel.id).where(
                SupplierContactChannel.contact_id.in_([c.id for c in contacts] or [-1])
            )
        ).first():
            return
        for c in contacts:
            hours = parse_hours(c.hours, sp.get("timezone") or "Asia/Shanghai", sp.get("calendar") or "cn")
            evenings = bool(c.hours and re.search(r"evening", c.hours, re.IGNORECASE))
            for kind, addr in (("email", c.email), ("phone", c.phone), ("wechat", c.wechat)):
                if not addr:
                    continue
                h = hours
                if h is None and evenings and kind in ("wechat", "phone"):
                    h = AnswerHours(
                        tz=sp.get("timezone") or "Asia/Shanghai", start=time(8, 0), end=time(22, 0), every_day=True
                    )
                elif h is None and c.hours:
                    h = AnswerHours(tz=sp.get("timezone") or "Asia/Shanghai", calendar=sp.get("calendar") or "cn")
                s.add(
                    SupplierContactChannel(
                        workspace_id=ws.id,
                        contact_id=c.id,
                        channel=kind,
                        address=addr,
                        tz=h.tz if h else None,
                        start=h.start.strftime("%H:%M") if h else None,
                        end=h.end.strftime("%H:%M") if h else None,
                        calendar=h.calendar if h else "cn",
                        every_day=h.every_day if h else False,
                        preferred=kind == "email",
                    )
                )


#: The demo's periodic reviews (dispute.json has none): ratings as the buyer would give them;
#: support figures are the SLA engine's when services/sla.py exists, else the ones below, which
#: restate the story in docs (README of the demo): Hengtuo answered its two requests within
#: 1.5 business hours and the same day; Ruifeng's three requests missed the 24-hour response.
DEMO_REVIEWS = {
    "ruifeng": {
        "reviewed_on": "2026-10-15",
        "reviewer": "Jonas Reuter (purchasing)",
        "period_start": "2026-01-01",
        "period_end": "2026-09-30",
        "product_quality": 3,
        "support_responsiveness": 1,
        "documentation": 1,
        "figures": {
            "requests": 3,
            "sla_met": 0,
            "median_first_response_s": 5 * 86400,
            "p90_first_response_s": 8 * 86400,
            "first_response_target_s": 86400,
            "breaches_by_severity": {"critical": 1, "high": 1, "normal": 1},
        },
        "actions": [
            "Formal complaint and escalation to the general manager sent; instruct counsel if no cure",
            "No further orders until the English manual and remote support are delivered",
        ],
        "notes": (
            "Support stalled for weeks; paid plan imposed; a bank-change fraud attempt came through a "
            "look-alike domain."
        ),
    },
    "hengtuo": {
        "reviewed_on": "2026-10-15",
        "reviewer": "Jonas Reuter (purchasing)",
        "period_start": "2026-01-01",
        "period_end": "2026-09-30",
        "product_quality": 4,
        "support_responsiveness": 5,
        "documentation": 4,
        "figures": {
            "requests": 2,
            "sla_met": 2,
            "median_first_response_s": 5400,
            "p90_first_response_s": 5400,
            "first_response_target_s": 4 * 3600,
            "breaches_by_severity": {},
        },
        "actions": ["Keep as preferred supplier for press brakes"],
        "notes": "Answers within hours, English manual supplied on request.",
    },
}


def _demo_reviews(ctx: Context, workspace: str, spec: Mapping[str, Any], actor: str) -> None:
    keys = {sp["key"] for sp in spec.get("suppliers", [])}
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        have = {
            o.key
            for o in s.execute(
                select(Organization)
                .join(SupplierReview, SupplierReview.organization_id == Organization.id)
                .where(Organization.workspace_id == ws.id)
            ).scalars()
        }
        present = set(s.execute(select(Organization.key).where(Organization.workspace_id == ws.id)).scalars())
    for key, data in DEMO_REVIEWS.items():
        if key not in keys or key not in present or key in have:
            continue
        set_review_schedule(ctx, workspace, key, "quarterly", "2026-10-15", actor=actor)
        add_review(ctx, workspace, key, {**data, "actions": list(data["actions"])}, actor=actor)


def _demo_review_warnings(ctx: Context, workspace: str, spec: Mapping[str, Any], actor: str) -> None:
    """The demo's bank-change message is a confirmed fraud attempt (the supplier confirmed it
    on 21 May 2026, dispute.json ``expectations``); the supplier's own "we never changed our
    account" reply, which the wording check also flags, is dismissed with that reason."""
    fraud = set((spec.get("expectations") or {}).get("bank_change_requests") or [])
    if not fraud:
        return
    domains = {sp["key"]: tuple(sp.get("email_domains") or ()) for sp in spec.get("suppliers", [])}
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = s.execute(
            select(Message.id, Message.message_id, EvidenceItem.source)
            .join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
            .where(Message.workspace_id == ws.id)
        ).all()
    # The fraud mail itself, and copies of it (forwarded as an attachment: same Message-ID).
    fraud_ids = {mid for _, mid, src in rows if mid and (src or "").removeprefix("demo:") in fraud}
    fraud_msgs = {
        pk for pk, mid, src in rows if (src or "").removeprefix("demo:") in fraud or (mid and mid in fraud_ids)
    }
    done: set[int] = set()
    for w in list_payment_warnings(ctx, workspace, status="open"):
        if w.message_id in done:
            continue
        if w.message_id in fraud_msgs:
            done.add(w.message_id)
            review_payment_warning(
                ctx,
                workspace,
                w.id,
                "confirmed",
                actor=actor,
                note="supplier confirmed by phone and mail: not its account; not paid",
                whole_message=True,
            )
        elif w.kind == "account_change_request" and domain_matches(
            w.sender or "", domains.get(w.supplier_key or "", ())
        ):
            done.add(w.message_id)
            review_payment_warning(
                ctx,
                workspace,
                w.id,
                "dismissed",
                actor=actor,
                note="the supplier's own reply confirming that its account did not change",
                whole_message=True,
            )
