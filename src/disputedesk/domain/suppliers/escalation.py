"""Escalation contacts, their channels and answering hours; whom to contact next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import IntEnum, StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..officialcal import get_calendar
from ..text import Seq, T
from .checks import _require_aware


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
            raise ValueError(T("answering hours must end after they start (no overnight windows)"))
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
