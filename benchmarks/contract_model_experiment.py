"""Does a document-level statistical model beat the contract-clarity rules on Chinese contracts?

Superseded (4 Dec 2026) by scripts/train_contract_model.py: a sentence-level model trained as
multiple-instance learning on the CUAD development half too, used per kind and language where
grouped cross-validation on the development side says so (docs/contract-clarity.md). Kept as the
record of the first, document-level attempt, and as a quick second opinion.

Per support kind, a logistic regression over character 2-4-grams of the whole document (works for
Chinese without a segmenter), trained on our own fixtures' development part and the Chinese/bilingual
texts that were always development (``Doc.part == "dev"``: contracts-zh-dev and the texts kept in the
repository), then scored alone and combined with the rules (OR, AND) on the parts ``contract_sets.Doc.part``
defines:

* ``dev``: out of fold (5 folds grouped by source group), the texts it was trained on;
* ``redesignated``: the texts held out until the re-designation of 4 Dec 2026 (looked at since: a
  development figure), not trained on;
* ``heldout``: the new held-out part, only with ``--heldout`` (whoever changes rules or the model must
  not see it; the lead runs it once at the end).

On 3 Dec 2026, with the split of the time (rules 0.67, model 0.26, rules OR model 0.58, rules AND model
0.36 on the then held-out part, now re-designated) the checker stayed rules-based.

Needs scikit-learn (``pip install -e '.[train]'``); nothing is downloaded.
Usage: .venv/bin/python benchmarks/contract_model_experiment.py [--heldout]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contract_sets import SUPPORT_KINDS, Doc, kept, own, zh_dev  # noqa: E402

from disputedesk.domain.contract_clarity import detected_kinds  # noqa: E402

COMBINED = ("rules", "model", "rules OR model", "rules AND model")


def f1(gold: list[bool], pred: list[bool]) -> float:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def predict(train: Sequence[Doc], test: Sequence[Doc], kind: str) -> list[bool] | None:
    """The document model's answer for `kind` on `test`, trained on `train` (None: too few positives)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    y = [kind in d.gold for d in train]
    if sum(y) < 2 or all(y):
        return None
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True, max_features=60000)
    clf = LogisticRegression(C=10, class_weight="balanced", max_iter=2000)
    clf.fit(vec.fit_transform([d.text for d in train]), y)
    return [bool(v) for v in clf.predict(vec.transform([d.text for d in test]))]


def out_of_fold(train: Sequence[Doc], kind: str, folds: int = 5) -> list[bool] | None:
    """Each training text answered by a model trained without its source group (grouped k-fold)."""
    groups = sorted({d.group for d in train})
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    answer: list[bool] = [False] * len(train)
    for f in range(folds):
        inside = [i for i, d in enumerate(train) if fold_of[d.group] == f]
        if not inside:
            continue
        rest = [d for d in train if fold_of[d.group] != f]
        got = predict(rest, [train[i] for i in inside], kind)
        if got is None:
            return None
        for i, v in zip(inside, got, strict=True):
            answer[i] = v
    return answer


def report(title: str, docs: Sequence[Doc], answers: dict[str, list[bool] | None]) -> None:
    rules = [detected_kinds(d.text) for d in docs]
    scores: dict[str, list[float]] = {name: [] for name in COMBINED}
    print(f"\n{title} ({len(docs)} texts)")
    for kind in SUPPORT_KINDS:
        gold = [kind in d.gold for d in docs]
        model = answers[kind]
        if model is None or not any(gold):
            continue
        rule = [kind in r for r in rules]
        row = {
            "rules": f1(gold, rule),
            "model": f1(gold, model),
            "rules OR model": f1(gold, [a or b for a, b in zip(rule, model, strict=True)]),
            "rules AND model": f1(gold, [a and b for a, b in zip(rule, model, strict=True)]),
        }
        for name, value in row.items():
            scores[name].append(value)
        print(f"{kind:<20}" + "  ".join(f"{n} {v:.2f}" for n, v in row.items()))
    if scores["rules"]:
        print("macro F1: " + ", ".join(f"{n} {sum(v) / len(v):.2f}" for n, v in scores.items()))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--heldout",
        action="store_true",
        help="also score the new held-out part (for the lead, once, at the end; not for whoever changes rules)",
    )
    args = ap.parse_args()
    chinese = [d for d in zh_dev() + kept() if d.language != "en"]
    if not chinese:
        print("no Chinese labelled texts found")
        return 1
    dev = [d for d in chinese if d.part == "dev"]
    train = [d for d in own() if d.split == "dev"] + dev
    print(f"trained on {len(train)} texts (own fixtures' development part + {len(dev)} Chinese development texts)")
    report("Chinese/bilingual development part, out of fold (grouped by source)",
           dev, {k: (o[-len(dev):] if (o := out_of_fold(train, k)) else None) for k in SUPPORT_KINDS})  # fmt: skip
    parts = ["redesignated"] + (["heldout"] if args.heldout else [])
    titles = {
        "redesignated": "Chinese/bilingual re-designated part (held out until 4 Dec 2026, looked at since)",
        "heldout": "Chinese/bilingual NEW HELD-OUT part",
    }
    for part in parts:
        docs = [d for d in chinese if d.part == part]
        if docs:
            report(titles[part], docs, {k: predict(train, docs, k) for k in SUPPORT_KINDS})
        else:
            print(f"\n{titles[part]}: no texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
