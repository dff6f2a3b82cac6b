"""Contract-clarity benchmark: per-kind precision/recall/F1 and speed.

* CUAD development set (/work/shared/contracts-dev/cuad_dev.jsonl, CC BY 4.0, The Atticus
  Project): Governing Law -> governing_law, Warranty Duration -> warranty_period,
  Liquidated Damages -> liquidated_damages, Cap on Liability -> liability_cap.
* Our own labelled set (tests/fixtures/contracts/labels.json): every kind, English and Chinese.
* Baseline in the same run: the simplest keyword detector (kinds.baseline_detect).
* Speed: all CUAD contracts through the full check (report included), and one 300,000-character
  contract.

Usage: .venv/bin/python benchmarks/contract_clarity.py [--cuad PATH] [--own DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from disputedesk.domain.contract_clarity import KINDS, baseline_detect, check_text, detected_kinds

ROOT = Path(__file__).resolve().parents[1]
CUAD_DEFAULT = Path("/work/shared/contracts-dev/cuad_dev.jsonl")
OWN_DEFAULT = ROOT / "tests" / "fixtures" / "contracts"
CUAD_MAP = {
    "Governing Law": "governing_law",
    "Warranty Duration": "warranty_period",
    "Liquidated Damages": "liquidated_damages",
    "Cap on Liability": "liability_cap",
}
AS_OF = date(2026, 11, 26)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(pairs: list[tuple[set[str], set[str]]], kinds: list[str]) -> dict[str, tuple[int, int, int]]:
    out: dict[str, tuple[int, int, int]] = {}
    for k in kinds:
        tp = sum(1 for gold, pred in pairs if k in gold and k in pred)
        fp = sum(1 for gold, pred in pairs if k not in gold and k in pred)
        fn = sum(1 for gold, pred in pairs if k in gold and k not in pred)
        out[k] = (tp, fp, fn)
    return out


def table(title: str, n_docs: int, ours: dict[str, tuple[int, int, int]], base: dict[str, tuple[int, int, int]],
          gold_counts: dict[str, int]) -> list[str]:  # fmt: skip
    lines = [f"\n{title} ({n_docs} texts)"]
    lines.append(f"{'kind':<26}{'pos':>4} | {'P':>5} {'R':>5} {'F1':>5} | {'base P':>6} {'R':>5} {'F1':>5} | beats")
    lines.append("-" * 84)
    for k in ours:
        p, r, f = prf(*ours[k])
        bp, br, bf = prf(*base[k])
        verdict = "yes" if f > bf else ("tie" if f == bf else "NO")
        lines.append(
            f"{k:<26}{gold_counts[k]:>4} | {p:5.2f} {r:5.2f} {f:5.2f} | {bp:6.2f} {br:5.2f} {bf:5.2f} | {verdict}"
        )
    tot = [sum(v[i] for v in ours.values()) for i in range(3)]
    btot = [sum(v[i] for v in base.values()) for i in range(3)]
    p, r, f = prf(*tot)
    bp, br, bf = prf(*btot)
    lines.append("-" * 84)
    lines.append(f"{'micro average':<26}{'':>4} | {p:5.2f} {r:5.2f} {f:5.2f} | {bp:6.2f} {br:5.2f} {bf:5.2f} |")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cuad", type=Path, default=CUAD_DEFAULT)
    ap.add_argument("--own", type=Path, default=OWN_DEFAULT)
    args = ap.parse_args()

    # ---------------------------------------------------------------- own labelled set
    labels = json.loads((args.own / "labels.json").read_text(encoding="utf-8"))["texts"]
    kinds = list(KINDS)
    out: list[str] = []
    parts = (
        ("Own labelled set, development part (rules were adjusted while looking at these)", False),
        ("Own labelled set, held-out part (written and labelled after the rules were frozen)", True),
    )
    for title, heldout in parts:
        own_pairs: list[tuple[set[str], set[str]]] = []
        own_base: list[tuple[set[str], set[str]]] = []
        by_lang: dict[str, int] = {}
        for name, item in labels.items():
            if bool(item.get("heldout")) != heldout:
                continue
            text = (args.own / name).read_text(encoding="utf-8")
            gold = set(item["kinds"])
            own_pairs.append((gold, detected_kinds(text)))
            own_base.append((gold, baseline_detect(text)))
            by_lang[item["language"]] = by_lang.get(item["language"], 0) + 1
        counts = {k: sum(1 for g, _ in own_pairs if k in g) for k in kinds}
        out += table(f"{title}; languages {by_lang}", len(own_pairs), score(own_pairs, kinds),
                     score(own_base, kinds), counts)  # fmt: skip

    # ---------------------------------------------------------------- CUAD
    if args.cuad.exists():
        rows = [json.loads(line) for line in args.cuad.read_text(encoding="utf-8").splitlines() if line.strip()]
        cuad_pairs: list[tuple[set[str], set[str]]] = []
        cuad_base: list[tuple[set[str], set[str]]] = []
        t0 = time.perf_counter()
        for row in rows:
            gold = {ours for cuad, ours in CUAD_MAP.items() if row["labels"].get(cuad)}
            report = check_text(row["text"], as_of=AS_OF)  # the full check, as a user gets it
            pred = report.present_kinds & set(CUAD_MAP.values())
            cuad_pairs.append((gold, pred))
            cuad_base.append((gold, baseline_detect(row["text"]) & set(CUAD_MAP.values())))
        elapsed = time.perf_counter() - t0
        ck = list(CUAD_MAP.values())
        counts_c = {k: sum(1 for g, _ in cuad_pairs if k in g) for k in ck}
        out += table("CUAD development set (4 mapped kinds)", len(rows), score(cuad_pairs, ck), score(cuad_base, ck),
                     counts_c)  # fmt: skip
        total_chars = sum(len(r["text"]) for r in rows)
        out.append(f"\nSpeed: {len(rows)} CUAD contracts ({total_chars:,} characters), full check: {elapsed:.1f} s")
        longest = max(rows, key=lambda r: len(r["text"]))["text"]
    else:
        out.append(f"\n(CUAD file not found at {args.cuad}: CUAD part skipped)")
        longest = "\n".join((args.own / n).read_text(encoding="utf-8") for n in labels)

    # ---------------------------------------------------------------- one 300,000-character contract
    big = longest
    while len(big) < 300_000:
        big += "\n" + longest
    big = big[:300_000]
    t0 = time.perf_counter()
    report = check_text(big, as_of=AS_OF)
    one = time.perf_counter() - t0
    out.append(f"Speed: one contract of {len(big):,} characters ({report.clause_count} clauses): {one:.2f} s")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
