"""Benchmark: the same files written to the local blob folder and to an S3-compatible store.

Generates (once, kept in --work) ``--big`` files of ``--big-mb`` MB and ``--small`` files of
about ``--small-kb`` KB — by default 200 x 10 MB + 10,000 x 4 KB, about 2 GB — then, in the same
run, stores every file through ``LocalBlobStore`` (with its ``flush()``, i.e. durable on disk)
and through ``S3BlobStore`` (durable when the server acknowledges), and prints MB/s and files/s
for the large and the small files, and the ratio S3 / local.

The S3 side is the local test server of tests/s3server.py (SeaweedFS on 127.0.0.1, started
and stopped here), unless ``--endpoint`` names another one (credentials then come from
AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, bucket from --bucket).

    .venv/bin/python benchmarks/blob_throughput.py                 # the full 2 GB
    .venv/bin/python benchmarks/blob_throughput.py --scale 0.05    # 5 %: a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from disputedesk.store.blobs import LocalBlobStore, S3BlobStore  # noqa: E402

MB = 1_000_000


def generate(corpus: Path, big: int, big_bytes: int, small: int, small_bytes: int) -> tuple[list[Path], list[Path]]:
    marker = corpus / f".complete-{big}-{big_bytes}-{small}-{small_bytes}"
    big_dir, small_dir = corpus / "big", corpus / "small"
    if not marker.exists():
        shutil.rmtree(corpus, ignore_errors=True)
        big_dir.mkdir(parents=True)
        small_dir.mkdir(parents=True)
        block = os.urandom(big_bytes + 4096)
        for i in range(big):
            with open(big_dir / f"video{i:04d}.bin", "wb") as f:
                f.write(i.to_bytes(8, "big"))  # every file different, none compressible
                f.write(block[i % 4096 : i % 4096 + big_bytes - 8])
        for i in range(small):
            prefix = f"message {i}\n".encode()
            (small_dir / f"mail{i:06d}.eml").write_bytes(prefix + block[i : i + small_bytes - len(prefix)])
        marker.write_text("ok")
    return sorted(big_dir.iterdir()), sorted(small_dir.iterdir())


def timed(files: list[Path], put: Callable[[list[Path]], list[object]], flush: Callable[[], None]) -> tuple[float, int]:
    t = time.perf_counter()
    for r in put(files):
        if isinstance(r, Exception):
            raise r
    flush()
    return time.perf_counter() - t, sum(p.stat().st_size for p in files)


def run(store_name: str, store: LocalBlobStore | S3BlobStore, big: list[Path], small: list[Path]) -> dict[str, float]:
    """Each store as the import uses it: ``put_files`` stores ``parallel_puts`` files at once
    (2 for the local folder, 16 for S3), then one ``flush`` makes them durable."""
    store.check_writable()
    tb, bb = timed(big, store.put_files, store.flush)  # type: ignore[arg-type]
    ts, bs = timed(small, store.put_files, store.flush)  # type: ignore[arg-type]
    row = {
        "store": store_name,
        "big_files": len(big),
        "big_mb_s": bb / MB / tb,
        "big_files_s": len(big) / tb,
        "small_files": len(small),
        "small_mb_s": bs / MB / ts,
        "small_files_s": len(small) / ts,
        "total_mb": (bb + bs) / MB,
        "total_s": tb + ts,
        "total_mb_s": (bb + bs) / MB / (tb + ts),
    }
    print(
        f"{store_name:>6}: large {row['big_mb_s']:8.1f} MB/s {row['big_files_s']:7.2f} files/s | "
        f"small {row['small_mb_s']:6.2f} MB/s {row['small_files_s']:7.1f} files/s | "
        f"all {row['total_mb']:.0f} MB in {row['total_s']:.1f} s = {row['total_mb_s']:.1f} MB/s",
        flush=True,
    )
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--big", type=int, default=200, help="number of large files (default 200)")
    ap.add_argument("--big-mb", type=float, default=10.0, help="size of each large file in MB (default 10)")
    ap.add_argument("--small", type=int, default=10_000, help="number of small files (default 10,000)")
    ap.add_argument("--small-kb", type=float, default=4.0, help="size of each small file in KB (default 4)")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply both file counts (e.g. 0.05 for a quick run)")
    ap.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out" / "blobs", help="corpus + local store")
    ap.add_argument("--endpoint", help="an S3 endpoint to use instead of starting the local test server")
    ap.add_argument("--bucket", default=f"dd-bench-{uuid.uuid4().hex[:8]}")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    a = ap.parse_args()

    nbig, nsmall = max(1, round(a.big * a.scale)), max(1, round(a.small * a.scale))
    big, small = generate(a.work / "corpus", nbig, int(a.big_mb * MB), nsmall, int(a.small_kb * 1000))
    size = sum(p.stat().st_size for p in big + small)
    print(f"corpus: {len(big)} x {a.big_mb:g} MB + {len(small)} x {a.small_kb:g} KB = {size / MB:.0f} MB", flush=True)

    local_root = a.work / "local-store"
    shutil.rmtree(local_root, ignore_errors=True)
    rows = [run("local", LocalBlobStore(local_root), big, small)]
    shutil.rmtree(local_root, ignore_errors=True)

    stop: Callable[[], None] | None = None
    server_dir = None
    try:
        if a.endpoint:
            endpoint, key, secret = a.endpoint, None, None
        else:
            from s3server import ACCESS_KEY, SECRET_KEY, server_problem, start_s3_server

            problem = server_problem()
            if problem:
                print(f"no S3 figures: {problem}", file=sys.stderr)
                return 1
            server_dir = Path(tempfile.mkdtemp(prefix="dd-s3bench-", dir=a.work))
            endpoint, stop = start_s3_server(server_dir)
            key, secret = ACCESS_KEY, SECRET_KEY
        store = S3BlobStore(f"s3://{a.bucket}/bench", endpoint=endpoint, access_key=key, secret_key=secret)
        rows.append(run("s3", store, big, small))
    finally:
        if stop:
            stop()
        if server_dir:
            shutil.rmtree(server_dir, ignore_errors=True)

    loc, s3 = rows
    ratio = {
        "large_mb_s": s3["big_mb_s"] / loc["big_mb_s"],
        "small_files_s": s3["small_files_s"] / loc["small_files_s"],
        "total_mb_s": s3["total_mb_s"] / loc["total_mb_s"],
    }
    print(
        f" s3/local: large files {ratio['large_mb_s']:.2f}x MB/s, small files {ratio['small_files_s']:.2f}x files/s, "
        f"overall {ratio['total_mb_s']:.2f}x MB/s"
    )
    if a.json:
        a.json.write_text(json.dumps({"rows": rows, "ratio": ratio, "endpoint": endpoint}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
