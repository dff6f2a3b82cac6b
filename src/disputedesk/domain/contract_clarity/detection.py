"""Contract clarity, finding the kinds: which sentences speak of which clause kind (the kinds'
patterns, the clause heading, the trained sentence model) and the values each kind states
(durations, amounts, forum, who pays ...).

Split out of analysis.py (DESIGN.md: modules of about 600 lines at most); pure, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from . import values as V
from .clauses import Clause
from .kinds import KINDS, SPECS, SUPPORT_CONTEXT
from .kinds_spec import _THEN_EN
from .model import ClauseModel, KindModel, Scorer, features
from .parties import Parties, Side, customers_own_duty, drop_customer_duties
from .records import (
    Json,
    KindResult,
    _Hit,
    _Sentence,
    clause_sentences,
    says_it_outright,
)
from .text import is_cjk, zh_to_int
from .vague import VAGUE_TERMS
from .wording import same_rate

# ------------------------------------------------------------------ compiled patterns
_KIND_RX: dict[str, re.Pattern[str]] = {
    s.kind: re.compile("|".join(f"(?:{p.pattern})" for p in s.body), re.IGNORECASE) for s in SPECS
}
_KIND_EXCLUDE: dict[str, re.Pattern[str] | None] = {
    s.kind: (re.compile("|".join(f"(?:{p.pattern})" for p in s.exclude), re.IGNORECASE) if s.exclude else None)
    for s in SPECS
}
_KIND_HEADING: dict[str, re.Pattern[str] | None] = {
    s.kind: (re.compile("|".join(f"(?:{p.pattern})" for p in s.heading), re.IGNORECASE) if s.heading else None)
    for s in SPECS
}
_VAGUE_ANY = re.compile("|".join(f"(?:{t.pattern.pattern})" for t in VAGUE_TERMS), re.IGNORECASE)
# lower-case substrings one of which every vague pattern contains (cheap pre-test, for speed)
_VAGUE_TRIGGERS = (
    "timely", "prompt", "soon", "asap", "delay", "forthwith", "due course", "reasonabl", "effort", "endeavo",
    "needed", "necessary", "required", "appropriate", "possible", "agreed", "discussed", "negotiat", "determined",
    "confirmed", "subject to", "separately", "principle", "generally", "normally", "usually", "adequate",
    "sufficient", "discretion", "time to time", "periodic", "amicabl", "friendly", "good faith", "good-faith",
    "尽", "及早", "及时", "第一时间", "立即", "马上", "合理", "适当", "恰当", "必要", "视情况", "酌情",
    "根据需要", "另行",
    "协商", "届时", "原则上", "一般", "通常", "友好", "努力",
)  # fmt: skip
_VAGUE_TRIGGER_RX = re.compile("|".join(re.escape(t) for t in _VAGUE_TRIGGERS))
_LIMITATION = re.compile(
    r"\b(?:claims?|actions?|proceedings?|suits?)\b[^.;。；]{0,120}\b(?:must|shall|may only|can only)\s+be\s+"
    r"(?:brought|commenced|filed|made|instituted)\b[^.;。；]{0,60}\bwithin\b|\blimitation\s+period\b|"
    r"\btime[- ]barred\b|诉讼时效|(?:提起|提出)(?:诉讼|仲裁)[^。；]{0,20}(?:期限|期间)[^。；]{0,10}(?:为|不超过)",
    re.IGNORECASE,
)
_DEEMED_ACCEPTED = re.compile(
    r"\bdeemed\s+(?:to\s+have\s+been\s+)?(?:accepted|approved|conforming)\b|视为(?:验收)?合格|视为验收|视为(?:买方)?(?:接受|认可)",
    re.IGNORECASE,
)
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


def _substantive(text: str) -> bool:
    cjk = sum(1 for c in text if is_cjk(c))
    return cjk >= 8 or len(text.split()) >= 5


_KIND_TRIGGER: dict[str, re.Pattern[str] | None] = {
    s.kind: (re.compile("|".join(re.escape(t) for t in s.triggers)) if s.triggers else None) for s in SPECS
}


# A sentence announcing a list ("签订合同前应向乙方提供如下资料：", "下列情况不属于保修范围："): the items after
# it (short, ending with "；", in the same clause or in sub-clauses of their own, up to the first that ends with
# "。") are read with it, so an item the lead-in rules out ("（2）使用维护说明书；", handed by the owner TO the
# maintainer) is ruled out too
_LIST_LEAD = re.compile(r"(?:如下|下列|以下)[^。；;：:]{0,16}[：:]")
_LIST_ITEM_MAX = 120


def _list_leads(sentences: Sequence[_Sentence], lead: str) -> tuple[list[str], str]:
    """Per sentence, the lead-in of the list it is an item of ("" if none), and the lead-in still open after them."""
    out = []
    for sent in sentences:
        t = sent.text.strip()
        out.append(lead)
        m = _LIST_LEAD.search(t)
        if m is not None:
            lead = t[: m.end()]
        elif lead and (len(t) > _LIST_ITEM_MAX or not t.endswith(("；", ";"))):
            lead = ""
    return out, lead


# A consequence the sentence splitter cut off at "; " or "；" ("The Supplier shall repair the fault within 48
# hours; otherwise it shall pay…", "乙方应在48小时内修复；否则每逾期一日…"): for these kinds the two parts are read
# together, but only when the part after the cut opens with the consequence ("otherwise", "failing which", "if it
# fails to do so", 否则), so items of a list that end in ";" are never joined
_JOINED_KINDS = frozenset({"support_remedy", "liquidated_damages"})
# ... and for these the consequence may state the kind on its own ("The Seller shall deliver within 30 days; otherwise
# it shall pay 0.5% of the price per day of delay"): its excerpt is then the whole sentence, so the duty the damages
# are for is not lost (the part before the cut states no damages of its own)
_JOINED_WITH_CONSEQUENCE = frozenset({"liquidated_damages"})
_THEN_NEXT = re.compile(rf"{_THEN_EN}|否则|不然", re.IGNORECASE)


def _joined(
    clause: Clause, spans: Sequence[tuple[int, int]], matched: set[int], rx: re.Pattern[str], consequence: bool = False
) -> list[tuple[int, _Sentence]]:
    """The sentences of the clause that state the kind only together with the consequence cut off after their ";"
    (`consequence`: or the consequence states it alone), each with the index of its first part."""
    text = clause.text
    out = []
    for i, ((s0, e0), (s1, e1)) in enumerate(zip(spans, spans[1:], strict=False)):
        if (
            i not in matched
            and (consequence or i + 1 not in matched)
            and text[s0:e0].endswith((";", "；"))
            and _THEN_NEXT.match(text, s1)
            and rx.search(text, s0, e1)
        ):
            out.append((i, _Sentence(clause, s0, e1)))
    return out


def detect_kinds(clauses: Sequence[Clause]) -> dict[str, KindResult]:
    results = {k: KindResult(k) for k in KINDS}
    lead = ""
    for clause in clauses:
        spans = clause_sentences(clause)
        if not spans:
            continue
        sentences = [_Sentence(clause, s, e) for s, e in spans]
        leads, lead = _list_leads(sentences, lead)
        head = f"{clause.heading} {clause.context}".strip()
        text = clause.text
        lower = text.lower()
        for spec in SPECS:
            matched: set[int] = set()
            trigger = _KIND_TRIGGER[spec.kind]
            # speed: the full patterns run only on sentences holding one of the kind's trigger words
            if trigger is None or trigger.search(lower):
                rx = _KIND_RX[spec.kind]
                for i, (s0, e0) in enumerate(spans):
                    if (trigger is None or trigger.search(lower, s0, e0)) and rx.search(text, s0, e0):
                        matched.add(i)
            exclude = _KIND_EXCLUDE[spec.kind]
            result = results[spec.kind]
            joined: list[tuple[int, _Sentence]] = []
            if spec.kind in _JOINED_KINDS:
                with_consequence = spec.kind in _JOINED_WITH_CONSEQUENCE
                joined = [
                    (i, sent)
                    for i, sent in _joined(clause, spans, matched, _KIND_RX[spec.kind], with_consequence)
                    if exclude is None or not exclude.search(sent.text)
                ]
            # a consequence read with the duty before it is that sentence's hit, not one of its own
            absorbed = {i + 1 for i, _ in joined}
            for i in sorted(matched - absorbed):
                if exclude is not None and (
                    exclude.search(sentences[i].text) or (leads[i] and exclude.search(leads[i]))
                ):
                    continue
                result.hits.append(_Hit(sentences[i], False))
                result.present = True
            for _, sent in joined:
                result.hits.append(_Hit(sent, False))
                result.present = True
            heading_rx = _KIND_HEADING[spec.kind]
            if heading_rx is not None and head and heading_rx.search(head):
                for i, sent in enumerate(sentences):
                    if i not in matched and _substantive(sent.text):
                        result.hits.append(_Hit(sent, True))
                        result.present = True
    _remedies_by_reference(clauses, results)
    _drop_times_only_referred_to(results)
    return results


# A remedy that names the resolution time only by reference ("乙方未按约定的修复时间修复的，每逾期一日…", "if the
# Supplier fails to repair the fault within the repair time, it shall pay…") states no time: without another sentence
# stating one the contract has none, so the check says it is missing rather than "described only in words". A time
# stated in the remedy itself ("乙方应在48小时内修复，否则每逾期一日…") is kept. (A response "未在规定时间内响应" in a
# remedy still counts as a response time, by the definition the labels follow; its finding says it is only referred to.)
_TIME_REFERENCE = {
    "resolution_time": re.compile(
        r"\b(?:resolution|restoration|repair|fix|turnaround|recovery)\s+times?\b|"
        r"(?:约定|规定|要求|承诺|指定|商定|合同)的?(?:修复|维修|修理|抢修|故障处理)?(?:时间|时限|期限)(?:内|以内)?|"
        r"(?:修复|维修|修理|抢修|故障处理|排除故障)(?:时间|时限|期限)(?:内|以内)?",
        re.IGNORECASE,
    ),
    "response_time": re.compile(
        r"\b(?:response|reaction)\s+times?\b|"
        r"(?:约定|规定|要求|承诺|指定|商定|合同)的?(?:响应)?(?:时间|时限|期限)(?:内|以内)?|响应(?:时间|时限)(?:内|以内)?",
        re.IGNORECASE,
    ),
}


def only_referred_to(kind: str, text: str) -> bool:
    """The sentence is the kind's only by naming its time ("the repair time", "约定的修复时间"), stating none."""
    reference = _TIME_REFERENCE.get(kind)
    return bool(reference and reference.search(text) and not _KIND_RX[kind].search(reference.sub("", text)))


