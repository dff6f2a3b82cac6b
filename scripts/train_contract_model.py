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

The development texts no rule writer has read (contract_sets.NEVER_READ) are never a training row, and stay out of
every threshold and choice above. For the eight Chinese support kinds (where the rules' figure above is most
optimistic) a rule fixed beforehand (docs/contract-clarity.md, "The sentence model") compares rules / model / or /
and out of fold on them against the other development texts; only ``--never-read`` computes that (aggregate and
per kind, never per text); without it the decision measured then (ZH_SUPPORT_DECISION) is applied.

Needs scikit-learn (``pip install -e '.[train]'``); nothing is downloaded.
Usage: .venv/bin/python scripts/train_contract_model.py [--out PATH] [--kinds KIND...] [--keep-others] [--never-read]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from contract_sets import CUAD_MAP, NEVER_READ, SUPPORT_KINDS, Doc, cuad, kept, own, zh_dev  # noqa: E402

from disputedesk.domain.contract_clarity import KINDS, paragraphs_from_text, split_clauses  # noqa: E402
from disputedesk.domain.contract_clarity.analysis import detect_kinds, detected_kinds, model_units  # noqa: E402
from disputedesk.domain.contract_clarity.clauses import Clause  # noqa: E402
from disputedesk.domain.contract_clarity.detection import best_model_sentences  # noqa: E402
from disputedesk.domain.contract_clarity.model import (  # noqa: E402
    MODEL_FILE,
    ClauseModel,
    KindModel,
    language_key,
    parse_model,
)

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
    clauses: list[Clause]

    @property
    def never_read(self) -> bool:
        """One of the development texts no rule writer has read (contract_sets.NEVER_READ): never a training row,
        scored out of fold, figures on them only aggregate and per kind, only with --never-read."""
        return self.doc.name in NEVER_READ


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
    return Prepared(doc, [f for _, f in units], hits, known, present, list(clauses))


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

    docs = [p for p in docs if not p.never_read]  # never a training row (NEVER_READ: a sample kept fair)
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


@dataclass
class Fitted:
    """A kind's cross-validation: per fold the held-back document indices and the model trained without them."""

    kind: str
    docs: list[Prepared]
    folds: list[tuple[list[int], dict[str, float], float]]

    def oof(self) -> list[float]:
        """Each document's best-sentence score by the model of its fold (raw: no exclusion, as in training)."""
        out = [float("-inf")] * len(self.docs)
        for test, w, b in self.folds:
            for i in test:
                out[i] = doc_score(w, b, self.docs[i])
        return out


def fit_folds(docs: list[Prepared], kind: str) -> Fitted:
    rng = random.Random(SEED)
    out = []
    for test in folds(docs):
        test_set = set(test)
        train = [p for i, p in enumerate(docs) if i not in test_set]
        if not any(kind in p.doc.gold for p in train if not p.never_read):
            continue
        w, b = fit_kind(train, kind, rng)
        out.append((test, w, b))
    return Fitted(kind, docs, out)


def best_threshold(gold: list[bool], scores: list[float]) -> float:
    """The threshold with the best F1 of "score above it" (ties: the lowest)."""
    best_t, best_f = 0.0, -1.0
    for t in sorted({0.0, *(s for s in scores if s != float("-inf"))}):
        f = f1(gold, [s > t for s in scores])[2]
        if f > best_f:
            best_t, best_f = t, f
    return best_t


def evaluate_kind(fitted: Fitted) -> dict[str, Any]:
    """Out-of-fold figures and the choice per language, on the texts a rule writer may have read: the never-read
    ones are left out of the threshold and the choice (their figure is `never_read_check`'s, and only on request)."""
    kind = fitted.kind
    docs = fitted.docs
    gold = [kind in p.doc.gold for p in docs]
    rules = [kind in p.rules for p in docs]
    oof = fitted.oof()
    out: dict[str, Any] = {"positives": sum(gold), "documents": len(docs), "by_language": {}}
    for lang in ("en", "zh"):
        idx = [i for i, p in enumerate(docs) if language_key(p.doc.language) == lang and not p.never_read]
        g = [gold[i] for i in idx]
        if sum(g) < 2:
            continue
        o = [oof[i] for i in idx]
        ru = [rules[i] for i in idx]
        best_t = best_threshold(g, o)
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


# The eight Chinese support kinds: how they join the model is decided by a rule fixed before any figure on the
# never-read texts was computed (docs/contract-clarity.md, "The sentence model"; commit 606733a, 5 Dec 2026 03:09 UTC):
# the best of model / or / and on the never-read texts, out of fold, ships for all eight together if it beats the rules
# there by SHIP_GAIN and stays within DEV_LOSS of them on the development texts the rules were written on; otherwise
# the rules. Only `--never-read` computes that figure (once per candidate at most); without it the decision measured
# then (ZH_SUPPORT_DECISION) is applied, so retraining does not look at those texts again.
# Measured once (model22, 5 Dec 2026 03:14-03:17 UTC, the only run with --never-read), out of fold,
# support-kind macro F1, rules / model / or / and: never-read 0.43 / 0.42 / 0.51 / 0.35; development texts the
# rules were written on 0.97 / 0.81 / 0.90 / 0.88. "or" gains 0.07 on the never-read texts but falls 0.07 below
# the rules on the others (the limit is 0.05): the rule keeps the rules.
ZH_SUPPORT_DECISION = "rules"
SHIP_GAIN = 0.05
DEV_LOSS = 0.05
COMBINED = ("rules", "model", "or", "and")
PREFERENCE = ("or", "and", "model")  # ties: the one that drops fewer rule findings first


