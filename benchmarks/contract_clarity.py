"""Contract-clarity benchmark: per-kind precision/recall/F1 against the keyword baseline, and speed.

Sets (benchmarks/contract_sets.py):
* CUAD development half (249 US contracts, CC BY 4.0): Governing Law, Warranty Duration,
  Liquidated Damages, Cap on Liability. The rules were written before, partly against it.
* contracts-zh-dev (20 real Chinese/bilingual contracts, labels corrected by
  tests/fixtures/contracts/labelled/zh-dev-overrides.json) and the real contracts kept in the repository
  (tests/fixtures/contracts/labelled: open licences, SOURCES.md), split by source in split.json.
* Reported in three parts: (a) the NEW held-out part, texts added after the last re-designation (4 Dec
  2026, session 3, night: from the sixth set on) and placed held-out by the fixed hash rule; its
  Chinese/bilingual support-kind macro F1 is the figure the issue asks for; (b) the re-designated part,
  held out until a re-designation (round 1, session 2; round 2, session 3 night: the 26 model contracts
  of the third to fifth sets, reported apart as (b2)) and development since; (c) the part that was always
  development. The held-out part is also reported set by set (each set added by engineers who changed no rule,
  by a rule written first) with a bootstrap interval over its texts (``interval_lines``: how sure a figure
  on ten texts is), and, outside --development-only, the development texts no rule writer has read
  (contract_sets.NEVER_READ) as a second such sample; with --development-only those are left out of part (c)
  too (from 5 Dec 2026, session 10: before, (c) counted them in its aggregate).
* Our own fixtures (texts written for DisputeDesk).
* The check as shipped = the rules plus the trained sentence model where its file says it beats
  them (scripts/train_contract_model.py); "rules F1" beside it is the rules alone. On CUAD, where the
  model was trained, the shipped figures are the training script's out-of-fold cross-validation.
* Baseline in the same run: the simplest keyword detector (kinds.baseline_detect).
* Speed: the full check (report included) of a 30,000-character contract (the issue's budget:
  0.25 s), of all CUAD contracts, and of one 300,000-character contract.

Usage: .venv/bin/python benchmarks/contract_clarity.py [--quick] [--development-only]
       (--quick: no CUAD; --development-only: no held-out figures, for whoever is changing the rules)
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contract_sets import CUAD_MAP, NEVER_READ, SUPPORT_KINDS, Doc, cuad, held_out_sets, kept, own, zh_dev  # noqa: E402

from disputedesk.domain.contract_clarity import KINDS, baseline_detect, check_text, detected_kinds  # noqa: E402
from disputedesk.domain.contract_clarity.model import MODEL_FILE, load_model  # noqa: E402

AS_OF = date(2026, 11, 26)
Counts = dict[str, tuple[int, int, int]]


REPEATED_ZH = """设备采购及维护合同
甲方（买方）：东湖精密制造有限公司
乙方（卖方）：西岸数控设备有限公司
第一条 合同标的
1.1 乙方向甲方提供立式加工中心一台。
第二条 售后服务
2.1 乙方应在接到甲方报修通知后2小时内响应，24小时内到达现场。
2.2 乙方应在48小时内修复故障。
第三条 质量保证
3.1 质保期为验收合格之日起18个月。
第四条 争议解决
4.1 因本合同引起的争议，提交上海国际仲裁中心在上海仲裁，仲裁语言为中文。"""  # our own wording

REPEATED_EN = """EQUIPMENT PURCHASE AND SUPPORT AGREEMENT
Buyer: Lakeside Tools Ltd. (the "Buyer"); Seller: West Bank CNC Co., Ltd. (the "Seller")
1. Subject
1.1 The Seller supplies one vertical machining centre.
2. After-sales service
2.1 The Seller shall respond within 2 hours of the Buyer's fault report and attend on site within 24 hours.
2.2 The Seller shall repair the fault within 48 hours.
3. Warranty
3.1 The warranty period is 18 months from acceptance.
4. Disputes
4.1 Disputes shall be settled by arbitration at the Shanghai International Arbitration Center."""  # our own wording


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def count(docs: Sequence[Doc], predict: Callable[[str], set[str]], kinds: Sequence[str]) -> Counts:
    return tally([(d.gold, predict(d.text)) for d in docs], kinds)


def tally(preds: Sequence[tuple[set[str], set[str]]], kinds: Sequence[str]) -> Counts:
    """Per kind (true positives, false positives, false negatives) of (gold, predicted) pairs."""
    return {
        k: (
            sum(1 for g, p in preds if k in g and k in p),
            sum(1 for g, p in preds if k not in g and k in p),
            sum(1 for g, p in preds if k in g and k not in p),
        )
        for k in kinds
    }


def macro_f1(c: Counts, kinds: Sequence[str]) -> float:
    """Mean F1 over the kinds that have at least one positive in the set."""
    f1s = [prf(*c[k])[2] for k in kinds if c[k][0] + c[k][2] > 0]
    return sum(f1s) / len(f1s) if f1s else 0.0


def table(
    title: str, docs: Sequence[Doc], kinds: Sequence[str], *, model: bool = True
) -> tuple[list[str], Counts, Counts]:
    """Per kind: the check as shipped (rules + the trained model where its file says so; `model=False`:
    rules alone), the rules alone (F1), and the keyword baseline."""
    ours = count(docs, lambda t: detected_kinds(t, model=model), kinds)
    rules = ours if not model else count(docs, lambda t: detected_kinds(t, model=False), kinds)
    base = count(docs, baseline_detect, kinds)
    name = "shipped" if model else "rules"
    lines = [f"\n{title} ({len(docs)} texts)"]
    lines.append(
        f"{'kind':<26}{'pos':>4} | {name + ' P':>9} {'R':>5} {'F1':>5} | {'rules F1':>8} | {'base P':>6} {'R':>5} "
        f"{'F1':>5} | beats base"
    )
    lines.append("-" * 96)
    for k in kinds:
        pos = ours[k][0] + ours[k][2]
        p, r, f = prf(*ours[k])
        rf = prf(*rules[k])[2]
        bp, br, bf = prf(*base[k])
        verdict = "n/a" if pos == 0 else "yes" if f > bf else ("tie" if f == bf else "NO")
        lines.append(
            f"{k:<26}{pos:>4} | {p:9.2f} {r:5.2f} {f:5.2f} | {rf:8.2f} | {bp:6.2f} {br:5.2f} {bf:5.2f} | {verdict}"
        )
    tot = [sum(v[i] for v in ours.values()) for i in range(3)]
    btot = [sum(v[i] for v in base.values()) for i in range(3)]
    p, r, f = prf(*tot)
    bp, br, bf = prf(*btot)
    lines.append("-" * 96)
    lines.append(
        f"{'micro average':<26}{'':>4} | {p:9.2f} {r:5.2f} {f:5.2f} | {'':8} | {bp:6.2f} {br:5.2f} {bf:5.2f} |"
    )
    mo, mr, mb = macro_f1(ours, kinds), macro_f1(rules, kinds), macro_f1(base, kinds)
    lines.append(f"{'macro F1 (kinds with positives)':<31} | {mo:9.2f}{'':12}| {mr:8.2f} | {mb:6.2f}")
    return lines, ours, base


def cuad_cross_validated() -> list[str]:
    """The shipped model was trained on the CUAD development half, so its figures there come from
    the training script's grouped cross-validation (out of fold), stored in the model file."""
    model = load_model()
    if model is None:
        return []
    raw = json.loads(resources.files("disputedesk.domain.contract_clarity").joinpath(MODEL_FILE).read_text("utf-8"))
    lines = ["\nCUAD development half, rules + model as shipped, 5-fold cross-validated by contract type (out of fold)"]
    lines.append(f"{'kind':<26}{'pos':>4} | {'P':>5} {'R':>5} {'F1':>5} | {'rules F1':>8} | combine")
    for theirs, kind in CUAD_MAP.items():
        en = raw["kinds"].get(kind, {}).get("by_language", {}).get("en", {})
        src = en.get("cv_by_source", {}).get("cuad")
        if not src:
            continue
        p, r, f = src[en["combine"]]
        lines.append(f"{kind:<26}{src['positives'][0]:>4} | {p:5.2f} {r:5.2f} {f:5.2f} | {src['rules'][2]:8.2f} | "
                     f"{en['combine']} ({theirs})")  # fmt: skip
    return lines


