"""Contract clarity, who the parties are: which of the contract's labels names the supplier and which
the customer, read from the opening and the definitions, with the line that says so (issue 19).

Chinese contracts name the parties 甲方/乙方 (or 需方/供方, 采购人/供应商 …), and 甲方 is the buyer in most forms
but the seller or the provider in some: the label alone says nothing. The reader takes only what the
text states outright: "甲方（买方）：…", "需方（甲方）", "甲方：某公司（以下简称“买方”）", "买方（以下简称甲方）", a heading
block "买方：… 卖方：…" closed by "（以下分别简称甲方、乙方）", and in English 'ABC Ltd. (the "Supplier")',
'"Buyer" means …', 'Party A (the "Buyer")'. It never guesses from the order in which the parties appear; a
contract that names only 甲方 and 乙方 with their company names leaves both unknown, and so does one whose
statements contradict each other. Pure, no I/O.
"""

# ruff: noqa: E501 - tables of regular expressions read better unbroken

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .clauses import Clause, Location
from .kinds_spec import _DOCS_ZH

Json = dict[str, object]

# role words: each side's names in Chinese contract forms (the label that says nothing is 甲方/乙方)
SUPPLIER_ROLES_ZH = (
    "服务提供方", "卖方", "供方", "供货方", "供货商", "供应方", "供应商", "销售方", "出卖人", "出卖方", "受托方", "受托人",
    "出租人", "出租方", "承揽人", "承揽方", "承包方", "承包人", "服务方", "服务商", "维保方", "维保单位", "许可方",
    "供货单位", "研究开发方", "作业方", "监理人", "节能服务公司", "承修人", "承修方",
)  # fmt: skip
CUSTOMER_ROLES_ZH = (
    "买方", "需方", "购货方", "购买方", "买受人", "采购人", "采购方", "采购单位", "委托方", "委托人", "承租人", "承租方",
    "定作人", "定作方", "发包方", "发包人", "用户", "业主", "使用单位", "被许可方", "接受服务方", "服务接受方", "购货单位",
    "用能单位", "托修人", "托修方", "送修方", "消费者",
)  # fmt: skip
SUPPLIER_ROLES_EN = (
    "Service Provider", "Supplier", "Seller", "Vendor", "Provider", "Contractor", "Licensor", "Manufacturer", "Lessor",
)  # fmt: skip
CUSTOMER_ROLES_EN = ("Customer", "Buyer", "Purchaser", "Client", "Licensee", "Lessee", "Employer")
# an English gloss of each Chinese label and role word, shown beside the contract's own word on an English page and in
# the CLI ("乙方 [Party B] (卖方 [seller])"): a literal rendering of the word (the side is said by "Supplier:" before it)
GLOSS_EN = {
    "甲方": "Party A", "乙方": "Party B",
    "服务提供方": "service provider", "卖方": "seller", "供方": "supplier", "供货方": "supplier", "供货商": "supplier",
    "供应方": "supplier", "供应商": "supplier", "销售方": "seller", "出卖人": "seller", "出卖方": "seller",
    "受托方": "entrusted party", "受托人": "entrusted party", "出租人": "lessor", "出租方": "lessor",
    "承揽人": "work contractor", "承揽方": "work contractor", "承包方": "contractor", "承包人": "contractor",
    "服务方": "service provider", "服务商": "service provider", "维保方": "maintenance provider",
    "维保单位": "maintenance provider", "许可方": "licensor", "供货单位": "supplier", "研究开发方": "developer",
    "作业方": "operator", "监理人": "supervisor", "节能服务公司": "energy service company", "承修人": "repairer",
    "承修方": "repairer",
    "买方": "buyer", "需方": "buyer", "购货方": "purchaser", "购买方": "purchaser", "买受人": "buyer",
    "采购人": "purchaser", "采购方": "purchaser", "采购单位": "purchaser", "委托方": "entrusting party",
    "委托人": "entrusting party", "承租人": "lessee", "承租方": "lessee", "定作人": "ordering party",
    "定作方": "ordering party", "发包方": "employer", "发包人": "employer", "用户": "user", "业主": "owner",
    "使用单位": "user", "被许可方": "licensee", "接受服务方": "service recipient", "服务接受方": "service recipient",
    "购货单位": "purchaser", "用能单位": "energy user", "托修人": "repair customer", "托修方": "repair customer",
    "送修方": "repair customer", "消费者": "consumer",
}  # fmt: skip
_LABELS_ZH = ("甲方", "乙方")
_LABEL_ZH = r"(?P<label>甲方|乙方)"
_LABEL_EN = r"(?P<label>Party\s+[AB])"


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_ROLE_ZH = rf"(?P<role>{_alt(SUPPLIER_ROLES_ZH + CUSTOMER_ROLES_ZH)})"
_ROLE_EN = rf"(?P<role>{_alt(SUPPLIER_ROLES_EN + CUSTOMER_ROLES_EN)})"
_Q_OPEN = r"[“\"「『']?"
_Q_CLOSE = r"[”\"」』']?"
_CALLED_ZH = r"(?:以下(?:分别)?(?:简称|称|称为|简称为)|下称|简称|称为)\s*(?:为)?\s*"
# a role word is a whole word: not the tail of a longer name ("总承包人" is no 承包人, "被委托人" no 委托人) unless a
# connecting word stands before it ("适用于消费者（甲方）与…"), and not the head of one ("用户中心" is no 用户)
_ROLE_STARTS = r"(?:(?<![\u4e00-\u9fff])|(?<=[于与和及即为是由]))"
_ROLE_ENDS = r"(?![\u4e00-\u9fff])"
# a service named before the role: "保洁服务提供方", "物业服务接受方"
_SERVICE_NAMED = r"(?:[\u4e00-\u9fff]{1,4}(?=服务))?"
_CALLED_EN = r"(?:hereinafter\s+(?:referred\s+to\s+as|called|known\s+as)?\s*|referred\s+to\s+as\s+|the\s+)?"

