"""Payment safety: warn when a message asks to pay into a new or different account.

"Our bank account has changed, please remit the balance to the new account below" is the
most common fraud in trade with China (a hijacked or look-alike mailbox sends it just before
the 70 % balance is due). This module reads a message's text and says, with the excerpt
that triggered it, when:

* the text asks for a change of the receiving account, in English or Chinese
  ("our bank account has changed", "update our banking details", 变更收款账户, 新账户 …);
* account details in the text (account number, IBAN, SWIFT/BIC) differ from the supplier's
  verified beneficiary account, or are given while no account has been verified;
* the beneficiary (account) name in the text differs from the supplier's legal name.

Low false positives on ordinary support mail matter as much as catching the fraud: phrases
that are also ordinary ("new account" on a service portal, "please send the log to") only
count when the message is about banking (an account number, IBAN, SWIFT code or bank words).

IBAN and BIC candidates are validated with ``python-stdnum`` (``stdnum.iban``, ``stdnum.bic``)
so random capitalised words and numbers are not taken for account details.

Pure domain code: no I/O. The caller passes the decoded text and the supplier's facts.
"""

from __future__ import annotations

import ast
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from stdnum import bic as _bic
from stdnum import iban as _iban

from .maildomains import host_in, mail_host
from .suppliers import BankAccount, normalise_account_number
from .text import Quoted, Seq, T, Text

HIGH = "high"
MEDIUM = "medium"
LOW = "low"


@dataclass(frozen=True)
class PaymentWarning:
    kind: str  # "account_change_request" | "different_account" | "unverified_account"
    #          | "beneficiary_name_mismatch" | "beneficiary_name_unchecked"
    severity: str  # "high" | "medium" | "low"
    excerpt: str  # the words that triggered it, with a little context
    reason: str  # what is wrong and what to do, for people
    start: int  # character offsets of the match in the text passed in
    end: int


@dataclass(frozen=True)
class AccountMention:
    kind: str  # "iban" | "swift" | "account_number"
    value: str  # normalised (upper case, no spaces or hyphens)
    start: int
    end: int


# When a phrase counts: on its own, in a message about banking, or only when the message also
# gives account details that are not the verified account ("please remit to" is what every
# ordinary invoice says).
ALONE = "alone"
BANK_CONTEXT = "bank_context"
UNKNOWN_ACCOUNT = "unknown_account"


@dataclass(frozen=True)
class _Phrase:
    pattern: re.Pattern[str]
    needs: str  # ALONE | BANK_CONTEXT | UNKNOWN_ACCOUNT
    label: str


def _en(p: str, needs: str, label: str) -> _Phrase:
    return _Phrase(re.compile(p, re.IGNORECASE), needs, label)


def _zh(p: str, needs: str, label: str) -> _Phrase:
    return _Phrase(re.compile(p), needs, label)


_ACC = r"(?:bank\s+account|bank(?:ing)?\s+details|bank(?:ing)?\s+information|bank\s+info|beneficiary(?:\s+account)?|receiving\s+account|remittance\s+(?:account|details|information)|payment\s+(?:account|details|information)|account\s+details)"  # noqa: E501
_ZACC = r"(?:收款)?(?:银行)?[账帐][户号]"