def shipped_model(kind: str, w: dict[str, float], b: float, modes: dict[str, tuple[str, float]]) -> KindModel:
    """A kind's model as the model file would hold it (small weights pruned, rounded)."""
    kept = {f: round(v, 3) for f, v in sorted(w.items()) if abs(v) >= PRUNE}
    return KindModel(kind, round(b, 4), modes, kept)


def per_kind_f1(gold: list[set[str]], pred: list[set[str]], kinds: list[str]) -> dict[str, float | None]:
    """F1 per kind (None: no positive in the set), and its mean over the kinds with a positive under "macro" (the
    benchmark's macro_f1)."""
    out: dict[str, float | None] = {}
    for k in kinds:
        g = [k in x for x in gold]
        out[k] = f1(g, [k in x for x in pred])[2] if any(g) else None
    scored = [v for v in out.values() if v is not None]
    out["macro"] = sum(scored) / len(scored) if scored else None
    return out


def preregistered_choice(never_read: dict[str, float], dev_read: dict[str, float]) -> tuple[str, str]:
    """The rule fixed before the never-read figure was computed: the best of or / and / model on the never-read texts
    (ties: the one that drops fewer rule findings) if it beats the rules there by SHIP_GAIN and is not more than
    DEV_LOSS below them on the texts the rules were written on; else the rules. Returns (decision, why)."""
    nr, dr = never_read, dev_read
    best = max(PREFERENCE, key=lambda c: (nr[c], -PREFERENCE.index(c)))
    gain_ok = nr[best] >= nr["rules"] + SHIP_GAIN - 1e-9
    loss_ok = dr[best] >= dr["rules"] - DEV_LOSS - 1e-9
    decision = best if gain_ok and loss_ok else "rules"
    why = (
        f"pre-registered rule: best of or/and/model on never-read = {best} ({nr[best]:.3f} vs rules {nr['rules']:.3f}, "
        f"needs +{SHIP_GAIN}: {'yes' if gain_ok else 'no'}); dev-read {dr[best]:.3f} vs rules {dr['rules']:.3f} "
        f"(at most -{DEV_LOSS}: {'yes' if loss_ok else 'no'}) -> {decision}"
    )
    return decision, why


