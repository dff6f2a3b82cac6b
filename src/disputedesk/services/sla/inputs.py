"""Turning stored requests, messages and events into the domain's evaluation input."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import String, Text, case, func, select, type_coerce
from sqlalchemy.orm import Session

from ...domain.bizcal import BusinessCalendar, to_epoch
from ...domain.labels import evidence_label
from ...domain.sla import (
    Direction,
    Event,
    EventKind,
    Message,
    SupportRequest,
    SupportTerms,
)
from ...store.models import Contract, EvidenceItem, Organization, Workspace
from ...store.models import Message as MessageRow
from ...store.models import SupportRequest as RequestRow
from ...store.models_sla import SlaEvent, SlaTerms
from .calendars import _calendar_rows, default_calendar_spec
from .messages import (
    _DOMAIN_EVENT,
    _SIDES,
    BUYER_DIRECTIONS,
    TEXT_HEAD,
    _bare_ack_cached,
    classify_message,
    sender_side,
)

# --------------------------------------------------------------------------------------------
# Building the domain input
# --------------------------------------------------------------------------------------------


Timeline = list[tuple[int, SupportTerms, int, dict[str, Any]]]  # (valid_from epoch, terms, terms id, raw), by start


@dataclass
class TermsChoice:
    """The terms a request is judged by: one scope's versions (a contract's, or the supplier's own), the
    version in force when it was opened, the later versions as terms changes, and why this scope."""

    terms: SupportTerms
    terms_id: int
    changes: list[Event]
    timeline: Timeline
    later: Timeline  # the versions that start after the opening (by the evaluation time): the terms changes
    contract_id: int | None  # the contract whose terms these are; None: the supplier's own terms
    # why this scope: "own" (the request's contract), "in_force" (no contract named: the contract in force
    # when it was opened), "supplier" (the supplier's own terms: no contract with terms applies)
    basis: str


@dataclass
class SupplierSetup:
    """What evaluation needs per supplier: its calendar and its terms over time, per contract."""

    supplier_id: int
    key: str
    name: str
    calendar: BusinessCalendar
    calendar_row_version: int
    # the headline terms (reports, availability): those of the most recently signed contract with confirmed
    # terms, else the supplier's own; a request is judged by its own contract's (see ``choose``)
    terms: Timeline
    domains: tuple[str, ...] = ()
    buyer_domains: tuple[str, ...] = ()
    name_zh: str | None = None  # the registered Chinese name, for Chinese pages
    versions: dict[int, int] = field(default_factory=dict)  # terms id -> its version number (as the terms page shows)
    # terms id -> the number of the contract the terms are of (None: the supplier's own terms)
    terms_contracts: dict[int, str | None] = field(default_factory=dict)
    # contract id -> its confirmed terms versions; None -> the supplier's own terms
    scopes: dict[int | None, Timeline] = field(default_factory=dict)
    # the supplier's contracts with confirmed terms: (signed on, contract id), most recently signed first
    signed: list[tuple[date, int]] = field(default_factory=list)

    def side_of_sender(self, sender: str | None) -> str | None:
        return sender_side(sender, self.buyer_domains, self.domains)

    def choose(self, opened_e: int, as_of_e: int, contract_id: int | None = None) -> TermsChoice | None:
        """The terms a request opened at ``opened_e`` is judged by: its own contract's; for a request that
        names no contract, those of the contract in force when it was opened (the most recently signed on
        or before that day, in the supplier's zone, with confirmed terms); else the supplier's own terms.
        Never a contract signed after the request was opened, nor another contract than its own: terms
        bind only the parties to that contract, from its signing (Civil Code Arts. 465(2), 490 and 502;
        UNVERIFIED: not yet in LEGAL-NOTES.md, see records/requests/base.py). Within the scope, the version valid when
        the request was opened (the first version where it was opened before any was valid: the terms as
        recorded are the contract's own) and each later version as a terms change (docs/sla.md §4)."""
        basis = "own"
        scope: int | None = contract_id
        if contract_id is None:
            day = datetime.fromtimestamp(opened_e, self.calendar.tz).date()
            scope = next((cid for signed_on, cid in self.signed if signed_on <= day), None)
            basis = "in_force"
        timeline = self.scopes.get(scope) if scope is not None else None
        if timeline is None:
            scope, basis, timeline = None, "supplier", self.scopes.get(None)
        if not timeline:
            return None
        first = timeline[0]
        for t in timeline:
            if t[0] <= opened_e:
                first = t
        later = [t for t in timeline if opened_e < t[0] <= as_of_e and t is not first]
        changes = [
            Event(
                datetime.fromtimestamp(t[0], UTC),
                EventKind.TERMS_CHANGED,
                terms=t[1],
                ref=f"terms v{self.versions.get(t[2], '?')}",
            )
            for t in later
        ]
        return TermsChoice(first[1], first[2], changes, timeline, later, scope, basis)


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
    numbers = {c.id: c.number for c in contracts}
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

        def timeline(rows: list[SlaTerms]) -> Timeline:
            return sorted(
                ((to_epoch(r.valid_from), SupportTerms.from_dict(r.terms), r.id, r.terms) for r in rows),
                key=lambda t: (t[0], t[2]),
            )

        own = sorted(
            (c for c in contracts if c.supplier_id == o.id and by_scope.get(f"contract:{c.id}")),
            key=lambda c: (c.signed_on or date.min, c.id),
            reverse=True,
        )
        scopes: dict[int | None, Timeline] = {c.id: timeline(by_scope[f"contract:{c.id}"]) for c in own}
        mine = by_scope.get(f"supplier:{o.id}", [])
        if mine:
            scopes[None] = timeline(mine)
        rows = [r for c in own for r in by_scope[f"contract:{c.id}"]] + mine
        # the headline terms: the most recently signed contract with confirmed terms, else the supplier's own
        headline = scopes[own[0].id] if own else scopes.get(None, [])
        out[o.id] = SupplierSetup(
            o.id,
            o.key,
            o.name_en,
            cal,
            row.version if row else 0,
            headline,
            tuple(o.email_domains or []),
            buyer_domains,
            name_zh=o.name_zh,
            versions={r.id: r.version for r in rows},
            terms_contracts={r.id: numbers.get(r.contract_id) if r.contract_id else None for r in rows},
            scopes=scopes,
            signed=[(c.signed_on or date.min, c.id) for c in own],
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
    contract_id: int | None = None  # the contract the request is under, if it names one


def build_request(
    r: RequestInput, setup: SupplierSetup, as_of_e: int, buyer_tz: str | None
) -> tuple[SupportRequest, SupportTerms, int] | None:
    """The domain input for one request; None when no confirmed terms apply to it."""
    built = build_request_with(r, setup, as_of_e, buyer_tz)
    return None if built is None else (built[0], built[1].terms, built[1].terms_id)


def build_request_with(
    r: RequestInput, setup: SupplierSetup, as_of_e: int, buyer_tz: str | None
) -> tuple[SupportRequest, TermsChoice] | None:
    """:func:`build_request` with the terms chosen (and why): None when no confirmed terms apply."""
    opened_e = to_epoch(r.opened_at)
    chosen = setup.choose(opened_e, as_of_e, r.contract_id)
    if chosen is None:
        return None
    changes = chosen.changes
    msgs = []
    buyer, supplier = Direction.BUYER, Direction.SUPPLIER
    make = Message.of
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
            msgs.append(make(sent_at, buyer, False, False, ref))
        elif not flags:  # classify_message without flags: only the acknowledgement rule applies
            msgs.append(make(sent_at, supplier, False, _bare_ack_cached(text), ref))
        else:
            c = classify_message("supplier", flags, text)
            msgs.append(make(sent_at, supplier, c["auto_reply"], c["acknowledgement"], ref))
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
    return req, chosen


def _raw_time(v: Any) -> datetime | None:
    """A time read without SQLAlchemy's per-row processing: SQLite gives the stored UTC text,
    PostgreSQL an aware datetime."""
    if v is None or isinstance(v, datetime):
        return v.astimezone(UTC) if v is not None and v.tzinfo is not UTC else v
    try:
        return datetime.fromisoformat(v + "+00:00")  # one parse, several times faster than .replace()
    except ValueError:
        return datetime.fromisoformat(v).astimezone(UTC)


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
    are integers or constants of the code (rendered inline); values come as the driver gives
    them (see ``_raw_time``)."""
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cur = conn.connection.cursor()
    try:
        cur.execute(sql)
        return cur.fetchall()
    finally:
        cur.close()


def _iter_inputs(
    conn: Any, ws_id: int, lo: int, hi: int, batch: int, only: list[int] | None = None, *, buyer_text: bool = True
) -> Iterator[list[RequestInput]]:
    """Requests with lo <= id < hi (of those, only the ids listed in ``only`` when given), their
    messages and events, in batches (bounded memory). ``buyer_text=False``: the text of the
    buyer's messages is not read (evaluation needs only the supplier's, for the acknowledgement
    rule: half the text of a first run not copied out of the database)."""
    after = lo - 1
    pos = 0
    text_head: Any = func.substr(MessageRow.text, 1, TEXT_HEAD)
    if not buyer_text:
        text_head = case((MessageRow.direction.in_(sorted(BUYER_DIRECTIONS)), None), else_=text_head)
    if only is not None:
        batch = min(batch, 1000)  # ids listed in the statements
    while True:
        q = select(
            RequestRow.id,
            RequestRow.number,
            RequestRow.supplier_id,
            RequestRow.severity,
            RequestRow.opened_at,
            RequestRow.status,
            RequestRow.closed_at,
            RequestRow.contract_id,
        ).where(RequestRow.workspace_id == ws_id)
        if only is None:
            q = q.where(RequestRow.id > after, RequestRow.id < hi).order_by(RequestRow.id).limit(batch)
        else:
            some = only[pos : pos + batch]
            pos += batch
            if not some:
                return
            q = q.where(RequestRow.id.in_(some)).order_by(RequestRow.id)
        rows = _fetch_raw(conn, q)
        if not rows:
            if only is not None:
                continue
            return
        reqs = {
            rid: RequestInput(rid, number, sid, sev, _raw_time(opened), st, _raw_time(closed), contract_id=cid)  # type: ignore[arg-type]
            for rid, number, sid, sev, opened, st, closed, cid in rows
        }
        a, b = rows[0][0], rows[-1][0]
        where = (
            (MessageRow.support_request_id >= a, MessageRow.support_request_id <= b)
            if only is None or b - a + 1 <= 2 * len(rows)
            else (MessageRow.support_request_id.in_(list(reqs)),)
        )
        mq = (
            select(
                MessageRow.support_request_id,
                MessageRow.id,
                MessageRow.sender,
                MessageRow.direction,
                type_coerce(MessageRow.sent_at, String),
                type_coerce(MessageRow.flags, Text),
                text_head,
                EvidenceItem.number,
            )
            .outerjoin(EvidenceItem, EvidenceItem.id == MessageRow.evidence_id)
            .where(MessageRow.workspace_id == ws_id, *where)
        )
        fromiso = datetime.fromisoformat
        cur_id, cur = None, None
        for srid, mid, sender, direction, sent_at, flags, text, evno in _fetch_raw(conn, mq):
            if srid != cur_id:  # rows come grouped by request
                cur_id = srid
                r = reqs.get(srid)
                cur = None if r is None else r.messages
            if cur is None:
                continue
            ref = evidence_label(evno) if evno is not None else f"message {mid}"
            # _raw_time and _raw_flags inline for their common cases (a million calls each)
            t = fromiso(sent_at + "+00:00") if sent_at.__class__ is str and len(sent_at) == 26 else _raw_time(sent_at)
            fl = {} if not flags or flags == "{}" else _raw_flags(flags)
            cur.append((mid, sender, direction, t, fl, text, ref))
        eq = select(SlaEvent.support_request_id, SlaEvent.kind, SlaEvent.at, SlaEvent.ref).where(
            SlaEvent.workspace_id == ws_id,
            SlaEvent.support_request_id >= a,
            SlaEvent.support_request_id <= b,
            *([] if only is None else [SlaEvent.support_request_id.in_(list(reqs))]),
        )
        for srid, kind, at, ref in _fetch_raw(conn, eq):
            r = reqs.get(srid)
            if r is not None:
                r.events.append((kind, _raw_time(at), ref))  # type: ignore[arg-type]
        yield list(reqs.values())
        after = b
