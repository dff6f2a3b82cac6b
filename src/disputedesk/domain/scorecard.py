"""Supplier scorecard and risk ranking from measured data.

The inputs are figures other parts compute (the SLA engine's compliance and response times,
breaches by severity, service credits owed, dispute cases and their outcome), the
due-diligence gaps (:func:`disputedesk.domain.suppliers.dd_gaps`) and the latest periodic
review. Nothing is estimated here: a component without data is left out and says so, and
the weights of the others are scaled up so the score stays on 0-100.

Every score carries its breakdown: per component the input figures, the component score
(0-100), its weight and the points it lost, and the "drivers" (the components that cost the
most points), so a reader sees *why* a supplier ranks where it does.

The weights and penalty sizes are a documented house method (``docs/suppliers.md``), not a
standard; they are constants here so a reviewer can read and change them in one place.
Scores are ``Decimal`` (rounded to 0.1) so the same inputs always print the same numbers.

Pure domain code: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .money import Money
from .suppliers import DDGap, ReviewRecord
from .text import zh_date

HUNDRED = Decimal(100)
ONE_DP = Decimal("0.1")

#: Component weights (sum 100).
WEIGHTS: dict[str, Decimal] = {
    "sla_compliance": Decimal(30),
    "response_time": Decimal(20),
    "breaches": Decimal(15),
    "cases": Decimal(15),
    "due_diligence": Decimal(10),
    "credits": Decimal(5),
    "review": Decimal(5),
}
LABELS_ZH = {
    "sla_compliance": "SLA 达成率",
    "response_time": "首次响应与目标对比",
    "breaches": "按严重程度的 SLA 违约",
    "cases": "争议案件及结果",
    "due_diligence": "尽职调查缺口",
    "credits": "应付服务抵扣",
    "review": "定期评审",
}
LABELS = {
    "sla_compliance": "SLA compliance",
    "response_time": "First response vs target",
    "breaches": "SLA breaches by severity",
    "cases": "Dispute cases and outcomes",
    "due_diligence": "Due-diligence gaps",
    "credits": "Service credits owed",
    "review": "Periodic review",
}
#: Points off the breaches component per breach, by severity (unknown severities: "minor").
BREACH_PENALTY = {"critical": Decimal(25), "major": Decimal(10), "minor": Decimal(4)}
#: Points off the cases component: an open dispute, and closed ones by outcome for the buyer.
CASE_PENALTY = {
    "open": Decimal(25),
    "won": Decimal(30),  # buyer won: the supplier was found at fault
    "settled": Decimal(15),
    "lost": Decimal(0),
    "withdrawn": Decimal(0),
}
DD_PENALTY = {"high": Decimal(40), "medium": Decimal(15), "low": Decimal(5)}
_SEV_ORDER = {"high": 0, "medium": 1, "low": 2}
CREDIT_PENALTY = Decimal(25)  # per unpaid credit
#: Response-time ratio (actual / target) at which the sub-score reaches 0 (100 at <= 1).
RESPONSE_ZERO_AT = Decimal(3)
#: A score resting on less than this share of the weight (0-100) is provisional: shown as such with
#: what it rests on, and never rated "low" risk (a review alone gave "90 / 100" on a quarter of the weight).
THIN_BELOW = Decimal(50)
#: Risk bands on the total score; a red flag raises the risk to at least "high".
RISK_BANDS = ((Decimal(80), "low"), (Decimal(65), "medium"), (Decimal(50), "high"), (Decimal(0), "critical"))
RISK_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3, "unknown": 4}


def _q(x: Decimal) -> Decimal:
    return x.quantize(ONE_DP, rounding=ROUND_HALF_UP)


def _pct(x: Decimal) -> str:
    """A share as written in a sentence: 25, 37.5 (no trailing ".0")."""
    return format(x.normalize(), "f")


def _clamp(x: Decimal) -> Decimal:
    return max(Decimal(0), min(HUNDRED, x))


def _fmt_td(td: timedelta) -> str:
    total = int(td.total_seconds())
    h, rem = divmod(total, 3600)
    m = rem // 60
    return f"{h}h{m:02d}m" if h else f"{m}m"


@dataclass(frozen=True)
class CaseRecord:
    case_id: str
    status: str  # "open" | "closed"
    outcome: str | None = None  # for closed cases: "won" | "settled" | "lost" | "withdrawn" (buyer's view)

    def __post_init__(self) -> None:
        if self.status not in ("open", "closed"):
            raise ValueError(f"case {self.case_id}: status must be open or closed")
        if self.status == "closed" and self.outcome not in ("won", "settled", "lost", "withdrawn"):
            raise ValueError(f"case {self.case_id}: closed case needs outcome won/settled/lost/withdrawn")


@dataclass(frozen=True)
class CreditOwed:
    amount: Money
    paid: bool = False
    reference: str | None = None  # e.g. the breach or clause it comes from


@dataclass(frozen=True)
class SupplierMeasures:
    """What was measured for one supplier in one period ("2026-Q1", or "all")."""

    supplier_id: str
    name: str
    period: str = "all"
    requests: int = 0  # support requests the SLA engine evaluated
    sla_met: int = 0  # of which every SLA target was met
    median_first_response: timedelta | None = None
    p90_first_response: timedelta | None = None
    first_response_target: timedelta | None = None
    breaches: Mapping[str, int] = field(default_factory=dict)  # severity -> count
    credits: tuple[CreditOwed, ...] = ()
    cases: tuple[CaseRecord, ...] = ()
    dd_gaps: tuple[DDGap, ...] | None = None  # None: checklist not assessed
    review: ReviewRecord | None = None
    #: False when no valid Unified Social Credit Code is recorded: who the supplier is has not
    #: been checked, so it is never rated "low" risk whatever else was measured.
    identity_verified: bool = True
    #: Messages with an open (not yet reviewed) payment warning of high severity: a mail asking to pay
    #: into a new or different account, a look-alike sender, a beneficiary that is not the supplier.
    #: Counted by message (one fraud mail often carries several warnings), as the warnings list counts
    #: them; each is a red flag until a person has called the supplier back on a known number and marked it.
    payment_warnings_high: int = 0

    def __post_init__(self) -> None:
        if self.requests < 0 or not 0 <= self.sla_met <= self.requests:
            raise ValueError(f"{self.supplier_id}: sla_met must be between 0 and requests")
        if self.payment_warnings_high < 0:
            raise ValueError(f"{self.supplier_id}: open payment warnings cannot be negative")
        if any(n < 0 for n in self.breaches.values()):
            raise ValueError(f"{self.supplier_id}: breach counts cannot be negative")


@dataclass(frozen=True)
class ScoreComponent:
    key: str
    label: str
    weight: Decimal  # nominal weight (share of 100)
    score: Decimal | None  # 0-100, None when there is no data
    points_lost: Decimal  # of the total score, after re-weighting; 0 when not counted
    explanation: str
    explanation_zh: str = ""  # the same in Chinese

    @property
    def counted(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class Scorecard:
    supplier_id: str
    name: str
    period: str
    score: Decimal | None  # 0-100, None when no component has data
    risk: str  # "low" | "medium" | "high" | "critical" | "unknown"
    components: tuple[ScoreComponent, ...]
    drivers: tuple[str, ...]  # what cost the most points, most first
    red_flags: tuple[str, ...]
    coverage: Decimal  # share of the weight that had data, 0-100
    drivers_zh: tuple[str, ...] = ()  # drivers and red flags in Chinese, for pages in Chinese
    red_flags_zh: tuple[str, ...] = ()

    @property
    def parts_counted(self) -> int:
        return sum(1 for c in self.components if c.counted)

    @property
    def parts_total(self) -> int:
        return len(self.components)

    @property
    def provisional(self) -> bool:
        """A score on less than :data:`THIN_BELOW` of the weight: most of it is not measured."""
        return self.score is not None and self.coverage < THIN_BELOW

    @property
    def coverage_note(self) -> str:
        """What the score rests on: "measured on 3 of 7 parts, 25 % of the weight: 75 % is not measured"."""
        if self.parts_counted == self.parts_total:
            return f"measured on all {self.parts_total} parts"
        return (
            f"measured on {self.parts_counted} of {self.parts_total} parts, {_pct(self.coverage)} % of the weight: "
            f"{_pct(HUNDRED - self.coverage)} % is not measured"
        )

    @property
    def coverage_note_zh(self) -> str:
        if self.parts_counted == self.parts_total:
            return f"依据全部 {self.parts_total} 项"
        return (
            f"仅依据 {self.parts_total} 项中的 {self.parts_counted} 项，占权重的 {_pct(self.coverage)} %："
            f"其余 {_pct(HUNDRED - self.coverage)} % 未计量"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "supplier_id": self.supplier_id,
            "name": self.name,
            "period": self.period,
            "score": None if self.score is None else str(self.score),
            "risk": self.risk,
            "coverage": str(self.coverage),
            "parts_counted": self.parts_counted,
            "parts_total": self.parts_total,
            "provisional": self.provisional,
            "coverage_note": self.coverage_note,
            "coverage_note_zh": self.coverage_note_zh,
            "drivers": list(self.drivers),
            "red_flags": list(self.red_flags),
            "drivers_zh": list(self.drivers_zh),
            "red_flags_zh": list(self.red_flags_zh),
            "components": [
                {
                    "key": c.key,
                    "label": c.label,
                    "weight": str(c.weight),
                    "score": None if c.score is None else str(c.score),
                    "points_lost": str(c.points_lost),
                    "explanation": c.explanation,
                    "explanation_zh": c.explanation_zh,
                }
                for c in self.components
            ],
        }


def _response_sub(actual: timedelta, target: timedelta) -> Decimal:
    ratio = Decimal(int(actual.total_seconds())) / Decimal(int(target.total_seconds()))
    if ratio <= 1:
        return HUNDRED
    return _clamp(HUNDRED * (RESPONSE_ZERO_AT - ratio) / (RESPONSE_ZERO_AT - 1))


SEVERITY_ZH = {"critical": "紧急", "major": "重要", "minor": "次要", "high": "高", "medium": "中", "low": "低"}
CASE_OUTCOME_ZH = {"open": "进行中", "won": "买方胜诉", "settled": "和解", "lost": "买方败诉", "withdrawn": "撤回"}


def _fmt_td_zh(td: timedelta) -> str:
    total = int(td.total_seconds())
    h, rem = divmod(total, 3600)
    m = rem // 60
    return f"{h} 小时 {m:02d} 分" if h else f"{m} 分钟"


def _components(m: SupplierMeasures) -> list[tuple[str, Decimal | None, str, str]]:
    """Each component: key, score (None: not counted), and why, in English and in Chinese."""
    out: list[tuple[str, Decimal | None, str, str]] = []
    # SLA compliance
    if m.requests:
        rate = Decimal(m.sla_met) / Decimal(m.requests)
        out.append(
            (
                "sla_compliance",
                HUNDRED * rate,
                f"{m.sla_met} of {m.requests} requests met every SLA target ({_q(HUNDRED * rate)} %)",
                f"{m.requests} 项请求中有 {m.sla_met} 项达到全部服务水平目标（{_q(HUNDRED * rate)} %）",
            )
        )
    else:
        out.append(
            (
                "sla_compliance",
                None,
                "no support requests measured in this period: not counted",
                "本期没有已计量的技术支持请求：不计入",
            )
        )
    # Response time
    if m.first_response_target and m.first_response_target > timedelta(0) and m.median_first_response is not None:
        t = m.first_response_target
        subs = [_response_sub(m.median_first_response, t)]
        text = f"median first response {_fmt_td(m.median_first_response)}"
        zh = f"首次响应中位数 {_fmt_td_zh(m.median_first_response)}"
        if m.p90_first_response is not None:
            subs.append(_response_sub(m.p90_first_response, t))
            text += f", p90 {_fmt_td(m.p90_first_response)}"
            zh += f"，第 90 百分位 {_fmt_td_zh(m.p90_first_response)}"
        text += f" against a target of {_fmt_td(t)} (full marks at or under target, 0 at {RESPONSE_ZERO_AT}x)"
        zh += f"，目标 {_fmt_td_zh(t)}（达到或优于目标得满分，达到目标的 {RESPONSE_ZERO_AT} 倍为 0 分）"
        out.append(("response_time", sum(subs, Decimal(0)) / len(subs), text, zh))
    else:
        out.append(
            (
                "response_time",
                None,
                "no first-response figures or target: not counted",
                "没有首次响应数据或目标：不计入",
            )
        )
    # Breaches
    if m.requests or m.breaches:
        penalty = Decimal(0)
        parts = []
        parts_zh = []
        for sev, n in sorted(m.breaches.items()):
            if n:
                per = BREACH_PENALTY.get(sev, BREACH_PENALTY["minor"])
                penalty += per * n
                parts.append(f"{n} {sev} (-{per} each)")
                parts_zh.append(f"{SEVERITY_ZH.get(sev, sev)} {n} 次（每次 -{per}）")
        text = ", ".join(parts) if parts else "no breaches"
        zh = "，".join(parts_zh) if parts_zh else "无违约"
        out.append(("breaches", _clamp(HUNDRED - penalty), text, zh))
    else:
        out.append(("breaches", None, "no support requests measured: not counted", "没有已计量的技术支持请求：不计入"))
    # Cases
    penalty = Decimal(0)
    parts = []
    parts_zh = []
    for c in m.cases:
        key = "open" if c.status == "open" else (c.outcome or "withdrawn")
        penalty += CASE_PENALTY[key]
        parts.append(f"{c.case_id} {key}")
        parts_zh.append(f"{c.case_id} {CASE_OUTCOME_ZH.get(key, key)}")
    out.append(
        (
            "cases",
            _clamp(HUNDRED - penalty),
            (
                "; ".join(parts) + f" (open -{CASE_PENALTY['open']}, won by buyer -{CASE_PENALTY['won']}, "
                f"settled -{CASE_PENALTY['settled']})"
            )
            if parts
            else "no dispute cases",
            (
                "；".join(parts_zh) + f"（进行中 -{CASE_PENALTY['open']}，买方胜诉 -{CASE_PENALTY['won']}，"
                f"和解 -{CASE_PENALTY['settled']}）"
            )
            if parts_zh
            else "无争议案件",
        )
    )
    # Due diligence
    if m.dd_gaps is None:
        out.append(("due_diligence", None, "checklist not assessed: not counted", "尽职调查清单未评估：不计入"))
    else:
        penalty = sum((DD_PENALTY[g.severity] for g in m.dd_gaps), Decimal(0))
        if m.dd_gaps:
            by_sev: dict[str, int] = {}
            for g in m.dd_gaps:
                by_sev[g.severity] = by_sev.get(g.severity, 0) + 1
            ordered = sorted(m.dd_gaps, key=lambda g: _SEV_ORDER[g.severity])[:3]
            text = (
                ", ".join(f"{by_sev[s]} {s}" for s in sorted(by_sev, key=_SEV_ORDER.__getitem__))
                + " gap(s): "
                + "; ".join(g.message for g in ordered)
            )
            zh = (
                "，".join(f"{SEVERITY_ZH.get(s, s)} {by_sev[s]} 项" for s in sorted(by_sev, key=_SEV_ORDER.__getitem__))
                + "缺口："
                + "；".join(g.message_zh or g.message for g in ordered)
            )
            if len(m.dd_gaps) > 3:
                text += f"; and {len(m.dd_gaps) - 3} more"
                zh += f"；另有 {len(m.dd_gaps) - 3} 项"
        else:
            text, zh = "checklist complete", "清单已全部完成"
        out.append(("due_diligence", _clamp(HUNDRED - penalty), text, zh))
    # Credits
    unpaid = [cr for cr in m.credits if not cr.paid]
    if unpaid:
        totals: dict[str, Decimal] = {}
        for cr in unpaid:
            totals[cr.amount.currency] = totals.get(cr.amount.currency, Decimal(0)) + cr.amount.amount
        owed = ", ".join(f"{cur} {amt:,}" for cur, amt in sorted(totals.items()))
        out.append(
            (
                "credits",
                _clamp(HUNDRED - CREDIT_PENALTY * len(unpaid)),
                f"{len(unpaid)} unpaid service credit(s), {owed} owed",
                f"{len(unpaid)} 项服务抵扣未支付，应付 {owed}",
            )
        )
    else:
        paid = len(m.credits)
        out.append(
            (
                "credits",
                HUNDRED,
                f"no credits owed{f' ({paid} paid)' if paid else ''}",
                f"没有应付的服务抵扣{f'（已支付 {paid} 项）' if paid else ''}",
            )
        )
    # Review
    if m.review is None:
        out.append(("review", None, "no periodic review in this period: not counted", "本期没有定期评审：不计入"))
    else:
        r = m.review
        avg = r.average_rating
        day = f"{r.reviewed_on.day} {r.reviewed_on:%b %Y}"  # the English pages' date style: 15 Oct 2026
        out.append(
            (
                "review",
                (avg - 1) / 4 * HUNDRED,
                f"review of {day} by {r.reviewer}: quality {int(r.product_quality)}/5, support "
                f"{int(r.support_responsiveness)}/5, documentation {int(r.documentation)}/5 (average {avg})",
                f"“{r.reviewer}” 于 {zh_date(r.reviewed_on)} 的评审：产品质量 {int(r.product_quality)}/5，技术支持 "
                f"{int(r.support_responsiveness)}/5，文档 {int(r.documentation)}/5（平均 {avg}）",
            )
        )
    return out


def _red_flags(m: SupplierMeasures) -> list[tuple[str, str]]:
    flags = []
    for g in m.dd_gaps or ():
        if g.kind == "failed":
            flags.append((g.message, g.message_zh or g.message))
    crit = m.breaches.get("critical", 0)
    if crit:
        flags.append((f"{crit} critical SLA breach{'es' if crit != 1 else ''}", f"{crit} 次紧急级别的服务水平违约"))
    pay = m.payment_warnings_high
    if pay:
        flags.append(
            (
                f"{pay} message{'s' if pay != 1 else ''} with open high-severity payment warnings: confirm the bank "
                "details by a call-back to a number you already hold before paying",
                f"{pay} 封邮件有未处理的高风险付款警示：付款前请拨打已掌握的号码回电核实银行账户",
            )
        )
    opened = [c.case_id for c in m.cases if c.status == "open"]
    if opened:
        flags.append(
            (
                f"open dispute case{'s' if len(opened) != 1 else ''}: {', '.join(opened)}",
                f"进行中的争议案件：{'、'.join(opened)}",
            )
        )
    return flags


IDENTITY_GAP = (
    "Due-diligence gap: no valid Unified Social Credit Code (统一社会信用代码) recorded, so the supplier's "
    "identity is not verified; never rated low risk until it is"
)
IDENTITY_GAP_ZH = "尽职调查缺口：未记录有效的统一社会信用代码，供应商身份未经核实；核实之前不会评为低风险"


def score_supplier(m: SupplierMeasures) -> Scorecard:
    """Score one supplier for one period, with the breakdown that explains it (English and Chinese)."""
    raw = _components(m)
    counted_weight = sum((WEIGHTS[k] for k, s, _, _zh in raw if s is not None), Decimal(0))
    comps: list[ScoreComponent] = []
    total = Decimal(0)
    for key, s, text, zh in raw:
        w = WEIGHTS[key]
        if s is None or counted_weight == 0:
            comps.append(ScoreComponent(key, LABELS[key], w, None, Decimal(0), text, zh))
            continue
        share = w / counted_weight
        total += s * share
        comps.append(ScoreComponent(key, LABELS[key], w, _q(s), _q((HUNDRED - s) * share), text, zh))
    pairs = _red_flags(m)
    flags = tuple(en for en, _ in pairs)
    flags_zh = tuple(zh for _, zh in pairs)
    if counted_weight == 0:
        gap = (IDENTITY_GAP,) if not m.identity_verified else ()
        gap_zh = (IDENTITY_GAP_ZH,) if not m.identity_verified else ()
        # Nothing measured gives no score, but a red flag still says "high": an open request to pay into a new
        # account matters before the first support request is ever measured.
        risk0 = "high" if flags else "unknown"
        return Scorecard(
            m.supplier_id, m.name, m.period, None, risk0, tuple(comps), gap, flags, Decimal(0), gap_zh, flags_zh
        )
    score = _q(total)
    risk = next(label for floor, label in RISK_BANDS if score >= floor)
    if flags and RISK_ORDER[risk] > RISK_ORDER["high"]:
        risk = "high"
    losers = sorted((c for c in comps if c.points_lost > 0), key=lambda c: (-c.points_lost, c.key))
    drivers = tuple(f"{c.label}: -{c.points_lost} points ({c.explanation})" for c in losers[:3])
    drivers_zh = tuple(f"{LABELS_ZH[c.key]}：-{c.points_lost} 分（{c.explanation_zh}）" for c in losers[:3])
    if risk == "low" and counted_weight < THIN_BELOW:  # a provisional score: most of the weight not measured
        risk = "medium"
    if not m.identity_verified:
        if risk == "low":
            risk = "medium"
        drivers = (IDENTITY_GAP, *drivers)
        drivers_zh = (IDENTITY_GAP_ZH, *drivers_zh)
    return Scorecard(
        m.supplier_id,
        m.name,
        m.period,
        score,
        risk,
        tuple(comps),
        drivers,
        flags,
        _q(counted_weight),
        drivers_zh,
        flags_zh,
    )


def rank_suppliers(cards: Iterable[Scorecard]) -> list[Scorecard]:
    """Best first: higher score, then fewer red flags; suppliers without data last."""
    return sorted(
        cards,
        key=lambda c: (c.score is None, -(c.score or Decimal(0)), len(c.red_flags), c.name),
    )


def risk_ranking(cards: Iterable[Scorecard]) -> list[Scorecard]:
    """Riskiest first: worse risk band, then lower score."""
    return sorted(
        cards,
        key=lambda c: (RISK_ORDER[c.risk], c.score if c.score is not None else HUNDRED, c.name),
    )


def compare_suppliers(cards: Iterable[Scorecard]) -> list[dict[str, object]]:
    """One row per supplier, best first, with each component's score side by side."""
    rows = []
    for rank, c in enumerate(rank_suppliers(cards), start=1):
        rows.append(
            {
                "rank": rank,
                "supplier_id": c.supplier_id,
                "name": c.name,
                "score": None if c.score is None else str(c.score),
                "risk": c.risk,
                "components": {x.key: None if x.score is None else str(x.score) for x in c.components},
                "top_driver": c.drivers[0] if c.drivers else None,
                "top_driver_zh": c.drivers_zh[0] if c.drivers_zh else None,
            }
        )
    return rows