# one line that states a label's role (each pattern has the groups "label" and "role")
_STATEMENTS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # "甲方（买方）：", "甲方(需方)"
        rf"{_LABEL_ZH}\s*[（(]\s*{_Q_OPEN}{_SERVICE_NAMED}{_ROLE_ZH}{_Q_CLOSE}\s*[）)]",
        # "需方（甲方）：", "采购人（甲方）"
        rf"{_ROLE_STARTS}{_ROLE_ZH}\s*[（(]\s*{_Q_OPEN}{_LABEL_ZH}{_Q_CLOSE}\s*[）)]",
        # "委托方：某公司（甲方）", "甲方：某公司（买方）"
        rf"(?:^|[\s，,；;。])\s*{_ROLE_ZH}\s*[:：][^\n:：（(]{{0,60}}[（(]\s*{_Q_OPEN}{_LABEL_ZH}{_Q_CLOSE}\s*[）)]",
        rf"(?:^|[\s，,；;。])\s*{_LABEL_ZH}\s*[:：][^\n:：（(]{{0,60}}[（(]\s*{_Q_OPEN}{_ROLE_ZH}{_Q_CLOSE}\s*[）)]",
        # "甲方：某公司（以下简称“买方”）", "乙方（以下简称卖方）"
        rf"(?:^|[\s，,；;。])\s*{_LABEL_ZH}\s*(?:[:：][^\n:：]{{0,60}}?)?[（(，,]\s*{_CALLED_ZH}{_Q_OPEN}{_ROLE_ZH}{_Q_CLOSE}{_ROLE_ENDS}",
        # "买方：某公司（以下简称“甲方”）", "买方（以下简称甲方）"
        rf"(?:^|[\s，,；;。])\s*{_ROLE_ZH}\s*(?:[:：][^\n:：]{{0,60}}?)?[（(，,]\s*{_CALLED_ZH}{_Q_OPEN}{_LABEL_ZH}{_Q_CLOSE}",
        # "甲方为买方", "乙方作为卖方"
        rf"{_LABEL_ZH}\s*(?:为|系|作为|是)\s*(?:本合同的?)?{_ROLE_ZH}(?=\s*(?:[，,。；;）)]|$))",
        # 'Party A (the "Buyer")', 'Party B (Seller)'
        rf"{_Q_OPEN}{_LABEL_EN}{_Q_CLOSE}\s*[（(]\s*{_CALLED_EN}{_Q_OPEN}{_ROLE_EN}{_Q_CLOSE}\s*[）),]",
        # 'Buyer (Party A)', '"Seller" (hereinafter "Party B")'
        rf"\b{_ROLE_EN}{_Q_CLOSE}\s*[（(]\s*{_CALLED_EN}{_Q_OPEN}{_LABEL_EN}{_Q_CLOSE}\s*[）),]",
        # 'Party A: ABC Co., Ltd. (hereinafter referred to as "the Buyer")'
        rf"{_LABEL_EN}\s*[:：][^\n:：]{{0,120}}?[（(]\s*{_CALLED_EN}{_Q_OPEN}(?:the\s+)?{_ROLE_EN}{_Q_CLOSE}\s*[）)]",
        # 'Party A is the Buyer', 'Party B, as the Seller'
        rf"{_LABEL_EN}\s*(?:is|,?\s*as)\s+the\s+{_ROLE_EN}\b",
    )
)
# a role word defined as the contract's own label: 'ABC Ltd. (the "Supplier")', '(hereinafter "Buyer")', '"Seller" means'
_DEFINED_EN = (
    re.compile(rf"[（(]\s*{_CALLED_EN}[“\"]{_ROLE_EN}[”\"]", re.IGNORECASE),
    re.compile(
        rf"^\s*(?:\d+(?:\.\d+)*\.?\s*|\([a-z0-9]+\)\s*)?[“\"](?:the\s+)?{_ROLE_EN}[”\"]\s+(?:means|shall\s+mean|refers\s+to|is)\b"
        # ... but not a class of people or firms ('"Customer" means any person who…'): no party, unknown is better
        r"(?!\s+(?:any|each|every|all|anyone|anybody|whoever|those|such|persons|individuals|entities|companies|users|"
        r"one\s+or\s+more|a\s+(?:person|natural\s+person|legal\s+person|company|customer|user|buyer)\b|"
        r"an\s+(?:individual|entity|organi[sz]ation)\b)\b)",
        re.IGNORECASE,
    ),
)
# a heading block: "买方：…" and "卖方：…" each on its line, then "（以下分别简称甲方、乙方）"
# (the role word itself before the colon, or with a short bracket: "出卖人（盖章）："; "用户名：" is no 用户); a field
# may also stand beside another on one line ("出卖人：某公司  买受人：某公司"), after white space or a table's "|"
_ROLE_LINE = re.compile(rf"(?:^|(?<=[\s|｜]))\s*{_ROLE_ZH}\s*(?:[(（][^:：\n()（）]{{0,6}}[)）]\s*)?[:：]")
_BLOCK_NAMES = re.compile(
    rf"{_CALLED_ZH}{_Q_OPEN}(?P<first>甲方|乙方){_Q_CLOSE}\s*(?:[、/／,，和及与]|以及)\s*{_Q_OPEN}(?P<second>甲方|乙方){_Q_CLOSE}"
)
# the label alone on the line below ("（以下简称甲方）", "（甲方）")
_LABEL_BELOW = re.compile(rf"^\s*[（(]\s*(?:{_CALLED_ZH})?{_Q_OPEN}(?:甲方|乙方){_Q_CLOSE}\s*[）)]?\s*[；;。，,]?\s*$")
# a company named by its role, with no 甲方/乙方: "某某有限公司（以下简称买方）", "…公司（以下简称“许可方”）"
_SELF_NAMED = re.compile(
    rf"(?:公司|集团|厂|院|中心|学校|大学|银行|局|社|店|[＿_]|\s)\s*[（(，,]\s*{_CALLED_ZH}{_Q_OPEN}{_ROLE_ZH}{_Q_CLOSE}\s*[）)，,；;]"
)
HEADING_LINES = 30  # the role lines that name the parties stand near the top
_DEFINITIONS = re.compile(r"定义|释义|名词解释|definition|interpretation|parties|合同当事人|当事人", re.IGNORECASE)
_THIRD_PARTY = re.compile(r"丙方|\bParty\s+C\b")
# a contract one level down (a subcontract, a sublease, a sublicence) names a party by its "sub" role: there the
# head contract's role words say the opposite ("甲方（承包人）" buys from the 分包人; "the Contractor" is the customer
# and "the Employer" no party at all), so the parties are not read
_SUB_PARTY = re.compile(
    r"(?:分包人|分包方|分包单位|次承租人|次承租方|转租人|转租方|转委托方|再委托方)(?=\s*[:：（(）)”\"」』])|"
    r"[“\"]Sub-?(?:contractor|lessee|tenant|licensee)[”\"]",
    re.IGNORECASE,
)
_CUES = ("甲方", "乙方", "party", "简称", "称", "“", '"', "means")
OPENING_LINES = 80  # the lines read from the start of the contract (definitions clauses are read wherever they are)


