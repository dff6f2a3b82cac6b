"""Does a statistical model beat the contract-clarity rules on held-out Chinese contracts?

Superseded (4 Dec 2026) by scripts/train_contract_model.py: a sentence-level model trained as
multiple-instance learning on the CUAD development half too, used per kind and language where
grouped cross-validation on the development side says so (docs/contract-clarity.md). Kept as the
record of the first, document-level attempt.

Per support kind, a logistic regression over character 2-4-grams of the whole document (works for
Chinese without a segmenter), trained on the development side only (our own fixtures and the
development part of contracts-zh-dev, labels document-level), then measured once on the
held-out part, alone and combined with the rules (OR, AND). The model is shipped only if it beats
the rules there; on 3 Dec 2026 it did not (macro F1: rules 0.67, model 0.26, rules OR model 0.58,
rules AND model 0.36), so the checker stays rules-based.

Needs scikit-learn (``pip install -e '.[train]'``); nothing is downloaded.
Usage: .venv/bin/python benchmarks/contract_model_experiment.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contract_sets import SUPPORT_KINDS, own, zh_dev  # noqa: E402

from disputedesk.domain.contract_clarity import detected_kinds  # noqa: E402


def f1(gold: list[bool], pred: list[bool]) -> float:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> int:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    zh = zh_dev()
    if not zh:
        print("/work/shared/contracts-zh-dev not found")
        return 1
    train = own() + [d for d in zh if d.split == "dev"]
    test = [d for d in zh if d.split == "heldout"]
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True, max_features=60000)
    x_train = vec.fit_transform([d.text for d in train])
    x_test = vec.transform([d.text for d in test])
    rules = [detected_kinds(d.text) for d in test]
    scores: dict[str, list[float]] = {"rules": [], "model": [], "rules OR model": [], "rules AND model": []}
    print(f"train {len(train)} documents, held-out {len(test)}")
    for kind in SUPPORT_KINDS:
        y = [kind in d.gold for d in train]
        gold = [kind in d.gold for d in test]
        if sum(y) < 2 or not any(gold):
            continue
        clf = LogisticRegression(C=10, class_weight="balanced", max_iter=2000).fit(x_train, y)
        model = [bool(v) for v in clf.predict(x_test)]
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
    print("macro F1: " + ", ".join(f"{n} {sum(v) / len(v):.2f}" for n, v in scores.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
