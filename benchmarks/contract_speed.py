"""Contract-clarity speed against the issue's budget (0.25 s for a 30,000-character contract), per text.

Texts, each cut to 30,000 characters:
* the benchmark's own speed samples (benchmarks/contract_clarity.py): the longest development contracts-zh-dev text
  (when /work/shared/contracts-zh-dev is there) and the longest development English fixture of our own, repeated;
* the longest development Chinese and English fixture of our own (``contract_sets.own()``, ``Doc.part != "heldout"``)
  repeated: the worst own text found so far (many clauses under the same numbers);
* every development fixture of our own in the language, one after the other, repeated: as dense in clauses, with far
  fewer repeats (the check works each repeated clause and sentence out once);
* the short contracts of our own wording the benchmark repeats (REPEATED_ZH / REPEATED_EN).

Only development texts are read: never a held-out text (``Doc.part == "heldout"``) nor anything in
``contract_sets.NEVER_READ``. Each text is checked once to warm up (the model file is read on the first check), then
``--runs`` times (default 7); the script prints the median CPU and wall time and the CPU median as a ratio to the
budget, with the date and the load average.

Usage: .venv/bin/python benchmarks/contract_speed.py [--runs 7] [--only NAME_PART]
Compare two versions of the code on the same load by alternating them, e.g.
    PYTHONPATH=/work/main/src .venv/bin/python benchmarks/contract_speed.py
    PYTHONPATH=src .venv/bin/python benchmarks/contract_speed.py
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contract_clarity import AS_OF, REPEATED_EN, REPEATED_ZH, cpu_and_wall  # noqa: E402
from contract_sets import NEVER_READ, Doc, own, zh_dev  # noqa: E402

from disputedesk.domain.contract_clarity import check_text  # noqa: E402

BUDGET_S = 0.25
SIZE = 30_000


def development(docs: list[Doc]) -> list[Doc]:
    """The texts a speed run may read: development side only, never the never-read ones."""
    return [d for d in docs if d.part != "heldout" and d.name not in NEVER_READ]


def repeated(text: str, size: int = SIZE) -> str:
    out = text
    while len(out) < size:
        out += "\n" + text
    return out[:size]


def samples() -> list[tuple[str, str]]:
    """(name, 30,000-character text) of every text the script times."""
    out: list[tuple[str, str]] = []
    zh = development(zh_dev())
    if zh:
        longest = max(zh, key=lambda d: len(d.text))
        out.append((f"benchmark sample, Chinese ({longest.name})", repeated(longest.text)))
    mine = development(own())
    for lang, label in (("zh", "Chinese"), ("en", "English")):
        longest = max((d for d in mine if d.language == lang), key=lambda d: len(d.text))
        out.append((f"own longest, {label} ({longest.name}, {len(longest.text):,} chars)", repeated(longest.text)))
        # every development fixture of the language in turn: the same density of clauses with far fewer repeats (the
        # check works each repeated clause and sentence out once, so a text of one fixture repeated flatters it)
        every = "\n".join(d.text for d in mine if d.language == lang)
        out.append((f"own fixtures in turn, {label} ({len(every):,} chars before repeating)", repeated(every)))
    out.append(("short own contract repeated, Chinese", repeated(REPEATED_ZH)))
    out.append(("short own contract repeated, English", repeated(REPEATED_EN)))
    return out


def measure(text: str, runs: int) -> tuple[float, float, int]:
    """Median CPU and wall seconds of the full check (report included), and the clause count."""
    report = check_text(text, as_of=AS_OF)  # warm-up: the model file and caches
    return (*cpu_and_wall(text, runs), report.clause_count)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--only", default="", help="time only the texts whose name contains this")
    args = ap.parse_args()
    import disputedesk

    load = os.getloadavg()
    print(
        f"contract clarity speed, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load {load[0]:.1f}/{load[1]:.1f}, "
        f"{os.cpu_count()} cores, code {Path(disputedesk.__file__).resolve().parent}, medians of {args.runs}"
    )
    for name, text in samples():
        if args.only and args.only not in name:
            continue
        cpu, wall, clauses = measure(text, args.runs)
        print(
            f"{name}: {len(text):,} characters, {clauses} clauses: {cpu:.3f} s CPU, {wall:.3f} s wall; "
            f"{cpu / BUDGET_S:.2f}x the {BUDGET_S} s budget (CPU)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