def _is_zh(word: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in word)


@dataclass
class Side:
    labels: list[str] = field(default_factory=list)  # as the contract writes them: "乙方", "Party B", "Seller"
    roles: list[str] = field(default_factory=list)  # the role words that say it: "卖方", "Seller"
    stated: bool = True  # False: inferred as the other of 甲方/乙方 (Party A/B) from the other side's statement

    @property
    def label(self) -> str:
        return self.labels[0]

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None

    def label_for(self, zh: bool) -> str:
        """The label in the reader's language where the contract has one ("乙方" on a Chinese page)."""
        return next((x for x in self.labels if _is_zh(x) == zh), self.labels[0])

    def role_for(self, zh: bool) -> str | None:
        return next((x for x in self.roles if _is_zh(x) == zh), self.role)

    def shown(self, zh: bool = False) -> str:
        """The side as "乙方 (卖方)" or "Seller": the label, and the role word when it says more."""
        label, role = self.label_for(zh), self.role_for(zh)
        if role is None or role.lower() == label.lower():
            return label
        return f"{label}（{role}）" if zh else f"{label} ({role})"


@dataclass
class Parties:
    supplier: Side | None = None
    customer: Side | None = None
    evidence: list[Json] = field(default_factory=list)  # {"text": the line, "location": {...}}

    @property
    def known(self) -> bool:
        return self.supplier is not None and self.customer is not None

    def side_of(self, label: str) -> str | None:
        """Which side ("supplier" or "customer") a label the contract uses, else None."""
        for name, side in (("supplier", self.supplier), ("customer", self.customer)):
            if side is not None and any(label.lower() == x.lower() for x in side.labels):
                return name
        return None

    def as_dict(self) -> Json:
        def one(side: Side | None) -> Json | None:
            if side is None:
                return None
            return {
                "label": side.label,
                "labels": list(side.labels),
                "role": side.role,
                "roles": list(side.roles),
                "stated": side.stated,
                # added (fix22): the English gloss of each Chinese word ("乙方": "Party B", "卖方": "seller")
                "gloss_en": {w: GLOSS_EN[w] for w in (*side.labels, *side.roles) if w in GLOSS_EN},
                # added (fix22b): the contract's own English words for the side ("Seller", "Party B"), its defined
                # terms, shown in quotation marks ("Supplier: “Seller”") so that "Supplier: “Supplier”" reads as the
                # contract's word, not as a repetition
                "terms_en": list(dict.fromkeys(w for w in (*side.labels, *side.roles) if not _is_zh(w))),
            }

        return {
            "known": self.known,
            "supplier": one(self.supplier),
            "customer": one(self.customer),
            "evidence": list(self.evidence),
        }