PHRASES: tuple[_Phrase, ...] = (
    # --- English, a change asserted or requested
    _en(
        rf"\b(?:our|the|my|company'?s?)\s+(?:company'?s?\s+)?{_ACC}\s+(?:has|have|had|was|were|is|are)\s+"
        r"(?:been\s+|now\s+)?(?:changed|updated|modified|replaced|switched|moved)",
        ALONE,
        T("says the bank account has changed"),
    ),
    _en(
        rf"\b(?:change|changes|changed|update|updated|modification)\s+(?:of|to|in|on)\s+(?:our\s+|the\s+)?{_ACC}",
        ALONE,
        T("announces a change of bank details"),
    ),
    _en(
        r"\b(?:update|amend|change)\s+(?:our|the|your\s+records\s+(?:with|of)\s+our)\s+"
        r"(?:bank(?:ing)?|remittance|payment|beneficiary)\s+(?:details|information|info|account)",
        ALONE,
        T("asks to update banking details"),
    ),
    _en(
        r"\b(?:new|different|another|alternative|alternate|updated|other|second|temporary)\s+"
        r"(?:bank\s+account|beneficiary(?:\s+account)?|bank(?:ing)?\s+details|remittance\s+account|"
        r"receiving\s+account|collection\s+account|account\s+for\s+(?:payment|remittance))",
        ALONE,
        T("refers to a new or different bank account"),
    ),
    _en(
        r"\b(?:old|previous|former|current|usual|original)\s+(?:bank\s+)?account\s+(?:is|has\s+been|was|"
        r"will\s+be)\s+(?:now\s+)?(?:closed|frozen|blocked|suspended|restricted|under\s+(?:audit|review|"
        r"investigation)|no\s+longer|not\s+(?:available|in\s+use|valid)|unavailable|invalid)",
        ALONE,
        T("says the usual account can no longer be used"),
    ),
    _en(
        r"\b(?:do\s+not|don'?t|please\s+stop|stop)\s+(?:pay|send|remit|transfer|wire)(?:ing)?\s+(?:\S+\s+){0,4}?"
        r"(?:to|into)\s+(?:the\s+|our\s+)?(?:old|previous|former|usual|above|original)\s+(?:bank\s+)?account",
        ALONE,
        T("says not to pay into the old account"),
    ),
    _en(
        r"\b(?:pay|remit|transfer|wire|send)\s+(?:\S+\s+){0,5}?(?:to|into)\s+(?:our|the|this)\s+"
        r"(?:new|other|following\s+new)\s+(?:bank\s+)?account",
        ALONE,
        T("asks for payment into a new account"),
    ),
    # --- English, ordinary on their own: banking context needed
    _en(r"\bnew\s+account\b", BANK_CONTEXT, T("mentions a new account")),
    _en(
        r"\b(?:please|kindly|pls)\s+(?:\w+\s+){0,2}?(?:remit|wire|transfer|arrange\s+(?:the\s+)?payment|"
        r"make\s+(?:the\s+)?payment|pay|send\s+(?:the\s+)?(?:payment|balance|money|funds))\s+"
        r"(?:\S+\s+){0,5}?(?:to|into)\b",
        UNKNOWN_ACCOUNT,
        T("asks to remit to an account"),
    ),
    _en(
        r"\b(?:use|note)\s+(?:the\s+)?(?:following|below|attached)\s+(?:bank\s+)?account\b",
        UNKNOWN_ACCOUNT,
        T("gives an account"),
    ),
    # --- Chinese, a change asserted or requested
    _zh(
        r"(?:变更|更改|更换|修改|更新|换了?)(?:了)?(?:公司|我司)?(?:的)?(?:收款|银行|付款)(?:银行)?(?:[账帐][户号]|信息|资料)",
        ALONE,
        T("变更收款账户: announces a change of the receiving account"),
    ),
    _zh(
        r"(?:收款|银行|公司)(?:[账帐][户号]|信息)(?:信息)?(?:已经?|已|现)?(?:变更|更改|更换|修改|更新|改变|有变|换了)",
        ALONE,
        T("收款账号变更: says the receiving account has changed"),
    ),
    _zh(
        r"(?:[账帐][户号])(?:信息)?(?:已经?|已)(?:变更|更改|更换|修改|改变)",
        ALONE,
        T("账户已变更: says the account has changed"),
    ),
    _zh(
        r"新的?(?:收款|银行|公司)[账帐][户号]|新(?:的)?收款(?:信息|资料)",
        ALONE,
        T("新收款账户: refers to a new receiving account"),
    ),
    _zh(
        r"(?:原|旧|之前的?|以前的?)(?:收款|银行)?[账帐][户号](?:已经?|已|被|正在|暂时|目前)?(?:冻结|停用|注销|关闭|被查|"
        r"审计|年审|不能(?:再)?使用|无法(?:使用|收款)|不可用|作废)",
        ALONE,
        T("原账户冻结: says the usual account can no longer be used"),
    ),
    _zh(
        r"(?:不要|请勿|勿|别)(?:再)?(?:汇|付|打|转)(?:款|账)?(?:到|至|入|进)?(?:原|旧|之前的?|以前的?)(?:来的?)?[账帐][户号]",
        ALONE,
        T("勿汇入原账户: says not to pay into the old account"),
    ),
    _zh(r"以(?:此|新|下面|以下)(?:的)?[账帐][户号]为准", ALONE, T("以新账户为准: says the new account prevails")),
    # --- Chinese, ordinary on their own: banking context needed
    _zh(r"新[账帐][户号]", BANK_CONTEXT, T("新账户: mentions a new account")),
    _zh(
        r"请(?:您|贵司)?(?:将)?(?:货款|款项|尾款|定金|订金|余款|全款|费用)?(?:汇款|付款|打款|转账|汇|付|打|转)(?:款)?(?:至|到|入|进)",
        UNKNOWN_ACCOUNT,
        T("请汇款至: asks to remit to an account"),
    ),
)

