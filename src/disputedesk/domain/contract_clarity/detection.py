"""Contract clarity, finding the kinds: which sentences speak of which clause kind (the kinds'
patterns, the clause heading, the trained sentence model, the parties). The values each kind states
(durations, amounts, forum, who pays ...) are read in kind_values.py.

Split out of analysis.py (DESIGN.md: modules of about 600 lines at most); pure, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from functools import lru_cache

from . import values as V
from . import values_hours as VH
from .clauses import Clause
from .kinds import KINDS, SPECS
from .kinds_spec import _THEN_EN
from .model import ClauseModel, KindModel, features, scorer_for
from .parties import Parties, Side, customers_own_duty, drop_customer_duties
from .records import (
    KindResult,
    _Hit,
    _Sentence,
    clause_sentences,
)
from .text import cjk_count, zh_to_int
from .vague import VAGUE_TERMS

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
    r"\bdeemed\s+(?:to\s+have\s+been\s+)?(?:accepted|approved|conforming)\b|视为(?:验收)?合格|视为验收|视为(?:买方)?(?:接受|认可)|"
    # goods deemed to conform when the buyer is silent (Civil Code Art. 621's words)
    r"\bdeemed\s+to\s+(?:conform|comply)\b|视为[^。；，,]{0,12}(?:数量|质量|货物|标的物|设备|产品)[^。；，,]{0,12}符合(?:约定|合同|要求)",
    re.IGNORECASE,
)


def _substantive(text: str) -> bool:
    return cjk_count(text) >= 8 or len(text.split()) >= 5


_KIND_TRIGGER: dict[str, re.Pattern[str] | None] = {
    s.kind: (re.compile("|".join(re.escape(t) for t in s.triggers)) if s.triggers else None) for s in SPECS
}
# per kind, in SPECS order: (kind, trigger words, body pattern, exclusions, heading pattern)
_RULES = tuple(
    (s.kind, _KIND_TRIGGER[s.kind], _KIND_RX[s.kind], _KIND_EXCLUDE[s.kind], _KIND_HEADING[s.kind]) for s in SPECS
)


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
    clause: Clause, spans: Sequence[tuple[int, int]], matched: Set[int], rx: re.Pattern[str], consequence: bool = False
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


Spans = tuple[tuple[int, int], ...]
# Work out each repeated clause, heading and sentence once per check (below). False: every one anew, as before 5 Dec
# 2026 (slower, the same result: tests/unit/contracts/test_contract_speed_same_result.py compares the two).
REUSE_REPEATS = True


def _rule_matches(text: str, spans: Spans) -> tuple[frozenset[int], ...]:
    """Per kind (SPECS order), the sentences of a clause's text its body pattern matches."""
    lower = text.lower()
    out = []
    for _, trigger, rx, _, _ in _RULES:
        matched: set[int] = set()
        # speed: the full patterns run only on sentences holding one of the kind's trigger words
        if trigger is None or trigger.search(lower):
            for i, (s0, e0) in enumerate(spans):
                if (trigger is None or trigger.search(lower, s0, e0)) and rx.search(text, s0, e0):
                    matched.add(i)
        out.append(frozenset(matched))
    return tuple(out)