def _side(role: str) -> str:
    low = role.lower()
    if role in SUPPLIER_ROLES_ZH or low in (r.lower() for r in SUPPLIER_ROLES_EN):
        return "supplier"
    return "customer"


def _canonical_en(role: str) -> str:
    norm = " ".join(role.split()).lower()
    return next(r for r in SUPPLIER_ROLES_EN + CUSTOMER_ROLES_EN if r.lower() == norm)


def _norm_label(label: str) -> str:
    return label if label in _LABELS_ZH else "Party " + label.split()[-1].upper()


def _lines(clauses: Sequence[Clause]) -> list[tuple[Clause, int, int]]:
    """The lines to read: the opening, and the clauses that define the parties."""
    out: list[tuple[Clause, int, int]] = []
    n = 0
    for clause in clauses:
        defines = bool(_DEFINITIONS.search(f"{clause.heading} {clause.context}"))
        for seg in clause.segments:
            n += 1
            if n <= OPENING_LINES or defines:
                out.append((clause, seg.start, seg.end))
    return out


def read_parties(clauses: Sequence[Clause]) -> Parties:
    """Who is the supplier and who the customer, from what the contract states (unknown when it does not)."""
    lines = _lines(clauses)
    if any(_SUB_PARTY.search(c.text[s:e]) for c, s, e in lines):
        return Parties()
    # (label, side, role, where)
    found: list[tuple[str, str, str, Clause, int, int]] = []
    role_lines: list[tuple[str, int]] = []  # role words opening a line, with the line's index
    for i, (clause, s, e) in enumerate(lines):
        text = clause.text[s:e]
        # a label on the line below its party: "承租方：某公司" then "（以下简称甲方）"
        if i + 1 < len(lines) and lines[i + 1][0] is clause:
            below = clause.text[lines[i + 1][1] : lines[i + 1][2]]
            if _LABEL_BELOW.match(below):
                text, e = clause.text[s : lines[i + 1][2]], lines[i + 1][2]
        if not any(c in text or c in text.lower() for c in _CUES) and not _ROLE_LINE.search(text):
            continue
        for rx in _STATEMENTS:
            for m in rx.finditer(text):
                role = m.group("role")
                role = role if role in SUPPLIER_ROLES_ZH + CUSTOMER_ROLES_ZH else _canonical_en(role)
                found.append((_norm_label(m.group("label")), _side(role), role, clause, s, e))
        for rx in _DEFINED_EN:
            for m in rx.finditer(text):
                role = _canonical_en(m.group("role"))
                found.append((role, _side(role), role, clause, s, e))
        for m in _SELF_NAMED.finditer(text):
            found.append((m.group("role"), _side(m.group("role")), m.group("role"), clause, s, e))
        # the role fields in the order they stand (two on one line each count)
        role_lines.extend((rm.group("role"), i) for rm in _ROLE_LINE.finditer(text))
        bm = _BLOCK_NAMES.search(text)
        if bm and bm.group("first") != bm.group("second"):
            # the roles that open the lines just above, in the order the sentence names them
            roles = list(dict.fromkeys(r for r, j in role_lines if i - 12 <= j <= i))
            if len(roles) == 2 and _side(roles[0]) != _side(roles[1]):
                for label, role in zip((bm.group("first"), bm.group("second")), roles, strict=True):
                    found.append((label, _side(role), role, clause, s, e))
    if not found and not any("甲方" in c.text[s:e] or "乙方" in c.text[s:e] for c, s, e in lines):
        # no 甲方/乙方 at all: the parties go by the role words that open the heading lines ("出卖人：…", "买受人：…")
        opening = [(r, j) for r, j in role_lines if j < HEADING_LINES]
        roles = list(dict.fromkeys(r for r, _ in opening))
        if len(roles) == 2 and _side(roles[0]) != _side(roles[1]):
            for role, j in opening:
                clause, s, e = lines[j]
                found.append((role, _side(role), role, clause, s, e))
    return _settle(found, any(_THIRD_PARTY.search(c.text[s:e]) for c, s, e in lines))