# Words that make a message "about banking". Deliberately not 账号/帐号/account alone: those
# are also log-in accounts on service portals. "bank holiday" is not banking.
_BANK_CONTEXT = re.compile(
    r"\b(?:bank(?!\s+holidays?\b)|banking|swift|iban|bic|beneficiary|remit|remittance|wire\s+transfer|t/t|"
    r"telegraphic|a/c)\b|银行|收款|汇款|开户|户名|货款|尾款|定金|订金|汇入|打款",
    re.IGNORECASE,
)

_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
_SWIFT = re.compile(
    r"(?:swift|bic)(?:\s*/\s*bic)?(?:\s*(?:code|no\.?|number|代码|号))?\s*[:：#.]?\s*((?-i:[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?))\b",
    re.IGNORECASE,
)
_ACCOUNT_NO = re.compile(
    r"(?:account\s*(?:no\.?|number|#)|a/c\s*(?:no\.?|number)?|acct\.?\s*(?:no\.?)?|"
    r"(?:银行|收款|对公)?[账帐]号|[账帐]户(?:号码)?|卡号)\s*[:：#.]?\s*([0-9](?:[0-9 \-]{6,40})[0-9])",
    re.IGNORECASE,
)
_BENEFICIARY = re.compile(
    r"(?:beneficiary(?:'s)?(?:\s+(?:account\s+)?name)?|account\s+name|a/c\s+name|payee(?:\s+name)?|"
    r"收款人(?:名称|户名|全称)?|收款(?:单位|方)(?:名称|全称)?|户名|[账帐]户名称?|开户(?:名称|单位|人))"
    r"\s*[:：]\s*(?P<name>[^\n\r;；，。]{2,120})",
    re.IGNORECASE,
)
# Where a beneficiary name written on one line with other bank details ends.
_NAME_END = re.compile(
    r"[,\s]+(?:account|a/c|acct|bank|swift|bic|iban|address|add\.)\b|[,\s]*(?:账号|帐号|开户行|银行|地址)",
    re.IGNORECASE,
)


def _excerpt(text: str, start: int, end: int, width: int = 60) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    # prefer to stop at line boundaries so the excerpt reads as one sentence
    nl_before = text.rfind("\n", a, start)
    if nl_before != -1:
        a = nl_before + 1
    nl_after = text.find("\n", end, b)
    if nl_after != -1:
        b = nl_after
    snippet = re.sub(r"\s+", " ", text[a:b]).strip()
    return ("…" if a > 0 else "") + snippet + ("…" if b < len(text) else "")


def find_account_mentions(text: str) -> list[AccountMention]:
    """Account numbers (after a label), IBANs and SWIFT/BIC codes (validated) in the text."""
    found: list[AccountMention] = []
    upper = unicodedata.normalize("NFKC", text)
    for m in _IBAN.finditer(upper):
        value = _iban.compact(m.group(0))
        if _iban.is_valid(value):
            found.append(AccountMention("iban", value, m.start(), m.end()))
    for m in _SWIFT.finditer(upper):
        value = m.group(1).upper()
        if _bic.is_valid(value):
            found.append(AccountMention("swift", value, m.start(1), m.end(1)))
    for m in _ACCOUNT_NO.finditer(upper):
        value = normalise_account_number(m.group(1))
        if 8 <= len(value) <= 34 and not any(f.start <= m.start(1) < f.end for f in found):
            found.append(AccountMention("account_number", value, m.start(1), m.end(1)))
    return sorted(found, key=lambda f: f.start)


