"""The due-diligence checklist and its gaps as of a given day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..text import T, zh_date
from .checks import _check_evidence


class DDItem(StrEnum):
    REGISTRY_CHECKED = "registry_checked"
    LEGAL_NAME_MATCHES = "legal_name_matches_contract_and_invoices"
    BANK_ACCOUNT_IN_LEGAL_NAME = "beneficiary_account_in_legal_name"
    FACTORY_AUDIT = "factory_audit_or_video_inspection"
    BUYER_REFERENCES = "references_from_other_buyers"
    CERTIFICATIONS_VERIFIED = "certifications_verified"
    SANCTIONS_SCREENING = "sanctions_and_export_control_screening"


DD_LABELS: dict[DDItem, str] = {
    DDItem.REGISTRY_CHECKED: T("Registry entry checked (National Enterprise Credit Information Publicity System)"),
    DDItem.LEGAL_NAME_MATCHES: T("Legal name matches the contract and the invoices"),
    DDItem.BANK_ACCOUNT_IN_LEGAL_NAME: T("Beneficiary bank account is in the supplier's legal name"),
    DDItem.FACTORY_AUDIT: T("Factory audit or video inspection"),
    DDItem.BUYER_REFERENCES: T("References from other buyers"),
    DDItem.CERTIFICATIONS_VERIFIED: T("Certifications verified with the issuer"),
    DDItem.SANCTIONS_SCREENING: T("Sanctions and export-control screening (recorded by the user)"),
}

DD_LABELS_ZH: dict[DDItem, str] = {
    DDItem.REGISTRY_CHECKED: "已核查登记信息（国家企业信用信息公示系统）",
    DDItem.LEGAL_NAME_MATCHES: "法定名称与合同和发票一致",
    DDItem.BANK_ACCOUNT_IN_LEGAL_NAME: "收款账户户名为供应商的法定名称",
    DDItem.FACTORY_AUDIT: "工厂审核或视频验厂",
    DDItem.BUYER_REFERENCES: "其他买方的推荐",
    DDItem.CERTIFICATIONS_VERIFIED: "已向发证机构核实资质证书",
    DDItem.SANCTIONS_SCREENING: "制裁与出口管制筛查（由用户记录）",
}

#: House policy, not law: how long a completed check stays current before it is a gap again.
DEFAULT_MAX_AGE_DAYS: dict[DDItem, int] = {
    DDItem.REGISTRY_CHECKED: 365,
    DDItem.SANCTIONS_SCREENING: 180,
    DDItem.CERTIFICATIONS_VERIFIED: 365,
}


class DDStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"  # checked, nothing wrong found
    FAILED = "failed"  # checked, a problem was found (e.g. account in another name)
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class DDEntry:
    item: DDItem
    status: DDStatus
    on: date | None = None
    by: str | None = None
    evidence: tuple[str, ...] = ()
    note: str | None = None

    def __post_init__(self) -> None:
        _check_evidence(self.evidence, f"due-diligence item {self.item.value}")


@dataclass(frozen=True)
class DDGap:
    item: DDItem
    kind: str  # "missing" | "open" | "failed" | "stale" | "no_evidence" | "undated" | "future_date"
    severity: str  # "high" | "medium" | "low"
    message: str
    message_zh: str = ""  # the same in Chinese, for pages and letters in Chinese


def dd_gaps(
    entries: Iterable[DDEntry],
    today: date,
    max_age_days: Mapping[DDItem, int] | None = None,
) -> list[DDGap]:
    """What is missing, failed, out of date or unsupported on the checklist, as of ``today``.

    The latest entry per item counts. A failed bank-account check is always high severity:
    paying into an account not in the supplier's legal name is the classic trade fraud.
    """
    ages = DEFAULT_MAX_AGE_DAYS if max_age_days is None else max_age_days
    latest: dict[DDItem, DDEntry] = {}
    for entry in entries:
        cur = latest.get(entry.item)
        if cur is None or (entry.on or date.min) >= (cur.on or date.min):
            latest[entry.item] = entry
    gaps: list[DDGap] = []
    for item in DDItem:
        label, zh = DD_LABELS[item], DD_LABELS_ZH[item]
        e = latest.get(item)
        if e is None or e.status is DDStatus.NOT_STARTED:
            sev = "high" if item in (DDItem.REGISTRY_CHECKED, DDItem.BANK_ACCOUNT_IN_LEGAL_NAME) else "medium"
            gaps.append(DDGap(item, "missing", sev, T("%(item)s: not done", item=label), f"{zh}：未完成"))
            continue
        if e.status is DDStatus.NOT_APPLICABLE:
            continue
        if e.status is DDStatus.IN_PROGRESS:
            gaps.append(
                DDGap(
                    item,
                    "open",
                    "medium",
                    T("%(item)s: in progress since %(on)s", item=label, on=e.on or "?"),
                    f"{zh}：自 {e.on or '?'} 起进行中",
                )
            )
            continue
        if e.status is DDStatus.FAILED:
            gaps.append(
                DDGap(
                    item,
                    "failed",
                    "high",
                    T("%(item)s: problem found: %(note)s", item=label, note=e.note)
                    if e.note
                    else T("%(item)s: problem found", item=label),
                    f"{zh}：发现问题{'：' + e.note if e.note else ''}",
                )
            )
            continue
        # DONE
        if e.on is None:
            gaps.append(
                DDGap(
                    item,
                    "undated",
                    "low",
                    T("%(item)s: marked done without a date", item=label),
                    f"{zh}：标记为完成但没有日期",
                )
            )
        elif e.on > today:
            gaps.append(
                DDGap(
                    item,
                    "future_date",
                    "low",
                    T("%(item)s: dated %(on)s, after today (%(today)s)", item=label, on=e.on, today=today),
                    f"{zh}：日期 {e.on} 晚于今天（{today}）",
                )
            )
        elif item in ages and (today - e.on).days > ages[item]:
            gaps.append(
                DDGap(
                    item,
                    "stale",
                    "medium",
                    T(
                        "%(item)s: last done %(on)s, older than %(days)s days (house policy); repeat it",
                        item=label,
                        on=e.on,
                        days=ages[item],
                    ),
                    f"{zh}：上次完成于 {zh_date(e.on)}，已超过 {ages[item]} 天（内部规定），请重新核查",
                )
            )
        if not e.evidence:
            gaps.append(
                DDGap(
                    item,
                    "no_evidence",
                    "low",
                    T("%(item)s: done by %(by)s but no evidence linked", item=label, by=e.by or "?"),
                    f"{zh}：已由 {e.by or '?'} 完成，但未关联证据",
                )
            )
    return gaps