def cpu_and_wall(text: str, runs: int = 5) -> tuple[float, float]:
    """Median CPU and wall-clock seconds of the full check (CPU time is what a quiet machine would take:
    the wall clock also counts the time other processes had the cores)."""
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        check_text(text, as_of=AS_OF)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(cpu), statistics.median(wall)


def timed(text: str, runs: int = 5) -> str:
    cpu, wall = cpu_and_wall(text, runs)
    return f"median {wall:.3f} s wall, {cpu:.3f} s CPU"


def subset_lines(*subsets: tuple[str, list[Doc]], per_kind: bool = False) -> list[str]:
    """One line per non-empty subset of texts: its support-kind macro F1 beside the keyword baseline
    (and, with `per_kind`, each kind's F1 and positives)."""
    out = []
    for title, docs in subsets:
        if not docs:
            continue
        _, ours, base = table("", docs, SUPPORT_KINDS)
        line = (
            f"{title}: {len(docs)} texts, support-kind macro F1: shipped "
            f"{macro_f1(ours, SUPPORT_KINDS):.2f}, keyword baseline {macro_f1(base, SUPPORT_KINDS):.2f}"
        )
        if per_kind:
            line += "; per kind F1 shipped/base: " + ", ".join(
                f"{k} {prf(*ours[k])[2]:.2f}/{prf(*base[k])[2]:.2f} ({ours[k][0] + ours[k][2]} pos)"
                for k in SUPPORT_KINDS
            )
        out.append(line)
    return out


