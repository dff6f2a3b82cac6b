"""Train the contract-clarity sentence model and decide, per kind, how it joins the rules.

Training data (development side only; nothing held out is read):
* CUAD development half (/work/shared/contracts-dev, CC BY 4.0): Governing Law, Warranty Duration,
  Liquidated Damages, Cap on Liability (labels for these four kinds only);
* contracts-zh-dev, development part (split.json; read from /work/shared, never copied);
* our own written fixtures, development part (tests/fixtures/contracts, labels.json);
* real contracts kept in the repository, development part (tests/fixtures/contracts/labelled, split.json).

Labels say only whether a document has a kind, not which sentence states it. So the sentence
classifier is trained as multiple-instance learning: sentences of documents without the kind are
negatives; in documents with it, the sentences the rules find are the first positives, then the best
sentence of every positive document by the first model is added and the model trained again. A
document has the kind when its best sentence scores above a threshold.

Per kind, 5-fold cross-validation grouped by source (CUAD contract type, zh-dev source repository,
own fixture file) gives out-of-fold predictions for: rules, model, rules OR model, rules AND model;
decided separately for English and for Chinese/bilingual documents, the threshold and the
combination with the best out-of-fold F1 go into the model file; the model is used only where it
beats the rules there by at least MARGIN with at least MIN_POSITIVES_TO_USE positive documents in
that language (the rules were written looking at part of this data, so their figure here is
optimistic: the margin does not make up for that).

Needs scikit-learn (``pip install -e '.[train]'``); nothing is downloaded.
Usage: .venv/bin/python scripts/train_contract_model.py [--out PATH] [--report PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from contract_sets import CUAD_MAP, Doc, cuad, kept, own, zh_dev  # noqa: E402

from disputedesk.domain.contract_clarity import KINDS, paragraphs_from_text, split_clauses  # noqa: E402
from disputedesk.domain.contract_clarity.analysis import detect_kinds, model_units  # noqa: E402
from disputedesk.domain.contract_clarity.model import MODEL_FILE, language_key, parse_model  # noqa: E402

OUT = ROOT / "src" / "disputedesk" / "domain" / "contract_clarity" / MODEL_FILE
MARGIN = 0.03
MIN_POSITIVES = 4  # to train a kind at all
MIN_POSITIVES_TO_USE = 8  # per language, for the model to take part: fewer make the out-of-fold choice luck
NEG_PER_DOC = 80  # negative sentences sampled per document (plus every sentence the rules hit)
C = 0.5
PRUNE = 0.02  # weights smaller than this are left out of the shipped file
SEED = 19


@dataclass
class Prepared:
    doc: Doc
    feats: list[set[str]]  # per sentence
    rule_hits: dict[str, set[int]]  # kind -> sentence indices the rules hit
    known: frozenset[str]  # kinds whose label is known for this document
    rules: frozenset[str]  # kinds the rules find in the document


def prepare(doc: Doc, known: frozenset[str]) -> Prepared:
    clauses = split_clauses(paragraphs_from_text(doc.text))
    units = model_units(clauses)
    index = {(id(s.clause), s.start): i for i, (s, _) in enumerate(units)}
    results = detect_kinds(clauses)
    hits = {
        k: {index[key] for h in r.hits if (key := (id(h.sentence.clause), h.sentence.start)) in index}
        for k, r in results.items()
    }
    present = frozenset(k for k, r in results.items() if r.present)
    return Prepared(doc, [f for _, f in units], hits, known, present)


def training_docs() -> list[Prepared]:
    cuad_known = frozenset(CUAD_MAP.values())
    all_known = frozenset(KINDS)
    out = []
    for d in cuad():
        d.group = "cuad:" + (d.group or "none")
        out.append(prepare(d, cuad_known))
    for d in zh_dev():
        if d.split == "dev":
            d.group = "zh:" + d.group
            out.append(prepare(d, all_known))
    for d in own():
        if d.split == "dev":
            d.group = "own:" + d.name
            out.append(prepare(d, all_known))
    for d in kept():
        if d.split == "dev":
            d.group = "kept:" + d.group
            out.append(prepare(d, all_known))
    return out


def fit_kind(docs: list[Prepared], kind: str, rng: random.Random) -> tuple[dict[str, float], float]:
    """Multiple-instance training (see the module text): returns (weights, intercept)."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    pos_docs = [p for p in docs if kind in p.doc.gold]
    neg_rows: list[set[str]] = []
    for p in docs:
        if kind in p.doc.gold:
            continue
        idx = list(range(len(p.feats)))
        hard = p.rule_hits.get(kind, set())
        rest = [i for i in idx if i not in hard]
        sample = sorted(hard) + rng.sample(rest, min(NEG_PER_DOC, len(rest)))
        neg_rows += [p.feats[i] for i in sample]
    positives = {id(p): set(p.rule_hits.get(kind, set())) for p in pos_docs}

    def train() -> tuple[Any, Any]:
        rows = [p.feats[i] for p in pos_docs for i in sorted(positives[id(p)])]
        y = [1] * len(rows) + [0] * len(neg_rows)
        vec = CountVectorizer(analyzer=lambda f: list(f), binary=True, min_df=2, lowercase=False)
        x = vec.fit_transform(rows + neg_rows)
        clf = LogisticRegression(C=C, class_weight="balanced", solver="liblinear", max_iter=2000)
        clf.fit(x, y)
        return vec, clf

    def scores(vec: Any, clf: Any, p: Prepared) -> list[float]:
        return list(clf.decision_function(vec.transform(p.feats))) if p.feats else []

    if not any(positives.values()):
        # no rule hit in any positive document: start from each document's sentences that share
        # the most features with the kind's name is not possible, so give up on this kind
        return {}, -10.0
    vec, clf = train()
    for p in pos_docs:  # second round: each positive document's best sentence is a positive too
        s = scores(vec, clf, p)
        if s:
            positives[id(p)].add(max(range(len(s)), key=s.__getitem__))
    vec, clf = train()
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, clf.coef_[0], strict=True)}
    return weights, float(clf.intercept_[0])


