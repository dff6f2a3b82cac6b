"""Contract clarity, the values each kind states: durations (with the inspection period's own and the service-hours
cover that hints at working time), amounts and rates, who pays, the forum and the warranty read across the clause, and
response against resolution times.

Split out of detection.py (DESIGN.md: modules of about 600 lines at most); pure, no I/O. detection.py finds the kinds
and their sentences; this module reads what those sentences state.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from . import values as V
from . import values_forum as VF
from . import values_hours as VH
from .clauses import Clause
from .kinds import SUPPORT_CONTEXT
from .records import Json, KindResult, _Sentence, clause_sentences, says_it_outright
from .text import is_cjk
from .wording import same_rate

_SUPPORT_FAILURE = re.compile(
    r"\b(?:support|response|respond|repair|resolution|service\s+levels?|fault|defect|malfunction|breakdown)\w*\b|"
    r"技术支持|响应|维修|修复|故障|服务等级|服务水平|可利用率|开机率",
    re.IGNORECASE,
)
_WHO_PAYS_SELLER = re.compile(
    r"\bfree\s+of\s+charge\b|\bat\s+no\s+(?:additional\s+|extra\s+)?(?:cost|charge)\b|\bat\s+(?:the\s+)?(?:seller|supplier|"
    r"vendor)'?s?\s+(?:own\s+)?(?:cost|expense)\b|\bborne\s+by\s+(?:the\s+)?(?:seller|supplier|vendor)\b|"
    r"\b(?:seller|supplier|vendor)\s+(?:shall|will)\s+(?:bear|pay|cover)\b|免费|由卖方承担|卖方承担|乙方承担|由乙方",
    re.IGNORECASE,
)
_WHO_PAYS_BUYER = re.compile(
    r"\bat\s+(?:the\s+)?(?:buyer|purchaser|customer)'?s?\s+(?:own\s+)?(?:cost|expense)\b|\bborne\s+by\s+(?:the\s+)?(?:buyer|"
    r"purchaser|customer)\b|\b(?:buyer|purchaser|customer)\s+(?:shall|will)\s+(?:bear|pay|cover|reimburse)\b|"
    r"\bchargeable\b|\bfor\s+a\s+fee\b|\bat\s+(?:the\s+)?(?:then[- ])?(?:current|prevailing)\s+"
    r"(?:rates|prices)\b|收费|有偿|由买方承担|买方承担|甲方承担|另行收费",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\be-?mail\b|电子邮件|邮箱|电邮", re.IGNORECASE)
_DOC_LANG = re.compile(
    r"\b(?:english|chinese|german|french|spanish|bilingual)\b|英文|中文|英语|汉语|中英文", re.IGNORECASE
)
_YEARS = re.compile(
    r"(?P<n>\d+|one|two|three|five|seven|ten|fifteen|twenty|[一二两三四五六七八九十]+)\s*(?:\(\d+\)\s*)?(?:years?|年)",
    re.IGNORECASE,
)

# An acceptance named only as the start of another period ("验收合格之日起十二个月", "from acceptance"): the part of
# an inspection sentence holding it does not name the inspection (_inspection_periods)
_START_EVENT = re.compile(
    r"(?:(?:终|初|最终)?验收|检验|检测|调试)(?:合格|通过|完毕|完成|结束)?(?:之日|日|后|当日|次日)(?:起|开始|起算)?"
    # the acceptance report or certificate signed: "自双方签署验收报告之日起24个月", "终验证书签发之日起"
    r"|(?:签署|签订|出具|取得)?(?:最终|终)?验收(?:报告|证书|单)(?:签署|签订|签发|出具|签字)?(?:之日|当日)(?:起|开始|起算)?"
    r"|(?:(?:from|after|following|upon|on)\s+(?:the\s+)?(?:date\s+of\s+)?"
    r"(?:(?:the\s+)?(?:signing|signature|issue|issuance)\s+of\s+)?(?:the\s+)?(?:(?:final|successful|provisional)\s+)?"
    r"acceptance(?:\s+certificate)?)",
    re.I,
)
_INSPECTION_WORD = re.compile(r"验收|检验|检测|检查|异议|inspect|accept|test|objection|reject", re.I)


def _inspection_periods(text: str, ds: list[Json], starts: list[int]) -> list[Json]:
    """The durations of an inspection sentence that are the inspection's own: those in a part of the sentence (between
    commas) that names the inspection. "甲方应在15日内组织验收，验收不合格的，乙方应在10日内更换": the 15 days, not the
    replacement's 10, which the Art. 622 finding took for a short inspection period. All when no part names it."""
    bounds = [0, *(m.end() for m in _PART_END.finditer(text)), len(text) + 1]
    own = []
    for d, at in zip(ds, starts, strict=True):
        a = max(b for b in bounds if b <= max(at, 0))
        z = min(b for b in bounds if b > max(at, 0))
        if _INSPECTION_WORD.search(_START_EVENT.sub(" ", text[a:z])):
            own.append(d)
    return own or ds


