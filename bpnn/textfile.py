"""Reading a user's text file (a spec, an article, a names map) without surprises.

A missing, empty, binary, UTF-16 or UTF-32, non-UTF-8, oversized or non-regular file (a directory, a device such as
``/dev/zero``, a named pipe, a socket) is refused with one line naming the file and what is wrong,
before anything large is read: the file type is checked on the open descriptor (a FIFO is opened
without waiting for a writer), and at most ``max_bytes`` + 1 bytes are ever read, whatever the file
system reports as its size.  ``"-"`` reads standard input, bounded the same way.
"""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from .errors import BpnnError

__all__ = ["read_text_file", "MAX_BYTES"]

MAX_BYTES = 10_000_000   # the default limit: 10 MB


def _read_bytes(path: str, what: str, max_bytes: int) -> bytes:
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise BpnnError(f"-: cannot read {what} from standard input")
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise BpnnError(f"-: {what} on standard input is over the limit of {max_bytes} bytes")
        return data
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked before any read
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise BpnnError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        raise BpnnError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise BpnnError(f"{path}: cannot read {what}: {exc.strerror}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise BpnnError(f"{path}: is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            kind = ("a character device" if stat.S_ISCHR(st.st_mode) else "a block device" if stat.S_ISBLK(st.st_mode)
                    else "a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                    else "not a regular file")
            raise BpnnError(f"{path}: is {kind}, not a regular file; pipe it to '-' (standard input) instead")
        if st.st_size > max_bytes:
            raise BpnnError(f"{path}: {what} is {st.st_size} bytes; the limit is {max_bytes} bytes")
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while total <= max_bytes:  # never more than the limit, whatever st_size said
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise BpnnError(f"{path}: cannot read {what}: {exc.strerror}") from None
    finally:
        os.close(fd)
    if total > max_bytes:
        raise BpnnError(f"{path}: {what} is over the limit of {max_bytes} bytes")
    return b"".join(chunks)


def _utf16_or_32(data: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when the bytes are text in one of those (a byte order mark, or the NUL
    bytes of ASCII text in UTF-16: every other byte, at the same parity), and decode as such; else None."""
    def decodes(codec: str) -> bool:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            return False
        return True

    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) and decodes("utf-32"):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and decodes("utf-16"):
        return "UTF-16"
    head = data[:4096]
    if len(head) >= 4:
        for zeros, other, codec in ((head[0::2], head[1::2], "utf-16-be"), (head[1::2], head[0::2], "utf-16-le")):
            # UTF-16 of mostly ASCII text: one byte of each pair is NUL, the other almost never is
            if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other) and decodes(codec):
                return "UTF-16"
    return None


def read_text_file(path: str | Path, what: str = "file", max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file, refusing missing, empty, binary, huge, non-UTF-8 and non-regular files clearly.

    ``"-"`` reads standard input.  At most ``max_bytes`` + 1 bytes are ever read.
    """
    path = str(path)
    data = _read_bytes(path, what, max_bytes)
    if not data.strip():
        raise BpnnError(f"{path}: {what} is empty")
    encoding = _utf16_or_32(data)
    if encoding:
        raise BpnnError(f"{path}: {what} is {encoding} text, please save it as UTF-8")
    if b"\x00" in data:
        raise BpnnError(f"{path}: {what} is binary (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BpnnError(f"{path}: {what} is not valid UTF-8 (line {line}, byte {exc.start})") from None
    return text.lstrip("\ufeff")