def set_lines(prefix: str, docs: Sequence[Doc]) -> list[str]:
    """The support-kind line of each set of held-out texts (contract_sets.Doc.added_in), per kind, in the order the
    sets were added; with more than one set, each set's bootstrap interval too, so that a set's figure does not
    change when a later set joins the pooled line."""
    sets = held_out_sets(docs)
    subsets = [(f"{prefix}{name or 'earlier sets'}", [d for d in docs if d.added_in == name]) for name in sets]
    out = subset_lines(*subsets, per_kind=True)
    if len(subsets) > 1:
        for title, part in subsets:
            out += interval_lines(title, part)
    return out


def interval_lines(title: str, docs: Sequence[Doc], resamples: int = 2000) -> list[str]:
    """How sure a small set's support-kind macro F1 is: a bootstrap over its texts (drawn with replacement,
    `random.Random(2026_12_05)`, fixed), the 5th-95th percentile of the shipped and keyword figures and of their
    difference, and how often the shipped check beats the baseline. Ten texts with a few positives per kind move
    a kind's F1 by 0.2-1.0 each, so the interval says what one figure cannot."""
    if not docs:
        return []
    ours = [(d.gold, detected_kinds(d.text)) for d in docs]
    base = [(d.gold, baseline_detect(d.text)) for d in docs]

    def macro(preds: Sequence[tuple[set[str], set[str]]]) -> float:
        return macro_f1(tally(preds, SUPPORT_KINDS), SUPPORT_KINDS)

    rng = random.Random(2026_12_05)
    shipped, keyword, diff = [], [], []
    for _ in range(resamples):
        pick = [rng.randrange(len(docs)) for _ in docs]
        s, b = macro([ours[i] for i in pick]), macro([base[i] for i in pick])
        shipped.append(s)
        keyword.append(b)
        diff.append(s - b)

    def band(xs: list[float]) -> str:
        xs = sorted(xs)
        return f"{xs[int(0.05 * len(xs))]:.2f}-{xs[int(0.95 * len(xs)) - 1]:.2f}"

    wins = sum(1 for x in diff if x > 0) / len(diff)
    return [
        f"{title}: bootstrap over its {len(docs)} texts ({resamples} resamples): support-kind macro F1 90% interval "
        f"shipped {band(shipped)}, keyword baseline {band(keyword)}, difference {band(diff)}; the shipped check "
        f"beats the baseline in {wins:.0%} of resamples"
    ]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="skip CUAD (accuracy and the CUAD speed run)")
    ap.add_argument(
        "--development-only",
        action="store_true",
        help="report only the re-designated and development parts (and own fixtures' development part): for "
        "whoever is changing rules, who must not see the held-out figures until the work is done",
    )
    args = ap.parse_args()
    out: list[str] = []

    # Three parts (split.json, "redesignated"): (a) the new held-out part, texts added after the last
    # re-designation and placed held-out by the hash rule: the figure issue 19 asks for; (b) the part held out
    # until then and re-designated development (its misses were read and written down); (c) the part that
    # was always development.
    zh = zh_dev()
    if not zh:
        out.append("\n(/work/shared/contracts-zh-dev not found: contracts-zh-dev skipped)")
    kept_docs = kept()
    everything = zh + kept_docs
    parts = (
        ("heldout", "(a) NEW HELD-OUT part (added after the last re-designation, never looked at)"),
        ("redesignated", "(b) RE-DESIGNATED part (held out until 4 Dec 2026, sessions 2 and 3; now development)"),
        ("dev", "(c) DEVELOPMENT part (always development)"),
    )
    if args.development_only:
        # neither a held-out text nor one of the development texts kept unread (NEVER_READ): a rule writer who saw
        # part (c) move with them would have spent that second unbiased sample (5 Dec 2026)
        parts = tuple(
            (p[0], f"{p[1]}, without the {len(NEVER_READ)} never-read texts" if p[0] == "dev" else p[1])
            for p in parts
            if p[0] != "heldout"
        )
        everything = [d for d in everything if d.part != "heldout" and d.name not in NEVER_READ]
        zh = [d for d in zh if d.part != "heldout" and d.name not in NEVER_READ]
    for part, title in parts:
        docs = [d for d in everything if d.part == part]
        zh_docs = [d for d in docs if d.language != "en"]
        if zh_docs:
            head = f"{title}, Chinese/bilingual (contracts-zh-dev {sum(d in zh for d in zh_docs)} + kept "
            head += f"{sum(d in kept_docs for d in zh_docs)}); support kinds"
            lines, _, _ = table(head, zh_docs, SUPPORT_KINDS)
            out += lines
            lines, _, _ = table(f"{title}, Chinese/bilingual; all kinds", zh_docs, KINDS)
            out += lines[-2:]
        en_docs = [d for d in docs if d.language == "en"]
        if en_docs:
            lines, _, _ = table(f"{title}, English (kept in the repository); all kinds", en_docs, KINDS)
            out += lines
            if part == "heldout":
                # the English held-out texts on the support kinds, set by set, and how sure that figure is
                out += set_lines("(a) English, ", en_docs)
                out += interval_lines("(a) held-out part, English", en_docs)
        if not docs:
            out.append(f"\n{title}: no texts")
        if part == "redesignated":
            # round 2 (session 3, night): the 26 model contracts held out until then, reported apart
            out += subset_lines(
                ("(b1) re-designated in session 2", [d for d in zh_docs if d.redesignated_round == 1]),
                ("(b2) re-designated in session 3, night", [d for d in zh_docs if d.redesignated_round == 2]),
            )
        if part == "heldout":
            # each set of held-out texts apart (a set is added by engineers who change no rule, by a written rule)
            out += set_lines("(a) ", zh_docs)
            out += interval_lines("(a) held-out part", zh_docs)
        if part == "dev" and not args.development_only:
            # development texts no rule writer has read (contract_sets.NEVER_READ): a second unbiased sample
            unread = [d for d in zh_docs if d.name in NEVER_READ]
            out += subset_lines(("(c-unread) development texts never read by a rule writer", unread), per_kind=True)
            out += interval_lines("(c-unread)", unread)
        zh_only = [d for d in zh if d.part == part]
        if zh_only and len(zh_only) != len(zh_docs):
            _, ours, base = table("", zh_only, SUPPORT_KINDS)
            out.append(
                f"{title}, contracts-zh-dev only ({len(zh_only)} texts), support-kind macro F1: shipped "
                f"{macro_f1(ours, SUPPORT_KINDS):.2f}, keyword baseline {macro_f1(base, SUPPORT_KINDS):.2f}"
            )

    own_parts = (("dev", "Own fixtures, development part"), ("heldout", "Own fixtures, held-out part"))
    for part, title in own_parts[:1] if args.development_only else own_parts:
        docs = [d for d in own() if d.split == part]
        lines, _, _ = table(title, docs, KINDS)
        out += lines

    rows = [] if args.quick else cuad()
    if rows:
        title = "CUAD development half (4 mapped kinds), rules alone (the model was trained here: see below)"
        lines, _, _ = table(title, rows, list(CUAD_MAP.values()), model=False)
        out += lines
        out += cuad_cross_validated()
        t0 = time.perf_counter()
        for d in rows:
            check_text(d.text, as_of=AS_OF)
        elapsed = time.perf_counter() - t0
        total = sum(len(d.text) for d in rows)
        out.append(f"\nSpeed: {len(rows)} CUAD contracts ({total:,} characters), full check: {elapsed:.1f} s")

    # ---------------------------------------------------------------- speed on one contract
    samples = [("Chinese", max(zh, key=lambda d: len(d.text)).text if zh else "")]
    # (development fixtures only: a held-out text is never read for speed either)
    english = [d for d in own() if d.language == "en" and d.part != "heldout"]
    samples.append(("English", max(english, key=lambda d: len(d.text)).text))
    for lang, sample in samples:
        if not sample:
            continue
        for size in (30_000, 300_000):
            text = sample
            while len(text) < size:
                text += "\n" + sample
            text = text[:size]
            report = check_text(text, as_of=AS_OF)
            out.append(
                f"Speed: one {lang} contract of {len(text):,} characters ({report.clause_count} clauses), full "
                f"check: {timed(text, 5 if size <= 30_000 else 3)}"
            )
    # a short contract of our own wording repeated to 30,000 characters: hundreds of clauses under the same numbers,
    # each with a time limit whose basis is not stated, the worst case for the per-article cover lookups (quadratic
    # before 5 Dec 2026: about 2 s of CPU for the Chinese text)
    for lang, short in (("Chinese", REPEATED_ZH), ("English", REPEATED_EN)):
        text = short
        while len(text) < 30_000:
            text += "\n" + short
        text = text[:30_000]
        report = check_text(text, as_of=AS_OF)
        out.append(
            f"Speed: a short {lang} contract ({len(short):,} characters) repeated to {len(text):,} characters "
            f"({report.clause_count} clauses), full check: {timed(text, 3)}"
        )
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