def _drop_times_only_referred_to(results: dict[str, KindResult]) -> None:
    remedies = {(id(h.sentence.clause), h.sentence.start) for h in results["support_remedy"].hits}
    r = results["resolution_time"]
    kept = [
        h
        for h in r.hits
        if h.by_heading
        or (id(h.sentence.clause), h.sentence.start) not in remedies
        or not only_referred_to("resolution_time", h.sentence.text)
    ]
    if len(kept) < len(r.hits):
        r.hits = kept
        r.present = bool(kept)


# A remedy for missing the time limits of another clause, named only by its number: "If the Supplier fails to meet
# the time limits in Article 7.2, it shall credit the Buyer 1% of the Contract Price for each day", "违反第5.1条约定
# 的，每日按…支付违约金". It is a support remedy when the clause referred to is one where a response, resolution or
# on-site time was found.
_REF = re.compile(
    r"\b(?:Article|Clause|Section|Paragraph|§)\s*(?P<en>\d+(?:\.\d+)*)|第\s*(?P<zh>\d+(?:\.\d+)*|[一二三四五六七八九十百]+)\s*条",
    re.IGNORECASE,
)
_REF_FAILURE = re.compile(
    r"\b(?:fail\w*|miss\w*|exceed\w*|breach\w*|not\s+(?:meet|met|compl\w+))\b|未按|未能|违反|超过|超出", re.I
)
_REF_REMEDY = re.compile(
    r"\b(?:credit\w*|liquidated\s+damages|penalt\w*|deduct\w*|compensat\w*|rebate)\b|违约金|赔偿|扣减|扣除|减免",
    re.IGNORECASE,
)
_SUPPORT_TIMES = ("response_time", "resolution_time", "onsite_support")


