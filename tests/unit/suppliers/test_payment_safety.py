"""Payment safety: a change of bank account is flagged; ordinary support mail is not."""

from __future__ import annotations

from datetime import date

import pytest

from disputedesk.domain.payment_safety import (
    assess_payment_message,
    beneficiary_name_matches,
    check_beneficiary,
    find_account_mentions,
)
from disputedesk.domain.suppliers import BankAccount

NAME_ZH = "宁波海曙精工机械有限公司"
NAME_EN = "Ningbo Haishu Precision Machinery Co., Ltd."
VERIFIED = BankAccount(
    NAME_EN,
    "3901 1100 0920 0123 456",
    bank_name="ICBC Ningbo Branch",
    swift="ICBKCNBJNBO",
    verified_on=date(2026, 1, 10),
    verified_by="Anna, phone call to the number on the registry",
    evidence=("E-0031",),
)


def assess(text: str, verified: BankAccount | None = VERIFIED) -> list:
    return assess_payment_message(text, legal_name_zh=NAME_ZH, legal_name_en=NAME_EN, verified_account=verified)


def kinds(text: str, verified: BankAccount | None = VERIFIED) -> set[str]:
    return {w.kind for w in assess(text, verified)}


# ----------------------------------------------------------------- fraud is caught

EN_FRAUD = """Dear Mr. Jensen,

Please note that our bank account has changed because of the annual audit. Kindly remit the 70% balance
(USD 84,000.00) to the new account below and not to the old one:

Beneficiary: Haishu Trading (HK) Limited
Bank: HSBC Hong Kong
Account No.: 808-123456-838
SWIFT: HSBCHKHHHKH

Best regards,
Linda
"""

ZH_FRAUD = """杨经理您好：

因公司年审，我司原账户已冻结，请将尾款汇至以下新账户：
户名：宁波海曙进出口贸易有限公司
开户行：中国银行宁波分行
账号：3566 0012 3456 7890 12
以此账户为准，谢谢！
"""


def test_english_account_change_mail_is_flagged_with_excerpt_and_reason() -> None:
    ws = assess(EN_FRAUD)
    assert {w.kind for w in ws} >= {"account_change_request", "beneficiary_name_mismatch", "different_account"}
    change = next(w for w in ws if w.kind == "account_change_request")
    assert change.severity == "high"
    assert "our bank account has changed" in change.excerpt
    assert "confirm the account by phone" in change.reason
    name = next(w for w in ws if w.kind == "beneficiary_name_mismatch")
    assert "Haishu Trading (HK) Limited" in name.excerpt and NAME_EN in name.reason
    accounts = [w for w in ws if w.kind == "different_account"]
    assert any("808123456838" in w.reason for w in accounts)
    assert any("HSBCHKHHHKH" in w.reason for w in accounts)  # a different bank, too
    assert EN_FRAUD[change.start : change.end].startswith("our bank account has changed")


def test_chinese_account_change_mail_is_flagged() -> None:
    ws = assess(ZH_FRAUD)
    assert {w.kind for w in ws} >= {"account_change_request", "beneficiary_name_mismatch", "different_account"}
    change = next(w for w in ws if w.kind == "account_change_request")
    assert "原账户已冻结" in change.excerpt
    name = next(w for w in ws if w.kind == "beneficiary_name_mismatch")
    assert "宁波海曙进出口贸易有限公司" in name.reason and NAME_ZH in name.reason


@pytest.mark.parametrize(
    "text",
    [
        "Please be informed that our bank details have been updated.",
        "Kindly update our banking details in your system before the next payment.",
        "Our company's bank account was changed last week.",
        "Please do not pay to the old account any more.",
        "Our previous account is under audit, so we will send you a new bank account.",
        "Please wire the balance to our new account.",
        "Notice of change of bank account",
        "我司变更收款账户，请知悉。",
        "收款账号变更通知",
        "我们更改银行账户了，新的账户信息见附件。",
        "公司银行账户已变更，请勿汇入原账户。",
        "请不要再汇款到原来的账户。",
        "我们换了新的收款账户，请以新账户为准。",
        "原账户暂时无法使用。",
    ],
)
def test_change_wording_alone_is_flagged(text: str) -> None:
    ws = assess(text)
    assert any(w.kind == "account_change_request" and w.severity == "high" for w in ws), text


def test_new_account_in_a_banking_message_is_flagged() -> None:
    ws = assess("我们公司开了新账户，银行信息稍后发给您，货款请先不要付。")
    assert [w.kind for w in ws] == ["account_change_request"]


def test_an_iban_that_is_not_the_verified_one() -> None:
    text = "Please remit to IBAN GB82 WEST 1234 5698 7654 32, thank you."
    ws = assess(text)
    diff = [w for w in ws if w.kind == "different_account"]
    assert diff and "GB82WEST12345698765432" in diff[0].reason


def test_account_details_without_a_verified_account() -> None:
    text = "Bank details for the deposit: Account No. 3901110009200123456, SWIFT ICBKCNBJNBO."
    assert "unverified_account" in kinds(text, verified=None)


def test_english_beneficiary_without_an_english_legal_name_cannot_be_compared() -> None:
    ws = assess_payment_message(
        "Beneficiary: Ningbo Haishu Precision Machinery Co Ltd", legal_name_zh=NAME_ZH, verified_account=VERIFIED
    )
    assert [w.kind for w in ws] == ["beneficiary_name_unchecked"]
    assert ws[0].severity == "low"


# ----------------------------------------------------------------- ordinary mail is not

