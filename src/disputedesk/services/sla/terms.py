"""Support terms (versioned per contract or supplier): set, draft, confirm, history."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, get_args
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.money import Money
from ...domain.sla import (
    SupportTerms,
)
from ...domain.text import Text, field_error
from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter
from ...store.models import Contract, Organization, Workspace
from ...store.models_sla import SlaTerms
from ..context import Context
from ..records.request_models import Severity
from ..workspaces import get_workspace
from .base import _aware, _contract, _supplier

TERMS_TEMPLATE: dict[str, Any] = {
    "label": "Contract § support terms",
    "severities": {
        "critical": {"first_response": "4h", "update_interval": "8h", "resolution": "3wd"},
        "normal": {"first_response": "8h", "resolution": "10wd"},
    },
    "acknowledgement_counts": False,
    "pause_while_waiting_for_buyer": True,
    "reopen": "resume",
    "respond_to_every_buyer_message": False,
}


# --------------------------------------------------------------------------------------------
# Support terms
# --------------------------------------------------------------------------------------------


@dataclass
class TermsVersion:
    id: int
    scope: str  # contract number, or "supplier <key>"
    contract_number: str | None
    supplier_key: str | None
    version: int
    valid_from: datetime
    status: str
    source: str | None
    terms: dict[str, Any]
    created_at: datetime
    created_by: str
    confirmed_at: datetime | None
    confirmed_by: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "contract": self.contract_number,
            "supplier": self.supplier_key,
            "version": self.version,
            "valid_from": self.valid_from.isoformat(),
            "status": self.status,
            "source": self.source,
            "terms": self.terms,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "confirmed_at": self.confirmed_at.isoformat() if self.confirmed_at else None,
            "confirmed_by": self.confirmed_by,
        }


REQUEST_SEVERITIES = get_args(Severity)  # the severities a support request can have


def normalise_terms(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a terms object (ValueError names the field) and return its canonical form.

    Besides :meth:`SupportTerms.to_dict`'s fields, an optional ``fee`` (``{"amount", "currency"}``,
    the fee per availability window, for service credits) is kept.
    """
    if not isinstance(data, Mapping):
        raise ValueError(field_error("terms", "expected a JSON object"))
    parsed = SupportTerms.from_dict(data)
    for name, sv in parsed.severities.items():  # "0h" would be met or breached the second a request is opened
        if name not in REQUEST_SEVERITIES:  # no request would ever be judged by it, and every other one fails
            where = f"severities.{name}"
            raise ValueError(
                field_error(
                    where,
                    "'%(value)s' is no severity of a support request: use critical, high, normal or low",
                    value=name,
                )
            )
        for field in ("first_response", "update_interval", "resolution", "workaround"):
            target = getattr(sv, field)
            if target is not None and target.amount == 0:
                where = f"severities.{name}.{field}"
                raise ValueError(
                    field_error(
                        where,
                        "a time limit of 0 is no time limit: write the agreed time (e.g. 4h or 3wd) or leave it out",
                    )
                )
    out = parsed.to_dict()
    fee = data.get("fee")
    if fee is not None:
        try:
            m = Money.of(fee["amount"], fee["currency"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"fee: {exc}") from None
        out["fee"] = m.to_json()
    return out


def friendly_terms(canonical: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical terms with fixed durations written as ``"24h"``/``"4h30m"`` and empty fields
    left out: the same terms, easier to read and edit (``normalise_terms`` reads both)."""
    from ...domain.bizcal import Duration

    out = dict(canonical)
    sevs = {}
    for name, sv in (canonical.get("severities") or {}).items():
        entry = {}
        for k, v in sv.items():
            if v is None:
                continue
            if isinstance(v, Mapping) and v.get("unit") == "s":
                v = str(Duration(int(v["amount"]), "s"))
            elif isinstance(v, Mapping) and v.get("unit") in ("wd", "cd") and v.get("days_mode", "hours") == "hours":
                v = f"{int(v['amount'])}{v['unit']}"  # "3wd", as typed (days_mode hours is the default)
            entry[k] = v
        sevs[name] = entry
    out["severities"] = sevs
    return {k: v for k, v in out.items() if v is not None}


def _terms_view(row: SlaTerms, contract_no: str | None, supplier_key: str | None) -> TermsVersion:
    return TermsVersion(
        row.id,
        contract_no or f"supplier {supplier_key}",
        contract_no,
        supplier_key,
        row.version,
        row.valid_from,
        row.status,
        row.source,
        row.terms,
        row.created_at,
        row.created_by,
        row.confirmed_at,
        row.confirmed_by,
    )


def _scope(s: Session, ws: Workspace, contract_number: str | None, supplier_key: str | None):  # type: ignore[no-untyped-def]
    if bool(contract_number) == bool(supplier_key):
        raise ValueError("terms: give either a contract number or a supplier (for the supplier's default terms)")
    if contract_number:
        c = _contract(s, ws, contract_number)
        sup_key = None
        if c.supplier_id:
            sup_key = s.execute(select(Organization.key).where(Organization.id == c.supplier_id)).scalar_one_or_none()
        return f"contract:{c.id}", c.id, c.supplier_id, c.number, sup_key
    org = _supplier(s, ws, supplier_key or "")
    return f"supplier:{org.id}", None, org.id, None, org.key


def set_terms(
    ctx: Context,
    workspace: str,
    terms: Mapping[str, Any],
    *,
    contract_number: str | None = None,
    supplier_key: str | None = None,
    valid_from: datetime | date | None = None,
    status: str = "confirmed",
    source: str | None = None,
    actor: str,
    from_signing: bool = False,
) -> TermsVersion:
    """Add a new version of a contract's (or a supplier's default) support terms.

    ``valid_from`` may be a plain date: the start of that day in the buyer's zone (the supplier's
    where the buyer has none). Without it, a contract's first version (and a draft made from the
    contract, ``from_signing``) starts on the contract's signing day (00:00 in the supplier's zone,
    the day from which its requests may be opened); any other version starts now."""
    if status not in ("draft", "confirmed"):
        raise ValueError(field_error("status", "'%(value)s': expected draft or confirmed", value=status))
    canonical = normalise_terms(terms)
    now = ctx.clock()
    if isinstance(valid_from, datetime):
        _aware(valid_from, "valid_from")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        scope_key, cid, sid, cno, skey = _scope(s, ws, contract_number, supplier_key)
        last = s.execute(
            select(func.max(SlaTerms.version)).where(SlaTerms.workspace_id == ws.id, SlaTerms.scope_key == scope_key)
        ).scalar_one()
        if isinstance(valid_from, date) and not isinstance(valid_from, datetime):
            valid_from = datetime.combine(valid_from, time(0), ZoneInfo(buyer_zone(s, ws, sid)))
        elif valid_from is None:
            signed = _signing_start(s, cid, sid) if (last is None or from_signing) else None
            valid_from = signed or now
        row = SlaTerms(
            workspace_id=ws.id,
            scope_key=scope_key,
            contract_id=cid,
            supplier_id=sid,
            version=(last or 0) + 1,
            valid_from=valid_from,
            status=status,
            source=source,
            terms=canonical,
            created_at=now,
            created_by=actor,
            confirmed_at=now if status == "confirmed" else None,
            confirmed_by=actor if status == "confirmed" else None,
        )
        s.add(row)
        s.flush()
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="sla.terms.set",
            at=now,
            subject=hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest(),
            payload={
                "scope": cno or f"supplier {skey}",
                "version": row.version,
                "valid_from": valid_from.isoformat(),
                "status": status,
                "source": source,
            },
        )
        view = _terms_view(row, cno, skey)
    writer.write_anchor(ctx.blobs)
    return view


def create_draft_terms(
    ctx: Context, workspace: str, contract_number: str, terms_dict: Mapping[str, Any], source: str
) -> TermsVersion:
    """For the contract-clarity check: a *draft* version that a person confirms before it counts."""
    return set_terms(
        ctx,
        workspace,
        terms_dict,
        contract_number=contract_number,
        status="draft",
        source=source,
        actor="contract-clarity",
        from_signing=True,
    )


def _zone_of(s: Session, org_id: int | None) -> str | None:
    if org_id is None:
        return None
    org = s.get(Organization, org_id)
    tz = (org.details or {}).get("timezone") if org is not None else None
    return str(tz) if tz else None


def buyer_zone(s: Session, ws: Workspace, supplier_id: int | None) -> str:
    """The zone a plain date of the terms is read in: the buyer's, else the supplier's, else Asia/Shanghai."""
    buyer = s.execute(
        select(Organization.details).where(Organization.workspace_id == ws.id, Organization.role == "buyer").limit(1)
    ).scalar_one_or_none()
    return str((buyer or {}).get("timezone") or _zone_of(s, supplier_id) or "Asia/Shanghai")


def _signing_start(s: Session, contract_id: int | None, supplier_id: int | None) -> datetime | None:
    """00:00 of the contract's signing day in the supplier's zone (None: no contract, or no signing day).

    A written contract is formed when both parties sign it and takes effect then unless they agreed otherwise
    (Civil Code Arts. 490(1) and 502(1); UNVERIFIED: not yet in the team's legal notes): its support terms speak
    from that day, the day from which its requests may be opened (``records/requests/base._not_before_signing``)."""
    c = s.get(Contract, contract_id) if contract_id is not None else None
    if c is None or c.signed_on is None:
        return None
    return datetime.combine(c.signed_on, time(0), ZoneInfo(_zone_of(s, supplier_id) or "Asia/Shanghai"))


def default_start(ctx: Context, workspace: str, contract_number: str) -> tuple[date | None, str, str, str | None]:
    """For the terms form: the day a new first version starts without a date (the contract's signing day, or
    None), the supplier's zone it is read in, the zone a typed plain date is read in (the buyer's) and the
    contract's supplier (its key, None for a contract without one)."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        _key, cid, sid, _no, supplier = _scope(s, ws, contract_number, None)
        signed = _signing_start(s, cid, sid)
        supplier_tz = _zone_of(s, sid) or "Asia/Shanghai"
        return (signed.date() if signed else None), supplier_tz, buyer_zone(s, ws, sid), supplier