def _clause_number(ref: re.Match[str]) -> str | None:
    if ref.group("en"):
        return ref.group("en")
    raw = ref.group("zh")
    n = raw if raw[0].isdigit() else zh_to_int(raw)
    return None if n is None else str(n)


def _remedies_by_reference(clauses: Sequence[Clause], results: dict[str, KindResult]) -> None:
    remedy = results["support_remedy"]
    support = {h.sentence.clause.number for k in _SUPPORT_TIMES for h in results[k].hits if not h.by_heading}
    support.discard(None)
    if not support:
        return
    taken = {(id(h.sentence.clause), h.sentence.start) for h in remedy.hits}
    for clause in clauses:
        text = clause.text
        if not _REF.search(text):
            continue
        for s0, e0 in clause_sentences(clause):
            sentence = text[s0:e0]
            if (id(clause), s0) in taken or not (_REF_FAILURE.search(sentence) and _REF_REMEDY.search(sentence)):
                continue
            numbers = {_clause_number(m) for m in _REF.finditer(sentence)} - {None}
            if any(n == num or str(num).startswith(f"{n}.") for n in numbers for num in support):
                remedy.hits.append(_Hit(_Sentence(clause, s0, e0), False))
                remedy.present = True


def _model_sentences(clauses: Sequence[Clause]) -> list[tuple[_Sentence, str]]:
    """The sentences the model scores (substantive ones), each with its clause heading."""
    out = []
    for clause in clauses:
        head = f"{clause.heading} {clause.context}".strip()
        for s0, e0 in clause_sentences(clause):
            sent = _Sentence(clause, s0, e0)
            if _substantive(sent.text):
                out.append((sent, head))
    return out


