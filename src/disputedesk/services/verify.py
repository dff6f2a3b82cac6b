"""``disputedesk verify``: re-hash every blob and replay every ledger chain.

Catches, and names: a changed blob (hash differs), a missing blob, an edited ledger entry,
a deleted entry (in the middle by the chain, at the end by the anchor), reordered entries,
an evidence row whose ledger entry is missing or does not match, and a ledger record of an
evidence item whose row was deleted.

Trusted timestamps (``services/timestamps.py``): every token kept in the chain is checked
against the chain (and its signature against ``DISPUTEDESK_TSA_CA``); a token that no longer
matches the entry it stamped names a chain rewritten after the timestamp, which the chain and
the anchor alone cannot show. Each good token is reported with the first entry it proves.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from ..documents.timestamp_token import TokenCheck, check_tokens
from ..domain.labels import evidence_label
from ..domain.ledger import check_chain
from ..domain.text import T, Text
from ..store.blobs import BlobStoreError
from ..store.db import unit_of_work
from ..store.ledger import iter_entries, read_anchor
from ..store.models import EvidenceItem, LedgerEntry, Workspace
from .context import Context
from .timestamps import TimestampError, check_chain_tokens, late_proofs, trust_pem


@dataclass
class Problem:
    workspace: str
    where: str  # "E-0007", "ledger #12", "blob <sha>"
    problem: str

    def __str__(self) -> str:
        return f"[{self.workspace}] {self.where}: {self.problem}"


@dataclass
class VerifyReport:
    workspaces: int = 0
    items: int = 0
    bytes_checked: int = 0
    ledger_entries: int = 0
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # per workspace: what each trusted timestamp proves (services/timestamps.py TokenCheck)
    timestamps: dict[str, list[TokenCheck]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "workspaces": self.workspaces,
            "items": self.items,
            "bytes_checked": self.bytes_checked,
            "ledger_entries": self.ledger_entries,
            "heads": {k: {"seq": v[0], "hash": v[1]} for k, v in self.heads.items()},
            "problems": [p.__dict__ for p in self.problems],
            "timestamps": {k: [c.as_dict() for c in v] for k, v in self.timestamps.items()},
            "notes": self.notes,
        }


def verify(
    ctx: Context,
    workspace: str | None = None,
    *,
    rehash: bool = True,
    progress: Callable[[int], None] | None = None,
    kept_tokens: dict[str, list[dict[str, Any]]] | None = None,
) -> VerifyReport:
    """``kept_tokens``: timestamp tokens kept outside the vault (``timestamp --export``, a bundle),
    workspace → token payloads; each must still match the chain."""
    report = VerifyReport()
    try:
        pem = trust_pem(ctx)
    except TimestampError as exc:
        pem = None
        report.problems.append(Problem("*", "DISPUTEDESK_TSA_CA", str(exc)))
    with unit_of_work(ctx.engine) as s:
        q = select(Workspace).order_by(Workspace.slug)
        if workspace:
            q = q.where(Workspace.slug == workspace)
        workspaces = list(s.execute(q).scalars())
    for ws in workspaces:
        report.workspaces += 1
        _verify_chain(ctx, ws, report, pem, (kept_tokens or {}).get(ws.slug, []))
        _verify_items(ctx, ws, report, rehash=rehash, progress=progress)
    return report


def count_items(ctx: Context, workspace: str | None = None) -> int:
    with unit_of_work(ctx.engine) as s:
        q = select(func.count(EvidenceItem.id))
        if workspace:
            q = q.join(Workspace, Workspace.id == EvidenceItem.workspace_id).where(Workspace.slug == workspace)
        return int(s.execute(q).scalar_one())


def _verify_chain(
    ctx: Context, ws: Workspace, report: VerifyReport, pem: bytes | None, kept: list[dict[str, Any]]
) -> None:
    anchor = read_anchor(ctx.blobs, ws.slug)
    with unit_of_work(ctx.engine) as s:
        entries = list(iter_entries(s, ws))
    report.ledger_entries += len(entries)
    if entries:
        report.heads[ws.slug] = (entries[-1].seq, entries[-1].hash)
    for p in check_chain(entries, anchor):
        report.problems.append(Problem(ws.slug, f"ledger #{p.seq}", p.problem))
    tokens = check_chain_tokens(ws.slug, entries, pem)
    if tokens.checks:
        report.timestamps[ws.slug] = tokens.checks
        for c in tokens.problems:
            report.problems.append(Problem(ws.slug, f"ledger #{c.entry}", token_problem(c)))
        if pem is None:
            report.notes.append(
                T(
                    "[%(workspace)s] %(n)s timestamp token(s) matched against the chain, but their signatures "
                    "were not checked: set DISPUTEDESK_TSA_CA to the TSA's CA certificate",
                    workspace=ws.slug,
                    n=len(tokens.checks),
                )
            )
        late = late_proofs(entries, tokens.checks, 2 * ctx.settings.tsa_interval_hours + 2)
        report.notes.extend(T("[%(workspace)s] %(note)s", workspace=ws.slug, note=n) for n in late)
        if tokens.unproven_from is not None:
            report.notes.append(
                T(
                    "[%(workspace)s] entries #%(first)s–#%(last)s are not yet covered by a trusted timestamp",
                    workspace=ws.slug,
                    first=tokens.unproven_from,
                    last=tokens.head,
                )
            )
    elif ctx.settings.tsa_url and entries:
        report.notes.append(
            T(
                "[%(workspace)s] no trusted timestamp in the ledger yet although a TSA is configured: "
                "run `disputedesk timestamp`",
                workspace=ws.slug,
            )
        )
    if kept:
        outside = check_tokens(ws.slug, {e.seq: e.hash for e in entries}, [(0, p) for p in kept], pem)
        report.timestamps.setdefault(ws.slug, []).extend(outside.checks)
        for c in outside.problems:
            report.problems.append(Problem(ws.slug, c.where, token_problem(c)))


def token_problem(c: TokenCheck) -> str:
    """Why a trusted timestamp does not check out, as a sentence a page says in its language (the
    bundle verifier's line for it, built from the check's code and parameters)."""
    from ..documents.bundle_verify import Line, token_problem_line

    def text(line: Line) -> Text:
        return Text(line.msgid, {k: text(v) if isinstance(v, Line) else v for k, v in line.params.items()})

    return text(token_problem_line(c)) if c.problem else T("timestamp refused")


def _verify_items(
    ctx: Context,
    ws: Workspace,
    report: VerifyReport,
    *,
    rehash: bool,
    progress: Callable[[int], None] | None,
) -> None:
    with unit_of_work(ctx.engine) as s:
        added: dict[int, tuple[int, str]] = {}
        for seq, subject, payload in s.execute(
            select(LedgerEntry.seq, LedgerEntry.subject, LedgerEntry.payload).where(
                LedgerEntry.workspace_id == ws.id, LedgerEntry.action == "evidence.added"
            )
        ).all():
            number = _payload_number(payload)
            if number is None:  # the chain check has already named this entry as edited
                continue
            added[number] = (seq, subject)
        items = list(
            s.execute(
                select(EvidenceItem.number, EvidenceItem.sha256, EvidenceItem.size, EvidenceItem.ledger_seq)
                .where(EvidenceItem.workspace_id == ws.id)
                .order_by(EvidenceItem.number)
            ).all()
        )
    seen: set[int] = set()
    for number, sha, size, ledger_seq in items:
        label = evidence_label(number)
        seen.add(number)
        report.items += 1
        rec = added.get(number)
        if rec is None:
            report.problems.append(Problem(ws.slug, label, "has no 'evidence.added' ledger entry"))
        elif rec[0] != ledger_seq or rec[1] != sha:
            report.problems.append(
                Problem(ws.slug, label, f"does not match its ledger entry #{rec[0]} (hash or entry number changed)")
            )
        try:
            if not ctx.blobs.exists(sha):
                report.problems.append(Problem(ws.slug, label, f"original file is missing from the blob store ({sha})"))
                continue
            if rehash:
                actual = ctx.blobs.rehash(sha)
                if actual != sha:
                    report.problems.append(
                        Problem(
                            ws.slug, label, f"original file was altered: its SHA-256 is now {actual}, recorded {sha}"
                        )
                    )
                    continue
            actual_size = ctx.blobs.size(sha)
            if actual_size != size:
                report.problems.append(
                    Problem(ws.slug, label, f"original file size is {actual_size} bytes, recorded {size}")
                )
                continue
            report.bytes_checked += size
        except BlobStoreError as exc:
            report.problems.append(Problem(ws.slug, label, str(exc)))
        if progress:
            progress(1)
    for number, (seq, _subject) in sorted(added.items()):
        if number not in seen:
            report.problems.append(
                Problem(
                    ws.slug,
                    evidence_label(number),
                    f"recorded in ledger #{seq} but its evidence record is gone (deleted)",
                )
            )


def _payload_number(payload: str) -> int | None:
    try:
        return int(json.loads(payload)["number"])
    except (ValueError, KeyError, TypeError):
        return None
