"""SLA use cases: support terms and supplier calendars (versioned), request events, evaluation of
every support request from its stored messages, stored results, per-supplier reports.

The rules are in the domain (``domain/bizcal.py``, ``domain/sla.py``, docs/sla.md); this module
turns database rows into the domain's inputs and stores what comes out.

* **Terms** belong to a contract (``contract:<id>``) or, as a default, to a supplier
  (``supplier:<id>``). Each change adds a version with its ``valid_from``; old versions stay.
  Only *confirmed* versions are used; *drafts* (e.g. from the contract-clarity check, via
  :func:`create_draft_terms`) wait for a person to confirm them. A request is judged under the
  version valid when it was opened; a later version that becomes valid while it runs is a
  "terms changed" event (the domain keeps accrued pauses and settled deadlines).
* **Calendars** are per supplier and versioned too; the newest version is the supplier's
  calendar, and each result stores the calendar version it was computed with.
* **Messages** come from the ``messages`` table (``support_request_id``): direction
  ``buyer->supplier`` is the buyer, ``supplier->buyer`` the supplier (``buyer``/``supplier``,
  ``out``/``in`` are accepted too); other directions (internal, other) are not part of the SLA.
  ``flags["auto_reply"]`` (any true value) marks an automatic reply, which never counts.
  ``flags["acknowledgement"]`` (true/false), if present, is a person's decision; otherwise the
  **bare-acknowledgement rule** below decides, and the result is flagged in the timeline.
* A buyer's message after the request was resolved (and not reopened since) does not start a
  response clock ("thank you, it works").
* **Evaluation** is deterministic: the same messages, events, terms and calendar version with
  the same ``as_of`` give the same stored result (and the same fingerprint). A re-run reports
  every request whose deadlines changed, and whether the calendar or terms version differs.

Bare-acknowledgement rule (documented in docs/sla.md's spirit, decided here because it reads
message text): a supplier message is a *bare acknowledgement* when its own text (the text before
the quoted earlier message, e.g. ``------ 原始邮件 ------``, ``-----Original Message-----``,
``On … wrote:``, ``发件人:`` or lines starting with ``>``) is at most 300 characters, contains
an acknowledgement phrase (received / noted / will check / will get back / 收到 / 已收到 /
收悉 / 会检查 / 会尽快 / 正在核查 …), and contains neither a question nor a request for
something (``?``, ``？``, please send/provide, pls, 请提供, 请发送) nor an attachment.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, Text, and_, bindparam, func, insert, select, type_coerce, update
from sqlalchemy.orm import Session

from ..domain.bizcal import BusinessCalendar, Closure, format_seconds, to_epoch
from ..domain.money import Money
from ..domain.sla import (
    Direction,
    Event,
    EventKind,
    Interval,
    Message,
    SupportRequest,
    SupportTerms,
    availability,
    evaluate,
    month_windows,
    service_credit,
    supplier_stats,
)
from ..store.db import lock_workspace, unit_of_work
from ..store.ledger import LedgerWriter
from ..store.models import Contract, EvidenceItem, Organization, Workspace
from ..store.models import Message as MessageRow
from ..store.models import SupportRequest as RequestRow
from ..store.models_sla import SlaCalendar, SlaEvent, SlaResult, SlaRun, SlaTerms
from .context import Context
from .workspaces import get_workspace

EVENT_KINDS = (
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
)
_DOMAIN_EVENT = {k.value: k for k in EventKind if k != EventKind.TERMS_CHANGED}
BUYER_DIRECTIONS = {"buyer->supplier", "buyer", "out", "outbound"}
SUPPLIER_DIRECTIONS = {"supplier->buyer", "supplier", "in", "inbound"}
_SIDES = {**{d: "buyer" for d in BUYER_DIRECTIONS}, **{d: "supplier" for d in SUPPLIER_DIRECTIONS}}

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
# Bare acknowledgements
# --------------------------------------------------------------------------------------------

ACK_MAX_CHARS = 300
_QUOTE_MARKERS = re.compile(
    r"^\s*(?:>|-{2,}\s*(?:原始邮件|Original Message|Forwarded message)|-{5,}|On .{1,200} wrote:|"
    r"在.{1,200}写道[:：]|发件人[:：]|From:\s|Von:\s|Am .{1,200} schrieb)",
    re.IGNORECASE | re.MULTILINE,
)
_ACK_PHRASES = re.compile(
    r"received|noted|acknowledg|well taken|will (?:check|look|revert|get back|reply|follow|investigate|confirm)|"
    r"checking|looking into|收到|收悉|已阅|知悉|会检查|会查|尽快|正在(?:核查|检查|查看|处理)|跟进|回复您",
    re.IGNORECASE,
)
_NOT_BARE = re.compile(
    r"[?？]|please (?:send|provide|check|try|confirm)|\bpls\b|请(?:提供|发送|确认|检查)", re.IGNORECASE
)


def own_text(text: str | None) -> str:
    """The message's own words: everything before the quoted earlier message."""
    if not text:
        return ""
    m = _QUOTE_MARKERS.search(text)
    return (text[: m.start()] if m else text).strip()


def is_bare_acknowledgement(text: str | None, *, has_attachments: bool = False) -> bool:
    """The documented rule (module docstring): short, an acknowledgement phrase, no question or
    request, no attachment."""
    if has_attachments or not text or not _ACK_PHRASES.search(text, 0, TEXT_HEAD):
        return False  # no acknowledgement phrase at all (the cheap test first)
    own = own_text(text)
    compact = " ".join(own.split())
    if not compact or len(compact) > ACK_MAX_CHARS:
        return False
    return bool(_ACK_PHRASES.search(compact)) and not _NOT_BARE.search(compact)


def _truthy(v: Any) -> bool:
    return bool(v) and v not in ("0", "false", "no")


def side_of(direction: str | None) -> str | None:
    d = (direction or "").lower()
    if d in BUYER_DIRECTIONS:
        return "buyer"
    if d in SUPPLIER_DIRECTIONS:
        return "supplier"
    return None


def sender_side(sender: str | None, buyer_domains: Iterable[str], supplier_domains: Iterable[str]) -> str | None:
    """Fallback when a message's direction is unknown ("other"): the sender's mail domain."""
    m = re.search(r"@([A-Za-z0-9.-]+)", sender or "")
    if not m:
        return None
    dom = m.group(1).lower().rstrip(".>")

    def match(domains: Iterable[str]) -> bool:
        return any(dom == d.lower().lstrip("@") or dom.endswith("." + d.lower().lstrip("@")) for d in domains if d)

    if match(supplier_domains):
        return "supplier"
    if match(buyer_domains):
        return "buyer"
    return None


def classify_message(
    direction: str | None, flags: Mapping[str, Any] | None, text: str | None, fallback_side: str | None = None
) -> dict[str, Any]:
    """How the SLA sees one stored message: side, auto-reply, acknowledgement and why.

    ``fallback_side`` (from the sender's domain) is used only when the direction is unknown
    (``other`` or empty); ``internal`` messages never count."""
    flags = flags or {}
    side = side_of(direction)
    if side is None and (direction or "other") == "other":
        side = fallback_side
    auto = _truthy(flags.get("auto_reply")) or _truthy(flags.get("is_auto_reply"))
    ack = False
    ack_by = None
    if side == "supplier" and not auto:
        if "acknowledgement" in flags:
            ack, ack_by = _truthy(flags.get("acknowledgement")), "person"
        else:
            ack = is_bare_acknowledgement(text, has_attachments=bool(flags.get("attachments")))
            ack_by = "rule" if ack else None
    return {"side": side, "auto_reply": auto, "acknowledgement": ack, "acknowledgement_by": ack_by}


# --------------------------------------------------------------------------------------------
# Lookups
# --------------------------------------------------------------------------------------------