ORDINARY = [
    # English support mail
    "Dear Anna, thank you for the log files. Our engineer will connect remotely tomorrow at 10:00 Beijing time.",
    "Please create a new account on our service portal to follow the ticket. Your customer account number is 10023345.",
    "Please send the alarm history to support@hsjg-machinery.com so we can check the spindle drive.",
    "Our office is closed for the bank holiday; please create a new account on the portal in the meantime.",
    "Taking into account the production loss, we will ship the replacement servo motor by DHL this week.",
    "Your account manager Linda will call you about the firmware update V2.3.1.",
    "The new firmware changes the default parameters; please update the settings as described in the manual.",
    "Please find attached the invoice for the spare parts. Please remit to our account as per the contract:\n"
    "Beneficiary: Ningbo Haishu Precision Machinery Co., Ltd.\nAccount No.: 3901 1100 0920 0123 456\n"
    "SWIFT: ICBKCNBJNBO",
    "Payment received with thanks. The balance will be due before shipment as agreed.",
    "We have updated the manual and the wiring diagram; the new version is attached.",
    "Please transfer the machine to the new location only after our engineer has checked the leveling.",
    "Kindly confirm the delivery address and the contact person for the installation.",
    "Could you please send the photos of the nameplate to my WeChat account?",
    # Chinese support mail
    "您好，固件更新已经发布，请将日志发到我们的邮箱。",
    "您的售后系统新账号已开通，登录账号：12345678，请修改初始密码。",
    "工程师明天上午十点远程连接，请提前准备好设备。",
    "我们已收到您的定金，谢谢！设备将于下周发货。",
    "请按合同约定付款，收款账户信息不变：户名：宁波海曙精工机械有限公司，账号：3901 1100 0920 0123 456。",
    "说明书和电气图已经更新，新版本见附件。",
    "备件已经寄出，快递单号：SF1234567890123。",
    "请将故障代码和报警截图发送至售后邮箱，我们会尽快处理。",
    "国庆期间（10月1日至7日）售后电话值班，紧急问题请拨打热线。",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_support_mail_raises_no_warning(text: str) -> None:
    assert assess(text) == []


def test_false_positive_rate_on_ordinary_mail_is_zero() -> None:
    flagged = [t for t in ORDINARY if assess(t)]
    assert flagged == []


# ----------------------------------------------------------------- names and accounts


@pytest.mark.parametrize(
    "variant",
    [
        "NINGBO HAISHU PRECISION MACHINERY COMPANY LIMITED",
        "Ningbo Haishu Precision Machinery Co Ltd",
        "ningbo haishu precision machinery co., ltd",
    ],
)
def test_english_name_variants_match(variant: str) -> None:
    assert beneficiary_name_matches(variant, [NAME_EN])


def test_chinese_name_with_full_width_brackets_matches() -> None:
    assert beneficiary_name_matches("宁波（海曙）精工机械有限公司", ["宁波(海曙)精工机械有限公司"])
    assert not beneficiary_name_matches("宁波海曙精工机械有限责任公司", [NAME_ZH])


def test_check_beneficiary_explains() -> None:
    ok, why = check_beneficiary("Haishu Trading Ltd", NAME_ZH, NAME_EN)
    assert ok is False and "legal name" in why


def test_swift_needs_a_real_code() -> None:
    found = find_account_mentions("The SWIFT code required for the transfer is on the invoice.")
    assert found == []


# ----------------------------------------------------------------- sender

DOMAINS = ("hsjg-machinery.com",)


@pytest.mark.parametrize(
    "sender",
    ["Linda <linda@hsjg-rnachinery.com>", "linda@hsjgmachinery.com", "linda@hsjg-machinery.com.cn"],
)
def test_lookalike_sender_domain_is_flagged_even_in_a_harmless_mail(sender: str) -> None:
    ws = assess_payment_message("Dear Anna, see you next week.", sender=sender, supplier_domains=DOMAINS)
    assert [w.kind for w in ws] == ["lookalike_sender"]
    assert "hsjg-machinery.com" in ws[0].reason


def test_real_supplier_domain_and_unrelated_senders_are_not_lookalikes() -> None:
    for sender in ("linda@hsjg-machinery.com", "service@cn.hsjg-machinery.com", "anna@buyer-company.dk"):
        assert assess_payment_message("See you next week.", sender=sender, supplier_domains=DOMAINS) == []


def test_payment_request_from_another_domain_says_so() -> None:
    ws = assess_payment_message(
        "Please note our bank account has changed.", sender="linda.hsjg@gmail.com", supplier_domains=DOMAINS
    )
    assert {w.kind for w in ws} == {"account_change_request", "foreign_sender"}


def test_an_account_none_of_the_payments_went_into() -> None:
    """Without a verified account, the accounts the buyer has paid into are the comparison: a new
    one in the mail is flagged with the usual account and the day it was last paid; the usual
    one is still unverified (having paid into it verifies nothing)."""
    paid = [("6217 0000 0000 1234", "2026-05-12")]
    text = "Our bank details: please pay the balance to account No. 6217 0000 0000 9999 from now on."
    ws = assess_payment_message(text, legal_name_zh="宁波恒拓数控机械有限公司", paid_accounts=paid)
    diff = [w for w in ws if w.kind == "different_account"]
    assert diff and "6217000000001234 on 2026-05-12" in diff[0].reason
    same = assess_payment_message("Bank account No. 6217-0000-0000-1234 as before.", paid_accounts=paid)
    assert "different_account" not in [w.kind for w in same] and "unverified_account" in [w.kind for w in same]
