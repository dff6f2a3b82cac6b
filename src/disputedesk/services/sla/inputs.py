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
    name_zh: str | None = None  # the registered Chinese name, for Chinese pages
    versions: dict[int, int] = field(default_factory=dict)  # terms id -> its version number (as the terms page shows)

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
            Event(
                datetime.fromtimestamp(t[0], UTC),
                EventKind.TERMS_CHANGED,
                terms=t[1],
                ref=f"terms v{self.versions.get(t[2], '?')}",
            )
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
            o.id,
            o.key,
            o.name_en,
            cal,
            row.version if row else 0,
            tl,
            tuple(o.email_domains or []),
            buyer_domains,
            name_zh=o.name_zh,
            versions={r.id: r.version for r in chosen},
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
    return req, terms, terms_id


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
            rid: RequestInput(rid, number, sid, sev, _raw_time(opened), st, _raw_time(closed))  # type: ignore[arg-type]
            for rid, number, sid, sev, opened, st, closed in rows
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