def _settle(found: list[tuple[str, str, str, Clause, int, int]], third_party: bool) -> Parties:
    sides: dict[str, Side] = {}
    label_side: dict[str, str] = {}
    evidence: list[Json] = []
    seen_lines: set[tuple[int, int]] = set()
    for label, side, role, clause, s, e in found:
        if label_side.setdefault(label, side) != side:
            return Parties()  # the contract says both: no reading
        entry = sides.setdefault(side, Side())
        if label not in entry.labels:
            entry.labels.append(label)
        if role not in entry.roles:
            entry.roles.append(role)
        if (id(clause), s) not in seen_lines and len(evidence) < 3:
            seen_lines.add((id(clause), s))
            loc: Location = clause.locate(s, e)
            text = " ".join(clause.text[s:e].split())
            evidence.append({"text": text if len(text) <= 200 else text[:199] + "…", "location": loc.as_dict()})
    for label, side in label_side.items():
        # a label of one side named as a role word of the other ("Seller" defined, "Seller" a label of the buyer)
        other = sides.get("customer" if side == "supplier" else "supplier")
        if other is not None and label in other.labels:
            return Parties()
    # 甲方 stated, 乙方 not: in a contract of two parties 乙方 is the other side (Party A/Party B alike)
    if not third_party:
        for a, b in (("甲方", "乙方"), ("Party A", "Party B")):
            for have, other_label in ((a, b), (b, a)):
                if have in label_side and other_label not in label_side:
                    side = label_side[have]
                    other_side = "customer" if side == "supplier" else "supplier"
                    # (no role word is made up for it: the contract gave none)
                    entry = sides.setdefault(other_side, Side(stated=False))
                    if other_label not in entry.labels:
                        entry.labels.append(other_label)
                    label_side[other_label] = other_side
    # a bilingual contract: 甲方 is Party A and 乙方 Party B; statements that put them on opposite sides contradict
    for zh, en in (("甲方", "Party A"), ("乙方", "Party B")):
        if zh in label_side and en in label_side and label_side[zh] != label_side[en]:
            return Parties()
    supplier, customer = sides.get("supplier"), sides.get("customer")
    if supplier is None or customer is None:
        return Parties()
    # a Chinese label first, then Party A/B, then the role word the contract defines
    for entry in (supplier, customer):
        entry.labels.sort(key=lambda x: (x not in _LABELS_ZH, not x.startswith("Party")))
        # a role word that is itself a label ('the "Supplier"') says nothing more: the others first
        entry.roles.sort(key=lambda r: r in entry.labels)
    return Parties(supplier, customer, evidence)


