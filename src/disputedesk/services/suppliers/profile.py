"""A supplier's profile: creating and updating it, the CSV import, certifications, bank accounts, and
the evidence for each fact."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.payment_safety import normalise_name
from ...domain.suppliers import (
    DOMAIN_NAME,
    AnswerHours,
    parse_money,
)
from ...domain.text import Quoted, Seq, T
from ...domain.uscc import check_uscc
from ...ingest.supplier_csv import CsvError, parse_supplier_csv
from ...store.db import lock_workspace, unit_of_work
from ...store.models import Organization, Workspace
from ...store.models_suppliers import (
    SupplierBankAccount,
    SupplierCertification,
    SupplierFactEvidence,
    SupplierProfileRow,
)
from ..context import Context
from ..workspaces import get_workspace
from .base import (
    _KEY,
    FACT_FIELDS,
    KINDS,
    SupplierError,
    _date,
    _evidence,
    _Ledger,
    _list,
    _new_key,
    _org,
    _past,
    _profile_row,
    _text,
    one_of,
)

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
    unknown = set(data) - set(PROFILE_FIELDS) - {"key", "csrf_token", "csrftoken"}
    if unknown:
        raise SupplierError(sorted(unknown)[0], "unknown field")
    out: dict[str, Any] = {}
    # A buyer often knows only the English trade name at first: the Chinese legal name and the
    # USCC are optional at creation (one name is required), and a supplier without a valid USCC
    # is a due-diligence gap on its page and scorecard (never "low risk").
    if "name_zh" in data:
        out["name_zh"] = _text(data.get("name_zh"))
    if not partial and not out.get("name_zh") and not _text(data.get("name_en")):
        raise SupplierError("name_en", "give the supplier's name (English trade name or Chinese legal name)")
    if partial and "name_zh" in data and not out["name_zh"]:
        out["name_zh"] = None
    if "uscc" in data:
        raw = _text(data.get("uscc"))
        if raw:
            res = check_uscc(raw)
            if not res.valid:
                raise SupplierError(
                    "uscc",
                    T("'%(code)s' is not a valid USCC: %(why)s", code=raw, why=Seq(p.message for p in res.problems)),
                )
            out["uscc"] = res.code
        else:
            out["uscc"] = None
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
            raise SupplierError("kind", one_of(kind, KINDS))
        out["kind"] = kind
    if "email_domains" in data:
        domains = [d.lower().lstrip("@") for d in _list(data.get("email_domains"))]
        for d in domains:
            if not DOMAIN_NAME.match(d):
                raise SupplierError(
                    "email_domains", "%(value)s is not a domain name (e.g. ruifenglaser.com)", value=Quoted(d)
                )
        out["email_domains"] = domains
    for f in ("websites", "store_links"):
        if f in data:
            urls = _list(data.get(f))
            for u in urls:
                if not re.match(r"^https?://[^\s/]+\.\S+$", u):
                    raise SupplierError(f, "%(value)s is not an http(s) URL", value=Quoted(u))
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
            raise SupplierError(
                "uscc",
                T(
                    "%(uscc)s is already supplier '%(key)s' (%(name)s)",
                    uscc=values["uscc"],
                    key=o.key,
                    name=o.name_zh or o.name_en,
                ),
            )
        if values.get("name_zh") and o.name_zh and normalise_name(o.name_zh) == normalise_name(values["name_zh"]):
            raise SupplierError(
                "name_zh", T("'%(name)s' is already supplier '%(key)s'", name=values["name_zh"], key=o.key)
            )
        if values.get("name_en") and o.name_en and normalise_name(o.name_en) == normalise_name(values["name_en"]):
            raise SupplierError(
                "name_en", T("'%(name)s' is already supplier '%(key)s'", name=values["name_en"], key=o.key)
            )


def _apply(
    org: Organization, prof: SupplierProfileRow, values: Mapping[str, Any], diff: dict[str, Any] | None = None
) -> list[str]:
    """Set the values; returns the fields that changed (and, in ``diff``, field → [old, new])."""
    changed: list[str] = []
    diff = {} if diff is None else diff
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
                diff[f] = {"old": org.name_en, "new": v}
                org.name_en, changed = v, [*changed, f]
        elif f in org_map:
            if getattr(org, org_map[f]) != v:
                diff[f] = {"old": getattr(org, org_map[f]), "new": v}
                setattr(org, org_map[f], v)
                changed.append(f)
        elif f == "registered_capital":
            amount, cur = v
            if (prof.registered_capital, prof.capital_currency) != (amount, cur):
                old = prof.registered_capital
                diff[f] = {
                    "old": None if old is None else f"{old} {prof.capital_currency}",
                    "new": None if amount is None else f"{amount} {cur}",
                }
                prof.registered_capital, prof.capital_currency = amount, cur
                changed.append(f)
        elif getattr(prof, f) != v:
            old = getattr(prof, f)
            diff[f] = {
                "old": old if not isinstance(old, date) else old.isoformat(),
                "new": v if not isinstance(v, date) else v.isoformat(),
            }
            setattr(prof, f, v)
            changed.append(f)
    # The SLA engine's default calendar, the request pages and the views read the supplier's zone
    # and official calendar from the organisation's details: keep them equal to the profile's, so
    # a supplier outside Asia/Shanghai is never counted in Shanghai time.
    for f in ("timezone", "calendar"):
        if f in values and (org.details or {}).get(f) != getattr(prof, f):
            org.details = {**(org.details or {}), f: getattr(prof, f)}
    return changed


def create_supplier(ctx: Context, workspace: str, data: Mapping[str, Any], *, actor: str) -> str:
    """Create a supplier from form/API fields. Returns its key. Refuses an invalid USCC and a
    duplicate (same USCC or the same legal name) with the field named."""
    values = _clean_profile(data, partial=False)
    _past(ctx, values.get("established_on"), "established_on")  # a company founded "in 2031" is a typo
    now = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        _check_duplicate(s, ws, values)
        key = _text(data.get("key"))
        if key:
            if not _KEY.match(key):
                raise SupplierError("key", T("'%(key)s': use lower-case letters, digits and dashes", key=key))
            if s.execute(
                select(Organization.id).where(Organization.workspace_id == ws.id, Organization.key == key)
            ).first():
                raise SupplierError("key", T("'%(key)s' is already used", key=key))
        else:
            key = _new_key(s, ws, values.get("name_en"), values.get("uscc"))
        org = Organization(
            workspace_id=ws.id,
            key=key,
            role="supplier",
            name_en=values.get("name_en") or values.get("name_zh"),
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
        led.append(
            "supplier.created",
            {"supplier": key, "uscc": values.get("uscc"), "name_zh": values.get("name_zh"), "name_en": org.name_en},
        )
    led.anchor()
    if values.get("email_domains"):
        _mail_is_theirs(ctx, workspace)
    return key


def _mail_is_theirs(ctx: Context, workspace: str) -> None:
    """Mail already imported from the supplier's domains becomes its mail (direction, search by
    supplier), as if the supplier had been recorded before the import."""
    from ..mail import refresh_directions  # the mail service reads the parties this module writes

    refresh_directions(ctx, workspace)


def update_supplier(ctx: Context, workspace: str, key: str, data: Mapping[str, Any], *, actor: str) -> list[str]:
    """Change profile fields (only those given). Returns the names of the fields that changed."""
    values = _clean_profile(data, partial=True)
    _past(ctx, values.get("established_on"), "established_on")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        _check_duplicate(s, ws, values, exclude_id=org.id)
        prof = _profile_row(s, ws, org, ctx.clock())
        diff: dict[str, Any] = {}
        changed = _apply(org, prof, values, diff)
        if changed:
            prof.updated_at = ctx.clock()
            led = _Ledger(s, ws, ctx, actor)
            led.append("supplier.updated", {"supplier": key, "fields": changed, "changes": diff})
        else:
            led = None
    if led:
        led.anchor()
    if "email_domains" in changed:
        _mail_is_theirs(ctx, workspace)
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
    if any(p.email_domains for p in parsed.rows):
        _mail_is_theirs(ctx, workspace)
    return CsvResult(True, parsed.encoding, created, [], list(parsed.warnings))


def link_fact_evidence(
    ctx: Context, workspace: str, key: str, fact: str, evidence: str, *, actor: str, note: str | None = None
) -> str:
    """Back one profile fact with an evidence item (e.g. ``uscc`` ← the registry screenshot)."""
    if fact not in FACT_FIELDS:
        raise SupplierError("field", one_of(fact, FACT_FIELDS))
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
        raise SupplierError("account_number", T("an account number (or IBAN) of at least 6 characters is required"))
    swift = _text(data.get("swift"))
    if swift:
        from stdnum import bic

        if not bic.is_valid(swift):
            raise SupplierError("swift", T("'%(code)s' is not a valid SWIFT/BIC code", code=swift))
        swift = bic.compact(swift)
    iban = _text(data.get("iban"))
    if iban:
        from stdnum import iban as iban_mod

        if not iban_mod.is_valid(iban):
            raise SupplierError("iban", T("'%(iban)s' is not a valid IBAN", iban=iban))
        iban = iban_mod.compact(iban)
    verified_on = _past(ctx, _date(data.get("verified_on"), "verified_on"), "verified_on")
    verified_by = _text(data.get("verified_by"))
    if verified_on and not verified_by:
        raise SupplierError("verified_by", T("say who verified the account (and how)"))
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