# -- names ----------------------------------------------------------------------------------

_EN_ABBREV = {
    "company": "co",
    "limited": "ltd",
    "corporation": "corp",
    "incorporated": "inc",
    "international": "intl",
    "manufacturing": "mfg",
    "technology": "tech",
    "technologies": "tech",
    "and": "&",
}
_CJK = re.compile(r"[\u3400-\u9fff]")


def normalise_name(name: str) -> str:
    """Fold what does not change *who* a name means: width, case, punctuation, spacing, and
    the usual English abbreviations (Company→Co, Limited→Ltd). Chinese names keep every
    character: 有限公司 and 有限责任公司 stay different, as a bank would treat them."""
    s = unicodedata.normalize("NFKC", name).casefold().strip()
    if _CJK.search(s):
        return re.sub(r"[\s\W_]+", "", s)
    s = s.replace("&", " & ")
    tokens = re.findall(r"[a-z0-9&]+", s)
    tokens = [_EN_ABBREV.get(t, t) for t in tokens]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


def beneficiary_name_matches(beneficiary: str, legal_names: Iterable[str | None]) -> bool:
    target = normalise_name(beneficiary)
    return any(n and normalise_name(n) == target for n in legal_names)


def check_beneficiary(
    beneficiary: str, legal_name_zh: str | None, legal_name_en: str | None
) -> tuple[bool | None, str]:
    """(matches?, explanation). ``None`` when it cannot be compared (e.g. an English account
    name but no English legal name on file)."""
    cjk = bool(_CJK.search(beneficiary))
    candidate = legal_name_zh if cjk else legal_name_en
    if not candidate:
        return None, (
            T("beneficiary %(name)s cannot be compared: no Chinese legal name on file", name=Quoted(beneficiary))
            if cjk
            else T("beneficiary %(name)s cannot be compared: no English legal name on file", name=Quoted(beneficiary))
        )
    if beneficiary_name_matches(beneficiary, [legal_name_zh, legal_name_en]):
        return True, T("beneficiary %(name)s matches the legal name", name=Quoted(beneficiary))
    return False, T(
        "beneficiary %(name)s differs from the legal name %(legal)s: payments must go to an "
        "account in the supplier's own legal name; ask the supplier to explain and verify by phone",
        name=Quoted(beneficiary),
        legal=Quoted(candidate),
    )


# Sentences whose quoted names were stored as Python text ("'HSJG Ltd'") before they were
# :class:`Quoted`: the parameters that held a quoted name.
_QUOTED_PARAMS = ("name", "legal", "host", "imitated")


def stored_reason(reason: str) -> str:
    """A stored warning's reason as it is shown now: a name a row written before quoted names had
    their own kind (``'HSJG Ltd'``) comes back as :class:`Quoted`, so a Chinese page shows it in
    Chinese quotation marks. Nothing else changes; the row itself is kept as it was written."""
    if not isinstance(reason, Text):
        return reason
    params = dict(reason.params)
    for key in _QUOTED_PARAMS:
        v = params.get(key)
        if type(v) is str and len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
            try:
                params[key] = Quoted(ast.literal_eval(v))
            except (ValueError, SyntaxError):
                continue
    return Text(reason.msgid, params)


# -- sender ---------------------------------------------------------------------------------