def detect_kinds(clauses: Sequence[Clause]) -> dict[str, KindResult]:
    results = {k: KindResult(k) for k in KINDS}
    lead = ""
    # speed: what the kinds' patterns match in a clause depends only on its text and sentences, which kinds a heading
    # names only on the heading, and whether an exclusion rules a sentence out only on its words: each is worked out
    # once per check (a contract repeats headings, clauses and sentences; the result is the same)
    matches_of: dict[tuple[str, Spans], tuple[frozenset[int], ...]] = {}
    kinds_of_heading: dict[str, frozenset[str]] = {"": frozenset()}
    excluded: dict[tuple[str, str], bool] = {}

    def ruled_out(kind: str, exclude: re.Pattern[str], text: str) -> bool:
        said = excluded.get((kind, text)) if REUSE_REPEATS else None
        if said is None:
            said = excluded[(kind, text)] = exclude.search(text) is not None
        return said

    for clause in clauses:
        spans = clause_sentences(clause)
        if not spans:
            continue
        sentences = [_Sentence(clause, s, e) for s, e in spans]
        leads, lead = _list_leads(sentences, lead)
        head = f"{clause.heading} {clause.context}".strip()
        key = (clause.text, tuple(spans))
        found = matches_of.get(key) if REUSE_REPEATS else None
        if found is None:
            found = matches_of[key] = _rule_matches(*key)
        by_heading = kinds_of_heading.get(head) if REUSE_REPEATS or not head else None
        if by_heading is None:
            by_heading = kinds_of_heading[head] = frozenset(
                kind for kind, _, _, _, heading_rx in _RULES if heading_rx is not None and heading_rx.search(head)
            )
        for (kind, _, rx, exclude, _), matched in zip(_RULES, found, strict=True):
            result = results[kind]
            joined: list[tuple[int, _Sentence]] = []
            if kind in _JOINED_KINDS:
                with_consequence = kind in _JOINED_WITH_CONSEQUENCE
                joined = [
                    (i, sent)
                    for i, sent in _joined(clause, spans, matched, rx, with_consequence)
                    if exclude is None or not ruled_out(kind, exclude, sent.text)
                ]
            if matched:
                # a consequence read with the duty before it is that sentence's hit, not one of its own
                absorbed = {i + 1 for i, _ in joined}
                for i in sorted(matched - absorbed):
                    if exclude is not None and (
                        ruled_out(kind, exclude, sentences[i].text) or (leads[i] and ruled_out(kind, exclude, leads[i]))
                    ):
                        continue
                    result.hits.append(_Hit(sentences[i], False))
                    result.present = True
            for _, sent in joined:
                result.hits.append(_Hit(sent, False))
                result.present = True
            if kind in by_heading:
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

# A sentence that only sets a time limit in hours or days ("The Supplier shall repair the fault within 8 hours", "shall
# answer every call within 2 hours") is a response or repair time, not service hours: the English model ("or"), which
# weighs "hours" and support verbs, took such sentences for service hours and the report then said "Service hours are
# mentioned but days and hours are not stated". It stays a candidate when it also states days, times of day, round-the-
# clock cover or an availability (values_hours.service_hours), or names the hours ("business hours", "support hours").
_HOURS_NAMED = re.compile(
    r"\b(?:support|service|business|working|office|hotline|help ?desk)\s+hours\b|服务时间|工作时间", re.I
)


def _only_a_time_limit(kind: str, text: str) -> bool:
    return (
        kind == "service_hours"
        and bool(V.durations(text))
        and not VH.service_hours(text)
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
    scorer = scorer_for(models)
    kinds = [m.kind for m in models]
    best: list[tuple[float, _Sentence | None]] = [(float("-inf"), None) for _ in kinds]
    order = [(sent, head) for sent, head in _model_sentences(clauses)]
    if first:
        order.sort(key=lambda u: (id(u[0].clause), u[0].start) not in first)
    excludes = [_KIND_EXCLUDE[k] for k in kinds]
    scored: set[tuple[str, str]] = set()
    for sent, head in order:
        text = sent.text
        # speed: the same words under the same heading score the same and may be taken or not alike, so a sentence
        # seen before can beat no kind's best (only a higher score replaces it): not scored again
        if REUSE_REPEATS and (text, head) in scored:
            continue
        scored.add((text, head))
        for i, (kind, score, exclude) in enumerate(zip(kinds, scorer.scores(text, head), excludes, strict=True)):
            # a sentence the kind's own rules rule out is no candidate for the model either (e.g. an acceptance
            # named only as the start of the warranty, which the model reads as an inspection clause)
            if (
                score > best[i][0]
                and not (exclude is not None and exclude.search(text))
                and not _only_a_time_limit(kind, text)
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