def support_check(fitted: dict[str, Fitted], never_read: bool) -> tuple[str, dict[str, float], list[str]]:
    """Out-of-fold figures of rules / model / or / and on the Chinese support kinds, as the check computes them
    (the kind's exclusions, the parties), on the development texts the rules were written on and, with `never_read`,
    on the never-read ones (aggregate and per kind only). Returns the decision, the threshold per kind (model alone,
    best out-of-fold F1 on the texts the rules were written on) and the report's lines."""
    kinds = list(fitted)
    chinese = {id(p): p for f in fitted.values() for p in f.docs if language_key(p.doc.language) == "zh"}
    docs = [p for p in chinese.values() if never_read or not p.never_read]
    fold_of: dict[tuple[str, int], tuple[dict[str, float], float]] = {}
    for kind, f in fitted.items():
        for test, w, b in f.folds:
            for i in test:
                fold_of[(kind, id(f.docs[i]))] = (w, b)
    models = {
        (k, id(p)): shipped_model(k, *fold_of[(k, id(p))], {}) for p in docs for k in kinds if (k, id(p)) in fold_of
    }
    scores: dict[tuple[str, int], float] = {}
    for p in docs:
        mine = [models[(k, id(p))] for k in kinds if (k, id(p)) in models]
        for m, (score, _) in zip(mine, best_model_sentences(p.clauses, mine), strict=True):
            scores[(m.kind, id(p))] = score
    read = [p for p in docs if not p.never_read]
    thresholds = {
        k: round(best_threshold([k in p.doc.gold for p in read], [scores.get((k, id(p)), -math.inf) for p in read]), 4)
        for k in kinds
    }
    preds: dict[str, list[set[str]]] = {"rules": [detected_kinds(p.doc.text, model=False) for p in docs]}
    for combine in COMBINED[1:]:
        preds[combine] = []
        for p in docs:
            trial = {
                k: KindModel(k, m.intercept, {"zh": (combine, thresholds[k])}, m.weights)
                for k in kinds if (m := models.get((k, id(p)))) is not None
            }  # fmt: skip
            preds[combine].append(detected_kinds(p.doc.text, model=ClauseModel("trial", trial, {})))
    sides = {"dev-read": [i for i, p in enumerate(docs) if not p.never_read]}
    if never_read:
        sides["never-read"] = [i for i, p in enumerate(docs) if p.never_read]
    table = {
        (side, c): per_kind_f1([docs[i].doc.gold for i in idx], [preds[c][i] for i in idx], kinds)
        for side, idx in sides.items() for c in COMBINED
    }  # fmt: skip
    lines = ["", "Chinese/bilingual support kinds, out of fold, F1 as the check computes it "
             "(rules / model / or / and; thresholds: model alone, best on dev-read)"]  # fmt: skip
    head = f"{'kind':<18}{'thr':>7} | " + " | ".join(
        f"{side} ({len(idx)} texts) pos  rules model    or   and" for side, idx in sides.items()
    )
    lines += [head, "-" * len(head)]

    def cell(v: float | None) -> str:
        return f"{v:5.2f}" if v is not None else "    -"

    for k in [*kinds, "macro"]:
        row = f"{k:<18}{thresholds[k] if k in thresholds else '':>7} | "
        parts = []
        for side, idx in sides.items():
            pos = sum(k in docs[i].doc.gold for i in idx) if k != "macro" else ""
            parts.append(
                f"{'':>{len(side) + len(str(len(idx))) + 10}}{pos:>3} "
                + " ".join(cell(table[(side, c)][k]) for c in COMBINED)
            )
        lines.append(row + " | ".join(parts))
    if not never_read:
        lines.append(f"never-read texts not scored (--never-read); decision measured then: {ZH_SUPPORT_DECISION}")
        return ZH_SUPPORT_DECISION, thresholds, lines
    nr = {c: table[("never-read", c)]["macro"] or 0.0 for c in COMBINED}
    dr = {c: table[("dev-read", c)]["macro"] or 0.0 for c in COMBINED}
    decision, why = preregistered_choice(nr, dr)
    lines.append(why)
    if decision != ZH_SUPPORT_DECISION:
        lines.append(f"(differs from ZH_SUPPORT_DECISION = {ZH_SUPPORT_DECISION!r}: record the new decision there)")
    return decision, thresholds, lines


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--kinds", nargs="*", help="only these kinds (default: every kind with enough positives)")
    ap.add_argument(
        "--keep-others",
        action="store_true",
        help="keep the entries of the kinds not trained in this run from the existing --out file",
    )
    ap.add_argument(
        "--never-read",
        action="store_true",
        help="also score the never-read development texts (aggregate and per kind) and apply the "
        "pre-registered rule for the Chinese support kinds (once per candidate model at most)",
    )
    args = ap.parse_args()
    t0 = time.perf_counter()
    docs = training_docs()
    if not any(p.doc.split == "cuad" for p in docs) or not any(p.doc.group.startswith("zh:") for p in docs):
        print("the shared sets (/work/shared/contracts-dev, contracts-zh-dev) are needed", file=sys.stderr)
        return 1
    assert not any(p.doc.part == "heldout" for p in docs), "a held-out text among the training documents"
    print(f"prepared {len(docs)} training documents in {time.perf_counter() - t0:.0f} s")
    kinds_out: dict[str, Any] = {}
    if args.keep_others and args.out.exists():
        kinds_out = json.loads(args.out.read_text(encoding="utf-8"))["kinds"]
    evaluated: dict[str, tuple[Fitted, dict[str, Any]]] = {}
    for kind in args.kinds or KINDS:
        kdocs = [p for p in docs if kind in p.known]
        npos = sum(kind in p.doc.gold for p in kdocs)
        if npos < MIN_POSITIVES:
            continue
        fitted = fit_folds(kdocs, kind)
        ev = evaluate_kind(fitted)
        evaluated[kind] = (fitted, ev)
        for lang, m in ev["by_language"].items():
            cv = m["cv"]
            print(f"{kind:<26}{lang} pos {m['positives']:>3}/{m['documents']:<3} out-of-fold F1 "
                  f"rules {cv['rules'][2]:.2f} model {cv['model'][2]:.2f} or {cv['or'][2]:.2f} "
                  f"and {cv['and'][2]:.2f} -> {m['combine']}  "
                  + " ".join(f"{src} " + "/".join(f"{v[2]:.2f}" for n, v in d.items() if n != "positives")
                             for src, d in m["cv_by_source"].items()), flush=True)  # fmt: skip
    support = {k: evaluated[k][0] for k in SUPPORT_KINDS if k in evaluated}
    if support:
        if len(support) < len(SUPPORT_KINDS):
            print("(not every support kind trained in this run: the macro below is over those given)")
        decision, thresholds, lines = support_check(support, args.never_read)
        print("\n".join(lines), flush=True)
        for kind in support:
            zh = evaluated[kind][1]["by_language"].get("zh")
            if zh is not None:
                zh.update(combine=decision, threshold=thresholds[kind],
                          chosen_by="pre-registered never-read rule (all eight support kinds together)")  # fmt: skip
    for kind, (fitted, ev) in evaluated.items():
        kdocs = fitted.docs
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
