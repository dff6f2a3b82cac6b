"""Every message a supplier check gives a person has its Chinese form, so a Chinese page shows it
in Chinese: none is built with an f-string (which no catalogue can translate)."""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import pytest

from disputedesk.documents.catalogue import written
from disputedesk.services.suppliers.base import SupplierError
from disputedesk.services.suppliers.profile import _clean_profile


def _supplier_errors() -> list[tuple[str, int, ast.expr]]:
    root = Path(str(resources.files("disputedesk.services") / "suppliers"))
    found = []
    for path in sorted(root.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "SupplierError" and len(node.args) > 1:
                found.append((path.name, node.lineno, node.args[1]))
    return found


def test_no_supplier_message_is_an_f_string_and_each_has_its_chinese_form() -> None:
    from disputedesk.documents.catalogue import translations

    found = _supplier_errors()
    assert len(found) > 20
    assert [(f, line) for f, line, msg in found if isinstance(msg, ast.JoinedStr)] == []
    gettext = translations("zh").gettext
    plain = [m.value for _, _, m in found if isinstance(m, ast.Constant) and isinstance(m.value, str)]
    assert [m for m in plain if gettext(m) == m] == []  # (T("…") ones: scripts/i18n_check.py)


@pytest.mark.parametrize(
    ("data", "english", "chinese"),
    [
        (
            {"name_zh": "苏州测试精密机械有限公司", "uscc": "91320505MA1N2K3P4X"},
            "uscc: '91320505MA1N2K3P4X' is not a valid USCC: wrong check character",
            "不是有效的统一社会信用代码：校验码错误：第18位为“X”",  # the typed character in Chinese quotation marks
        ),
        ({"name_en": "Test Co", "kind": "wizard"}, "kind: 'wizard': use one of", "请使用以下之一："),
    ],
)
def test_a_bad_input_reads_in_each_language(data: dict[str, str], english: str, chinese: str) -> None:
    with pytest.raises(SupplierError) as exc:
        _clean_profile(data, partial=False)
    sentence = exc.value.args[0]
    assert str(sentence).startswith(english)
    zh = written(sentence, "zh")
    assert chinese in zh and "is not" not in zh and "use one of" not in zh


def test_review_figures_that_do_not_add_up_read_as_a_sentence_naming_the_field() -> None:
    """A review's "Met every target" above its "Requests" said "figures: sla_met must be between 0 and requests"
    on an English page: the engine's variable names, not the form's."""
    from disputedesk.domain.suppliers.reviews import SupportFigures

    for args, english, chinese in [
        (
            (2, 3),
            "figures: “Met every target” (3) must be between 0 and the number of requests (2)",
            "（3）须在 0 与请求数（2）",
        ),
        ((-1, 0), "figures: the number of requests (-1) cannot be negative", "请求数（-1）不能为负数"),
    ]:
        with pytest.raises(ValueError) as exc:
            SupportFigures(*args)
        sentence = SupplierError("figures", exc.value.args[0]).args[0]
        assert str(sentence) == english and "sla_met" not in str(sentence)
        zh = written(sentence, "zh")
        assert chinese in zh and "Met" not in zh and "requests" not in zh, zh  # the page names the field: 支持数据
