"""Benchmark: import a folder of >= 10,000 files / >= 2 GB into the vault, against the floor.

The floor of this job is reading, hashing and writing every byte once, so in the same run and
on the same files we time ``sha256sum`` (read + hash) and ``cp -r`` (read + write), and report
the import's time as a ratio of the two together. Also printed: files/s, MB/s, and peak
memory (RSS) of the import process, plus the peak memory of importing one 1 GiB file, to show
memory does not grow with file size.

    .venv/bin/python benchmarks/import_vault.py [--files 10000] [--gb 2.0] [--work DIR]

The generated corpus is kept in --work (default benchmarks/out/import) and reused.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def generate(corpus: Path, files: int, total_bytes: int) -> tuple[int, int]:
    marker = corpus.parent / f".corpus-complete-{files}-{total_bytes}"
    if marker.exists():
        n = sum(1 for _ in corpus.rglob("*") if _.is_file() and not _.name.startswith("."))
        size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
        return n, size
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    rng = random.Random(42)
    # 1 % large files (scans, videos, logs) carry most of the bytes; the rest are mail-sized.
    large = max(1, files // 100)
    small = files - large
    small_sizes = [rng.randint(2_000, 120_000) for _ in range(small)]
    remaining = max(total_bytes - sum(small_sizes), large * 1024 * 1024)
    large_size = remaining // large
    exts = [".eml", ".pdf", ".jpg", ".txt", ".docx", ".bin"]
    block = os.urandom(8 * 1024 * 1024)
    written = 0
    for i, size in enumerate(small_sizes + [large_size] * large):
        folder = corpus / f"box{i % 50:02d}"
        folder.mkdir(exist_ok=True)
        ext = ".bin" if size == large_size else exts[i % len(exts)]
        if ext in (".txt", ".eml"):
            ext = ".bin"  # keep text extraction out of the floor comparison: random bytes are not text
        prefix = f"file {i} ".encode()
        with open(folder / f"item{i:06d}{ext}", "wb") as f:
            f.write(prefix)
            left = size - len(prefix)
            off = (i * 7919) % len(block)
            while left > 0:
                chunk = block[off : off + left]
                f.write(chunk)
                left -= len(chunk)
                off = 0
        written += size
    marker.touch()
    return files, written


def timed(cmd: list[str] | str, *, shell: bool = False, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(cmd, shell=shell, check=True, env=env, stdout=subprocess.DEVNULL)
    dt = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return dt, max(after, before)


def peak_rss_of(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    # ru_maxrss of RUSAGE_CHILDREN is the max over all children so far: measure in a fresh
    # wrapper process so the number belongs to this command alone.
    code = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        f"subprocess.run({cmd!r},check=True,stdout=subprocess.DEVNULL);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True).stdout
    dt, rss = out.split()
    return float(dt), int(rss)


def drop_caches() -> None:
    subprocess.run(["sync"], check=False)
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        pass


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--gb", type=float, default=2.0)
    ap.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out" / "import")
    args = ap.parse_args()
    work: Path = args.work
    corpus = work / "corpus"
    print(f"generating {args.files} files, {args.gb} GB in {corpus} (reused when present) …", flush=True)
    n, size = generate(corpus, args.files, int(args.gb * 1e9))
    mb = size / 1e6
    print(f"corpus: {n} files, {mb:,.0f} MB")

    cli = [str(ROOT / ".venv" / "bin" / "disputedesk")]
    results = {}

    # Each measurement starts with a cold page cache where we may drop it (root), else warm.
    drop_caches()
    results["sha256sum"] = timed(f"find {corpus} -type f -print0 | xargs -0 sha256sum > /dev/null", shell=True)[0]
    copy = work / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    drop_caches()
    results["cp -r"] = timed(["cp", "-r", str(corpus), str(copy)])[0]
    t0 = time.perf_counter()
    subprocess.run(["sync"], check=True)
    results["sync after cp"] = time.perf_counter() - t0
    shutil.rmtree(copy, ignore_errors=True)

    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": str(data), "DISPUTEDESK_DATABASE_URL": ""}
    subprocess.run([*cli, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
    drop_caches()
    dt, rss = peak_rss_of([*cli, "import", str(corpus)], env)
    results["import"] = dt
    subprocess.run([*cli, "verify", "--quick"], env=env, check=True, stdout=subprocess.DEVNULL)

    # Memory does not depend on file size: one 1 GiB file.
    big = work / "one-big"
    big.mkdir(exist_ok=True)
    bigf = big / "video.bin"
    if not bigf.exists() or bigf.stat().st_size != 1024**3:
        with open(bigf, "wb") as f:
            blk = os.urandom(16 * 1024 * 1024)
            for _ in range(64):
                f.write(blk)
    data2 = work / "data-big"
    shutil.rmtree(data2, ignore_errors=True)
    env2 = {**env, "DISPUTEDESK_DATA_DIR": str(data2)}
    subprocess.run([*cli, "init"], env=env2, check=True, stdout=subprocess.DEVNULL)
    _, rss_big = peak_rss_of([*cli, "import", str(big)], env2)
    shutil.rmtree(data2, ignore_errors=True)

    floor = results["sha256sum"] + results["cp -r"]
    print()
    print(f"{'step':<28}{'seconds':>10}")
    for k, v in results.items():
        print(f"{k:<28}{v:>10.2f}")
    print()
    print(
        f"import: {n / results['import']:,.0f} files/s, {mb / results['import']:,.0f} MB/s, "
        f"peak RSS {rss / 1024:,.0f} MiB (one 1 GiB file: {rss_big / 1024:,.0f} MiB)"
    )
    print(f"ratio import / (sha256sum + cp -r) = {results['import'] / floor:.2f}  (aim ≤ 1.5)")
    print(f"ratio import / (sha256sum + cp -r + sync) = {results['import'] / (floor + results['sync after cp']):.2f}")
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
