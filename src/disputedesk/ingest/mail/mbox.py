"""Stream messages out of an mbox file (mboxo or mboxrd) in constant memory.

Separator rule (robust against unquoted "From " lines in bodies, which mboxo writers and many
exporters leave in): a line is a message separator only if

* it starts with ``From `` and
* it is the first line of the file or follows an empty line and
* it looks like a From_ line: ``From <sender> <asctime date>`` with a time ``hh:mm`` and a
  four-digit year, e.g. ``From MAILER-DAEMON Fri Jul  8 12:08:34 2011`` or Gmail's
  ``From 1234@xxx Sat Jan 03 10:00:00 +0000 2015``.

Inside a message, ``>From `` quoting is undone: with ``variant="mboxrd"`` (default) one ``>`` is
removed from every line matching ``^>+From ``; with ``variant="mboxo"`` only ``^>From `` lines are
unquoted (mboxo cannot tell an original ">From " from a quoted "From ").  The byte offset and
length of every message in the file are reported so the untouched on-disk bytes can always be
found again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from .eml import iter_eml_items
from .model import ParsedItem

__all__ = ["MAX_MESSAGE_BYTES", "iter_mbox_items", "iter_mbox_messages", "is_from_line", "split_points"]

MAX_MESSAGE_BYTES = 256 * 1024 * 1024
_FROM_LINE = re.compile(
    rb"^From \S*[ \t]+.*\b\d{1,2}:\d{2}(?::\d{2})?\b.*\b(?:19|20|21)\d{2}\b",
)
_RD_QUOTED = re.compile(rb"^>+From ")


def is_from_line(line: bytes) -> bool:
    """True if this line looks like an mbox From_ separator (sender and date)."""
    return line.startswith(b"From ") and _FROM_LINE.match(line) is not None


def _unquote(line: bytes, variant: str) -> bytes:
    if variant == "mboxrd":
        if line.startswith(b">") and _RD_QUOTED.match(line):
            return line[1:]
    elif line.startswith(b">From "):
        return line[1:]
    return line


def iter_mbox_messages(
    stream: BinaryIO,
    *,
    variant: Literal["mboxrd", "mboxo"] = "mboxrd",
    max_message_bytes: int = MAX_MESSAGE_BYTES,
    start: int = 0,
    end: int | None = None,
) -> Iterator[tuple[int, int, bytes, bytes, list[str]]]:
    """Yield ``(offset, length, from_line, message_bytes, notes)`` for each message.

    ``message_bytes`` has the From_ line removed, the quoting undone and the blank separator
    line before the next From_ line dropped.  ``notes`` lists problems (truncation, size).
    ``start``/``end`` read one segment of the file: both must be separators from
    :func:`split_points` (or 0 / the end of the file); offsets stay those of the whole file.
    """
    if start:
        stream.seek(start)
    offset = start
    start = 0
    from_line = b""
    lines: list[bytes] = []
    size = 0
    oversized = False
    prev_blank = True  # start of file counts as "after a blank line"
    started = False
    leading_junk = False

    def flush(end: int, at_eof: bool) -> tuple[int, int, bytes, bytes, list[str]]:
        notes: list[str] = []
        body = lines
        if not at_eof and body and body[-1] in (b"\n", b"\r\n"):
            body = body[:-1]
        data = b"".join(body)
        if at_eof:
            if data and not data.endswith(b"\n"):
                notes.append("mbox truncated: the last message ends without a newline")
            elif data.endswith(b"\n\n") or data.endswith(b"\r\n\r\n"):
                data = data[:-1] if data.endswith(b"\n\n") else data[:-2]
        if oversized:
            notes.append(f"message larger than {max_message_bytes} bytes: not read")
            data = b""
        if leading_junk and not from_line:
            notes.append("text before the first From_ line")
        return start, end - start, from_line, data, notes

    cut = False  # stopped at ``end``: the next message follows, this is not the file's end
    for line in stream:
        if end is not None and offset >= end:
            cut = True
            break
        is_sep = prev_blank and line.startswith(b"From ") and is_from_line(line.rstrip(b"\r\n"))
        if is_sep:
            if started and (lines or from_line):
                yield flush(offset, at_eof=False)
            started = True
            start = offset
            from_line = line.rstrip(b"\r\n")
            lines = []
            size = 0
            oversized = False
        else:
            if not started:
                if line.strip():
                    started = True
                    leading_junk = True
                    start = offset
                else:
                    offset += len(line)
                    continue
            if not oversized:
                size += len(line)
                if size > max_message_bytes:
                    oversized = True
                    lines = []
                else:
                    lines.append(_unquote(line, variant) if line[:1] == b">" else line)
        prev_blank = line in (b"\n", b"\r\n")
        offset += len(line)
    if started and (lines or from_line or oversized):
        yield flush(offset, at_eof=not cut)


def split_points(path: str | Path, every: int) -> list[int]:
    """Offsets of separators about ``every`` bytes apart (0 first): segments that parse alone.

    Each point is a From_ line after an empty line (the rule of :func:`iter_mbox_messages`), so
    the segments give exactly the messages of the whole file, in order.
    """
    points = [0]
    with open(path, "rb") as fh:
        size = fh.seek(0, 2)
        pos = every
        while pos < size:
            fh.seek(pos)
            offset = pos + len(fh.readline())  # the rest of a line we may have landed in
            prev_blank = False
            found = None
            for line in fh:
                if prev_blank and line.startswith(b"From ") and is_from_line(line.rstrip(b"\r\n")):
                    found = offset
                    break
                prev_blank = line in (b"\n", b"\r\n")
                offset += len(line)
            if found is None:
                break
            if found > points[-1]:
                points.append(found)
            pos = max(found + 1, pos + every)
    return points


def iter_mbox_items(
    path: str | Path,
    *,
    variant: Literal["mboxrd", "mboxo"] = "mboxrd",
    key_prefix: str = "",
    max_message_bytes: int = MAX_MESSAGE_BYTES,
    start: int = 0,
    end: int | None = None,
) -> Iterator[ParsedItem]:
    """Parse every message of an mbox file (or of the segment ``start``-``end``, see
    :func:`split_points`); one message (plus its children) at a time."""
    source = str(path)
    with open(path, "rb") as fh:
        for n, (offset, length, from_line, data, notes) in enumerate(
            iter_mbox_messages(fh, variant=variant, max_message_bytes=max_message_bytes, start=start, end=end)
        ):
            key = f"{key_prefix}{n}"
            location = f"mbox bytes {offset}-{offset + length} ({from_line.decode('latin-1')[:80]})"
            items = iter_eml_items(data, source=source, key=key, location=location)
            first = next(items)
            if first.message is not None:
                first.message.errors.extend(notes)
            elif notes:
                first.reason = "; ".join([*notes, first.reason or ""]).strip("; ")
            yield first
            yield from items