def _supplier(s: Session, ws: Workspace, key: str) -> Organization:
    org = s.execute(
        select(Organization).where(
            Organization.workspace_id == ws.id, Organization.key == key, Organization.role == "supplier"
        )
    ).scalar_one_or_none()
    if org is None:
        raise LookupError(f"supplier {key!r} does not exist in workspace {ws.slug!r}")
    return org


def _contract(s: Session, ws: Workspace, number: str) -> Contract:
    c = s.execute(
        select(Contract).where(Contract.workspace_id == ws.id, Contract.number == number).order_by(Contract.id).limit(1)
    ).scalar_one_or_none()
    if c is None:
        raise LookupError(f"contract {number!r} does not exist in workspace {ws.slug!r}")
    return c


def _request(s: Session, ws: Workspace, number: str) -> RequestRow:
    r = s.execute(
        select(RequestRow).where(RequestRow.workspace_id == ws.id, RequestRow.number == number)
    ).scalar_one_or_none()
    if r is None:
        raise LookupError(f"support request {number!r} does not exist in workspace {ws.slug!r}")
    return r


def _aware(dt: datetime | None, what: str) -> datetime | None:
    if dt is None:
        return None
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{what}: {dt.isoformat()} has no UTC offset")
    return dt


def parse_time(value: str | datetime | None, what: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _aware(value, what)
    try:
        dt = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{what}: {value!r} is not an ISO 8601 time such as 2026-03-27T16:40+01:00") from None
    return _aware(dt, what)


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


def normalise_terms(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a terms object (ValueError names the field) and return its canonical form.

    Besides :meth:`SupportTerms.to_dict`'s fields, an optional ``fee`` (``{"amount", "currency"}``,
    the fee per availability window, for service credits) is kept.
    """
    if not isinstance(data, Mapping):
        raise ValueError("terms: expected a JSON object")
    out = SupportTerms.from_dict(data).to_dict()
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
    from ..domain.bizcal import Duration

    out = dict(canonical)
    sevs = {}
    for name, sv in (canonical.get("severities") or {}).items():
        entry = {}
        for k, v in sv.items():
            if v is None:
                continue
            if isinstance(v, Mapping) and v.get("unit") == "s":
                v = str(Duration(int(v["amount"]), "s"))
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
    valid_from: datetime | None = None,
    status: str = "confirmed",
    source: str | None = None,
    actor: str,
) -> TermsVersion:
    """Add a new version of a contract's (or a supplier's default) support terms."""
    if status not in ("draft", "confirmed"):
        raise ValueError(f"status {status!r}: expected draft or confirmed")
    canonical = normalise_terms(terms)
    now = ctx.clock()
    valid_from = _aware(valid_from, "valid_from") or now
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        scope_key, cid, sid, cno, skey = _scope(s, ws, contract_number, supplier_key)
        last = s.execute(
            select(func.max(SlaTerms.version)).where(SlaTerms.workspace_id == ws.id, SlaTerms.scope_key == scope_key)
        ).scalar_one()
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
    )


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
                    )
                )
        return out


# --------------------------------------------------------------------------------------------
# Supplier calendars
# --------------------------------------------------------------------------------------------


@dataclass
class CalendarVersion:
    supplier_key: str
    version: int  # 0: the default (nothing stored yet)
    valid_from: datetime | None
    spec: dict[str, Any]
    calendar_version: str
    description: str
    note: str | None
    created_by: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier_key,
            "version": self.version,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "spec": self.spec,
            "calendar_version": self.calendar_version,
            "description": self.description,
            "note": self.note,
            "created_by": self.created_by,
        }


def default_calendar_spec(org: Organization) -> dict[str, Any]:
    """A supplier without a stored calendar: its recorded zone and official calendar, Mon-Fri
    09:00-12:00, 13:00-18:00."""
    details = org.details or {}
    tz = details.get("timezone") or "Asia/Shanghai"
    official = details.get("calendar") or ((org.country or "cn").lower() if org.country else "cn")
    return BusinessCalendar(tz=tz, official=official).spec()


def _calendar_rows(s: Session, ws: Workspace) -> dict[int, SlaCalendar]:
    """The newest calendar version of every supplier that has one."""
    latest = (
        select(SlaCalendar.supplier_id, func.max(SlaCalendar.version).label("v"))
        .where(SlaCalendar.workspace_id == ws.id)
        .group_by(SlaCalendar.supplier_id)
        .subquery()
    )
    rows = s.execute(
        select(SlaCalendar).join(
            latest, and_(SlaCalendar.supplier_id == latest.c.supplier_id, SlaCalendar.version == latest.c.v)
        )
    ).scalars()
    return {r.supplier_id: r for r in rows if r.workspace_id == ws.id}


def _check_evidence_refs(s: Session, ws: Workspace, spec: Mapping[str, Any]) -> None:
    refs = [c.get("evidence_ref") for c in spec.get("closures", ())] + [
        o.get("evidence_ref") for o in spec.get("overrides", ())
    ]
    for ref in refs:
        if not ref:
            continue
        m = re.fullmatch(r"E-(\d{1,9})", str(ref))
        if not m:
            raise ValueError(f"evidence_ref {ref!r}: expected an evidence number such as E-0042")
        found = s.execute(
            select(EvidenceItem.id).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number == int(m.group(1)))
        ).first()
        if found is None:
            raise LookupError(f"evidence_ref {ref}: no such evidence item in workspace {ws.slug!r}")


def set_calendar(
    ctx: Context, workspace: str, supplier_key: str, spec: Mapping[str, Any], *, note: str | None = None, actor: str
) -> CalendarVersion:
    """Store a new version of a supplier's calendar (``BusinessCalendar.spec()`` format)."""
    if not isinstance(spec, Mapping):
        raise ValueError("calendar: expected a JSON object")
    cal = BusinessCalendar.from_spec(spec)
    canonical = cal.spec()
    now = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _supplier(s, ws, supplier_key)
        _check_evidence_refs(s, ws, canonical)
        last = s.execute(
            select(func.max(SlaCalendar.version)).where(
                SlaCalendar.workspace_id == ws.id, SlaCalendar.supplier_id == org.id
            )
        ).scalar_one()
        row = SlaCalendar(
            workspace_id=ws.id,
            supplier_id=org.id,
            version=(last or 0) + 1,
            valid_from=now,
            spec=canonical,
            calendar_version=cal.version,
            note=note,
            created_at=now,
            created_by=actor,
        )
        s.add(row)
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="sla.calendar.set",
            at=now,
            subject=hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest(),
            payload={"supplier": org.key, "version": row.version, "calendar_version": cal.version, "note": note},
        )
        view = CalendarVersion(org.key, row.version, now, canonical, cal.version, cal.describe(), note, actor)
    writer.write_anchor(ctx.blobs)
    return view


def add_closure(
    ctx: Context,
    workspace: str,
    supplier_key: str,
    start: date,
    end: date,
    label: str,
    evidence_ref: str | None = None,
    *,
    actor: str,
) -> CalendarVersion:
    """A new calendar version with one more supplier closure (linked to its evidence)."""
    Closure(start, end, label, evidence_ref)  # validates the dates
    spec = dict(get_calendar(ctx, workspace, supplier_key).spec)
    spec["closures"] = [
        *spec.get("closures", []),
        {"start": start.isoformat(), "end": end.isoformat(), "label": label, "evidence_ref": evidence_ref},
    ]
    return set_calendar(ctx, workspace, supplier_key, spec, note=f"closure {start}..{end}: {label}", actor=actor)


def get_calendar(ctx: Context, workspace: str, supplier_key: str) -> CalendarVersion:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _supplier(s, ws, supplier_key)
        row = _calendar_rows(s, ws).get(org.id)
        if row is None:
            spec = default_calendar_spec(org)
            cal = BusinessCalendar.from_spec(spec)
            return CalendarVersion(org.key, 0, None, spec, cal.version, cal.describe(), None, None)
        cal = BusinessCalendar.from_spec(row.spec)
        return CalendarVersion(
            org.key,
            row.version,
            row.valid_from,
            row.spec,
            row.calendar_version,
            cal.describe(),
            row.note,
            row.created_by,
        )