_PART_END = re.compile(r"[，,；;]")


def _merge_list(
    target: Json, key: str, items: list[Any], limit: int = 10, same: Callable[[Any, Any], bool] | None = None
) -> None:
    """Add `items` to target[key], each once (`same`: when two items say the same thing, default equality)."""
    if not items:
        return
    existing = target.setdefault(key, [])
    for it in items:
        seen = any(same(it, e) for e in existing) if same else it in existing
        if not seen and len(existing) < limit:
            existing.append(it)


def _continuation(s: _Sentence) -> list[str]:
    """The parts after a sentence ending in a semicolon up to the end of the full sentence: the sentence splitter cuts
    at "；" and "; ", so a cap stated there ("；但违约金累计不超过…", "; the total credits shall not exceed…") is a
    sentence of its own."""
    out: list[str] = []
    text = s.clause.text
    if not text[s.start : s.end].rstrip().endswith(("；", ";")):
        return out
    for s0, e0 in clause_sentences(s.clause):
        if s0 < s.end:
            continue
        part = text[s0:e0].rstrip()
        out.append(part)
        if not part.endswith(("；", ";")) or len(out) >= 3:
            break
    return out


@lru_cache(maxsize=4096)
def _says_round_the_clock(text: str) -> bool:
    return VH.round_the_clock(text)


@lru_cache(maxsize=4096)
def _says_working_cover(text: str) -> tuple[str, str] | None:
    return VH.working_hours_cover(text)


class _Articles:
    """The clauses of each article (top-level number), built once per contract, and what each article states about
    service-hours cover, read once per article. Looking through the article again for every time limit was
    quadratic: a 30,000-character text of a short contract repeated (hundreds of clauses under the same numbers)
    took 2-4 s of CPU where the budget is 0.25 s."""

    def __init__(self, clauses: Sequence[Clause]) -> None:
        self._clauses = clauses
        self._by_top: dict[str, list[Clause]] | None = None  # built on first use (most kinds never ask)
        self._clock: dict[str, bool] = {}
        self._cover: dict[str, tuple[tuple[str, str], str | None] | None] = {}

    @property
    def by_top(self) -> dict[str, list[Clause]]:
        if self._by_top is None:
            self._by_top = {}
            for c in self._clauses:
                top = (c.number or "").split(".")[0]
                if top:
                    self._by_top.setdefault(top, []).append(c)
        return self._by_top

    def _members(self, clause: Clause) -> tuple[str, list[Clause]]:
        top = (clause.number or "").split(".")[0]
        return top, self.by_top.get(top, []) if top else []

    def round_the_clock(self, clause: Clause) -> bool:
        """The clause, or another sub-clause of the article it belongs to, states round-the-clock service hours."""
        if _says_round_the_clock(clause.text):
            return True
        top, article = self._members(clause)
        if not top:
            return False
        if top not in self._clock:
            self._clock[top] = any(_says_round_the_clock(c.text) for c in article)
        return self._clock[top]

    def working_cover(self, clause: Clause) -> tuple[tuple[str, str], str | None] | None:
        """The working-hours cover ("5×8", "Monday to Friday 09:00–18:00") the clause, or else the first sub-clause
        of the article it belongs to, states, with the number of the clause stating it."""
        said = _says_working_cover(clause.text)
        if said is not None:
            return (said, clause.number)
        top, article = self._members(clause)
        if not top:
            return None
        if top not in self._cover:
            first = next(((x, c) for c in article if (x := _says_working_cover(c.text)) is not None), None)
            self._cover[top] = (first[0], first[1].number) if first else None
        return self._cover[top]