def confirm_terms(
    ctx: Context,
    workspace: str,
    *,
    contract_number: str | None = None,
    supplier_key: str | None = None,
    version: int | None = None,
    actor: str,
) -> TermsVersion:
    """Confirm a draft (the newest draft unless ``version`` is given)."""
    now = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        scope_key, _cid, _sid, cno, skey = _scope(s, ws, contract_number, supplier_key)
        q = select(SlaTerms).where(SlaTerms.workspace_id == ws.id, SlaTerms.scope_key == scope_key)
        q = q.where(SlaTerms.version == version) if version else q.where(SlaTerms.status == "draft")
        row = s.execute(q.order_by(SlaTerms.version.desc()).limit(1)).scalar_one_or_none()
        if row is None:
            what = f"version {version}" if version else "a draft"
            raise LookupError(f"terms of {cno or skey}: {what} does not exist")
        if row.status == "confirmed":
            raise ValueError(f"terms of {cno or skey} version {row.version}: already confirmed")
        row.status, row.confirmed_at, row.confirmed_by = "confirmed", now, actor
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="sla.terms.confirmed",
            at=now,
            payload={"scope": cno or f"supplier {skey}", "version": row.version},
        )
        view = _terms_view(row, cno, skey)
    writer.write_anchor(ctx.blobs)
    return view


