"""A long contract gets the same report with the speed shortcuts as without them (issue 19, speed26).

The check works each repeated clause, heading and sentence out once per contract, builds the sentence model's scorer
once, and counts Chinese characters with one regex. None of that may change what a user sees: a 30,000-character
contract of our own wording (a development fixture repeated, hundreds of clauses under the same numbers) gets exactly
the report it got when every clause and sentence was worked out anew. No timing is asserted here: the speed itself is
measured by benchmarks/contract_speed.py."""

from __future__ import annotations

import pytest

from disputedesk.domain.contract_clarity import (
    check_text,
    detected_kinds,
    detection,
    paragraphs_from_text,
    split_clauses,
)
from disputedesk.domain.contract_clarity.detection import best_model_sentences
from disputedesk.domain.contract_clarity.model import Scorer, load_model, scorer_for
from disputedesk.domain.contract_clarity.text import cjk_count, is_cjk

from .conftest import AS_OF, FIXTURES

# development fixtures of our own (never a held-out one: tests/fixtures/contracts/heldout)
LONG_TEXTS = ("own/zh19_cnc_router_full.txt", "own/zh08_production_line.txt", "own/en09_production_line_full.txt")


def _repeated(one: str, size: int = 30_000) -> str:
    text = one
    while len(text) < size:
        text += "\n" + one
    return text[:size]


def _long(name: str) -> str:
    return _repeated((FIXTURES / name).read_text(encoding="utf-8"))


def _every_fixture_in_turn(language: str) -> str:
    """Every development fixture of ours in the language (tests/fixtures/contracts/own), one after the other."""
    names = sorted((FIXTURES / "own").glob(f"{language}*.txt"))
    assert len(names) > 10
    return _repeated("\n".join(p.read_text(encoding="utf-8") for p in names))


@pytest.mark.parametrize("name", LONG_TEXTS)
def test_a_long_repeated_contract_gets_the_same_report_with_and_without_the_shortcuts(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _long(name)
    fast = check_text(text, as_of=AS_OF).as_dict()
    fast_rules = detected_kinds(text, model=False)
    monkeypatch.setattr(detection, "REUSE_REPEATS", False)
    slow = check_text(text, as_of=AS_OF).as_dict()
    assert fast == slow
    assert fast_rules == detected_kinds(text, model=False)
    assert fast["clause_count"] > 250  # hundreds of clauses, many of them the same words under the same numbers


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_fixture_in_turn_gets_the_same_report_with_and_without_the_shortcuts(
    language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _every_fixture_in_turn(language)
    fast = check_text(text, as_of=AS_OF).as_dict()
    monkeypatch.setattr(detection, "REUSE_REPEATS", False)
    assert check_text(text, as_of=AS_OF).as_dict() == fast


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_model_picks_the_same_best_sentence_when_repeats_are_scored_once(
    language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = load_model()
    assert model is not None
    text = _long("own/zh19_cnc_router_full.txt" if language == "zh" else "own/en09_production_line_full.txt")
    clauses = split_clauses(paragraphs_from_text(text))
    models = list(model.kinds.values())

    def picked() -> list[tuple[float, int | None, int | None]]:
        order = {id(c): n for n, c in enumerate(clauses)}
        return [
            (score, None if s is None else order[id(s.clause)], None if s is None else s.start)
            for score, s in best_model_sentences(clauses, models)
        ]

    fast = picked()
    monkeypatch.setattr(detection, "REUSE_REPEATS", False)
    assert picked() == fast  # the same score and the first of equal sentences, as when every sentence was scored


def test_the_scorer_is_built_once_per_set_of_models_and_scores_like_a_new_one() -> None:
    model = load_model()
    assert model is not None
    models = list(model.kinds.values())
    assert scorer_for(models) is scorer_for(list(models))
    fresh = Scorer(models)
    for sentence, heading in [
        ("乙方应在接到甲方报修通知后2小时内响应，24小时内到达现场。", "第二条 售后服务"),
        ("The Seller shall repair the fault within 48 hours.", "2. After-sales service"),
        ("质保期为验收合格之日起18个月。", ""),
    ]:
        assert scorer_for(models).scores(sentence, heading) == fresh.scores(sentence, heading)


def test_chinese_characters_are_counted_as_before_at_the_edges_of_the_ranges() -> None:
    edges = "\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000（），。“”、abc 123 質保期"
    for text in (edges, edges * 3, "", "乙方应在2小时内响应。"):
        assert cjk_count(text) == sum(1 for c in text if is_cjk(c))
