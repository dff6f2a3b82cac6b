"""Benchmark of the mail parsing layer (parse only: no hashing into a vault, no database).

Generates N messages into an mbox in a temporary folder -- English and Chinese, mixed encodings
(UTF-8 base64 / quoted-printable, GBK text labelled gb2312, Big5, raw 8-bit GBK headers), 20 %
with attachments, subjects made of several RFC 2047 encoded words -- then parses the mbox in a
fresh process and prints messages/s, peak memory (RSS) and the number of subjects that did not
come out exactly as generated.  Memory must stay flat from N=5,000 to N=20,000.

    .venv/bin/python benchmarks/mail_parse.py            # N = 5,000 and 20,000
    .venv/bin/python benchmarks/mail_parse.py 1000 3000  # other sizes
"""

from __future__ import annotations

import base64
import json
import os
import quopri
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

ZH_WORDS = [
    "设备",
    "故障",
    "退款",
    "合同",
    "技术支持",
    "工程师",
    "现场",
    "维修",
    "备件",
    "发货",
    "质保",
    "固件",
    "升级",
    "说明书",
    "培训",
    "报价",
    "紧急",
    "停机",
    "损失",
    "赔偿",
    "朱镕基",
    "张喆",
    "王堃",
    "回复",
]
ZH_BIG5_WORDS = ["設備", "故障", "退款", "合同", "技術支援", "工程師", "維修", "備件", "報價", "緊急"]
EN_WORDS = [
    "machine",
    "down",
    "urgent",
    "support",
    "request",
    "spindle",
    "laser",
    "firmware",
    "update",
    "manual",
    "engineer",
    "visit",
    "refund",
    "warranty",
    "spare",
    "parts",
    "invoice",
    "contract",
]


def _words(rng: random.Random, pool: list[str], n: int, sep: str) -> str:
    return sep.join(rng.choice(pool) for _ in range(n))


def _encoded_words(text: str, charset: str, rng: random.Random, mid_char: bool) -> bytes:
    """Several encoded words; split between characters (legal) or, if mid_char, inside them."""
    data = text.encode(charset)
    if mid_char:
        cuts = sorted(rng.sample(range(1, len(data)), k=min(3, len(data) - 1)))
    else:
        pos, cuts = 0, []
        for ch in text[:-1]:
            pos += len(ch.encode(charset))
            if rng.random() < 0.25:
                cuts.append(pos)
    chunks, prev = [], 0
    for c in [*cuts, len(data)]:
        if c > prev:
            chunks.append(data[prev:c])
            prev = c
    enc = "B" if rng.random() < 0.7 else "Q"
    out = []
    for chunk in chunks:
        if enc == "B":
            payload = base64.b64encode(chunk)
        else:
            payload = b"".join(
                bytes([b]) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122) else b"=%02X" % b for b in chunk
            )
        out.append(b"=?" + charset.encode() + b"?" + enc.encode() + b"?" + payload + b"?=")
    return b"\n ".join(out)