def terms_history(
    ctx: Context, workspace: str, *, contract_number: str | None = None, supplier_key: str | None = None
) -> list[TermsVersion]:
    """Every version, newest first."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        scope_key, _cid, _sid, cno, skey = _scope(s, ws, contract_number, supplier_key)
        rows = s.execute(
            select(SlaTerms)
            .where(SlaTerms.workspace_id == ws.id, SlaTerms.scope_key == scope_key)
            .order_by(SlaTerms.version.desc())
        ).scalars()
        return [_terms_view(r, cno, skey) for r in rows]


@dataclass
class TermsScope:
    contract_number: str | None
    supplier_key: str | None
    supplier_name: str | None
    title: str | None
    versions: list[TermsVersion]
    supplier_name_zh: str | None = None  # the registered Chinese name, for Chinese pages


def list_terms(ctx: Context, workspace: str) -> list[TermsScope]:
    """Every contract (and every supplier default that has terms) with its terms versions."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = {o.id: o for o in s.execute(select(Organization).where(Organization.workspace_id == ws.id)).scalars()}
        rows = list(s.execute(select(SlaTerms).where(SlaTerms.workspace_id == ws.id)).scalars())
        by_scope: dict[str, list[SlaTerms]] = defaultdict(list)
        for r in rows:
            by_scope[r.scope_key].append(r)
        out = []
        contracts = s.execute(
            select(Contract)
            .where(Contract.workspace_id == ws.id, Contract.kind == "contract")
            .order_by(Contract.number)
        ).scalars()
        for c in contracts:
            org = orgs.get(c.supplier_id or -1)
            vs = sorted(by_scope.get(f"contract:{c.id}", []), key=lambda r: -r.version)
            out.append(
                TermsScope(
                    c.number,
                    org.key if org else None,
                    org.name_en if org else None,
                    c.title,
                    [_terms_view(r, c.number, org.key if org else None) for r in vs],
                    org.name_zh if org else None,
                )
            )
        for key, vs in sorted(by_scope.items()):
            if key.startswith("supplier:"):
                org = orgs.get(int(key.split(":")[1]))
                vs = sorted(vs, key=lambda r: -r.version)
                out.append(
                    TermsScope(
                        None,
                        org.key if org else None,
                        org.name_en if org else None,
                        None,
                        [_terms_view(r, None, org.key if org else None) for r in vs],
                        org.name_zh if org else None,
                    )
                )
        return out


def terms_in_words(ctx: Context, workspace: str, version: TermsVersion) -> list[tuple[str, list[Text]]]:
    """A terms version's targets as sentences per severity, each in the calendar it counts in (the
    severity's coverage, else the supplier's current calendar): "Answer within 4 business hours (…)"."""
    from ...domain.bizcal import BusinessCalendar
    from ...domain.sla.wording import terms_words
    from .calendars import get_calendar

    spec = get_calendar(ctx, workspace, version.supplier_key).spec if version.supplier_key else {}
    return terms_words(SupportTerms.from_dict(version.terms), BusinessCalendar.from_spec(spec))
