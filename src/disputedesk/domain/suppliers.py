"""Suppliers: profile, due-diligence checklist, escalation contacts and periodic reviews.

Plain dataclasses and functions a service layer calls; nothing here reads a database, a file
or the clock. Dates/times are arguments (``today``, ``at``) and datetimes must be tz-aware.

Every fact on a profile may carry evidence numbers (``E-0042``) that point into the evidence
vault: a screenshot of the official registry entry, the business licence scan, a
certificate PDF.

Size (about 800 lines): four topics (profile, due diligence, escalation contacts, reviews)
that share the evidence-number, date and mail-domain checks; each part is short and pure. The
services mirror the topics as modules (``services/suppliers/``); splitting this file the same
way is the next step if it grows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import IntEnum, StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .labels import is_written_label
from .maildomains import address_in
from .money import Money
from .officialcal import get_calendar
from .text import Seq, T
from .uscc import check_uscc


def _require_aware(value: datetime, name: str) -> None:
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (got naive {value.isoformat()})")


def _check_evidence(ids: Iterable[str], where: str) -> tuple[str, ...]:
    out = tuple(ids)
    for e in out:
        if not is_written_label(e):
            raise ValueError(f"{where}: evidence number {e!r} must look like E-0042")
    return out


# --------------------------------------------------------------------------- money


_CURRENCY_WORDS = {
    "人民币": "CNY",
    "元": "CNY",
    "rmb": "CNY",
    "美元": "USD",
    "欧元": "EUR",
    "港元": "HKD",
    "港币": "HKD",
    "日元": "JPY",
    "英镑": "GBP",
}
_CAPITAL = re.compile(
    r"^\s*(?P<cur1>[A-Za-z]{3}|人民币|美元|欧元|港元|港币|日元|英镑)?\s*(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<unit>万|亿|million|m)?\s*"
    r"(?P<cur2>[A-Za-z]{3}|人民币|元人民币|万元人民币|元|美元|万美元|欧元|港元|港币|日元|英镑)?\s*$",
    re.IGNORECASE,
)


def parse_money(text: str, default_currency: str = "CNY") -> Money:
    """Read registered capital as written on licences and in spreadsheets.

    ``"1000万元人民币"`` → CNY 10,000,000; ``"500万美元"`` → USD 5,000,000;
    ``"CNY 10,000,000"``; ``"12.5 million USD"``; a bare number uses ``default_currency``.
    """
    s = unicodedata.normalize("NFKC", text).strip()
    if re.search(r"[\u4e00-\u9fff]", s):
        s = re.sub(r"\s+", "", s)  # "1000 万元 人民币" as typed
    s = s.replace("万元人民币", "万 人民币").replace("元人民币", " 人民币").replace("万美元", "万 美元")
    m = _CAPITAL.match(s)
    if not m:
        raise ValueError(f"cannot read an amount from {text!r} (e.g. '1000万元人民币' or 'CNY 10000000')")
    try:
        amount = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - regex guarantees digits
        raise ValueError(f"cannot read an amount from {text!r}") from exc
    if amount < 0:
        raise ValueError(f"registered capital cannot be negative: {text!r}")
    unit = (m.group("unit") or "").lower()
    if unit == "万":
        amount *= 10_000
    elif unit == "亿":
        amount *= 100_000_000
    elif unit in ("million", "m"):
        amount *= 1_000_000
    cur_text = m.group("cur1") or m.group("cur2") or ""
    currency = _CURRENCY_WORDS.get(cur_text.lower(), cur_text.upper()) if cur_text else default_currency
    return Money(amount, currency)


# --------------------------------------------------------------------------- profile


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


def normalise_account_number(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", unicodedata.normalize("NFKC", text).upper())


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
            out.append(("legal_name_zh", "legal name in Chinese is empty"))
        res = check_uscc(self.uscc)
        if not self.uscc.strip():
            out.append(("uscc", "no USCC recorded: the supplier's identity is not verified (due-diligence gap)"))
        elif not res.valid:
            out.append(("uscc", f"invalid USCC: {res.reason}"))
        else:
            out.extend(("uscc", w) for w in res.warnings)
            if res.parts and res.parts.authority_code == "9" and res.parts.entity_type_code == "2":
                out.append(("uscc", "registered as an individual business (个体工商户), not a company"))
        for d in self.email_domains:
            if not DOMAIN_NAME.match(d):
                out.append(("email_domains", f"{d!r} is not a domain name"))
        for w in (*self.websites, *self.store_links):
            if not re.match(r"^https?://[^\s/]+\.[^\s]+$", w):
                out.append(("websites" if w in self.websites else "store_links", f"{w!r} is not an http(s) URL"))
        if today is not None:
            for c in self.certifications:
                st = c.status(today)
                if st in ("expired", "expiring", "not_yet_valid"):
                    when = c.valid_until if st != "not_yet_valid" else c.valid_from
                    out.append(("certifications", f"{c.name}: {st.replace('_', ' ')} ({when})"))
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
DOMAIN_NAME = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$")


# --------------------------------------------------------------------------- due diligence


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
                    f"{zh}：上次完成于 {e.on}，已超过 {ages[item]} 天（内部规定），请重新核查",
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


# --------------------------------------------------------------------------- contacts & escalation


class EscalationLevel(IntEnum):
    SUPPORT_ENGINEER = 1
    SERVICE_MANAGER = 2
    SALES = 3
    GENERAL_MANAGER = 4  # general manager or legal representative (法定代表人)


LEVEL_LABELS = {
    EscalationLevel.SUPPORT_ENGINEER: T("support engineer"),
    EscalationLevel.SERVICE_MANAGER: T("service manager"),
    EscalationLevel.SALES: T("sales"),
    EscalationLevel.GENERAL_MANAGER: T("general manager / legal representative"),
}


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    WECHAT = "wechat"
    WHATSAPP = "whatsapp"
    PLATFORM_CHAT = "platform_chat"


#: Channels that leave a dated written record the buyer keeps (phone calls do not).
WRITTEN_CHANNELS = frozenset({Channel.EMAIL, Channel.PLATFORM_CHAT, Channel.WECHAT, Channel.WHATSAPP})
#: Channels where a message waits until read, so sending outside hours is still fine.
ASYNC_CHANNELS = frozenset({Channel.EMAIL, Channel.PLATFORM_CHAT, Channel.WECHAT, Channel.WHATSAPP})


@dataclass(frozen=True)
class AnswerHours:
    """When a channel is answered: local ``start``-``end`` on working days of ``calendar``
    (an :mod:`officialcal` code: "cn" counts Chinese holidays and make-up working days), or
    every day when ``every_day`` is set."""

    tz: str = "Asia/Shanghai"
    start: time = time(9, 0)
    end: time = time(18, 0)
    calendar: str = "cn"
    every_day: bool = False

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.tz!r}") from exc
        if self.end <= self.start:
            raise ValueError("answering hours must end after they start (no overnight windows)")
        if not self.every_day:
            get_calendar(self.calendar)  # raises ValueError naming an unknown calendar code

    def _day_open(self, d: date) -> bool:
        return self.every_day or get_calendar(self.calendar).day(d).working

    def is_open(self, at: datetime) -> bool:
        _require_aware(at, "at")
        local = at.astimezone(ZoneInfo(self.tz))
        return self._day_open(local.date()) and self.start <= local.time() < self.end

    def next_open(self, at: datetime) -> datetime:
        """``at`` itself when open, else the next opening time (in the channel's zone)."""
        _require_aware(at, "at")
        zone = ZoneInfo(self.tz)
        local = at.astimezone(zone)
        if self.is_open(at):
            return local
        d = local.date()
        if local.time() >= self.start:
            d += timedelta(days=1)
        for _ in range(400):
            if self._day_open(d):
                return datetime.combine(d, self.start, tzinfo=zone)
            d += timedelta(days=1)
        raise ValueError("no working day within 400 days")  # pragma: no cover

    def why_closed(self, at: datetime) -> str | None:
        """None when open at ``at``; else a short reason naming a holiday where known."""
        if self.is_open(at):
            return None
        local = at.astimezone(ZoneInfo(self.tz))
        if not self.every_day:
            info = get_calendar(self.calendar).day(local.date())
            if not info.working:
                what = T(info.name) if info.name else T(info.reason.replace("_", " "))
                if info.provisional:
                    return T(
                        "%(day)s is not a working day: %(what)s (calendar data provisional)",
                        day=local.date(),
                        what=what,
                    )
                return T("%(day)s is not a working day: %(what)s", day=local.date(), what=what)
        start, end, now = self.start.strftime("%H:%M"), self.end.strftime("%H:%M"), local.strftime("%H:%M")
        return T("outside %(start)s-%(end)s %(tz)s (it is %(now)s there)", start=start, end=end, tz=self.tz, now=now)

    def describe(self) -> str:
        hours = f"{self.start:%H:%M}-{self.end:%H:%M}"
        if self.every_day:
            return T("every day %(hours)s %(tz)s", hours=hours, tz=self.tz)
        return T(
            "working days (%(calendar)s calendar) %(hours)s %(tz)s", calendar=self.calendar, hours=hours, tz=self.tz
        )


@dataclass(frozen=True)
class ContactChannel:
    channel: Channel
    address: str  # email address, phone number, WeChat ID, platform store chat link
    hours: AnswerHours | None = None  # None: no hours agreed
    preferred: bool = False


@dataclass(frozen=True)
class Contact:
    name: str
    level: EscalationLevel
    channels: tuple[ContactChannel, ...]
    role: str | None = None  # title as they use it, e.g. "售后经理 After-sales manager"
    name_zh: str | None = None
    is_legal_representative: bool = False


@dataclass(frozen=True)
class EscalationMatrix:
    contacts: tuple[Contact, ...]
    protocol: str | None = None  # the agreed communication protocol, free text

    def at_level(self, level: EscalationLevel) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if c.level == level)