def model_units(clauses: Sequence[Clause]) -> list[tuple[_Sentence, set[str]]]:
    """The model's sentences with their features (the training script reads them)."""
    return [(sent, features(sent.text, head)) for sent, head in _model_sentences(clauses)]


# kinds the model may overrule, except in a rule hit that states a period: the inspection period is what the Art. 622
# finding is about
_KEEP_WITH_PERIOD = frozenset({"inspection_acceptance"})

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


# A sentence that only sets a time limit in hours or days ("The Supplier shall repair the fault within 8 hours", "shall
# answer every call within 2 hours") is a response or repair time, not service hours: the English model ("or"), which
# weighs "hours" and support verbs, took such sentences for service hours and the report then said "Service hours are
# mentioned but days and hours are not stated". It stays a candidate when it also states days, times of day, round-the-
# clock cover or an availability (values.service_hours), or names the hours ("business hours", "support hours").
_HOURS_NAMED = re.compile(
    r"\b(?:support|service|business|working|office|hotline|help ?desk)\s+hours\b|服务时间|工作时间", re.I
)


def _only_a_time_limit(kind: str, text: str) -> bool:
    return (
        kind == "service_hours"
        and bool(V.durations(text))
        and not V.service_hours(text)
        and not _HOURS_NAMED.search(text)
    )