def generate(path: Path, expected: Path, n: int, seed: int = 20240305) -> None:
    rng = random.Random(seed)
    t0 = datetime(2024, 1, 1, tzinfo=UTC)
    with open(path, "wb") as mb, open(expected, "w", encoding="utf-8") as ex:
        for i in range(n):
            kind = rng.random()
            when = t0 + timedelta(minutes=17 * i)
            if kind < 0.35:  # English, UTF-8 QP
                subject = "Re: " + _words(rng, EN_WORDS, rng.randint(3, 9), " ")
                subj_raw = subject.encode()
                body_text = _words(rng, EN_WORDS, 80, " ") + "\n"
                body = quopri.encodestring(body_text.encode())
                ctype, cte = b"text/plain; charset=utf-8", b"quoted-printable"
            elif kind < 0.65:  # Chinese UTF-8, multi encoded words
                subject = "回复: " + _words(rng, ZH_WORDS, rng.randint(4, 14), "")
                subj_raw = _encoded_words(subject, "utf-8", rng, mid_char=rng.random() < 0.1)
                body = base64.encodebytes((_words(rng, ZH_WORDS, 120, "") + "\n").encode())
                ctype, cte = b"text/plain; charset=utf-8", b"base64"
            elif kind < 0.85:  # GBK text labelled gb2312 (contains 镕 喆 堃 outside GB2312)
                subject = "关于" + _words(rng, ZH_WORDS, rng.randint(4, 12), "")
                subj_raw = _encoded_words(subject, "gbk", rng, mid_char=False).replace(b"=?gbk?", b"=?gb2312?")
                body = base64.encodebytes((_words(rng, ZH_WORDS, 120, "") + "\n").encode("gbk"))
                ctype, cte = b"text/plain; charset=gb2312", b"base64"
            elif kind < 0.93:  # Big5
                subject = _words(rng, ZH_BIG5_WORDS, rng.randint(3, 8), "")
                subj_raw = _encoded_words(subject, "big5", rng, mid_char=False)
                body = (_words(rng, ZH_BIG5_WORDS, 100, "") + "\n").encode("big5")
                ctype, cte = b"text/plain; charset=big5", b"8bit"
            else:  # raw 8-bit GBK header, as some Chinese servers send
                subject = "答复：" + _words(rng, ZH_WORDS, rng.randint(3, 8), "")
                subj_raw = subject.encode("gbk")
                body = (_words(rng, ZH_WORDS, 100, "") + "\n").encode("gbk")
                ctype, cte = b"text/plain; charset=gbk", b"8bit"
            head = (
                b"From: =?utf-8?B?" + base64.b64encode("王工".encode()) + b"?= <wang@supplier.cn>\n"
                b"To: Anna <anna@buyer.example>\n"
                b"Subject: " + subj_raw + b"\n"
                b"Date: " + format_datetime(when).encode() + b"\n"
                b"Message-ID: <bench-%d@supplier.cn>\n"
                % i
                + (b"In-Reply-To: <bench-%d@supplier.cn>\n" % (i - 1) if i and rng.random() < 0.6 else b"")
                + b"MIME-Version: 1.0\n"
            )
            if rng.random() < 0.2:
                att = base64.encodebytes(rng.randbytes(rng.randint(2_000, 60_000)))
                fname = "现场照片.jpg".encode("gbk")
                fparam = b"filename*=gb2312''" + b"".join(b"%%%02X" % b for b in fname)
                msg = (
                    head
                    + b'Content-Type: multipart/mixed; boundary="==B%d=="\n\n' % i
                    + b"--==B%d==\nContent-Type: " % i
                    + ctype
                    + b"\nContent-Transfer-Encoding: "
                    + cte
                    + b"\n\n"
                    + body
                    + b"\n--==B%d==\nContent-Type: image/jpeg\nContent-Transfer-Encoding: base64\n" % i
                    + b"Content-Disposition: attachment; "
                    + fparam
                    + b"\n\n"
                    + att
                    + b"--==B%d==--\n" % i
                )
            else:
                msg = head + b"Content-Type: " + ctype + b"\nContent-Transfer-Encoding: " + cte + b"\n\n" + body
            body_lines = [(b">" + ln if ln.lstrip(b">").startswith(b"From ") else ln) for ln in msg.split(b"\n")]
            mb.write(b"From wang@supplier.cn " + when.strftime("%a %b %d %H:%M:%S %Y").encode() + b"\n")
            mb.write(b"\n".join(body_lines).rstrip(b"\n") + b"\n\n")
            ex.write(json.dumps(subject, ensure_ascii=False) + "\n")


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_parse(mbox: Path, expected: Path) -> dict[str, float]:
    from disputedesk.ingest.mail import parse_path

    base = _rss_mib()
    n_msgs = incomplete = n_items = n_att = n_damaged = 0
    t0 = time.perf_counter()
    with open(expected, encoding="utf-8") as ex:
        for item in parse_path(mbox):
            n_items += 1
            n_att += item.kind == "attachment"
            if item.kind == "message" and item.parent_key is None and item.message is not None:
                n_msgs += 1
                want = json.loads(ex.readline())
                if item.message.subject != want:
                    incomplete += 1
                n_damaged += item.message.damaged
    elapsed = time.perf_counter() - t0
    return {
        "messages": n_msgs,
        "items": n_items,
        "seconds": elapsed,
        "msgs_per_s": n_msgs / elapsed,
        "rss_base_mib": base,
        "rss_peak_mib": _rss_mib(),
        "incomplete_subjects": incomplete,
        "attachments": n_att,
        "damaged": n_damaged,
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        print(json.dumps(run_parse(Path(argv[1]), Path(argv[2]))))
        return
    sizes = [int(a) for a in argv] or [5_000, 20_000]
    print(
        f"{'N':>7} {'mbox MiB':>9} {'msgs/s':>8} {'seconds':>8} {'peak RSS MiB':>13} {'over base':>10} "
        f"{'bad subj':>9} {'attachm.':>9} {'damaged':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            mbox, expected = Path(tmp) / f"bench-{n}.mbox", Path(tmp) / f"bench-{n}.subjects"
            generate(mbox, expected, n)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(mbox), str(expected)],
                check=True,
                capture_output=True,
                text=True,
            )
            r = json.loads(out.stdout)
            print(
                f"{n:>7} {os.path.getsize(mbox) / 2**20:>9.1f} {r['msgs_per_s']:>8.0f} {r['seconds']:>8.1f} "
                f"{r['rss_peak_mib']:>13.1f} {r['rss_peak_mib'] - r['rss_base_mib']:>10.1f} "
                f"{r['incomplete_subjects']:>9} {r['attachments']:>9} {r['damaged']:>8}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