@dataclass(frozen=True)
class ContactProposal:
    level: EscalationLevel | None  # None: no higher level left in the matrix
    contact: Contact | None
    channel: ContactChannel | None
    open_now: bool
    answer_from: datetime | None  # when the channel is next answered (None: no hours known)
    reason: str
    follow_up: str | None = None


def _channel_rank(ch: ContactChannel, at: datetime) -> tuple[int, int, int, int]:
    open_now = ch.hours is not None and ch.hours.is_open(at)
    return (
        0 if open_now else 1,
        0 if ch.channel in WRITTEN_CHANNELS else 1,
        0 if ch.channel is Channel.EMAIL else 1,
        0 if ch.preferred else 1,
    )


def next_contact(matrix: EscalationMatrix, current_level: EscalationLevel | None, at: datetime) -> ContactProposal:
    """Propose whom to contact next, and how, when a case escalates at ``at``.

    The next level up that has someone in the matrix is chosen (empty levels are skipped and
    said so). Among that person's channels: one answered now beats one that is not; a written
    channel beats a call (the record is evidence); email beats chat; the contact's preferred
    channel breaks ties. A phone call comes with a follow-up: confirm it in writing.
    """
    _require_aware(at, "at")
    start = 1 if current_level is None else int(current_level) + 1
    skipped: list[str] = []
    for lvl_value in range(start, max(EscalationLevel) + 1):
        lvl = EscalationLevel(lvl_value)
        people = [c for c in matrix.at_level(lvl) if c.channels]
        if not people:
            skipped.append(LEVEL_LABELS[lvl])
            continue
        options = [(p, ch) for p in people for ch in p.channels]
        person, ch = min(options, key=lambda pc: (_channel_rank(pc[1], at), not pc[0].is_legal_representative))
        open_now = ch.hours is not None and ch.hours.is_open(at)
        answer_from = ch.hours.next_open(at) if ch.hours is not None else None
        channel = T(ch.channel.value)
        why: list[str] = [T("next level: %(level)s (%(person)s)", level=LEVEL_LABELS[lvl], person=person.name)]
        if skipped:
            why.append(T("no contact recorded for %(levels)s", levels=Seq(skipped, ", ")))
        if open_now and ch.hours is not None:
            why.append(T("%(channel)s is answered now (%(hours)s)", channel=channel, hours=ch.hours.describe()))
        elif ch.hours is not None and answer_from is not None:
            why.append(
                T(
                    "%(channel)s is not answered now (%(why)s); answered from %(from)s",
                    channel=channel,
                    why=ch.hours.why_closed(at),
                    **{"from": answer_from},
                )
            )
            if ch.channel in ASYNC_CHANNELS:
                why.append(T("send now; the message waits and its date counts"))
        else:
            why.append(T("no answering hours recorded for %(channel)s", channel=channel))
        if ch.channel in WRITTEN_CHANNELS:
            why.append(T("written channel: the message itself is evidence"))
        follow = None
        if ch.channel not in WRITTEN_CHANNELS:
            written = [c for c in person.channels if c.channel in WRITTEN_CHANNELS]
            follow = (
                T(
                    "confirm the call in writing (email to %(address)s) the same day, with date and time",
                    address=written[0].address,
                )
                if written
                else T("confirm the call in writing (email) the same day, with date and time")
            )
        return ContactProposal(lvl, person, ch, open_now, answer_from, T("%(parts)s", parts=Seq(why)), follow)
    top = T("no higher level") if current_level is not None else T("no contacts")
    return ContactProposal(
        None,
        None,
        None,
        False,
        None,
        T(
            "%(top)s in the escalation matrix (empty: %(levels)s); the next step is a formal written complaint or "
            "a lawyer's letter",
            top=top,
            levels=Seq(skipped, ", "),
        )
        if skipped
        else T(
            "%(top)s in the escalation matrix; the next step is a formal written complaint or a lawyer's letter",
            top=top,
        ),
    )