def service_hours_cover(r: KindResult) -> tuple[tuple[str, str], str | None] | None:
    """The working-hours cover ("5×8", "Monday to Friday 09:00–18:00") the contract's service-hours statements give,
    wherever they stand, with the clause number (fix22b): a lawyer reads the contract as a whole (PRC Civil Code
    Art. 466 with Art. 142(1): words read with the related clauses; UNVERIFIED, not in LEGAL-NOTES, and the finding
    cites no article), so cover in a service-hours article suggests
    working hours for a time in another one. None where none is stated, or where the service hours also run round
    the clock somewhere ("紧急故障7×24小时"): mixed cover suggests nothing. Hours in a sentence that names no support
    or service ("Goods are delivered Monday to Friday 9:00-18:00") count only in the time's own article
    (`_Articles.working_cover`), as before."""
    found = None
    for h in r.hits:
        t = h.sentence.text
        if VH.round_the_clock(t):
            return None
        said = VH.working_hours_cover(t) if SUPPORT_CONTEXT.search(t) else None
        if said is not None and found is None:
            found = (said, h.sentence.clause.number)
    return found


def _extract_values(
    kind: str,
    r: KindResult,
    clauses: Sequence[Clause] = (),
    cover_elsewhere: tuple[tuple[str, str], str | None] | None = None,
) -> None:
    """The kind's values from its sentences; `cover_elsewhere`: the working-hours cover of the contract's service
    hours (service_hours_cover), used for a time whose own article states no cover."""
    v: Json = r.values
    articles = _Articles(clauses)
    direct = [h.sentence for h in r.hits if not h.by_heading]
    sentences = direct or [h.sentence for h in r.hits]
    # the sentence saying the kind outright gives its values before one that mentions it in passing
    sentences.sort(key=lambda s: not says_it_outright(kind, s.text))
    for s in sentences:
        t = s.text
        if kind in ("response_time", "resolution_time", "onsite_support", "inspection_acceptance", "spare_parts",
                    "training", "refund_return", "post_termination_support"):  # fmt: skip
            ds = [d for d in V.durations(t) if d["unit"] in ("minute", "hour", "day", "week", "month", "year")]
            cursor = 0
            starts: list[int] = []
            for d in ds:
                at = t.find(d["text"], cursor)
                cursor = at + 1 if at >= 0 else cursor
                starts.append(at)
                d["severity"] = V.severity(t, at if at >= 0 else None) or "all"
                d["location"] = s.location().as_dict()
            if kind == "inspection_acceptance":
                ds = _inspection_periods(t, ds, starts)
            elif (
                kind in ("response_time", "resolution_time", "onsite_support")
                and any(d["basis"] == "unspecified" for d in ds)
                and articles.round_the_clock(s.clause)
            ):
                # "7×24" in the sentence before the response time settles its basis (calendar time)
                VH.settle_by_cover(ds)
            elif kind in ("response_time", "resolution_time", "onsite_support") and any(
                d["basis"] == "unspecified" for d in ds
            ):
                # "5×8" beside it suggests working hours, without settling them (the finding says so)
                said = articles.working_cover(s.clause) or cover_elsewhere
                if said is not None:
                    VH.hint_by_cover(ds, *said)
            _merge_list(v, "durations", ds)
        if kind in ("response_time", "resolution_time", "service_hours", "onsite_support"):
            tz = VH.time_zone(t)
            if tz:
                v["time_zone"] = tz
            cal = VH.calendar(t)
            if cal:
                v["calendar"] = cal
        if kind == "service_hours":
            sh = VH.service_hours(t)
            for key, val in sh.items():
                v.setdefault(key, val)
        if kind == "warranty_period":
            w = V.warranty(t)
            if w:
                for key, val in w.items():
                    v.setdefault(key, val)
        if kind in ("support_remedy", "liquidated_damages", "liability_cap", "refund_return", "spare_parts"):
            _merge_list(v, "amounts", V.money(t))
            # a bilingual clause states each rate twice: kept once ("Contract Price" = "合同总价")
            _merge_list(v, "rates", V.rates(t), same=same_rate)
        if kind in ("support_remedy", "liquidated_damages"):
            # the cap stated after "；" in the same sentence ("…每日按0.5%支付违约金；违约金累计不超过合同总价的10%。")
            for rest in _continuation(s):
                _merge_list(v, "amounts", [a for a in V.money(rest) if a.get("role") == "cap"])
                _merge_list(v, "rates", [x for x in V.rates(rest) if x.get("role") == "cap"], same=same_rate)
        if kind == "dispute_resolution":
            for key, val in VF.arbitration(t).items():
                v.setdefault(key, val)
        if kind == "governing_law":
            for key, val in VF.governing_law(t).items():
                v.setdefault(key, val)
        if kind == "prevailing_language":
            pl = VF.prevailing_language(t)
            if "prevailing" in pl and (v.get("prevailing") is None):
                v.update(pl)
        if kind in ("software_updates", "onsite_support", "training", "spare_parts", "post_termination_support"):
            if _WHO_PAYS_SELLER.search(t):
                v.setdefault("cost_borne_by", "seller")
            elif _WHO_PAYS_BUYER.search(t):
                v.setdefault("cost_borne_by", "buyer")
        if kind == "documentation":
            _merge_list(v, "languages", sorted({m.group(0) for m in _DOC_LANG.finditer(t)}))
        if kind == "notices" and _EMAIL.search(t):
            v["email"] = True
        if kind == "termination" and _SUPPORT_FAILURE.search(t):
            v["for_support_failure"] = True
        if kind in ("spare_parts", "post_termination_support"):
            y = _YEARS.search(t)
            if y and "years" not in v:
                v["years"] = y.group(0)
    if kind in _CLAUSE_WIDE:
        _clause_wide_values(kind, r, clauses)
    if kind in ("response_time", "resolution_time", "onsite_support"):
        # durations of a sentence that speaks of another kind (e.g. "respond in 2 h, repair in 24 h")
        _assign_response_resolution(kind, r)