def calendar_history(ctx: Context, workspace: str, supplier_key: str) -> list[CalendarVersion]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _supplier(s, ws, supplier_key)
        rows = s.execute(
            select(SlaCalendar)
            .where(SlaCalendar.workspace_id == ws.id, SlaCalendar.supplier_id == org.id)
            .order_by(SlaCalendar.version.desc())
        ).scalars()
        return [
            CalendarVersion(org.key, r.version, r.valid_from, r.spec, r.calendar_version, "", r.note, r.created_by)
            for r in rows
        ]


# --------------------------------------------------------------------------------------------
# Request events
# --------------------------------------------------------------------------------------------


def add_event(
    ctx: Context,
    workspace: str,
    request_number: str,
    kind: str,
    at: datetime,
    *,
    ref: str | None = None,
    note: str | None = None,
    actor: str,
) -> None:
    """Record a dated event of a request (pause while waiting for the buyer, resolved, …)."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"kind {kind!r}: expected one of {', '.join(EVENT_KINDS)}")
    _aware(at, "at")
    now = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        req = _request(s, ws, request_number)
        s.add(
            SlaEvent(
                workspace_id=ws.id,
                support_request_id=req.id,
                at=at,
                kind=kind,
                ref=ref,
                note=note,
                created_at=now,
                created_by=actor,
            )
        )
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="sla.event.added",
            at=now,
            payload={"request": req.number, "kind": kind, "at": at.isoformat(), "ref": ref},
        )
    writer.write_anchor(ctx.blobs)


# --------------------------------------------------------------------------------------------
# Building the domain input
# --------------------------------------------------------------------------------------------


@dataclass
class SupplierSetup:
    """What evaluation needs per supplier: its calendar and its terms over time."""

    supplier_id: int
    key: str
    name: str
    calendar: BusinessCalendar
    calendar_row_version: int
    terms: list[tuple[int, SupportTerms, int, dict[str, Any]]]  # (valid_from epoch, terms, terms id, raw)
    domains: tuple[str, ...] = ()
    buyer_domains: tuple[str, ...] = ()

    def side_of_sender(self, sender: str | None) -> str | None:
        return sender_side(sender, self.buyer_domains, self.domains)

    def terms_for(self, opened_e: int, as_of_e: int) -> tuple[SupportTerms, int, list[Event]] | None:
        if not self.terms:
            return None
        first = self.terms[0]
        for t in self.terms:
            if t[0] <= opened_e:
                first = t
        changes = [
            Event(datetime.fromtimestamp(t[0], UTC), EventKind.TERMS_CHANGED, terms=t[1], ref=f"terms v{t[2]}")
            for t in self.terms
            if opened_e < t[0] <= as_of_e and t is not first
        ]
        return first[1], first[2], changes


def _load_setup(s: Session, ws: Workspace) -> tuple[dict[int, SupplierSetup], str | None]:
    orgs = list(s.execute(select(Organization).where(Organization.workspace_id == ws.id)).scalars())
    buyer_tz = next(((o.details or {}).get("timezone") for o in orgs if o.role == "buyer"), None)
    buyer_domains = tuple(d for o in orgs if o.role == "buyer" for d in (o.email_domains or []))
    cal_rows = _calendar_rows(s, ws)
    calendars: dict[str, BusinessCalendar] = {}
    contracts = list(
        s.execute(select(Contract).where(Contract.workspace_id == ws.id, Contract.kind == "contract")).scalars()
    )
    terms_rows = list(
        s.execute(select(SlaTerms).where(SlaTerms.workspace_id == ws.id, SlaTerms.status == "confirmed")).scalars()
    )
    by_scope: dict[str, list[SlaTerms]] = defaultdict(list)
    for r in terms_rows:
        by_scope[r.scope_key].append(r)
    out = {}
    for o in orgs:
        if o.role != "supplier":
            continue
        row = cal_rows.get(o.id)
        spec = row.spec if row else default_calendar_spec(o)
        key = json.dumps(spec, sort_keys=True)
        cal = calendars.get(key)
        if cal is None:  # suppliers with the same calendar share one (and its day cache)
            cal = calendars[key] = BusinessCalendar.from_spec(spec)
        # The supplier's contract terms: the most recently signed contract with confirmed terms;
        # else the supplier's default terms.
        chosen: list[SlaTerms] = []
        for c in sorted(
            (c for c in contracts if c.supplier_id == o.id),
            key=lambda c: (c.signed_on or date.min, c.id),
            reverse=True,
        ):
            if by_scope.get(f"contract:{c.id}"):
                chosen = by_scope[f"contract:{c.id}"]
                break
        if not chosen:
            chosen = by_scope.get(f"supplier:{o.id}", [])
        tl = sorted(
            ((to_epoch(r.valid_from), SupportTerms.from_dict(r.terms), r.id, r.terms) for r in chosen),
            key=lambda t: (t[0], t[2]),
        )
        out[o.id] = SupplierSetup(
            o.id, o.key, o.name_en, cal, row.version if row else 0, tl, tuple(o.email_domains or []), buyer_domains
        )
    return out, buyer_tz


@dataclass
class RequestInput:
    id: int
    number: str
    supplier_id: int | None
    severity: str
    opened_at: datetime
    status: str
    closed_at: datetime | None
    messages: list[tuple[int, str | None, str | None, datetime | None, dict[str, Any], str | None, str | None]] = field(
        default_factory=list
    )  # (message id, sender, direction, sent_at, flags, text head, ref)
    events: list[tuple[str, datetime, str | None]] = field(default_factory=list)  # (kind, at, ref)


def build_request(
    r: RequestInput, setup: SupplierSetup, as_of_e: int, buyer_tz: str | None
) -> tuple[SupportRequest, SupportTerms, int] | None:
    """The domain input for one request; None when the supplier has no confirmed terms."""
    opened_e = to_epoch(r.opened_at)
    chosen = setup.terms_for(opened_e, as_of_e)
    if chosen is None:
        return None
    terms, terms_id, changes = chosen
    msgs = []
    buyer, supplier = Direction.BUYER, Direction.SUPPLIER
    for _mid, sender, direction, sent_at, flags, text, ref in r.messages:
        if sent_at is None:
            continue
        side = _SIDES.get(direction or "other")
        if side is None:  # unknown direction: the sender's domain; internal: never
            if (direction or "other") != "other":
                continue
            side = setup.side_of_sender(sender)
            if side is None:
                continue
        if side == "buyer":  # the fast path of classify_message for the buyer's messages
            msgs.append(Message(sent_at, buyer, False, False, ref))
            continue
        c = classify_message("supplier", flags, text)
        msgs.append(Message(sent_at, supplier, c["auto_reply"], c["acknowledgement"], ref))
    events = list(changes)
    kinds = set()
    for kind, at, ref in r.events:
        dk = _DOMAIN_EVENT.get(kind)
        if dk is not None:
            events.append(Event(at, dk, ref=ref))
            kinds.add(kind)
    if "resolved" not in kinds and r.status in ("resolved", "closed") and r.closed_at is not None:
        events.append(Event(r.closed_at, EventKind.RESOLVED, ref="request closed"))
    # A buyer's message after the request was resolved (and not reopened since), such as "thank
    # you, it works", asks for nothing: it does not start a response clock.
    closed = None
    for e in sorted(events, key=lambda e: e.at):
        if e.kind == EventKind.RESOLVED:
            closed = e.at
        elif e.kind == EventKind.REOPENED:
            closed = None
    if closed is not None:
        msgs = [m for m in msgs if not (m.direction == Direction.BUYER and m.sent_at >= closed)]
    req = SupportRequest(r.number, setup.key, r.severity, tuple(msgs), tuple(events), r.opened_at, buyer_tz)
    return req, terms, terms_id


def compact(evaluation: Any) -> list[dict[str, Any]]:
    return [
        {
            "kind": d.kind,
            "seq": d.seq,
            "start": to_epoch(d.clock_start),
            "deadline": d.deadline_epoch,
            "status": d.status.value,
            "late_b": d.late_business_seconds,
            "late_c": d.late_calendar_seconds,
            "at": to_epoch(d.satisfied_at) if d.satisfied_at else None,
            "ref": d.satisfied_ref,
            "target": str(d.target),
            "prov": d.provisional,
            "paused": d.paused_open,
            "terms": d.terms_label,
        }
        for d in evaluation.deadlines
    ]


def fingerprint(deadlines: Sequence[Mapping[str, Any]]) -> str:
    key = [(d["kind"], d["seq"], d["deadline"], d["status"], d["late_b"], d["late_c"], d["prov"]) for d in deadlines]
    return hashlib.sha256(repr(key).encode()).hexdigest()  # repr of str/int/bool tuples is stable


def _result_row(r: RequestInput, setup: SupplierSetup | None, as_of: datetime, buyer_tz: str | None) -> dict[str, Any]:
    """Evaluate one request and return the values of its result row."""
    base = {
        "_number": r.number,
        "support_request_id": r.id,
        "supplier_id": r.supplier_id,
        "severity": r.severity,
        "opened_at": r.opened_at,
        "as_of": as_of,
        "breaches": 0,
        "next_deadline": None,
        "next_kind": None,
        "first_response_seconds": None,
        "provisional": False,
        "calendar_version": setup.calendar.version if setup else None,
        "terms_id": None,
    }
    if setup is None:
        data = {"deadlines": [], "note": "no supplier"}
        return {**base, "status": "none", "fingerprint": fingerprint([]), "data": data}
    try:
        built = build_request(r, setup, to_epoch(as_of), buyer_tz)
        if built is None:
            data = {"deadlines": [], "note": "no confirmed support terms for this supplier"}
            return {**base, "status": "none", "fingerprint": fingerprint([]), "data": data}
        req, terms, terms_id = built
        ev = evaluate(req, terms, setup.calendar, as_of=as_of)
    except ValueError as exc:
        data = {"deadlines": [], "error": str(exc)}
        return {**base, "status": "error", "fingerprint": fingerprint([]), "data": data}
    dl = compact(ev)
    nxt = ev.next
    breaches = sum(1 for d in dl if d["status"] == "breached")
    status = "breached" if breaches else ("pending" if nxt is not None else ("met" if dl else "none"))
    data = {
        "deadlines": dl,
        "first_response_at": to_epoch(ev.first_response_at) if ev.first_response_at else None,
        "first_response_calendar_seconds": ev.first_response_calendar_seconds,
        "messages": len(req.messages),
    }
    return {
        **base,
        "status": status,
        "breaches": breaches,
        "next_deadline": nxt.deadline if nxt else None,
        "next_kind": nxt.label if nxt else None,
        "first_response_seconds": ev.first_response_business_seconds,
        "provisional": ev.provisional,
        "terms_id": terms_id,
        "fingerprint": fingerprint(dl),
        "data": data,
    }


# --------------------------------------------------------------------------------------------
# Loading requests in batches
# --------------------------------------------------------------------------------------------

TEXT_HEAD = 600  # enough for the acknowledgement rule (own text <= 300 characters)


def _raw_time(v: Any) -> datetime | None:
    """A time read without SQLAlchemy's per-row processing: SQLite gives the stored UTC text,
    PostgreSQL an aware datetime."""
    if v is None or isinstance(v, datetime):
        return v.astimezone(UTC) if v is not None and v.tzinfo is not UTC else v
    return datetime.fromisoformat(v).replace(tzinfo=UTC)


def _raw_flags(v: Any) -> dict[str, Any]:
    """Flags JSON, parsed only when it holds a key the SLA reads."""
    if not v:
        return {}
    if isinstance(v, str):
        if "auto_reply" not in v and "acknowledgement" not in v and "attachments" not in v:
            return {}
        return json.loads(v)
    return v


def _fetch_raw(conn: Any, stmt: Any) -> list[tuple[Any, ...]]:
    """All rows of a select over the driver's own cursor: no per-row work by SQLAlchemy (a
    million message rows are read several times faster). Only for statements whose parameters
    are integers (rendered inline); values come as the driver gives them (see ``_raw_time``)."""
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cur = conn.connection.cursor()
    try:
        cur.execute(sql)
        return cur.fetchall()
    finally:
        cur.close()


def _iter_inputs(conn: Any, ws_id: int, lo: int, hi: int, batch: int) -> Iterator[list[RequestInput]]:
    """Requests with lo <= id < hi, their messages and events, in batches (bounded memory)."""
    after = lo - 1
    while True:
        rows = conn.execute(
            select(
                RequestRow.id,
                RequestRow.number,
                RequestRow.supplier_id,
                RequestRow.severity,
                RequestRow.opened_at,
                RequestRow.status,
                RequestRow.closed_at,
            )
            .where(RequestRow.workspace_id == ws_id, RequestRow.id > after, RequestRow.id < hi)
            .order_by(RequestRow.id)
            .limit(batch)
        ).all()
        if not rows:
            return
        reqs = {row[0]: RequestInput(*row) for row in rows}
        a, b = rows[0][0], rows[-1][0]
        mq = (
            select(
                MessageRow.support_request_id,
                MessageRow.id,
                MessageRow.sender,
                MessageRow.direction,
                type_coerce(MessageRow.sent_at, String),
                type_coerce(MessageRow.flags, Text),
                func.substr(MessageRow.text, 1, TEXT_HEAD),
                EvidenceItem.number,
            )
            .outerjoin(EvidenceItem, EvidenceItem.id == MessageRow.evidence_id)
            .where(
                MessageRow.workspace_id == ws_id,
                MessageRow.support_request_id >= a,
                MessageRow.support_request_id <= b,
            )
        )
        for srid, mid, sender, direction, sent_at, flags, text, evno in _fetch_raw(conn, mq):
            r = reqs.get(srid)
            if r is None:
                continue
            ref = f"E-{evno:04d}" if evno is not None else f"message {mid}"
            r.messages.append((mid, sender, direction, _raw_time(sent_at), _raw_flags(flags), text, ref))
        eq = select(SlaEvent.support_request_id, SlaEvent.kind, SlaEvent.at, SlaEvent.ref).where(
            SlaEvent.workspace_id == ws_id, SlaEvent.support_request_id >= a, SlaEvent.support_request_id <= b
        )
        for srid, kind, at, ref in conn.execute(eq).all():
            r = reqs.get(srid)
            if r is not None:
                r.events.append((kind, at, ref))
        yield list(reqs.values())
        after = b


# Worker state (one per process): set by _worker_init.
_W: dict[str, Any] = {}


def _worker_init(url: str) -> None:
    """In a forked worker: its own engine; the calendars and terms (warmed) come from the parent."""
    from ..store.db import make_engine

    _W["engine"] = make_engine(url)


def _worker_chunk(bounds: tuple[int, int]) -> _PartSummary:
    """In a worker: evaluate one range of requests and store its results."""
    lo, hi = bounds
    part = []
    setup, as_of, buyer_tz = _W["setup"], _W["as_of"], _W["buyer_tz"]
    with _W["engine"].connect() as conn:
        for reqs in _iter_inputs(conn, _W["ws_id"], lo, hi, 5000):
            for r in reqs:
                part.append(_result_row(r, setup.get(r.supplier_id or -1), as_of, buyer_tz))
    return _store_part(_W["engine"], _W["ws_id"], _W["run_id"], part, _W["max_changes"])


@dataclass
class _PartSummary:
    requests: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)


def _store_part(engine: Any, ws_id: int, run_id: int, part: list[dict[str, Any]], max_changes: int) -> _PartSummary:
    """Compare one batch of results with the stored ones; insert the new, rewrite the changed."""
    out = _PartSummary(requests=len(part))
    if not part:
        return out
    lo = part[0]["support_request_id"]
    hi = part[-1]["support_request_id"]
    by_status: dict[str, int] = defaultdict(int)
    with unit_of_work(engine) as s:
        # The write lock first: several workers store concurrently (SQLite: no failed upgrade).
        lock_workspace(s, ws_id)
        old = {
            srid: (rid, fp, cv)
            for srid, rid, fp, cv in s.execute(
                select(
                    SlaResult.support_request_id, SlaResult.id, SlaResult.fingerprint, SlaResult.calendar_version
                ).where(
                    SlaResult.workspace_id == ws_id,
                    SlaResult.support_request_id >= lo,
                    SlaResult.support_request_id <= hi,
                )
            )
        }
        inserts, updates, diffs = [], [], []
        for row in part:
            number = row.pop("_number")
            by_status[row["status"]] += 1
            if row["status"] == "error":
                out.errors.append({"request": number, "error": row["data"]["error"]})
            prev = old.get(row["support_request_id"])
            if prev is None:
                inserts.append({**row, "workspace_id": ws_id, "run_id": run_id})
                out.new += 1
            elif prev[1] != row["fingerprint"] or prev[2] != row["calendar_version"]:
                updates.append({**row, "b_id": prev[0], "run_id": run_id})
                if prev[1] != row["fingerprint"]:
                    out.changed += 1
                    if len(diffs) < max_changes:
                        diffs.append((prev[0], number, row))
                else:
                    out.unchanged += 1
            else:
                out.unchanged += 1
        if diffs:
            olddata = {
                rid: (data, cv)
                for rid, data, cv in s.execute(
                    select(SlaResult.id, SlaResult.data, SlaResult.calendar_version).where(
                        SlaResult.id.in_([d[0] for d in diffs])
                    )
                ).all()
            }
            for rid, number, row in diffs:
                data, cv = olddata[rid]
                out.changes.append(_diff(number, data, row["data"], cv, row["calendar_version"]))
        if inserts:
            s.connection().execute(insert(SlaResult.__table__), inserts)  # Core: no ORM per-row work
        if updates:
            cols = [c for c in updates[0] if c not in ("b_id", "support_request_id")]
            stmt = (
                update(SlaResult.__table__)
                .where(SlaResult.__table__.c.id == bindparam("b_id"))
                .values({c: bindparam(c) for c in cols})
            )
            s.connection().execute(stmt, updates)
    out.by_status = dict(by_status)
    return out


# --------------------------------------------------------------------------------------------
# Evaluation runs
# --------------------------------------------------------------------------------------------


@dataclass
class RunReport:
    run_id: int
    as_of: datetime
    requests: int
    new: int
    changed: int
    unchanged: int
    errors: list[dict[str, str]]
    changes: list[dict[str, Any]]
    seconds: float
    by_status: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "run": self.run_id,
            "as_of": self.as_of.isoformat(),
            "requests": self.requests,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "by_status": self.by_status,
            "errors": self.errors,
            "changes": self.changes,
            "seconds": round(self.seconds, 3),
        }


def _diff(
    number: str, before: Mapping[str, Any], after: Mapping[str, Any], old_cal: str | None, new_cal: str | None
) -> dict[str, Any]:
    a = {(d["kind"], d["seq"]): d for d in before.get("deadlines", [])}
    b = {(d["kind"], d["seq"]): d for d in after.get("deadlines", [])}
    items = []
    for k in sorted(set(a) | set(b)):
        x, y = a.get(k), b.get(k)
        fx = (x["deadline"], x["status"], x["late_b"], x["late_c"], x["prov"]) if x else None
        fy = (y["deadline"], y["status"], y["late_b"], y["late_c"], y["prov"]) if y else None
        if fx != fy:
            items.append(
                {
                    "deadline": f"{k[0]} #{k[1]}",
                    "before": _brief(x),
                    "after": _brief(y),
                }
            )
    out: dict[str, Any] = {"request": number, "deadlines": items}
    if old_cal != new_cal:
        out["calendar"] = {"before": old_cal, "after": new_cal}
    return out


def _brief(d: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "deadline": datetime.fromtimestamp(d["deadline"], UTC).isoformat(),
        "status": d["status"],
        "late_business_seconds": d["late_b"],
        "late_calendar_seconds": d["late_c"],
        "provisional": d["prov"],
    }


def evaluate_all(
    ctx: Context,
    workspace: str,
    *,
    as_of: datetime | None = None,
    actor: str,
    workers: int = 1,
    chunk: int = 5000,
    max_changes: int = 500,
    progress: Callable[[int], None] | None = None,
) -> RunReport:
    """Evaluate every support request of the workspace and store the results.

    Requests are read in batches (bounded memory); with ``workers > 1`` that many processes each
    evaluate and store ranges of requests. Results that did not change are not rewritten.
    """
    t0 = time.perf_counter()
    as_of = _aware(as_of, "as_of") or ctx.clock()
    as_of = datetime.fromtimestamp(to_epoch(as_of), UTC)  # whole seconds: deterministic
    started = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        ws_id = ws.id
        ids = list(
            s.execute(select(RequestRow.id).where(RequestRow.workspace_id == ws.id).order_by(RequestRow.id)).scalars()
        )
        setup, buyer_tz = _load_setup(s, ws)
        span = s.execute(
            select(func.min(RequestRow.opened_at), func.max(RequestRow.opened_at)).where(
                RequestRow.workspace_id == ws.id
            )
        ).one()
        run = SlaRun(
            workspace_id=ws.id,
            started_at=started,
            as_of=as_of,
            actor=actor,
            requests=0,
            new=0,
            changed=0,
            errors=0,
            details={},
        )
        s.add(run)
        s.flush()
        run_id = run.id
    bounds = [(ids[i], ids[i + chunk] if i + chunk < len(ids) else ids[-1] + 1) for i in range(0, len(ids), chunk)]
    if span[0] is not None:  # build the day caches once, before any worker starts
        for cal in {id(st.calendar): st.calendar for st in setup.values()}.values():
            cal.warm(span[0].date() - timedelta(days=7), max(span[1], as_of).date() + timedelta(days=400))

    def parts() -> Iterator[_PartSummary]:
        if workers > 1 and len(bounds) > 1:
            import multiprocessing as mp

            mpctx = mp.get_context("fork")
            url = ctx.engine.url.render_as_string(hide_password=False)
            _W.update(ws_id=ws_id, as_of=as_of, setup=setup, buyer_tz=buyer_tz, run_id=run_id, max_changes=max_changes)
            try:
                with mpctx.Pool(workers, initializer=_worker_init, initargs=(url,)) as pool:
                    yield from pool.imap(_worker_chunk, bounds)
            finally:
                _W.clear()
        else:
            for lo, hi in bounds:
                part = []
                with ctx.engine.connect() as conn:
                    for reqs in _iter_inputs(conn, ws_id, lo, hi, chunk):
                        for r in reqs:
                            part.append(_result_row(r, setup.get(r.supplier_id or -1), as_of, buyer_tz))
                yield _store_part(ctx.engine, ws_id, run_id, part, max_changes)

    new = changed = unchanged = 0
    errors: list[dict[str, str]] = []
    changes: list[dict[str, Any]] = []
    by_status: dict[str, int] = defaultdict(int)
    for ps in parts():
        new, changed, unchanged = new + ps.new, changed + ps.changed, unchanged + ps.unchanged
        errors.extend(ps.errors)
        changes.extend(ps.changes[: max(0, max_changes - len(changes))])
        for k, v in ps.by_status.items():
            by_status[k] += v
        if progress:
            progress(ps.requests)
    total = new + changed + unchanged
    with unit_of_work(ctx.engine) as s:
        run = s.get(SlaRun, run_id)
        assert run is not None
        run.requests, run.new, run.changed, run.errors = total, new, changed, len(errors)
        run.details = {
            "changes": changes,
            "errors": errors[:200],
            "by_status": dict(by_status),
            "calendars": {st.key: st.calendar.version for st in setup.values()},
        }
    return RunReport(
        run_id, as_of, total, new, changed, unchanged, errors, changes, time.perf_counter() - t0, dict(by_status)
    )


def last_run(ctx: Context, workspace: str) -> dict[str, Any] | None:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        r = s.execute(
            select(SlaRun).where(SlaRun.workspace_id == ws.id).order_by(SlaRun.id.desc()).limit(1)
        ).scalar_one_or_none()
        if r is None:
            return None
        return {
            "run": r.id,
            "started_at": r.started_at,
            "as_of": r.as_of,
            "actor": r.actor,
            "requests": r.requests,
            "new": r.new,
            "changed": r.changed,
            "errors": r.errors,
            "details": r.details,
        }


# --------------------------------------------------------------------------------------------
# Reading results
# --------------------------------------------------------------------------------------------


@dataclass
class RequestRowView:
    number: str
    title: str
    supplier_key: str | None
    supplier_name: str | None
    severity: str
    opened_at: datetime
    request_status: str
    sla_status: str  # met | breached | pending | none | error | not evaluated
    breaches: int
    next_deadline: datetime | None
    next_kind: str | None
    first_response_seconds: int | None
    provisional: bool
    tz: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "supplier": self.supplier_key,
            "severity": self.severity,
            "opened_at": self.opened_at.isoformat(),
            "request_status": self.request_status,
            "sla_status": self.sla_status,
            "breaches": self.breaches,
            "next_deadline": self.next_deadline.astimezone(ZoneInfo(self.tz)).isoformat()
            if self.next_deadline
            else None,
            "next_kind": self.next_kind,
            "first_response_business_seconds": self.first_response_seconds,
            "provisional": self.provisional,
        }


def list_requests(
    ctx: Context, workspace: str, *, supplier_key: str | None = None, status: str | None = None, limit: int = 500
) -> list[RequestRowView]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = {o.id: o for o in s.execute(select(Organization).where(Organization.workspace_id == ws.id)).scalars()}
        q = (
            select(RequestRow, SlaResult)
            .outerjoin(
                SlaResult,
                and_(SlaResult.support_request_id == RequestRow.id, SlaResult.workspace_id == RequestRow.workspace_id),
            )
            .where(RequestRow.workspace_id == ws.id)
        )
        if supplier_key:
            org = _supplier(s, ws, supplier_key)
            q = q.where(RequestRow.supplier_id == org.id)
        if status:
            q = q.where(SlaResult.status == status)
        q = q.order_by(RequestRow.opened_at.desc(), RequestRow.id.desc()).limit(limit)
        out = []
        for req, res in s.execute(q).all():
            org = orgs.get(req.supplier_id or -1)
            tz = ((org.details or {}).get("timezone") if org else None) or "Asia/Shanghai"
            out.append(
                RequestRowView(
                    req.number,
                    req.title,
                    org.key if org else None,
                    org.name_en if org else None,
                    req.severity,
                    req.opened_at,
                    req.status,
                    res.status if res else "not evaluated",
                    res.breaches if res else 0,
                    res.next_deadline if res else None,
                    res.next_kind if res else None,
                    res.first_response_seconds if res else None,
                    res.provisional if res else False,
                    tz,
                )
            )
        return out


@dataclass
class TimelineItem:
    at: datetime
    kind: str  # message | event
    side: str | None
    what: str
    ref: str | None
    flags: list[str]
    subject: str | None = None


@dataclass
class RequestDetail:
    number: str
    title: str
    supplier_key: str | None
    supplier_name: str | None
    severity: str
    opened_at: datetime
    request_status: str
    supplier_tz: str
    buyer_tz: str | None
    calendar_description: str | None
    calendar_version: str | None
    terms_label: str | None
    terms_version: int | None
    as_of: datetime | None
    stored_status: str | None
    evaluation: Any  # domain Evaluation, recomputed with the stored as_of (deterministic)
    timeline: list[TimelineItem]
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        ev = self.evaluation
        return {
            "number": self.number,
            "title": self.title,
            "supplier": self.supplier_key,
            "severity": self.severity,
            "opened_at": self.opened_at.isoformat(),
            "request_status": self.request_status,
            "supplier_timezone": self.supplier_tz,
            "buyer_timezone": self.buyer_tz,
            "calendar": self.calendar_description,
            "calendar_version": self.calendar_version,
            "terms": self.terms_label,
            "terms_version": self.terms_version,
            "sla_status": self.stored_status,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "evaluation": ev.to_dict(explain=True) if ev is not None else None,
            "timeline": [
                {
                    "at": t.at.isoformat(),
                    "kind": t.kind,
                    "side": t.side,
                    "what": t.what,
                    "ref": t.ref,
                    "flags": t.flags,
                    "subject": t.subject,
                }
                for t in self.timeline
            ],
            "note": self.note,
        }


def request_detail(ctx: Context, workspace: str, number: str) -> RequestDetail:
    """One request: its timeline and every deadline with the explanation.

    The explanation is recomputed from the same inputs and the stored ``as_of`` (results are
    deterministic), or as of now when the request has not been evaluated yet.
    """
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        req = _request(s, ws, number)
        res = s.execute(
            select(SlaResult).where(SlaResult.workspace_id == ws.id, SlaResult.support_request_id == req.id)
        ).scalar_one_or_none()
        setup, buyer_tz = _load_setup(s, ws)
        st = setup.get(req.supplier_id or -1)
        as_of = res.as_of if res else datetime.fromtimestamp(to_epoch(ctx.clock()), UTC)
        inputs = []
        for batch in _iter_inputs(s.connection(), ws.id, req.id, req.id + 1, 1):
            inputs.extend(batch)
        subjects = dict(
            s.execute(select(MessageRow.id, MessageRow.subject).where(MessageRow.support_request_id == req.id)).all()
        )
    r = inputs[0]
    timeline: list[TimelineItem] = []
    for mid, sender, direction, sent_at, flags, text, ref in r.messages:
        c = classify_message(direction, flags, text, st.side_of_sender(sender) if st else None)
        fl = []
        if c["auto_reply"]:
            fl.append("automatic reply: never counts")
        if c["acknowledgement"]:
            fl.append(
                "bare acknowledgement (rule)" if c["acknowledgement_by"] == "rule" else "bare acknowledgement (marked)"
            )
        if c["side"] is None:
            fl.append("not between buyer and supplier: not counted")
        if sent_at is None:
            fl.append("undated: not counted")
        timeline.append(
            TimelineItem(
                sent_at or r.opened_at, "message", c["side"], (own_text(text) or "")[:280], ref, fl, subjects.get(mid)
            )
        )
    for kind, at, ref in r.events:
        timeline.append(TimelineItem(at, "event", None, kind, ref, []))
    timeline.sort(key=lambda t: t.at)
    evaluation = None
    note = None
    terms_label = terms_version = None
    if st is None:
        note = "no supplier"
    else:
        built = build_request(r, st, to_epoch(as_of), buyer_tz)
        if built is None:
            note = "no confirmed support terms for this supplier"
        else:
            dreq, terms, terms_id = built
            terms_label = terms.label
            terms_version = next((t[2] for t in st.terms if t[2] == terms_id), None)
            try:
                evaluation = evaluate(dreq, terms, st.calendar, as_of=as_of)
            except ValueError as exc:
                note = str(exc)
    return RequestDetail(
        req.number,
        req.title,
        st.key if st else None,
        st.name if st else None,
        req.severity,
        req.opened_at,
        req.status,
        st.calendar.tz_name if st else "Asia/Shanghai",
        buyer_tz,
        st.calendar.describe() if st else None,
        st.calendar.version if st else None,
        terms_label,
        terms_version,
        as_of if res else None,
        res.status if res else None,
        evaluation,
        timeline,
        note,
    )


# --------------------------------------------------------------------------------------------
# Per-supplier report
# --------------------------------------------------------------------------------------------


class _StoredDeadline:
    """A stored deadline, shaped like the domain's DeadlineResult for supplier_stats/LDs."""

    __slots__ = ("kind", "seq", "status", "late_business_seconds", "late_calendar_seconds")

    def __init__(self, d: Mapping[str, Any]) -> None:
        from ..domain.sla import Status

        self.kind = d["kind"]
        self.seq = d["seq"]
        self.status = Status(d["status"])
        self.late_business_seconds = d["late_b"]
        self.late_calendar_seconds = d["late_c"]

    @property
    def label(self) -> str:
        return self.kind.replace("_", " ") + (f" #{self.seq}" if self.seq > 1 or self.kind == "update" else "")