def best_model_sentences(
    clauses: Sequence[Clause],
    models: Sequence[KindModel],
    *,
    first: frozenset[tuple[int, int]] = frozenset(),
    settle_above: Sequence[float] | None = None,
) -> list[tuple[float, _Sentence | None]]:
    """Per model, the best-scoring sentence the model may take (the kind's own exclusions apply) and its score.
    `first`: sentence keys scanned first; `settle_above`: stop once every kind has a sentence above its value
    (an "and" only needs one). Also used by scripts/train_contract_model.py, so its figures are the check's."""
    scorer = Scorer(models)
    kinds = [m.kind for m in models]
    best: list[tuple[float, _Sentence | None]] = [(float("-inf"), None) for _ in kinds]
    order = [(sent, head) for sent, head in _model_sentences(clauses)]
    if first:
        order.sort(key=lambda u: (id(u[0].clause), u[0].start) not in first)
    excludes = [_KIND_EXCLUDE[k] for k in kinds]
    for sent, head in order:
        for i, (kind, score, exclude) in enumerate(zip(kinds, scorer.scores(sent.text, head), excludes, strict=True)):
            # a sentence the kind's own rules rule out is no candidate for the model either (e.g. an acceptance
            # named only as the start of the warranty, which the model reads as an inspection clause)
            if (
                score > best[i][0]
                and not (exclude is not None and exclude.search(sent.text))
                and not _only_a_time_limit(kind, sent.text)
            ):
                best[i] = (score, sent)
        if settle_above is not None and all(b[0] > t for b, t in zip(best, settle_above, strict=True)):
            break
    return best


def apply_model(
    clauses: Sequence[Clause], results: dict[str, KindResult], model: ClauseModel | None, language: str
) -> None:
    """Let the trained sentence model decide presence where its file says it beats the rules for
    documents in this language (model.py): a kind the model finds and the rules miss gets the
    model's best sentence as its excerpt; with "and"/"model" a rule finding the model does not
    confirm is dropped."""
    used = model.used(language) if model is not None else {}
    # speed: "or" can only add a kind the rules missed, "and" only drop one they found
    used = {k: u for k, u in used.items() if u[1] == "model" or (u[1] == "or") != results[k].present}
    if not used:
        return
    kinds = list(used)
    # "and" only needs one sentence above the threshold: the sentences the rules hit come first, and
    # the scan stops once every kind is settled ("or" and "model" look for the best sentence)
    settle_early = all(used[k][1] == "and" for k in kinds)
    hit_keys = frozenset((id(h.sentence.clause), h.sentence.start) for k in kinds for h in results[k].hits)
    found_best = best_model_sentences(
        clauses,
        [used[k][0] for k in kinds],
        first=hit_keys,
        settle_above=[used[k][2] for k in kinds] if settle_early else None,
    )
    best = dict(zip(kinds, found_best, strict=True))
    for kind, (_, combine, threshold) in used.items():
        score, top = best[kind]
        found = top is not None and score > threshold
        r = results[kind]
        if combine in ("and", "model") and not found:
            # a rule hit that states the kind's period stays (its period and the findings on it would be lost): on the
            # development side every rule-found inspection the model overruled stated none (docs/contract-clarity.md)
            kept = [
                h for h in r.hits if kind in _KEEP_WITH_PERIOD and not h.by_heading and V.durations(h.sentence.text)
            ]
            r.present, r.hits = bool(kept), kept
        if combine in ("or", "model") and found and not r.present and top is not None:
            r.hits.append(_Hit(top, False, by_model=True))
            r.present = True


# ------------------------------------------------------------------ the parties, where parties.py knows them
# Some exclusions assume the usual labelling, 甲方 the customer and 乙方 the supplier: the documentation exclude drops
# "甲方向乙方提供技术资料" as documents handed TO the supplier. Where the reader says 甲方 is the supplier and 乙方 the
# customer, such a sentence is the supplier's documentation: the exclude is read on the sentence with the two labels
# swapped, so it says what it says under the usual labelling (the customer's own handing over is dropped afterwards by
# parties.drop_customer_duties). Unknown parties: nothing changes.
_SWAP = str.maketrans({"甲": "乙", "乙": "甲"})
_LABELS_SWAPPED = re.compile(r"[甲乙]方")


def _swapped(text: str) -> str:
    return _LABELS_SWAPPED.sub(lambda m: m.group(0).translate(_SWAP), text)