# --------------------------------------------------------------------------- periodic reviews


class ReviewFrequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"


_MONTHS = {
    ReviewFrequency.MONTHLY: 1,
    ReviewFrequency.QUARTERLY: 3,
    ReviewFrequency.SEMIANNUAL: 6,
    ReviewFrequency.ANNUAL: 12,
}


def add_months(d: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    from dateutil.relativedelta import relativedelta

    result: date = d + relativedelta(months=months)
    return result


@dataclass(frozen=True)
class ReviewSchedule:
    supplier_id: str
    frequency: ReviewFrequency
    first_due: date
    grace_days: int = 14  # shown as "due" this long before the date, "overdue" after it

    def due_dates(self, until: date) -> list[date]:
        out: list[date] = []
        n = 0
        while True:
            d = add_months(self.first_due, _MONTHS[self.frequency] * n)
            if d > until:
                return out
            out.append(d)
            n += 1


class Rating(IntEnum):
    """1 (very poor) to 5 (very good)."""

    VERY_POOR = 1
    POOR = 2
    ADEQUATE = 3
    GOOD = 4
    VERY_GOOD = 5


@dataclass(frozen=True)
class SupportFigures:
    """Support responsiveness as measured by the SLA engine for the review period."""

    requests: int
    sla_met: int
    median_first_response: timedelta | None = None
    p90_first_response: timedelta | None = None
    first_response_target: timedelta | None = None
    breaches_by_severity: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.requests < 0 or not 0 <= self.sla_met <= self.requests:
            raise ValueError("sla_met must be between 0 and requests")

    @property
    def compliance_rate(self) -> Decimal | None:
        if self.requests == 0:
            return None
        return (Decimal(self.sla_met) / Decimal(self.requests)).quantize(Decimal("0.0001"))


@dataclass(frozen=True)
class ReviewAction:
    text: str
    owner: str | None = None
    due: date | None = None
    done: bool = False


@dataclass(frozen=True)
class ReviewRecord:
    supplier_id: str
    reviewed_on: date
    reviewer: str
    period_start: date
    period_end: date
    product_quality: Rating
    support_responsiveness: Rating
    documentation: Rating
    support_figures: SupportFigures | None = None
    open_disputes: int = 0
    actions: tuple[ReviewAction, ...] = ()
    notes: str | None = None
    evidence: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_evidence(self.evidence, f"review of {self.supplier_id} on {self.reviewed_on}")
        if self.period_end < self.period_start:
            raise ValueError("review period ends before it starts")
        for name in ("product_quality", "support_responsiveness", "documentation"):
            Rating(getattr(self, name))  # raises ValueError outside 1..5

    @property
    def average_rating(self) -> Decimal:
        total = int(self.product_quality) + int(self.support_responsiveness) + int(self.documentation)
        return (Decimal(total) / 3).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class DueReview:
    supplier_id: str
    due_on: date
    status: str  # "due" (within grace days before the date) | "overdue"
    days_overdue: int
    last_review: date | None
    missed_before: int  # earlier scheduled reviews that were never done


def due_reviews(schedules: Iterable[ReviewSchedule], reviews: Iterable[ReviewRecord], today: date) -> list[DueReview]:
    """Reviews to remind about on ``today``, earliest first.

    Scheduled date D(k) is fulfilled by a review in ``[D(k) - grace, D(k+1) - grace)``: up to
    ``grace_days`` early, or late until the next one comes into view. The latest scheduled
    date already in view (``D - grace <= today``) is reported when unfulfilled: "due" up to
    its date, "overdue" after it; older misses are counted in ``missed_before``.
    """
    by_supplier: dict[str, list[date]] = {}
    for r in reviews:
        by_supplier.setdefault(r.supplier_id, []).append(r.reviewed_on)
    out: list[DueReview] = []
    for s in schedules:
        grace = timedelta(days=s.grace_days)
        done = sorted(d for d in by_supplier.get(s.supplier_id, []) if d <= today)
        in_view = s.due_dates(today + grace)
        if not in_view:
            continue
        step = _MONTHS[s.frequency]

        def fulfilled(k: int, *, dates: list[date] = in_view, sched: ReviewSchedule = s) -> bool:
            lo = dates[k] - grace  # noqa: B023 - bound through the defaults
            hi = add_months(sched.first_due, step * (k + 1)) - grace  # noqa: B023
            return any(lo <= d < hi for d in done)  # noqa: B023

        k = len(in_view) - 1
        if fulfilled(k):
            continue
        missed = sum(1 for j in range(k) if not fulfilled(j))
        due = in_view[k]
        overdue = (today - due).days
        out.append(
            DueReview(
                s.supplier_id,
                due,
                "overdue" if overdue > 0 else "due",
                max(overdue, 0),
                done[-1] if done else None,
                missed,
            )
        )
    return sorted(out, key=lambda d: (d.due_on, d.supplier_id))


def review_history(reviews: Iterable[ReviewRecord], supplier_id: str) -> list[ReviewRecord]:
    return sorted((r for r in reviews if r.supplier_id == supplier_id), key=lambda r: r.reviewed_on)


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
