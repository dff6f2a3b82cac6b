"""Every message a support-request page can show for bad input has its Chinese form: the
sentences of the FieldErrors raised in the service, the custom checks of the command models, the
Pydantic checks they map, and the names of the fields."""

from __future__ import annotations

import ast
from pathlib import Path

from disputedesk.services.records import errors
from disputedesk.services.records import request_models as m
from disputedesk.services.records.errors import FieldError
from disputedesk.web.i18n import translations

SERVICE = Path(m.__file__).with_name("requests")  # the package: one module per use case


def field_error_messages(source: Path) -> tuple[set[str], set[str]]:
    """(templates, field names) of every ``FieldError(field, message, …)`` in a module."""
    templates, fields = set(), set()
    files = sorted(source.glob("*.py")) if source.is_dir() else [source]
    for node in (n for f in files for n in ast.walk(ast.parse(f.read_text()))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "FieldError" and len(node.args) >= 2:
            field, msg = node.args[0], node.args[1]
            if isinstance(field, ast.Constant):
                fields.add(field.value)
            parts = [msg.body, msg.orelse] if isinstance(msg, ast.IfExp) else [msg]
            for part in parts:
                assert isinstance(part, ast.Constant), f"line {node.lineno}: a FieldError message must be a template"
                templates.add(part.value)
    return templates, fields


def test_every_bad_input_message_is_translated() -> None:
    templates, fields = field_error_messages(SERVICE)
    assert len(templates) >= 15
    templates |= set(errors._OWN.values()) | {t for t, _ in errors._PYDANTIC.values()}
    fields |= set(m.OpenRequest.model_fields) | set(m.MailLink.model_fields) | set(m.RequestEvent.model_fields)
    zh = translations("zh")
    missing = sorted(t for t in templates if zh.gettext(t) == t)
    missing += sorted(f for f in fields if zh.gettext(f.replace("_", " ")) == f.replace("_", " "))
    assert missing == []


def test_a_message_in_chinese_keeps_its_values() -> None:
    exc = FieldError("contract", "{number} is not a contract with {supplier}", number="OT-1", supplier="Jinhua Ltd.")
    assert str(exc) == "contract: OT-1 is not a contract with Jinhua Ltd."
    text = exc.localised(translations("zh").gettext)
    assert text.startswith("合同") and "OT-1" in text and "Jinhua Ltd." in text and "not a contract" not in text


def test_every_bad_input_message_of_the_other_records_is_translated() -> None:
    """The same for the buyer, contracts, orders, payments and opening a case from requests."""
    from disputedesk.services.records import models as rm

    templates: set[str] = set()
    fields: set[str] = set()
    for name in ("_common.py", "buyer.py", "contracts.py", "orders.py", "payments.py", "case_opening.py", "models.py"):
        t, f = field_error_messages(SERVICE.with_name(name))
        templates |= t
        fields |= f
    templates |= set(errors._OWN.values())
    for cls in (rm.SetBuyer, rm.NewContract, rm.NewAmendment, rm.NewOrder, rm.Item, rm.NewPayment, rm.ChangeOrder):
        fields |= set(cls.model_fields)
    zh = translations("zh")
    missing = sorted(t for t in templates if zh.gettext(t) == t)
    missing += sorted(f for f in fields if zh.gettext(f.replace("_", " ")) == f.replace("_", " "))
    assert missing == []


def test_an_item_of_a_list_is_named_as_a_person_counts_not_by_its_raw_index() -> None:
    """A bad item was named by Pydantic's index ("邮件.0：最多 20 个字符"); the page says which one
    counting from 1, in its language (the API and CLI keep the path ``messages.0``)."""
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        m.MailLink(messages=["E-1", "E-" + "1" * 30])
    exc = errors.from_validation(caught.value)
    assert str(exc) == "messages.1: at most 20 characters"
    assert exc.localised(translations("zh").gettext) == "第 2 个邮件：最多 20 个字符"
    assert exc.localised(translations("en").gettext) == "messages no. 2: at most 20 characters"
    nested = FieldError("channels.0.address", "required")
    assert nested.localised(translations("zh").gettext).startswith("第 1 个联系方式的地址：")
    assert nested.localised(translations("en").gettext).startswith("address of channels no. 1: ")
