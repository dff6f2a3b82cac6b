"""The trained sentence model beside the rules (model.py): features, the shipped file, and how
its decision joins the rules' (rules keep the values)."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

from disputedesk.domain.contract_clarity import KINDS, check_text, detected_kinds
from disputedesk.domain.contract_clarity.model import (
    MODEL_FILE,
    ClauseModel,
    KindModel,
    features,
    load_model,
    parse_model,
)

from .conftest import AS_OF


def test_features_are_words_chinese_characters_and_folded_digits() -> None:
    f = features("质保期为12个月 within 24 hours", "第八条 质量保证")
    assert {"质", "质 保", "质 保 期", "0", "个 月", "within", "within 0", "within 0 hours"} <= f
    assert {"h:质", "h:质 量"} <= f
    assert not any("12" in x or "24" in x for x in f)


def _toy(combine_en: str, combine_zh: str = "rules") -> ClauseModel:
    weights = {"spare": 2.0, "parts": 1.0, "备": 2.0, "件": 1.0, "h:spare": 1.0}
    modes = {"en": (combine_en, 1.5), "zh": (combine_zh, 1.5)}
    return ClauseModel("toy", {"spare_parts": KindModel("spare_parts", -1.0, modes, weights)}, {})


def test_model_or_rules_adds_a_kind_the_rules_miss_with_its_sentence() -> None:
    text = "9. Consumables\nSeller keeps spare parts in stock for the machine for a long time after delivery."
    toy = _toy("or")
    assert "spare_parts" in detected_kinds(text, model=toy)
    # below the threshold the model adds nothing
    assert "spare_parts" not in detected_kinds("9. Other\nThe parties sign two originals of this contract.", model=toy)


def test_model_and_rules_drops_a_rule_finding_the_model_does_not_confirm() -> None:
    text = "6. Support\nSeller shall respond to a fault report within 4 business hours."
    assert "response_time" in detected_kinds(text, model=False)
    weights = {"nothing": 5.0}
    toy = ClauseModel("toy", {"response_time": KindModel("response_time", -3.0, {"en": ("and", 0.0)}, weights)}, {})
    assert "response_time" not in detected_kinds(text, model=toy)
    # "and" for English documents only: a Chinese text keeps the rules' decision
    zh = "第六条 售后服务\n乙方应在接到通知后2小时内响应。"
    assert "response_time" in detected_kinds(zh, model=toy)


def test_language_decides_which_mode_applies() -> None:
    text = "第九条 备件\n乙方长期为甲方供应设备所需的备件。"
    assert "spare_parts" in detected_kinds(text, model=_toy("rules", "model"))
    other = "第九条 其他\n本合同一式两份，双方各执一份。"
    assert "spare_parts" not in detected_kinds(other, model=_toy("rules", "model"))


def test_parse_model_refuses_an_unknown_mode() -> None:
    bad = {"version": "x", "kinds": {"training": {"intercept": 0, "weights": {}, "by_language": {"en": {
        "combine": "maybe", "threshold": 0}}}}}  # fmt: skip
    try:
        parse_model(bad)
    except ValueError as e:
        assert "maybe" in str(e)
    else:
        raise AssertionError("an unknown combine mode was accepted")


def test_the_shipped_model_is_small_valid_and_needs_no_scikit_learn() -> None:
    path = resources.files("disputedesk.domain.contract_clarity").joinpath(MODEL_FILE)
    if not path.is_file():
        assert load_model() is None
        return
    assert len(path.read_bytes()) < 2_000_000
    model = load_model()
    assert model is not None and set(model.kinds) <= set(KINDS)
    for km in model.kinds.values():
        assert set(km.modes) <= {"en", "zh"}
    # scoring a contract loads the model without scikit-learn (not a run-time dependency)
    code = (
        "import sys; from datetime import date; from disputedesk.domain.contract_clarity import check_text; "
        "check_text('8. Warranty\\nThe warranty period is 12 months.', as_of=date(2026, 12, 1)); "
        "assert 'sklearn' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_rules_keep_the_values_when_the_model_takes_part() -> None:
    report = check_text("6. Support\nSeller shall respond to a fault report within 4 business hours.", as_of=AS_OF)
    kind = report.kinds["response_time"]
    assert kind.present
    assert kind.values["durations"][0]["value"] == "4"


def test_the_shipped_model_adds_to_the_rules_warranty_findings_and_drops_none() -> None:
    """Missing a stated warranty does harm (issue 19): for warranty the model may add a finding, never veto one."""
    model = load_model()
    if model is None or "warranty_period" not in model.kinds:
        return
    assert {m[0] for m in model.kinds["warranty_period"].modes.values()} <= {"rules", "or"}
    for text in (
        "8. Warranty\nSeller warrants the equipment for a period of twenty-four (24) months from acceptance.",
        "The Products are guaranteed against defects in materials and workmanship for 2 years after delivery.",
        "第八条 质量保证\n设备质保期为十二个月，自验收合格之日起计算。",
    ):
        assert "warranty_period" in detected_kinds(text)


def test_the_fast_scorer_gives_the_score_of_the_feature_set() -> None:
    from disputedesk.domain.contract_clarity.model import Scorer

    models = [KindModel("a", -0.5, {}, {"spare": 1.0, "spare parts": 0.5, "备 件": 2.0, "h:spare": 0.25, "0": 0.1}),
              KindModel("b", 0.2, {}, {"parts": -1.0, "件": 0.5, "0 0": 3.0})]  # fmt: skip
    scorer = Scorer(models)
    for sentence, heading in [
        ("Spare parts, spare parts and more spare parts for 10 years.", "9. Spare parts"),
        ("乙方提供备件备件，期限 5 年 6 个月", "第九条 备件"),
        ("12 24", ""),
    ]:
        feats = features(sentence, heading)
        assert scorer.scores(sentence, heading) == pytest.approx([m.score(feats) for m in models])


def test_an_excerpt_found_by_the_model_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from disputedesk.domain.contract_clarity import analysis

    spare = KindModel("spare_parts", -1.0, {"en": ("or", 0.5)}, {"components": 3.0})
    toy = ClauseModel("toy", {"spare_parts": spare}, {})
    monkeypatch.setattr(analysis, "load_model", lambda: toy)
    text = "9. Consumables\nSeller keeps replacement components available for the machine for years after delivery."
    assert "spare_parts" not in detected_kinds(text, model=False)
    kinds = {c["kind"]: c for c in check_text(text, as_of=AS_OF).as_dict()["clauses"]}
    assert kinds["spare_parts"]["present"]
    assert kinds["spare_parts"]["excerpts"][0]["found_by"] == "sentence model"
    assert all("found_by" not in e for c in kinds.values() if c["kind"] != "spare_parts" for e in c["excerpts"])


def test_a_rule_found_inspection_period_stays_when_the_model_does_not_confirm_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """For Chinese inspection the model decides presence (its file says "model"); a clause the rules found that states
    the inspection period is kept all the same, with its period and the short-period finding (Civil Code Art. 622);
    one without a period is dropped when the model does not confirm it."""
    from disputedesk.domain.contract_clarity import analysis

    veto = KindModel("inspection_acceptance", -5.0, {"zh": ("model", 0.0)}, {"nothing": 1.0})
    monkeypatch.setattr(analysis, "load_model", lambda: ClauseModel("toy", {"inspection_acceptance": veto}, {}))
    with_period = "第五条 验收\n甲方应在收到设备后10日内组织验收。"
    report = check_text(with_period, as_of=AS_OF).as_dict()
    found = next(c for c in report["clauses"] if c["kind"] == "inspection_acceptance")
    assert found["present"] and found["values"]["durations"][0]["value"] == "10"
    assert "short_inspection" in {f["code"] for f in report["findings"] if f["kind"] == "inspection_acceptance"}
    without = "第五条 验收\n设备到货后由甲方组织验收。"
    assert "inspection_acceptance" in detected_kinds(without, model=False)
    assert "inspection_acceptance" not in detected_kinds(without, model=analysis.load_model())
