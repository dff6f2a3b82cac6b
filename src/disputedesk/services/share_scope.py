"""What a counsel share link for one case may read: exactly that case's own records.

A case-scoped link sees the case, the evidence linked to it (case links, the proof and reply of
its ladder steps, acknowledgements, the evidence of its claims, money rows and dated notes, the messages of
its support requests, its letters and their proof of sending) together with the attachments and
parts of those items, its support requests, its letters and its bundles. ``web/auth.py`` checks
every request of such a link against this set; nothing else is reachable.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..domain.labels import evidence_number
from ..store.db import unit_of_work
from ..store.models import Case, EvidenceItem, Message, SupportRequest
from ..store.models_cases import CaseAcknowledgement, CaseClaim, CaseFacts, CaseLink, CaseMoney, CaseStep
from ..store.models_documents import BundleExport, GeneratedLetter
from .context import Context


@dataclass(frozen=True)
class CaseScope:
    case_id: int
    case_number: str
    evidence_numbers: frozenset[int]
    requests: frozenset[str]
    letters: frozenset[int]
    bundles: frozenset[int]

    def has_evidence(self, label: str) -> bool:
        return evidence_number(label) in self.evidence_numbers

    def has_request(self, number: str) -> bool:
        return (number or "").upper() in self.requests

    def has_case(self, ref: str) -> bool:
        return ref in (str(self.case_id), self.case_number) or ref.upper() == self.case_number.upper()


def case_scope(ctx: Context, workspace_id: int, case_id: int) -> CaseScope:
    with unit_of_work(ctx.engine) as s:
        case = s.get(Case, case_id)
        if case is None or case.workspace_id != workspace_id:
            return CaseScope(case_id, "", frozenset(), frozenset(), frozenset(), frozenset())
        ids: set[int] = set()
        numbers: set[int] = set()
        request_ids: set[int] = set()
        for ln in s.execute(select(CaseLink).where(CaseLink.case_id == case_id)).scalars():
            if ln.evidence_id:
                ids.add(ln.evidence_id)
            if ln.support_request_id:
                request_ids.add(ln.support_request_id)
        for step in s.execute(select(CaseStep).where(CaseStep.case_id == case_id)).scalars():
            ids.update(i for i in (step.proof_evidence_id, step.reply_evidence_id) if i)
        for ack in s.execute(select(CaseAcknowledgement).where(CaseAcknowledgement.case_id == case_id)).scalars():
            if ack.evidence_id:
                ids.add(ack.evidence_id)
        labels: list[str] = []
        for row in s.execute(select(CaseClaim.evidence).where(CaseClaim.case_id == case_id)).scalars():
            labels.extend(row or [])
        for row in s.execute(select(CaseMoney.evidence).where(CaseMoney.case_id == case_id)).scalars():
            labels.extend(row or [])
        # the case's dated notes ("counsel instructed", with the mail that did it) show their evidence
        for notes in s.execute(select(CaseFacts.notes).where(CaseFacts.case_id == case_id)).scalars():
            labels.extend(str(n["evidence"]) for n in (notes or []) if isinstance(n, dict) and n.get("evidence"))
        for label in labels:
            n = evidence_number(str(label))
            if n is not None:
                numbers.add(n)
        requests = set()
        if request_ids:
            for sr in s.execute(select(SupportRequest).where(SupportRequest.id.in_(request_ids))).scalars():
                requests.add(sr.number.upper())
            ids.update(
                i
                for i in s.execute(
                    select(Message.evidence_id).where(Message.support_request_id.in_(request_ids))
                ).scalars()
                if i
            )
        letters = set()
        for letter in s.execute(
            select(GeneratedLetter).where(
                GeneratedLetter.workspace_id == workspace_id, GeneratedLetter.case_ref == case.number
            )
        ).scalars():
            letters.add(letter.id)
            ids.update(i for i in (letter.evidence_id, letter.sent_proof_id) if i)
        bundles = set(
            s.execute(
                select(BundleExport.id).where(
                    BundleExport.workspace_id == workspace_id, BundleExport.scope == case.number
                )
            ).scalars()
        )
        # Items named by number, then every attachment and part below an included item.
        if numbers:
            ids.update(
                s.execute(
                    select(EvidenceItem.id).where(
                        EvidenceItem.workspace_id == workspace_id, EvidenceItem.number.in_(numbers)
                    )
                ).scalars()
            )
        frontier = set(ids)
        while frontier:
            children = set(
                s.execute(
                    select(EvidenceItem.id).where(
                        EvidenceItem.workspace_id == workspace_id, EvidenceItem.parent_id.in_(frontier)
                    )
                ).scalars()
            )
            frontier = children - ids
            ids |= children
        if ids:
            numbers = set(
                s.execute(
                    select(EvidenceItem.number).where(
                        EvidenceItem.workspace_id == workspace_id, EvidenceItem.id.in_(ids)
                    )
                ).scalars()
            )
        else:
            numbers = set()
        return CaseScope(
            case_id, case.number, frozenset(numbers), frozenset(requests), frozenset(letters), frozenset(bundles)
        )