# ------------------------------------------------------------------ uses
def _words(parties: Parties, side: str) -> str:
    """The side's labels and role words as one alternation ("甲方|买方|Buyer")."""
    entry = parties.supplier if side == "supplier" else parties.customer
    assert entry is not None
    words = {*entry.labels, *entry.roles}
    return _alt(sorted(words))


_MANUALS = re.compile(r"说明书|手册|随机资料|随机文件|用户文档|\b(?:manuals?|user\s+guides?)\b", re.IGNORECASE)
_HAND_OVER_ZH = r"(?:提供|提交|交付|移交|交给|交予)"
_DOCS_EN = r"(?:drawings?|documents?|documentation|data|specifications?|information|plans?|diagrams?|schematics?)"


@lru_cache(maxsize=256)
def _hands_rx(who: str, to: str) -> re.Pattern[str]:
    """`who` (a side's words as one alternation) handing documents over, to `to` where named; built once per labels."""
    zh_duty = r"(?:应|须|需|负责|应当|必须|将|可)?[^。；，,]{0,12}?"
    return re.compile(
        rf"(?:^|[，,：:；;\s（(]|由)(?:{who})(?:所)?{zh_duty}(?:向(?:{to})[^。；，,]{{0,4}})?{_HAND_OVER_ZH}[^。；]{{0,20}}{_DOCS_ZH}|"
        rf"(?:{who})(?:所)?(?:提供|提交)的[^。；，,]{{0,6}}{_DOCS_ZH}|"
        rf"\b(?:the\s+)?(?:{who})\s+(?:shall|will|must|agrees\s+to|is\s+to)\s+(?:promptly\s+|timely\s+)?"
        rf"(?:provide|deliver|supply|furnish|submit|hand\s+over|make\s+available)\b[^.;。；]{{0,60}}\b{_DOCS_EN}\b|"
        rf"\b{_DOCS_EN}\s+(?:provided|supplied|furnished|submitted)\s+by\s+(?:the\s+)?(?:{who})\b",
        re.IGNORECASE,
    )


def customer_hands_over(text: str, parties: Parties) -> bool:
    """The sentence is the customer handing documents, drawings or data over ("甲方应向乙方提供设备图纸" where 甲方 is
    the buyer, 'the Customer shall provide the drawings'), not the supplier's documentation: False when the parties are
    unknown, when the sentence names a manual, or when the supplier hands documents over in it too."""
    if not parties.known or _MANUALS.search(text):
        return False
    cust, sup = _words(parties, "customer"), _words(parties, "supplier")
    return bool(_hands_rx(cust, sup).search(text)) and not _hands_rx(sup, cust).search(text)