class _StoredEvaluation:
    __slots__ = ("request_id", "supplier", "severity", "opened_at", "deadlines", "first_response_business_seconds")

    def __init__(
        self, number: str, supplier: str, severity: str, opened_at: datetime, data: Mapping[str, Any], fr: Any
    ):
        self.request_id = number
        self.supplier = supplier
        self.severity = severity
        self.opened_at = opened_at
        self.deadlines = tuple(_StoredDeadline(d) for d in data.get("deadlines", ()))
        self.first_response_business_seconds = fr

    @property
    def breaches(self) -> tuple[_StoredDeadline, ...]:
        return tuple(d for d in self.deadlines if d.status.value == "breached")


@dataclass
class ChartPoint:
    """One response deadline (first response, or response to a later buyer message)."""

    opened_at: datetime  # the clock start
    request: str
    severity: str
    seconds: int | None  # business seconds to the answer (so far, if unanswered; pauses not removed)
    target_seconds: int | None
    status: str
    label: str = "first response"
    open: bool = False  # no qualifying answer yet


@dataclass
class SupplierReport:
    key: str
    name: str
    calendar: str
    calendar_version: str
    terms_label: str | None
    overall: dict[str, Any]
    monthly: list[dict[str, Any]]
    points: list[ChartPoint]
    availability: list[dict[str, Any]]
    credits: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "supplier": self.key,
            "name": self.name,
            "calendar": self.calendar,
            "calendar_version": self.calendar_version,
            "terms": self.terms_label,
            "overall": self.overall,
            "monthly": self.monthly,
            "responses": [
                {
                    "request": p.request,
                    "deadline": p.label,
                    "clock_start": p.opened_at.isoformat(),
                    "unanswered": p.open,
                    "severity": p.severity,
                    "business_seconds": p.seconds,
                    "target_business_seconds": p.target_seconds,
                    "status": p.status,
                }
                for p in self.points
            ],
            "availability": self.availability,
            "service_credits": self.credits,
        }