# Elements a clause may state in a sentence of its own ("The seat of arbitration is Singapore.",
# "the proceedings shall be conducted in English", "质保期从安装调试完毕后起算"): read from every
# sentence of a clause where the kind was found, and then from the other sub-clauses of the section
# the clause sits in when that section's heading names the kind ("12. Disputes": 12.1 names the
# institution, 12.2 the seat, 12.3 the language), so no finding says they are missing.
_CLAUSE_WIDE = {"dispute_resolution": VF.arbitration, "warranty_period": V.warranty}
_SECTION_NAMES = {
    "dispute_resolution": re.compile(r"\bdisput\w*|\barbitrat\w*|争议|纠纷|仲裁", re.I),
    "warranty_period": re.compile(r"\bwarrant(?:y|ies)\b|\bguarantee\b|质保|保修|质量保证|保证期", re.I),
}
# "Representations and Warranties" sections say nothing about a warranty period
_NOT_SECTION = re.compile(r"\brepresentations?\b|陈述", re.I)


def _clause_wide_values(kind: str, r: KindResult, clauses: Sequence[Clause] = ()) -> None:
    seen: set[int] = set()
    sections: set[str] = set()
    read_before: set[str] = set()  # speed: a sentence read again adds nothing (its values are set already)

    def read_all(clause: Clause) -> None:
        for s0, e0 in clause_sentences(clause):
            sentence = clause.text[s0:e0]
            if sentence in read_before:
                continue
            read_before.add(sentence)
            for key, val in (_CLAUSE_WIDE[kind](sentence) or {}).items():
                r.values.setdefault(key, val)

    for hit in r.hits:
        clause = hit.sentence.clause
        if id(clause) in seen:
            continue
        seen.add(id(clause))
        context = clause.context.strip()
        if context and _SECTION_NAMES[kind].search(context) and not _NOT_SECTION.search(context):
            sections.add(context)
        read_all(clause)
    for clause in clauses:
        if id(clause) in seen or clause.context.strip() not in sections:
            continue
        seen.add(id(clause))
        read_all(clause)
    if kind == "dispute_resolution" and r.values.get("mechanism") == "arbitration" and "language" not in r.values:
        # a "Language" clause setting the language of all proceedings sets the arbitration's too
        for clause in clauses:
            lang = VF.proceedings_language(clause.text)
            if lang:
                r.values["language"] = lang
                break


_RESP_WORD = re.compile(
    r"\b(?:respon\w*|repl\w*|acknowledg\w*|answer\w*|call[- ]?back)\b|响应|回复|答复|回应|反馈|接听", re.I
)
# a replacement or a repair is a fix too: "在15日内更换" is the resolution time's number (without these words it was
# dropped, and the check said the resolution time was given "only in words")
_FIX_WORD = re.compile(
    r"\b(?:resolv\w*|resolution|repair\w*|fix\w*|rectif\w*|restor\w*|remed\w*|workaround|replac\w*)\b|"
    r"修复|解决(?!方案)|排除|恢复|修好|维修|修理|处理完毕|更换|替换|调换|换货|返修|抢修|改正|纠正",
    re.I,
)
# a solution plan offered within a time ("48小时内提供解决方案", "propose a solution plan within 48 hours"): that time
# is the plan's, not a response or a repair time (the labels: "propose a solution" is not a fix); a fix joined to the
# plan ("提供解决方案并排除故障") shares it
_PLAN_WORD = re.compile(
    r"(?:提供|提出|给出|出具|提交|制定|拿出|作出|做出)[^。；，,]{0,6}?(?:解决|处理|维修|修复|整改|应对)(?:方案|计划|措施)|"
    r"\b(?:propos|submit|provid|offer|deliver|present)\w*\s+(?:a\s+|an\s+|its\s+|the\s+)?(?:written\s+)?"
    r"(?:(?:solution|remediation|remedial|repair|action|corrective[- ]action|resolution)\s+plan|solution)\b",
    re.I,
)
_PLAN_THEN_FIX = re.compile(r"^\s*(?:并|和|及|且|并且|同时|and\s+(?:then\s+)?)\s*", re.I)
_SITE_WORD = re.compile(
    r"\bon[- ]?site\b|\barriv\w*|\bat\s+the\s+(?:buyer'?s\s+)?(?:site|premises|plant)|到达|现场|上门", re.I
)