# the customer answering the supplier is no support response (the response-time exclude names the customer only by
# role words, since 甲方 is the seller in some forms): where the reader knows the customer's labels they say it too
# (fix22: also its own 响应, "甲方应在收到乙方通知后24小时内响应"; the words between may name the supplier, as the one
# who gave notice, but not as the one who acts: "甲方报修后乙方应在2小时内响应" is the supplier's response)
def _customer_replies(parties: Parties) -> re.Pattern[str]:
    assert parties.customer is not None and parties.supplier is not None
    return _replies_rx(_alternation(parties.customer), _alternation(parties.supplier))


def _alternation(side: Side) -> str:
    return "|".join(re.escape(w) for w in sorted({*side.labels, *side.roles}, key=len, reverse=True))


@lru_cache(maxsize=128)
def _replies_rx(words: str, supplier: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?:^|[，,；;：:\s）)])(?:{words})(?:应|应当|须|必须|将)?(?:在|于)?"
        rf"(?:(?!(?:{supplier})\s*(?:应|应当|须|需|必须|将|负责|在|于))[^。；，,]){{0,20}}"
        r"(?:答复|回复|回应|反馈|作出反应|做出反应|响应)|"
        rf"\b(?:the\s+)?(?:{words})\s+(?:shall|will|must|agrees\s+to|undertakes\s+to)\s+(?:\w+\s+){{0,2}}?"
        r"(?:respond|reply|answer|acknowledge)",
        re.IGNORECASE,
    )


def apply_parties(clauses: Sequence[Clause], results: dict[str, KindResult], parties: Parties) -> None:
    """Where the reader knows who is who: the supplier's documentation the usual-labelling exclude dropped is kept, the
    customer's own replies are no response time, and what the customer owes (documents it hands over, spare parts it
    keeps) is no support duty of the supplier (parties.drop_customer_duties). Unknown parties: nothing changes."""
    _by_labels(clauses, results, parties)
    drop_customer_duties(results, parties)


def _by_labels(clauses: Sequence[Clause], results: dict[str, KindResult], parties: Parties) -> None:
    """The supplier's documentation kept and the customer's replies dropped, by the labels the reader found."""
    if not parties.known:
        return
    r = results["response_time"]
    if r.hits:
        replies = _customer_replies(parties)
        kept = [
            h
            for h in r.hits
            if h.by_heading
            or h.by_model
            or not (replies.search(h.sentence.text) or customers_own_duty(h.sentence.text, parties))
        ]
        if len(kept) != len(r.hits):
            r.hits, r.present = kept, bool(kept)
    if parties.side_of("甲方") != "supplier" or parties.side_of("乙方") != "customer":
        return
    r = results["documentation"]
    rx, exclude = _KIND_RX["documentation"], _KIND_EXCLUDE["documentation"]
    assert exclude is not None
    have = {(id(h.sentence.clause), h.sentence.start) for h in r.hits}
    for clause in clauses:
        for s, e in clause_sentences(clause):
            sent = _Sentence(clause, s, e)
            t = sent.text
            if (
                (id(clause), s) not in have
                and "甲方" in t
                and rx.search(t)
                and exclude.search(t)
                and not exclude.search(_swapped(t))
            ):
                r.hits.append(_Hit(sent, False))
                r.present = True
    order = {id(c): n for n, c in enumerate(clauses)}
    r.hits.sort(key=lambda h: (order.get(id(h.sentence.clause), -1), h.sentence.start))


# ------------------------------------------------------------------ values per kind
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
    return V.round_the_clock(text)


@lru_cache(maxsize=4096)
def _says_working_cover(text: str) -> tuple[str, str] | None:
    return V.working_hours_cover(text)