def _fr_target(terms: SupportTerms | None, severity: str, cal: BusinessCalendar) -> int | None:
    if terms is None or severity not in terms.severities:
        return None
    d = terms.severities[severity].first_response
    if d is None:
        return None
    if d.unit == "s":
        return d.amount
    if d.unit == "wd":
        return d.amount * cal.hours_per_day
    return None


def supplier_report(ctx: Context, workspace: str, supplier_key: str | None = None) -> list[SupplierReport]:
    """Compliance, first response (median, p90), breaches by severity, damages and credits owed,
    overall and per month (in the supplier's zone), from the stored results."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        setup, _buyer_tz = _load_setup(s, ws)
        if supplier_key:
            org = _supplier(s, ws, supplier_key)
            setup = {org.id: setup[org.id]}
        rows = s.execute(
            select(RequestRow.id, RequestRow.number, RequestRow.supplier_id, SlaResult)
            .join(SlaResult, SlaResult.support_request_id == RequestRow.id)
            .where(RequestRow.workspace_id == ws.id, SlaResult.workspace_id == ws.id)
            .order_by(RequestRow.opened_at)
        ).all()
        outages: dict[int, list[tuple[int, str, datetime, str | None]]] = defaultdict(list)
        for sid, rid, kind, at, ref in s.execute(
            select(RequestRow.supplier_id, RequestRow.id, SlaEvent.kind, SlaEvent.at, SlaEvent.ref)
            .join(RequestRow, RequestRow.id == SlaEvent.support_request_id)
            .where(SlaEvent.workspace_id == ws.id, SlaEvent.kind.in_(EVENT_KINDS[6:]))
            .order_by(SlaEvent.at)
        ):
            outages[sid or -1].append((rid, kind, at, ref))
    out = []
    for sid, st in sorted(setup.items(), key=lambda kv: kv[1].key):
        current = st.terms[-1][1] if st.terms else None
        current_raw = st.terms[-1][3] if st.terms else None
        evs = []
        points = []
        for _rid, number, rsid, res in rows:
            if rsid != sid or res.status in ("none", "error"):
                continue
            evs.append(
                _StoredEvaluation(number, st.key, res.severity, res.opened_at, res.data, res.first_response_seconds)
            )
            target = _fr_target(current, res.severity, st.calendar)
            for d in res.data.get("deadlines", []):
                if d["kind"] not in ("first_response", "response"):
                    continue
                end = d["at"] if d["at"] is not None else to_epoch(res.as_of)
                points.append(
                    ChartPoint(
                        datetime.fromtimestamp(d["start"], UTC),
                        number,
                        res.severity,
                        st.calendar.seconds_between(d["start"], end),
                        target,
                        d["status"],
                        d["kind"].replace("_", " ") + (f" #{d['seq']}" if d["seq"] > 1 else ""),
                        d["at"] is None,
                    )
                )
        tbs = {st.key: current} if current is not None else None
        # availability and credits, per measurement window, from outage/maintenance events
        avail_results = []
        credit_results = []
        av_dicts: list[dict[str, Any]] = []
        cr_dicts: list[dict[str, Any]] = []
        evs_out = outages.get(sid, [])
        if current is not None and current.availability is not None and evs_out:
            outs, mnts = _intervals(evs_out)
            first = min(i.start for i in outs + mnts).astimezone(st.calendar.tz).date()
            last = max(i.end for i in outs + mnts).astimezone(st.calendar.tz).date()
            fee = current_raw.get("fee") if current_raw else None
            for w0, w1 in month_windows(first, last, st.calendar.tz_name):
                a = availability(w0, w1, outs, mnts, terms=current.availability)
                avail_results.append(a)
                av_dicts.append(a.to_dict())
                if current.service_credits is not None and fee:
                    c = service_credit(a, current.service_credits, Money.of(fee["amount"], fee["currency"]))
                    credit_results.append(c)
                    cr_dicts.append({"window_start": w0.isoformat(), **c.to_dict()})
        overall = supplier_stats(
            evs,  # type: ignore[arg-type]
            terms_by_supplier=tbs,
            credits={st.key: credit_results},
            availability_results={st.key: avail_results},
            tz=st.calendar.tz_name,
        )
        monthly = supplier_stats(evs, terms_by_supplier=tbs, period="month", tz=st.calendar.tz_name)  # type: ignore[arg-type]
        ov = overall[0].to_dict() if overall else {"supplier": st.key, "requests": 0}
        ov["median_first_response"] = _fmt(ov.get("median_first_response_seconds"))
        ov["p90_first_response"] = _fmt(ov.get("p90_first_response_seconds"))
        out.append(
            SupplierReport(
                st.key,
                st.name,
                st.calendar.describe(),
                st.calendar.version,
                current.label if current else None,
                ov,
                [m.to_dict() for m in monthly],
                points,
                av_dicts,
                cr_dicts,
            )
        )
    return out


def _fmt(seconds: int | None) -> str | None:
    return format_seconds(seconds) if seconds is not None else None


def _intervals(events: Iterable[tuple[int, str, datetime, str | None]]) -> tuple[list[Interval], list[Interval]]:
    """Outage and maintenance intervals from start/end events, paired per request (overlapping
    outages of different requests count once in the availability)."""
    outs: list[Interval] = []
    mnts: list[Interval] = []
    open_: dict[tuple[int, str], tuple[datetime, str | None]] = {}
    for rid, kind, at, ref in events:
        base, edge = kind.rsplit("_", 1)
        if edge == "start":
            open_.setdefault((rid, base), (at, ref))
        elif (rid, base) in open_:
            a, r = open_.pop((rid, base))
            (outs if base == "outage" else mnts).append(Interval(a, at, base, r))
    return outs, mnts


# --------------------------------------------------------------------------------------------
# Dashboard
# --------------------------------------------------------------------------------------------


def dashboard_summary(ctx: Context, workspace: str, limit: int = 8) -> dict[str, Any]:
    rows = list_requests(ctx, workspace, limit=2000)
    open_next = sorted(
        (r for r in rows if r.next_deadline is not None and r.request_status not in ("resolved", "closed")),
        key=lambda r: r.next_deadline,  # type: ignore[arg-type,return-value]
    )[:limit]
    breached = [r for r in rows if r.sla_status == "breached"][:limit]
    return {
        "open": open_next,
        "breached": breached,
        "evaluated": sum(1 for r in rows if r.sla_status != "not evaluated"),
        "total": len(rows),
    }


# --------------------------------------------------------------------------------------------
# Demo
# --------------------------------------------------------------------------------------------


def _demo_terms(contract: Mapping[str, Any]) -> dict[str, Any] | None:
    """The demo contract's support terms (dispute.json) as a SupportTerms object."""
    st = contract.get("support_terms") or {}
    fr = st.get("first_response")
    if not fr:
        return None
    unit = fr.get("unit")
    value = int(fr["value"])
    if unit in ("hours", "business_hours"):
        first = f"{value}h"
    else:
        raise ValueError(f"dispute.json: contracts.{contract['key']}.support_terms.first_response.unit {unit!r}")
    sev: dict[str, Any] = {}
    res = st.get("resolution")
    for name in ("critical", "high", "normal", "low"):
        entry: dict[str, Any] = {"first_response": first}
        if res and (name == "critical" or "critical" not in (res.get("applies_to") or "")):
            if res.get("unit") == "business_days":
                entry["resolution"] = {"amount": int(res["value"]), "unit": "wd", "days_mode": "end-of-day"}
        sev[name] = entry
    basis = fr.get("basis")
    label = f"{contract['number']} {st.get('source', '')}".strip()
    if basis:
        label += f" (24 h read as business hours; contract: {basis})" if unit == "hours" else ""
    out: dict[str, Any] = {
        "label": label,
        "severities": sev,
        "acknowledgement_counts": False,
        "respond_to_every_buyer_message": unit == "hours",
    }
    sc = st.get("service_credit")
    if sc and sc.get("percent_per_business_day") and sc.get("base"):
        base = Decimal(sc["base"]["amount"])
        rate = (base * Decimal(sc["percent_per_business_day"]) / 100).quantize(Decimal("0.01"))
        cap = (base * Decimal(sc.get("cap_percent", "100")) / 100).quantize(Decimal("0.01"))
        out["liquidated_damages"] = {
            "rate": {"amount": str(rate), "currency": sc["base"]["currency"]},
            "per": "day",
            "cap": {"amount": str(cap), "currency": sc["base"]["currency"]},
            "applies_to": ["resolution"],
            "measured_in": "business",
            "business_day_seconds": 9 * 3600,
        }
    return out