def _assign_response_resolution(kind: str, r: KindResult) -> None:
    """Keep only the durations that belong to this kind when a sentence names several things."""
    ds = r.values.get("durations")
    if not ds:
        return
    word = {"response_time": _RESP_WORD, "resolution_time": _FIX_WORD, "onsite_support": _SITE_WORD}[kind]
    others = [w for k, w in (("response_time", _RESP_WORD), ("resolution_time", _FIX_WORD),
                             ("onsite_support", _SITE_WORD), ("plan", _PLAN_WORD)) if k != kind]  # fmt: skip
    kept = []
    plans = []  # the times of a solution plan, shown as what they are
    for d in ds:
        sent = next((h.sentence for h in r.hits if h.sentence.location().as_dict() == d["location"]), None)
        if sent is None:
            kept.append(d)
            continue
        t = sent.text
        # find the duration's own position and the nearest preceding/following keyword
        pos = t.find(d["text"])
        if pos < 0:
            kept.append(d)
            continue

        # English puts the verb before the number ("respond within 4 hours"), Chinese after it
        # ("4小时内响应"): a keyword on the usual side wins over one on the other side.
        zh = is_cjk(d["text"][-1])

        def nearest(rx: re.Pattern[str], t: str = t, pos: int = pos, zh: bool = zh, n: int = len(d["text"])) -> int:
            best = 10_000
            for m in rx.finditer(t):
                before = m.end() <= pos
                dist = pos - m.end() if before else m.start() - (pos + n)
                usual = (not before) if zh else before
                best = min(best, abs(dist) + (0 if usual else 15))
            return best

        def preceding(rx: re.Pattern[str], t: str = t, pos: int = pos) -> int:
            return min((pos - m.end() for m in rx.finditer(t) if m.end() <= pos), default=10_000)

        # In English the closest verb BEFORE the number owns it, however far: in "respond to any
        # support request within 4 hours and repair the machine within 3 days" the 4 hours are the
        # response, though "repair" stands nearer after them.
        if kind == "resolution_time" and _plan_shares_fix(t, pos, len(d["text"]), zh):
            kept.append(d)  # "48小时内提供解决方案并排除故障": the fix has the plan's time too
            continue
        if not zh and min([preceding(word)] + [preceding(o) for o in others]) < 10_000:
            if all(preceding(word) <= preceding(o) for o in others):
                kept.append(d)
            elif preceding(_PLAN_WORD) < 10_000 and all(preceding(_PLAN_WORD) <= preceding(o) for o in (word, *others)):
                plans.append(d)
            continue
        own = nearest(word)
        if own < 10_000 and all(own <= nearest(o) for o in others):
            kept.append(d)
        elif (plan := nearest(_PLAN_WORD)) < 10_000 and plan <= own and all(plan <= nearest(o) for o in others):
            plans.append(d)
    r.values["durations"] = kept
    if plans and kind in ("response_time", "resolution_time"):
        r.values["solution_plan"] = plans


def _plan_shares_fix(t: str, pos: int, n: int, zh: bool) -> bool:
    """Whether the plan the duration governs is joined to a fix ("48小时内提供解决方案并排除故障", "propose a solution
    plan and repair the fault within 48 hours")."""
    plan = next((m for m in _PLAN_WORD.finditer(t) if (m.start() >= pos + n if zh else m.end() <= pos)), None)
    if plan is None or (zh and plan.start() - (pos + n) > 6):
        return False
    rest = t[plan.end() :]
    joined = _PLAN_THEN_FIX.match(rest)
    return bool(joined and _FIX_WORD.match(rest, joined.end()))