def quarter_label(d: date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def quarter_bounds(label: str) -> tuple[date, date]:
    """``"2026-Q1"`` → (2026-01-01, 2026-03-31)."""
    try:
        year_s, q_s = label.split("-Q")
        year, q = int(year_s), int(q_s)
    except ValueError as exc:
        raise ValueError(f"quarter must look like 2026-Q1, got {label!r}") from exc
    if not 1 <= q <= 4:
        raise ValueError(f"quarter must be Q1-Q4, got {label!r}")
    start = date(year, 3 * q - 2, 1)
    end = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - timedelta(days=1)
    return start, end


@dataclass(frozen=True)
class SeriesPoint:
    period: str
    score: Decimal | None
    risk: str
    provisional: bool = False  # the period's score rests on less than THIN_BELOW of the weight


def score_series(measures: Iterable[SupplierMeasures]) -> dict[str, list[SeriesPoint]]:
    """Per supplier, its score per period (e.g. quarter) in period order, for a chart."""
    out: dict[str, list[SeriesPoint]] = {}
    for m in measures:
        c = score_supplier(m)
        out.setdefault(m.supplier_id, []).append(SeriesPoint(m.period, c.score, c.risk, c.provisional))
    for points in out.values():
        points.sort(key=lambda p: p.period)
    return out
