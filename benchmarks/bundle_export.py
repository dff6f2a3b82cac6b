"""Benchmark: export an evidence bundle of >= 5,000 items / >= 2 GB, against the floor.

The floor of the job is reading every original once, hashing it and writing it into a ZIP, so
in the same run and on the same files (the vault's blobs) we time ``zip -0`` (read + CRC +
write, no compression) and ``sha256sum`` (read + hash) and report the export's time as a ratio
of the two together. The export also renders the evidence list (PDF + CSV), the chronology, the
printouts of the correspondence and writes the ledger, so it does more than the floor. Peak
memory (RSS) of the export process is measured in a fresh child process; it does not grow
with the bytes exported (files are streamed in 1 MiB chunks).

    .venv/bin/python benchmarks/bundle_export.py [--items 5000] [--gb 2.1] [--mails 300] [--work DIR]

The vault (corpus imported once) is kept in --work (default benchmarks/out/bundle) and reused.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MAIL = (
    "From: {sender}\r\nTo: Jonas Reuter <j.reuter@auerbach-feinblech.de>\r\nSubject: {subject} #{i}\r\n"
    "Date: {date}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
)


def generate(corpus: Path, items: int, total_bytes: int, mails: int) -> None:
    marker = corpus.parent / f".corpus-{items}-{total_bytes}-{mails}"
    if marker.exists():
        return
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    rng = random.Random(7)
    block = os.urandom(8 * 1024 * 1024)
    files = items - mails
    large = max(1, files // 100)  # 1 % videos and scans carry most of the bytes
    small_sizes = [rng.randint(20_000, 400_000) for _ in range(files - large)]
    large_size = max(total_bytes - sum(small_sizes), large * 1024 * 1024) // large
    for i, size in enumerate(small_sizes + [large_size] * large):
        folder = corpus / f"box{i % 40:02d}"
        folder.mkdir(exist_ok=True)
        with open(folder / f"item{i:06d}.bin", "wb") as f:
            prefix = f"file {i} ".encode()
            f.write(prefix)
            left = size - len(prefix)
            off = (i * 7919) % len(block)
            while left > 0:
                chunk = block[off : off + left]
                f.write(chunk)
                left -= len(chunk)
                off = 0
    mail_dir = corpus / "mail"
    mail_dir.mkdir()
    for i in range(mails):
        zh = i % 2 == 0
        body = (
            "您好，我们已收到您的日志，工程师会尽快回复。设备型号 RF-F3015-6kW，报警 E-207。\r\n" * rng.randint(3, 30)
            if zh
            else "Laser 1 is still down with alarm E-207. Please send the engineer this week.\r\n" * rng.randint(3, 30)
        )
        text = MAIL.format(
            sender="Wang Lei <wanglei@ruifenglaser.com>" if zh else "Jonas Reuter <j.reuter@auerbach-feinblech.de>",
            subject="回复：E207 报警" if zh else "Laser 1 down",
            i=i,
            date=f"Mon, {1 + i % 28:02d} Jun 2026 10:{i % 60:02d}:00 +0800",
            body=body,
        )
        (mail_dir / f"m{i:05d}.eml").write_bytes(text.encode("utf-8"))
    marker.touch()


def timed(cmd: list[str] | str, *, shell: bool = False, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of a command, measured in a fresh child so maxima do not mix."""
    code = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        f"subprocess.run({cmd!r},shell={shell!r},check=True,stdout=subprocess.DEVNULL);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True).stdout
    t, rss = out.split()
    return float(t), int(rss)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=5000)
    ap.add_argument("--gb", type=float, default=2.1)
    ap.add_argument("--mails", type=int, default=300)
    ap.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out" / "bundle")
    args = ap.parse_args()
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    total = int(args.gb * 1024**3)
    print(f"corpus: {args.items} items ({args.mails} mails), {args.gb} GiB in {corpus}", flush=True)
    generate(corpus, args.items, total, args.mails)
    data = work / "data"
    env = {
        **os.environ,
        "DISPUTEDESK_DATA_DIR": str(data),
        "DISPUTEDESK_DATABASE_URL": "",
        "DISPUTEDESK_BLOB_STORE": "",
    }
    cli = [sys.executable, "-m", "disputedesk.cli"]
    if not (work / ".imported").exists():
        shutil.rmtree(data, ignore_errors=True)
        subprocess.run([*cli, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
        t = time.perf_counter()
        subprocess.run([*cli, "import", str(corpus)], env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"imported into the vault in {time.perf_counter() - t:.1f} s (not part of the comparison)", flush=True)
        (work / ".imported").touch()
    blobs = sorted(p for p in (data / "blobs" / "sha256").glob("??/??/*"))
    size = sum(p.stat().st_size for p in blobs)
    print(f"vault: {len(blobs)} blobs, {size / 1e9:.2f} GB", flush=True)
    listing = work / "blobs.txt"
    listing.write_text("".join(f"{p}\n" for p in blobs))
    # Warm the page cache equally for everyone: read every blob once.
    subprocess.run(f"xargs -a {listing} cat > /dev/null", shell=True, check=True)
    out_zip = work / "floor.zip"
    out_bundle = work / "bundle.zip"
    for p in (out_zip, out_bundle):
        p.unlink(missing_ok=True)
    t_zip, rss_zip = timed(f"zip -0 -q -@ {out_zip} < {listing}", shell=True)
    out_zip.unlink()
    t_sha, rss_sha = timed(f"xargs -a {listing} sha256sum > /dev/null", shell=True)
    subprocess.run(["sync"], check=False)
    t_exp, rss_exp = timed([*cli, "bundle", "export", "--all", "--out", str(out_bundle)], env=env)
    bundle_size = out_bundle.stat().st_size
    t_ver, rss_ver = timed([*cli, "bundle", "verify", str(out_bundle)], env=env)
    # Memory flat: the same export for 100 items (a few MB) peaks at about the same RSS.
    small = work / "small.zip"
    labels = ",".join(f"E-{n:04d}" for n in range(1, 101))
    t_small, rss_small = timed([*cli, "bundle", "export", "--items", labels, "--out", str(small)], env=env)
    small_size = small.stat().st_size
    small.unlink()
    floor = t_zip + t_sha
    print()
    print("| step | time | peak RSS |")
    print("| --- | --- | --- |")
    print(f"| `zip -0` of the {len(blobs)} originals | {t_zip:.1f} s | {rss_zip / 1024:.0f} MiB |")
    print(f"| `sha256sum` of the same files | {t_sha:.1f} s | {rss_sha / 1024:.0f} MiB |")
    print(f"| floor (the two together) | {floor:.1f} s | |")
    print(
        f"| `disputedesk bundle export --all` ({bundle_size / 1e9:.2f} GB bundle) | {t_exp:.1f} s "
        f"(**{t_exp / floor:.2f}×** the floor) | {rss_exp / 1024:.0f} MiB |"
    )
    print(f"| `disputedesk bundle verify` (offline, re-hashes everything) | {t_ver:.1f} s | {rss_ver / 1024:.0f} MiB |")
    print(
        f"| for comparison: export of 100 items ({small_size / 1e6:.0f} MB bundle) | {t_small:.1f} s "
        f"| {rss_small / 1024:.0f} MiB |"
    )
    out_bundle.unlink()


if __name__ == "__main__":
    main()