class _Articles:
    """The clauses of each article (top-level number), built once per contract, and what each article states about
    service-hours cover, read once per article. Looking through the article again for every time limit was
    quadratic: a 30,000-character text of a short contract repeated (hundreds of clauses under the same numbers)
    took 2-4 s of CPU where the budget is 0.25 s."""

    def __init__(self, clauses: Sequence[Clause]) -> None:
        self.by_top: dict[str, list[Clause]] = {}
        for c in clauses:
            top = (c.number or "").split(".")[0]
            if top:
                self.by_top.setdefault(top, []).append(c)
        self._clock: dict[str, bool] = {}
        self._cover: dict[str, tuple[tuple[str, str], str | None] | None] = {}

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
        if V.round_the_clock(t):
            return None
        said = V.working_hours_cover(t) if SUPPORT_CONTEXT.search(t) else None
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
                V.settle_by_cover(ds)
            elif kind in ("response_time", "resolution_time", "onsite_support") and any(
                d["basis"] == "unspecified" for d in ds
            ):
                # "5×8" beside it suggests working hours, without settling them (the finding says so)
                said = articles.working_cover(s.clause) or cover_elsewhere
                if said is not None:
                    V.hint_by_cover(ds, *said)
            _merge_list(v, "durations", ds)
        if kind in ("response_time", "resolution_time", "service_hours", "onsite_support"):
            tz = V.time_zone(t)
            if tz:
                v["time_zone"] = tz
            cal = V.calendar(t)
            if cal:
                v["calendar"] = cal
        if kind == "service_hours":
            sh = V.service_hours(t)
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
            for key, val in V.arbitration(t).items():
                v.setdefault(key, val)
        if kind == "governing_law":
            for key, val in V.governing_law(t).items():
                v.setdefault(key, val)
        if kind == "prevailing_language":
            pl = V.prevailing_language(t)
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
_CLAUSE_WIDE = {"dispute_resolution": V.arbitration, "warranty_period": V.warranty}
_SECTION_NAMES = {
    "dispute_resolution": re.compile(r"\bdisput\w*|\barbitrat\w*|争议|纠纷|仲裁", re.I),
    "warranty_period": re.compile(r"\bwarrant(?:y|ies)\b|\bguarantee\b|质保|保修|质量保证|保证期", re.I),
}
# "Representations and Warranties" sections say nothing about a warranty period
_NOT_SECTION = re.compile(r"\brepresentations?\b|陈述", re.I)


def _clause_wide_values(kind: str, r: KindResult, clauses: Sequence[Clause] = ()) -> None:
    read = _CLAUSE_WIDE[kind]
    seen: set[int] = set()
    sections: set[str] = set()
    for hit in r.hits:
        clause = hit.sentence.clause
        if id(clause) in seen:
            continue
        seen.add(id(clause))
        context = clause.context.strip()
        if context and _SECTION_NAMES[kind].search(context) and not _NOT_SECTION.search(context):
            sections.add(context)
        for s0, e0 in clause_sentences(clause):
            for key, val in (read(clause.text[s0:e0]) or {}).items():
                r.values.setdefault(key, val)
    for clause in clauses:
        if id(clause) in seen or clause.context.strip() not in sections:
            continue
        seen.add(id(clause))
        for s0, e0 in clause_sentences(clause):
            for key, val in (read(clause.text[s0:e0]) or {}).items():
                r.values.setdefault(key, val)
    if kind == "dispute_resolution" and r.values.get("mechanism") == "arbitration" and "language" not in r.values:
        # a "Language" clause setting the language of all proceedings sets the arbitration's too
        for clause in clauses:
            lang = V.proceedings_language(clause.text)
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
    r"修复|解决|排除|恢复|修好|维修|修理|处理完毕|更换|替换|调换|换货|返修|抢修|改正|纠正",
    re.I,
)
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
                             ("onsite_support", _SITE_WORD)) if k != kind]  # fmt: skip
    kept = []
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
        if not zh and min([preceding(word)] + [preceding(o) for o in others]) < 10_000:
            if all(preceding(word) <= preceding(o) for o in others):
                kept.append(d)
            continue
        own = nearest(word)
        if own < 10_000 and all(own <= nearest(o) for o in others):
            kept.append(d)
    r.values["durations"] = kept