_NUMBERING = r"^\s*(?:第[\d零〇一二两三四五六七八九十百]+条|[\d零〇一二两三四五六七八九十]+(?:\.\d+)*\s*[、.．)）]?|[（(]\s*[\d一二三四五六七八九十]+\s*[）)])?\s*"


def customers_own_duty(text: str, parties: Parties) -> bool:
    """The sentence is a duty of the customer alone: it opens with the customer ("乙方应负责航空器的备件、维修…" where
    乙方 is the lessee, "The Customer shall keep spare parts") and names the supplier nowhere in it."""
    if not parties.known:
        return False
    cust, sup = _words(parties, "customer"), _words(parties, "supplier")
    return bool(_opens_rx(cust).match(text)) and not _named_rx(sup).search(text)


@lru_cache(maxsize=128)
def _opens_rx(cust: str) -> re.Pattern[str]:
    """A sentence opening with the customer's duty; built once per set of labels."""
    return re.compile(
        rf"{_NUMBERING}(?:the\s+)?(?:{cust})(?:\s*(?:应|须|需|负责|应当|必须|自行)|\s+(?:shall|will|must|is\s+responsible))",
        re.IGNORECASE,
    )


@lru_cache(maxsize=128)
def _named_rx(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{words})", re.IGNORECASE)


def drop_customer_duties(results: dict[str, Any], parties: Parties) -> None:
    """(a) What the customer owes is not the supplier's support: documents the customer hands over are no documentation
    duty, spare parts the customer alone must keep or pay for are no spare-parts duty; their sentences are taken out of
    the kind (nothing changes while the parties are unknown)."""
    if not parties.known:
        return
    for kind, customers in (("documentation", customer_hands_over), ("spare_parts", customers_own_duty)):
        r = results.get(kind)
        if r is None or not r.hits:
            continue
        kept = [h for h in r.hits if not customers(h.sentence.text, parties)]
        if len(kept) != len(r.hits):
            r.hits = kept
            r.present = bool(kept)


_HOLDS = r"(?:\s*(?:有权|可以|可|将|应|单方|may|reserves?|is\s+entitled|shall\s+have\s+the\s+right|has\s+the\s+right|can)|[^。；，,.;]{0,8}?(?:调整|变更|上调|提高|修改))"


_VERB = re.compile(
    r"调整|变更|修改|修订|上调|提高|更改|\b(?:change|amend|modify|update|vary|revise|increase|adjust)", re.IGNORECASE
)


@lru_cache(maxsize=128)
def _holder_rx(words: str) -> re.Pattern[str]:
    """A side named as the one holding a right ("乙方有权…"); "经甲方同意", "通知甲方": a side named as the one asked or
    told is no holder. Built once per set of labels."""
    return re.compile(rf"(?<![经向对给知与A-Za-z])(?:the\s+)?(?:{words})(?=\s*{_HOLDS})", re.IGNORECASE)


def right_holder(text: str, parties: Parties, change: re.Pattern[str]) -> str | None:
    """(b) The side ("supplier" or "customer") whose right to change the terms alone the sentence states ("乙方有权单方
    调整服务费": the side named last before the change's verb), None when the parties are unknown or no side is named."""
    if not parties.known:
        return None
    m = change.search(text)
    if m is None:
        return None
    v = _VERB.search(text, m.start(), m.end())
    verb_at = v.start() if v else m.end()
    best: tuple[int, str] | None = None
    for side in ("supplier", "customer"):
        for lm in _holder_rx(_words(parties, side)).finditer(text):
            if lm.start() < verb_at and (best is None or lm.start() > best[0]):
                best = (lm.start(), side)
    return best[1] if best else None


# the side a role word names, for a change right stated by role where the parties are not introduced ("The Government
# may unilaterally modify…", "买方有权单方变更…"); 甲方/乙方 name no side by themselves
_ROLE_SIDE = {
    **{w.lower(): "supplier" for w in SUPPLIER_ROLES_EN + SUPPLIER_ROLES_ZH},
    **{
        w.lower(): "customer"
        for w in (*CUSTOMER_ROLES_EN, *CUSTOMER_ROLES_ZH, "Government", "Contracting Officer", "Owner")
    },
}