def _demo_calendar(supplier: Mapping[str, Any], contracts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    windows = "09:00-12:00,13:00-18:00"
    for c in contracts:
        w = (c.get("support_terms") or {}).get("windows")
        if c.get("supplier") == supplier["key"] and w:
            windows = w.split(" ", 1)[-1] if " " in w else w
    return BusinessCalendar(
        tz=supplier.get("timezone", "Asia/Shanghai"), windows=windows, official=supplier.get("calendar", "cn")
    ).spec()


def _link_demo_messages(ctx: Context, workspace: str, spec: Mapping[str, Any], sr_ids: Mapping[str, int]) -> int:
    """Link the demo's imported mails to the requests dispute.json lists them under (only
    messages not linked yet; nothing happens when the mail import has not created them)."""
    wanted: dict[str, int] = {}
    for n, sr in enumerate(spec.get("support_requests", []), 1):
        rid = sr_ids.get(f"SR-{n:04d}")
        if rid is not None:
            for path in sr.get("messages", []):
                wanted[f"demo:{path}"] = rid
    if not wanted:
        return 0
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        ev = dict(
            s.execute(
                select(EvidenceItem.source, EvidenceItem.id).where(
                    EvidenceItem.workspace_id == ws.id, EvidenceItem.source.in_(list(wanted))
                )
            ).all()
        )
        params = [{"ev": ev[src], "sr": rid} for src, rid in wanted.items() if src in ev]
        if not params:
            return 0
        tbl = MessageRow.__table__
        res = s.connection().execute(
            update(tbl)
            .where(
                tbl.c.workspace_id == ws.id,
                tbl.c.evidence_id == bindparam("ev"),
                tbl.c.support_request_id.is_(None),
            )
            .values(support_request_id=bindparam("sr")),
            params,
        )
        return max(res.rowcount or 0, 0)


def load_demo_sla(ctx: Context, workspace: str, spec: Mapping[str, Any], *, actor: str = "demo-loader") -> list[str]:
    """The demo's support terms and calendars (once), request events, then an evaluation.

    Tolerant: it evaluates whatever messages are linked to the requests (the mail import links
    them); requests without messages are judged from their opening time alone.
    """
    lines = []
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        have_terms = s.execute(select(SlaTerms.id).where(SlaTerms.workspace_id == ws.id).limit(1)).first()
        sr_ids = {
            r.number: r.id for r in s.execute(select(RequestRow).where(RequestRow.workspace_id == ws.id)).scalars()
        }
    linked = _link_demo_messages(ctx, workspace, spec, sr_ids)
    if linked:
        lines.append(f"SLA: {linked} message(s) linked to their support requests")
    if not have_terms:
        contracts = spec.get("contracts", [])
        for sp in spec.get("suppliers", []):
            set_calendar(ctx, workspace, sp["key"], _demo_calendar(sp, contracts), note="demo", actor=actor)
        for c in contracts:
            t = _demo_terms(c)
            if t is not None:
                set_terms(
                    ctx,
                    workspace,
                    t,
                    contract_number=c["number"],
                    valid_from=datetime.fromisoformat(c["signed_on"] + "T00:00:00+08:00"),
                    source=f"demo: dispute.json {c['key']}",
                    actor=actor,
                )
        for n, sr in enumerate(spec.get("support_requests", []), 1):
            number = f"SR-{n:04d}"
            if number not in sr_ids:
                continue
            if sr.get("resolved_at"):
                add_event(
                    ctx,
                    workspace,
                    number,
                    "resolved",
                    datetime.fromisoformat(sr["resolved_at"]),
                    ref="dispute.json",
                    actor=actor,
                )
        lines.append("SLA terms and calendars loaded")
    report = evaluate_all(ctx, workspace, actor=actor)
    lines.append(
        f"SLA: {report.requests} request(s) evaluated, "
        + ", ".join(f"{v} {k}" for k, v in sorted(report.by_status.items()))
    )
    return lines
