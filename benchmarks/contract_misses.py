"""List the contract check's misses and false alarms on the development side, per text and support kind: gold
against predicted, the sentence(s) that fired and, for a kind in a kept text, the label's note (its quote).

For whoever changes the rules: it NEVER reads a held-out text (Doc.part == "heldout" is dropped before any text
is checked), nor one of the development texts kept unread (contract_sets.NEVER_READ, dropped too: listing their misses
would spend the second unbiased sample), so it may be run at any time.

Usage: .venv/bin/python benchmarks/contract_misses.py [--part redesignated|dev] [--round 1|2] [--kind KIND]
                                                      [--all] [--summary]
  --round: only texts re-designated in that round (2: the 26 model contracts of session 3, night)
  --all: every text and kind, not only the wrong ones; --summary: per-kind P/R/F1 (and keyword baseline) only
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contract_sets import LABELLED, NEVER_READ, SUPPORT_KINDS, Doc, kept, zh_dev  # noqa: E402

from disputedesk.domain.contract_clarity import baseline_detect, paragraphs_from_text, split_clauses  # noqa: E402
from disputedesk.domain.contract_clarity.analysis import detect_language  # noqa: E402
from disputedesk.domain.contract_clarity.detection import apply_model, detect_kinds  # noqa: E402
from disputedesk.domain.contract_clarity.model import load_model  # noqa: E402


def development_docs(part: str | None, rnd: int | None) -> list[Doc]:
    # never a held-out text, never a text kept unread
    docs = [d for d in zh_dev() + kept() if d.part != "heldout" and d.name not in NEVER_READ and d.language != "en"]
    if part:
        docs = [d for d in docs if d.part == part]
    if rnd is not None:
        docs = [d for d in docs if d.redesignated_round == rnd]
    return docs


def notes() -> dict[str, str]:
    out = {}
    for line in (LABELLED / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[row["doc"]] = row.get("notes", "")
    return out


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.2f}/{r:.2f}/{f:.2f}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=("redesignated", "dev"))
    ap.add_argument("--round", type=int, choices=(1, 2))
    ap.add_argument("--kind", choices=SUPPORT_KINDS)
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--summary", action="store_true")
    args = ap.parse_args()
    kinds = (args.kind,) if args.kind else SUPPORT_KINDS
    docs = development_docs(args.part, args.round)
    note = notes()
    model = load_model()
    counts = {k: [0, 0, 0] for k in kinds}
    base = {k: [0, 0, 0] for k in kinds}
    for d in docs:
        clauses = split_clauses(paragraphs_from_text(d.text))
        results = detect_kinds(clauses)
        apply_model(clauses, results, model, detect_language(d.text))
        kw = baseline_detect(d.text)
        for k in kinds:
            g, p = k in d.gold, results[k].present
            counts[k][0 if g and p else 1 if p else 2] += g or p
            base[k][0 if g and kw.__contains__(k) else 1 if k in kw else 2] += g or (k in kw)
            if args.summary or (g == p and not args.all):
                continue
            tag = "ok" if g == p else "MISS" if g else "FALSE ALARM"
            print(f"\n== {d.name} [{d.part}, round {d.redesignated_round}] {k}: gold {g}, predicted {p} ({tag})")
            for h in results[k].hits[:4]:
                how = "heading" if h.by_heading else "model" if h.by_model else "rule"
                print(f"   fired ({how}) [{h.sentence.clause.heading[:30]}]: {h.sentence.text[:220]}")
            if g and not p and k in note.get(d.name, ""):
                at = note[d.name].find(k)
                print(f"   label note: …{note[d.name][max(at - 200, 0) : at + 250]}…")
    print(f"\n{len(docs)} development texts (held-out and NEVER_READ texts not read); per kind P/R/F1 (keyword)")
    for k in kinds:
        tp, fp, fn = counts[k]
        print(f"{k:<20} pos {tp + fn:>3}  {prf(tp, fp, fn)}   (kw {prf(*base[k])})  fp {fp} fn {fn}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
