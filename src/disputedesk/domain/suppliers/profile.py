"""The supplier profile: identity, certifications, bank accounts, with evidence per fact.

Every fact on a profile may carry evidence numbers (``E-0042``) that point into the evidence
vault: a screenshot of the official registry entry, the business licence scan, a
certificate PDF.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ..maildomains import address_in
from ..money import Money
from ..text import Quoted, Seq, T
from ..uscc import check_uscc
from .checks import _check_evidence
from .due_diligence import DDEntry, dd_gaps
from .names import DOMAIN_NAME


class SupplierKind(StrEnum):
    FACTORY = "factory"
    TRADING_COMPANY = "trading_company"
    FACTORY_AND_TRADING = "factory_and_trading"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Certification:
    name: str  # "CE (Machinery Directive)", "ISO 9001:2015", "CCC"
    number: str | None = None
    issuer: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    evidence: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_evidence(self.evidence, f"certification {self.name!r}")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError(f"certification {self.name!r}: valid_until is before valid_from")

    def status(self, today: date, warn_days: int = 60) -> str:
        """ "valid" | "expiring" (within ``warn_days``) | "expired" | "not_yet_valid" | "undated"."""
        if self.valid_from and today < self.valid_from:
            return "not_yet_valid"
        if self.valid_until is None:
            return "undated"
        if today > self.valid_until:
            return "expired"
        if (self.valid_until - today).days <= warn_days:
            return "expiring"
        return "valid"


@dataclass(frozen=True)
class BankAccount:
    """A beneficiary account. ``verified_on`` set means the buyer confirmed it out of band
    (e.g. by a phone call to a number from the registry, not from the email that sent it)."""

    beneficiary_name: str
    account_number: str  # as printed; compare with :func:`normalise_account_number`
    bank_name: str | None = None
    swift: str | None = None
    iban: str | None = None
    currency: str | None = None
    verified_on: date | None = None
    verified_by: str | None = None
    evidence: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_evidence(self.evidence, f"bank account {self.account_number!r}")


@dataclass(frozen=True)
class SupplierProfile:
    supplier_id: str
    legal_name_zh: str
    uscc: str
    legal_name_en: str | None = None
    registered_address: str | None = None
    legal_representative: str | None = None
    registered_capital: Money | None = None
    business_scope: str | None = None
    kind: SupplierKind = SupplierKind.UNKNOWN
    certifications: tuple[Certification, ...] = ()
    export_licence: str | None = None
    websites: tuple[str, ...] = ()
    email_domains: tuple[str, ...] = ()
    store_links: tuple[str, ...] = ()  # Alibaba / Made-in-China store pages
    bank_accounts: tuple[BankAccount, ...] = ()
    #: evidence numbers per fact, keyed by field name: {"uscc": ("E-0042",)}
    evidence: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key, ids in self.evidence.items():
            if key not in _PROFILE_FIELDS:
                raise ValueError(f"evidence for unknown field {key!r}")
            _check_evidence(ids, f"field {key}")

    @property
    def verified_account(self) -> BankAccount | None:
        """The most recently verified beneficiary account, if any."""
        verified = [a for a in self.bank_accounts if a.verified_on is not None]
        return max(verified, key=lambda a: a.verified_on or date.min) if verified else None

    def problems(self, today: date | None = None) -> list[tuple[str, str]]:
        """(field, message) for facts that are wrong or worth a look; empty when clean."""
        out: list[tuple[str, str]] = []
        if not self.legal_name_zh.strip():
            out.append(("legal_name_zh", T("legal name in Chinese is empty")))
        res = check_uscc(self.uscc)
        if not self.uscc.strip():
            out.append(("uscc", T("no USCC recorded: the supplier's identity is not verified (due-diligence gap)")))
        elif not res.valid:
            out.append(("uscc", T("invalid USCC: %(why)s", why=Seq(p.message for p in res.problems))))
        else:
            out.extend(("uscc", w) for w in res.warnings)
            if res.parts and res.parts.authority_code == "9" and res.parts.entity_type_code == "2":
                out.append(("uscc", T("registered as an individual business (个体工商户), not a company")))
        for d in self.email_domains:
            if not DOMAIN_NAME.match(d):
                out.append(("email_domains", T("%(value)s is not a domain name", value=Quoted(d))))
        for w in (*self.websites, *self.store_links):
            if not re.match(r"^https?://[^\s/]+\.[^\s]+$", w):
                where = "websites" if w in self.websites else "store_links"
                out.append((where, T("%(value)s is not an http(s) URL", value=Quoted(w))))
        if today is not None:
            for c in self.certifications:
                st = c.status(today)
                if st == "expired":
                    out.append(("certifications", T("%(name)s: expired (%(day)s)", name=c.name, day=c.valid_until)))
                elif st == "expiring":
                    out.append(("certifications", T("%(name)s: expiring (%(day)s)", name=c.name, day=c.valid_until)))
                elif st == "not_yet_valid":
                    out.append(
                        ("certifications", T("%(name)s: not yet valid (%(day)s)", name=c.name, day=c.valid_from))
                    )
        return out

    def sender_is_supplier(self, email_address: str) -> bool:
        """True when the address is at one of the supplier's domains (or a subdomain of one)."""
        return address_in(email_address, self.email_domains)


_PROFILE_FIELDS = frozenset(
    {
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
    }
)


def profile_summary(profile: SupplierProfile, entries: Sequence[DDEntry], today: date) -> dict[str, object]:
    """Plain data for a profile page/API: problems and checklist gaps in one place."""
    return {
        "supplier_id": profile.supplier_id,
        "legal_name_zh": profile.legal_name_zh,
        "legal_name_en": profile.legal_name_en,
        "uscc": profile.uscc,
        "problems": [{"field": f, "message": m} for f, m in profile.problems(today)],
        "due_diligence_gaps": [
            {"item": g.item.value, "kind": g.kind, "severity": g.severity, "message": g.message}
            for g in dd_gaps(entries, today)
        ],
    }