def role_holder(text: str, change: re.Pattern[str]) -> tuple[str, str] | None:
    """(side, the role word as written) of the right to change alone the sentence states, read from the role word named
    last before the change's verb ("The Government may unilaterally modify": customer, "Government"); None if none."""
    m = change.search(text)
    if m is None:
        return None
    v = _VERB.search(text, m.start(), m.end())
    verb_at = v.start() if v else m.end()
    found = [lm for lm in _holder_rx(_alt(sorted(_ROLE_SIDE))).finditer(text) if lm.start() < verb_at]
    if not found:
        return None
    word = re.sub(r"^the\s+", "", found[-1].group(0), flags=re.IGNORECASE)
    side = _ROLE_SIDE.get(re.sub(r"\s+", " ", word).lower())
    return (side, word) if side else None


def who(parties: Parties, side: str, zh: bool) -> str:
    """The side as a finding names it: "乙方（卖方）", "the supplier (“乙方（卖方）”)", "the Supplier"; the contract's
    words in the other language are quoted (a page marks them as the contract's own), and a label the contract gives
    no role word is followed by the side's generic name ("乙方（供方）")."""
    entry = parties.supplier if side == "supplier" else parties.customer
    assert entry is not None
    label, role = entry.label_for(zh), entry.role_for(zh)
    generic_zh = "供方" if side == "supplier" else "需方"
    if zh:
        if not _is_zh(label):
            return f"“{label}”（{generic_zh}）"
        if role is None or not _is_zh(role):
            return label if label in SUPPLIER_ROLES_ZH + CUSTOMER_ROLES_ZH else f"{label}（{generic_zh}）"
        return entry.shown(True)
    if _is_zh(label):
        return f"the {side} (“{entry.shown(True)}”)"
    if label in SUPPLIER_ROLES_EN + CUSTOMER_ROLES_EN:
        return f"the {label}"
    return f"the {side} ({entry.shown(False)})"


_SELLER_EN = re.compile(r"\b(?:(?P<the>[Tt]he)\s+)?Seller(?P<s>['’]s)?\b")
_BUYER_EN = re.compile(r"\b(?:(?P<the>[Tt]he)\s+)?Buyer(?P<s>['’]s)?\b")


def in_contract_words(text_zh: str, text_en: str, parties: Parties) -> tuple[str, str]:
    """A suggested clause (written with 卖方/买方, the Seller/the Buyer) in the contract's own labels: "乙方应…" where the
    contract calls the seller 乙方, "Party B shall…" or "the Supplier shall…" where it has such an English label.
    Unchanged while the parties are unknown, and in a language the contract gives no label in."""
    if not parties.known or parties.supplier is None or parties.customer is None:
        return text_zh, text_en
    sup_zh, cus_zh = parties.supplier.label_for(True), parties.customer.label_for(True)
    if _is_zh(sup_zh) and _is_zh(cus_zh):
        text_zh = text_zh.replace("卖方", "\0").replace("买方", cus_zh).replace("\0", sup_zh)
    sup_en, cus_en = parties.supplier.label_for(False), parties.customer.label_for(False)
    if not _is_zh(sup_en) and not _is_zh(cus_en):

        def named(label: str) -> Callable[[re.Match[str]], str]:
            def repl(m: re.Match[str]) -> str:
                the = m.group("the")
                word = label if label.startswith("Party") or not the else f"{the} {label}"
                return word + (m.group("s") or "")

            return repl

        text_en = _SELLER_EN.sub(named(sup_en), text_en)
        text_en = _BUYER_EN.sub(named(cus_en), text_en)
    return text_zh, text_en


__all__ = [
    "CUSTOMER_ROLES_EN",
    "CUSTOMER_ROLES_ZH",
    "GLOSS_EN",
    "SUPPLIER_ROLES_EN",
    "SUPPLIER_ROLES_ZH",
    "Parties",
    "Side",
    "customer_hands_over",
    "customers_own_duty",
    "drop_customer_duties",
    "in_contract_words",
    "read_parties",
    "right_holder",
    "who",
]