def doc_score(weights: dict[str, float], intercept: float, p: Prepared) -> float:
    if not p.feats:
        return float("-inf")
    return max(intercept + sum(weights[f] for f in feats if f in weights) for feats in p.feats)


def f1(gold: list[bool], pred: list[bool]) -> tuple[float, float, float]:
    tp = sum(g and q for g, q in zip(gold, pred, strict=True))
    fp = sum(q and not g for g, q in zip(gold, pred, strict=True))
    fn = sum(g and not q for g, q in zip(gold, pred, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def folds(docs: list[Prepared], k: int = 5) -> list[list[int]]:
    """Indices per fold; a source group is never split across folds (greedy balance by size)."""
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(docs):
        groups.setdefault(p.doc.group, []).append(i)
    out: list[list[int]] = [[] for _ in range(k)]
    for _, idx in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        min(out, key=len).extend(idx)
    return out


def evaluate_kind(docs: list[Prepared], kind: str) -> dict[str, Any]:
    rng = random.Random(SEED)
    gold = [kind in p.doc.gold for p in docs]
    rules = [kind in p.rules for p in docs]
    oof = [float("-inf")] * len(docs)
    for test in folds(docs):
        test_set = set(test)
        train = [p for i, p in enumerate(docs) if i not in test_set]
        if not any(kind in p.doc.gold for p in train):
            continue
        w, b = fit_kind(train, kind, rng)
        for i in test:
            oof[i] = doc_score(w, b, docs[i])
    out: dict[str, Any] = {"positives": sum(gold), "documents": len(docs), "by_language": {}}
    for lang in ("en", "zh"):
        idx = [i for i, p in enumerate(docs) if language_key(p.doc.language) == lang]
        g = [gold[i] for i in idx]
        if sum(g) < 2:
            continue
        o = [oof[i] for i in idx]
        ru = [rules[i] for i in idx]
        finite = sorted({s for s in o if s != float("-inf")})
        best_t, best_f = 0.0, -1.0
        for t in [0.0, *finite]:
            f = f1(g, [s > t for s in o])[2]
            if f > best_f:
                best_t, best_f = t, f
        model = [s > best_t for s in o]
        variants = {
            "rules": f1(g, ru),
            "model": f1(g, model),
            "or": f1(g, [a or b for a, b in zip(ru, model, strict=True)]),
            "and": f1(g, [a and b for a, b in zip(ru, model, strict=True)]),
        }
        # "and" and "model" drop rule findings (and their values): they must beat "or", which never
        # drops one, by MARGIN as well
        f = {v: variants[v][2] for v in variants}
        veto = max(("and", "model"), key=f.__getitem__)
        if sum(g) < MIN_POSITIVES_TO_USE:
            choice = "rules"
        elif f["or"] >= f["rules"] + MARGIN and f["or"] >= f[veto] - MARGIN:
            choice = "or"
        elif f[veto] >= f["rules"] + MARGIN:
            choice = veto
        else:
            choice = "rules"
        by_source = {}
        for src in ("cuad", "zh", "own", "kept"):
            sub = [j for j, i in enumerate(idx) if docs[i].doc.group.startswith(src + ":")]
            if any(g[j] for j in sub):
                sg = [g[j] for j in sub]
                preds = {
                    "rules": [ru[j] for j in sub],
                    "model": [model[j] for j in sub],
                    "or": [ru[j] or model[j] for j in sub],
                    "and": [ru[j] and model[j] for j in sub],
                }
                by_source[src] = {v: [round(x, 3) for x in f1(sg, q)] for v, q in preds.items()}
                by_source[src]["positives"] = [sum(sg), len(sg)]
        out["by_language"][lang] = {
            "combine": choice, "threshold": round(best_t, 4), "positives": sum(g), "documents": len(idx),
            "cv": {k: [round(x, 3) for x in v] for k, v in variants.items()}, "cv_by_source": by_source,
        }  # fmt: skip
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--kinds", nargs="*", help="only these kinds (default: every kind with enough positives)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    docs = training_docs()
    if not any(p.doc.split == "cuad" for p in docs) or not any(p.doc.group.startswith("zh:") for p in docs):
        print("the shared sets (/work/shared/contracts-dev, contracts-zh-dev) are needed", file=sys.stderr)
        return 1
    print(f"prepared {len(docs)} training documents in {time.perf_counter() - t0:.0f} s")
    kinds_out: dict[str, Any] = {}
    for kind in args.kinds or KINDS:
        kdocs = [p for p in docs if kind in p.known]
        npos = sum(kind in p.doc.gold for p in kdocs)
        if npos < MIN_POSITIVES:
            continue
        ev = evaluate_kind(kdocs, kind)
        for lang, m in ev["by_language"].items():
            cv = m["cv"]
            print(f"{kind:<26}{lang} pos {m['positives']:>3}/{m['documents']:<3} out-of-fold F1 "
                  f"rules {cv['rules'][2]:.2f} model {cv['model'][2]:.2f} or {cv['or'][2]:.2f} "
                  f"and {cv['and'][2]:.2f} -> {m['combine']}  "
                  + " ".join(f"{src} " + "/".join(f"{v[2]:.2f}" for n, v in d.items() if n != "positives")
                             for src, d in m["cv_by_source"].items()), flush=True)  # fmt: skip
        if all(m["combine"] == "rules" for m in ev["by_language"].values()):
            kinds_out[kind] = {"intercept": 0.0, "weights": {}, "by_language": ev["by_language"]}
            continue
        w, b = fit_kind(kdocs, kind, random.Random(SEED))
        kept = {f: round(v, 3) for f, v in sorted(w.items()) if abs(v) >= PRUNE}
        kinds_out[kind] = {"intercept": round(b, 4), "weights": kept, "by_language": ev["by_language"]}
    data = {
        "version": "contract-clarity sentence model 1",
        "about": {
            "trained_by": "scripts/train_contract_model.py",
            "training_data": "CUAD v1 development half (CC BY 4.0, The Atticus Project, arXiv:2103.06268); "
            "contracts-zh-dev development part (split.json); DisputeDesk's own fixtures (development part)",
            "features": "token 1-3-grams of the sentence (English words, Chinese characters, digits as 0) "
            "and 1-2-grams of its clause heading",
            "cv": "5-fold, grouped by source; per kind: [precision, recall, F1] out of fold",
        },
        "kinds": kinds_out,
    }
    parse_model(data)  # the file must load
    args.out.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                        encoding="utf-8")  # fmt: skip
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB) in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