def lookalike_of(host: str, supplier_domains: Iterable[str]) -> str | None:
    """The supplier domain that ``host`` imitates, if any: one or two characters changed
    (hsjg-rnachinery.com), hyphens moved, or the supplier's name under another ending
    (hsjg-machinery.com.cn-service.top). Similarity by the standard library's difflib."""
    if host_in(host, supplier_domains):
        return None
    for d in supplier_domains:
        d = d.lower().lstrip("@")
        label = d.split(".")[0]
        host_label = host.split(".")[0]
        if host.replace("-", "") == d.replace("-", ""):
            return d
        if len(label) >= 4 and label in host:
            return d
        if difflib.SequenceMatcher(None, host, d).ratio() >= 0.85:
            return d
        if len(label) >= 5 and difflib.SequenceMatcher(None, host_label, label).ratio() >= 0.85:
            return d
    return None


# -- the check ------------------------------------------------------------------------------


def assess_payment_message(
    text: str,
    *,
    legal_name_zh: str | None = None,
    legal_name_en: str | None = None,
    verified_account: BankAccount | None = None,
    sender: str | None = None,
    supplier_domains: Iterable[str] = (),
    paid_accounts: Iterable[tuple[str, str]] = (),
) -> list[PaymentWarning]:
    """Warnings for one message's text (empty list: nothing suspicious found).

    With ``sender`` and the supplier's ``supplier_domains``, a sender domain that imitates
    the supplier's is flagged on its own, and a payment warning from a domain that is not
    the supplier's says so.

    ``paid_accounts`` are (account, last paid on) of the accounts the buyer has paid this
    supplier into (its own payment records). Having paid into an account does not verify it, so
    without a verified account the message is still flagged as unverified; but an account number
    in the message that is none of the accounts paid into is said to be new, with the day the
    usual account was last paid: the pattern of the classic "our bank account has changed" fraud.
    """
    warnings: list[PaymentWarning] = []
    domains = tuple(supplier_domains)
    norm = unicodedata.normalize("NFKC", text)
    # NFKC keeps length for the characters that matter here (full-width forms map 1:1) but not
    # for every character; offsets are reported into the normalised text when lengths differ.
    base = norm if len(norm) != len(text) else text
    bank_words = bool(_BANK_CONTEXT.search(base))
    # A bare "account number" only counts in a message about banking (it may be a customer or
    # log-in number); IBAN and SWIFT/BIC are banking by themselves.
    mentions = [mt for mt in find_account_mentions(base) if bank_words or mt.kind != "account_number"]
    bank_context = bool(mentions) or bank_words
    verified_values: set[str] = set()
    if verified_account is not None:
        verified_values.add(normalise_account_number(verified_account.account_number))
        if verified_account.iban:
            verified_values.add(normalise_account_number(verified_account.iban))
    unknown_account = any(mt.kind != "swift" and mt.value not in verified_values for mt in mentions) or (
        verified_account is None and bool(mentions)
    )

    # Phrase hits close to each other (one sentence or two) become one warning listing all
    # that was said, so a fraud mail gives one clear line rather than five overlapping ones.
    hits: list[tuple[int, int, str, bool]] = []
    for ph in PHRASES:
        if ph.needs == BANK_CONTEXT and not bank_context:
            continue
        if ph.needs == UNKNOWN_ACCOUNT and not unknown_account:
            continue
        for m in ph.pattern.finditer(base):
            hits.append((m.start(), m.end(), ph.label, ph.needs == ALONE))
    hits.sort()
    groups: list[list[tuple[int, int, str, bool]]] = []
    for h in hits:
        if groups and h[0] - max(g[1] for g in groups[-1]) <= 80:
            groups[-1].append(h)
        else:
            groups.append([h])
    for g in groups:
        start, end = g[0][0], max(h[1] for h in g)
        labels = list(dict.fromkeys(h[2] for h in g))
        sev = HIGH if any(h[3] for h in g) else MEDIUM
        reason = T(
            "the message %(what)s. Before paying, confirm the account by phone using a number "
            "from the official registry or the signed contract, not one from this message",
            what=Seq(labels),
        )
        warnings.append(PaymentWarning("account_change_request", sev, _excerpt(base, start, end), reason, start, end))

    paid = {normalise_account_number(a): on for a, on in paid_accounts if a}
    if mentions and paid and verified_account is None:  # with a verified account, that one is compared below
        for mt in mentions:
            if mt.kind in ("iban", "account_number") and mt.value not in paid:
                last = max(paid.items(), key=lambda kv: kv[1])
                warnings.append(
                    PaymentWarning(
                        "different_account",
                        HIGH,
                        _excerpt(base, mt.start, mt.end),
                        T(
                            "%(kind)s %(value)s is not an account you have paid this supplier into (last payment "
                            "into %(last)s on %(on)s): confirm any change by phone with a number from the registry "
                            "or the signed contract before paying",
                            kind="IBAN" if mt.kind == "iban" else T("account number"),
                            value=mt.value,
                            last=last[0],
                            on=last[1],
                        ),
                        mt.start,
                        mt.end,
                    )
                )
    if mentions:
        if verified_account is None:
            first = mentions[0]
            warnings.append(
                PaymentWarning(
                    "unverified_account",
                    MEDIUM,
                    _excerpt(base, first.start, first.end),
                    T(
                        "the message gives bank details but no beneficiary account is verified for this supplier: "
                        "verify the account out of band before paying"
                    ),
                    first.start,
                    first.end,
                )
            )
        else:
            for mt in mentions:
                if mt.kind in ("iban", "account_number") and mt.value not in verified_values:
                    warnings.append(
                        PaymentWarning(
                            "different_account",
                            HIGH,
                            _excerpt(base, mt.start, mt.end),
                            T(
                                "%(kind)s %(value)s is not the verified account %(verified)s (verified %(on)s)",
                                kind="IBAN" if mt.kind == "iban" else T("account number"),
                                value=mt.value,
                                verified=normalise_account_number(verified_account.account_number),
                                on=verified_account.verified_on,
                            ),
                            mt.start,
                            mt.end,
                        )
                    )
                elif (
                    mt.kind == "swift"
                    and verified_account.swift
                    and mt.value[:8] != normalise_account_number(verified_account.swift)[:8]
                ):
                    warnings.append(
                        PaymentWarning(
                            "different_account",
                            HIGH,
                            _excerpt(base, mt.start, mt.end),
                            T(
                                "SWIFT/BIC %(value)s is not the verified bank's %(swift)s: a different bank",
                                value=mt.value,
                                swift=verified_account.swift,
                            ),
                            mt.start,
                            mt.end,
                        )
                    )

    for m in _BENEFICIARY.finditer(base):
        name = m.group("name")
        cut = _NAME_END.search(name)
        if cut:
            name = name[: cut.start()]
        name = name.strip().rstrip(",")
        if len(normalise_name(name)) < 2:
            continue
        ok, why = check_beneficiary(name, legal_name_zh, legal_name_en)
        if ok:
            continue
        kind = "beneficiary_name_mismatch" if ok is False else "beneficiary_name_unchecked"
        sev = HIGH if ok is False else LOW
        warnings.append(PaymentWarning(kind, sev, _excerpt(base, m.start(), m.end()), why, m.start(), m.end()))

    host = mail_host(sender) or None
    if host and domains:
        imitated = lookalike_of(host, domains)
        if imitated:
            warnings.append(
                PaymentWarning(
                    "lookalike_sender",
                    HIGH,
                    sender or host,
                    T(
                        "the sender's domain %(host)s looks like the supplier's %(imitated)s but is not it: "
                        "a look-alike domain is how payment fraud usually starts (if the supplier really uses it, "
                        "confirm by phone and add it to the supplier's email domains)",
                        host=Quoted(host),
                        imitated=Quoted(imitated),
                    ),
                    0,
                    0,
                )
            )
        elif warnings and not host_in(host, domains):
            warnings.append(
                PaymentWarning(
                    "foreign_sender",
                    MEDIUM,
                    sender or host,
                    T(
                        "this payment-related message comes from %(host)s, not from the supplier's domains "
                        "(%(domains)s)",
                        host=Quoted(host),
                        domains=Seq(domains, ", "),
                    ),
                    0,
                    0,
                )
            )

    order = {HIGH: 0, MEDIUM: 1, LOW: 2}
    return sorted(warnings, key=lambda w: (order[w.severity], w.start))
