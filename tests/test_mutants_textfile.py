"""Tests that kill mutants of bpnn/textfile.py that the other tests let survive (scripts/mutation.py).

Each test checks what the module's docstring promises (a missing, empty, binary, UTF-16/32, non-UTF-8,
oversized or non-regular file refused with one line naming the file and what is wrong; at most
``max_bytes`` + 1 bytes ever read), with inputs whose right answer is worked out by hand in the test.
"""
import io
import os
import socket
import stat
import sys

import pytest

from bpnn import textfile
from bpnn.errors import BpnnError
from bpnn.textfile import MAX_BYTES, read_text_file


def _refused(path, *words, **kw):
    with pytest.raises(BpnnError) as info:
        read_text_file(path, **kw)
    msg = str(info.value)
    for w in words:
        assert w in msg, (w, msg)
    assert "\n" not in msg
    return msg


# ----------------------------------------------------------------------------- the size limit, at the boundary
def test_a_file_of_exactly_max_bytes_is_read_and_one_byte_more_is_refused(tmp_path):
    p = tmp_path / "f.txt"
    p.write_bytes(b"a" * 100)
    assert read_text_file(p, max_bytes=100) == "a" * 100
    p.write_bytes(b"a" * 101)
    msg = _refused(p, str(p), "is 101 bytes", "the limit is 100 bytes", what="spec", max_bytes=100)
    assert msg.startswith(f"{p}: spec is 101 bytes")


def test_the_default_limit_is_ten_megabytes(tmp_path):
    """MAX_BYTES is the documented 10 MB; a sparse file of 10 000 001 bytes is refused by its size, one of
    exactly 10 000 000 bytes (all NUL) is read and then refused as binary, not as too large."""
    assert MAX_BYTES == 10_000_000
    p = tmp_path / "big.txt"
    with open(p, "wb") as f:
        f.truncate(10_000_001)
    _refused(p, "is 10000001 bytes", "the limit is 10000000 bytes")
    with open(p, "wb") as f:
        f.truncate(10_000_000)
    _refused(p, "binary (contains NUL bytes)")


class _ReadSpy:
    """os.read that returns at most ``short`` bytes per call (as read(2) may) and records what was asked."""

    def __init__(self, short=None):
        self.asked = []           # (bytes read before the call, bytes asked for)
        self.short = short
        self.real = os.read

    def __call__(self, fd, n):
        before = sum(len(c) for c in getattr(self, "got", []))
        self.asked.append((before, n))
        chunk = self.real(fd, n if self.short is None else min(n, self.short))
        self.got = getattr(self, "got", []) + [chunk]
        return chunk

    def never_beyond(self, limit):
        """No call could have read past byte ``limit``: each asked at most limit - (bytes read before)."""
        return all(before + n <= limit for before, n in self.asked)


def _lying_size(monkeypatch, size=0):
    """os.fstat as a file system that reports a wrong size (as /proc does: 0) for regular files."""
    real = os.fstat

    def fstat(fd):
        st = real(fd)
        if stat.S_ISREG(st.st_mode):
            fields = list(st)[:10]
            fields[stat.ST_SIZE] = size
            return os.stat_result(fields)
        return st

    monkeypatch.setattr(textfile.os, "fstat", fstat)


def test_at_most_max_bytes_plus_one_are_read_whatever_the_size_reported(tmp_path, monkeypatch):
    p = tmp_path / "f.txt"
    p.write_bytes(b"x" * 3000)
    _lying_size(monkeypatch, 0)
    spy = _ReadSpy()
    monkeypatch.setattr(textfile.os, "read", spy)
    _refused(p, "over the limit of 1000 bytes", max_bytes=1000)
    assert spy.never_beyond(1001), spy.asked
    spy = _ReadSpy()
    monkeypatch.setattr(textfile.os, "read", spy)
    assert read_text_file(p, max_bytes=3000) == "x" * 3000      # exactly the limit: read whole
    assert spy.never_beyond(3001), spy.asked
    spy = _ReadSpy()
    monkeypatch.setattr(textfile.os, "read", spy)
    big = tmp_path / "big.txt"
    big.write_bytes(b"z" * (3 << 20))                           # 3 MiB: reads of 1 MiB, then the last byte
    assert read_text_file(big, max_bytes=3 << 20) == "z" * (3 << 20)
    assert spy.never_beyond((3 << 20) + 1), spy.asked


def test_short_reads_at_the_limit_still_find_the_byte_beyond_it(tmp_path, monkeypatch):
    """Reads that return 7 bytes at a time reach exactly the limit (14) after two calls; the file is
    longer, so one more byte must be read to see that (a file system that reports size 0)."""
    p = tmp_path / "f.txt"
    p.write_bytes(b"y" * 40)
    _lying_size(monkeypatch, 0)
    monkeypatch.setattr(textfile.os, "read", _ReadSpy(short=7))
    _refused(p, "over the limit of 14 bytes", max_bytes=14)
    assert read_text_file(p, max_bytes=40) == "y" * 40


def test_a_file_larger_than_one_read_chunk_is_read_whole(tmp_path):
    p = tmp_path / "f.txt"
    text = "0123456789" * 250_000          # 2.5 MB: three chunks of at most 1 MiB
    p.write_text(text, encoding="utf-8")
    assert read_text_file(p) == text


def test_the_file_descriptor_is_closed(tmp_path, monkeypatch):
    p = tmp_path / "f.txt"
    p.write_text("hello", encoding="utf-8")
    opened, closed = [], []
    real_open, real_close = os.open, os.close
    monkeypatch.setattr(textfile.os, "open", lambda *a: opened.append(real_open(*a)) or opened[-1])
    monkeypatch.setattr(textfile.os, "close", lambda fd: closed.append(fd) or real_close(fd))
    assert read_text_file(p) == "hello"
    assert opened and closed == opened


# ----------------------------------------------------------------------------- standard input
class _Stdin:
    def __init__(self, data):
        self.buffer = _Buffer(data)


class _Buffer(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.asked = []

    def read(self, n=-1):
        self.asked.append(n)
        return super().read(n)


def test_standard_input_is_read_up_to_the_limit(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(b"a" * 50))
    assert read_text_file("-", max_bytes=50) == "a" * 50
    assert sys.stdin.buffer.asked == [51]             # max_bytes + 1, never more
    monkeypatch.setattr(sys, "stdin", _Stdin(b"a" * 51))
    msg = _refused("-", "-: spec on standard input is over the limit of 50 bytes", what="spec", max_bytes=50)
    assert msg.startswith("-: ")


def test_standard_input_without_a_byte_stream_is_refused(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("text"))      # no .buffer
    _refused("-", "-: cannot read article from standard input", what="article")


def test_a_file_named_like_a_dash_is_not_standard_input(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(b"from stdin"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "--").write_text("from the file", encoding="utf-8")
    assert read_text_file("--") == "from the file"


# ----------------------------------------------------------------------------- what cannot be opened or is not a file
def test_a_missing_file(tmp_path):
    p = tmp_path / "nope.json"
    msg = _refused(p, what="spec file")
    assert msg == f"{p}: no such spec file"


def test_a_directory(tmp_path):
    assert _refused(tmp_path, what="spec") == f"{tmp_path}: is a directory, not a file"


def test_a_directory_where_opening_it_fails(tmp_path, monkeypatch):
    """Where the system refuses to open a directory (IsADirectoryError), the same one line."""
    def refuse(*a):
        raise IsADirectoryError(21, "Is a directory")

    monkeypatch.setattr(textfile.os, "open", refuse)
    assert _refused(tmp_path / "d", what="spec") == f"{tmp_path / 'd'}: is a directory, not a file"


def test_a_name_too_long_to_open(tmp_path):
    p = tmp_path / ("x" * 5000)
    assert _refused(p, what="spec") == f"{p}: cannot read spec: File name too long"


def test_a_read_error(tmp_path, monkeypatch):
    p = tmp_path / "f.txt"
    p.write_text("hello", encoding="utf-8")

    def fail(fd, n):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(textfile.os, "read", fail)
    assert _refused(p, what="article") == f"{p}: cannot read article: Input/output error"


@pytest.mark.parametrize("kind, mode", [("a block device", stat.S_IFBLK), ("a character device", stat.S_IFCHR),
                                        ("a named pipe (FIFO)", stat.S_IFIFO), ("a socket", stat.S_IFSOCK),
                                        ("not a regular file", stat.S_IFLNK)])
def test_each_kind_of_file_is_named(tmp_path, monkeypatch, kind, mode):
    """The file type as fstat reports it (a file system may report any): named in the one line."""
    p = tmp_path / "f.txt"
    p.write_text("hello", encoding="utf-8")
    real = os.fstat

    def fstat(fd):
        fields = list(real(fd))[:10]
        fields[stat.ST_MODE] = mode | 0o600
        return os.stat_result(fields)

    monkeypatch.setattr(textfile.os, "fstat", fstat)
    msg = _refused(p)
    assert msg == f"{p}: is {kind}, not a regular file; pipe it to '-' (standard input) instead"


def test_a_directory_as_fstat_reports_it(tmp_path, monkeypatch):
    p = tmp_path / "f.txt"
    p.write_text("hello", encoding="utf-8")
    real = os.fstat

    def fstat(fd):
        fields = list(real(fd))[:10]
        fields[stat.ST_MODE] = stat.S_IFDIR | 0o700
        return os.stat_result(fields)

    monkeypatch.setattr(textfile.os, "fstat", fstat)
    assert _refused(p) == f"{p}: is a directory, not a file"


def test_a_character_device_and_a_socket(tmp_path):
    assert _refused("/dev/null").startswith("/dev/null: is a character device, not a regular file")
    path = tmp_path / "s.sock"
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(path))
    except OSError:
        pytest.skip("no Unix sockets here")
    try:
        msg = _refused(path)     # Linux refuses to open a socket (ENXIO), others open it: one line either way
    finally:
        s.close()
    assert msg.startswith(f"{path}: ")


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    p = tmp_path / "pipe"
    os.mkfifo(p)
    assert _refused(p).startswith(f"{p}: is a named pipe (FIFO), not a regular file")


# ----------------------------------------------------------------------------- content
@pytest.mark.parametrize("data", [b"", b"   \n\t  \r\n"])
def test_an_empty_or_blank_file(tmp_path, data):
    p = tmp_path / "f.txt"
    p.write_bytes(data)
    assert _refused(p, what="article") == f"{p}: article is empty"


def test_binary_data(tmp_path):
    p = tmp_path / "f.bin"
    p.write_bytes(b"abc\x00def")
    assert _refused(p) == f"{p}: file is binary (contains NUL bytes), not text"
    p.write_bytes(b"\x00" * 100)      # all NUL: one byte of each pair is 0, but so is the other: not UTF-16
    assert _refused(p) == f"{p}: file is binary (contains NUL bytes), not text"


def test_invalid_utf8_names_line_and_byte(tmp_path):
    p = tmp_path / "f.txt"
    p.write_bytes(b"ab\ncd\n\xffx")      # the bad byte is byte 6 (from 0), on line 3
    assert _refused(p) == f"{p}: file is not valid UTF-8 (line 3, byte 6)"


def test_a_utf8_byte_order_mark_is_dropped(tmp_path):
    p = tmp_path / "f.txt"
    p.write_bytes(b"\xef\xbb\xbfXY\xef\xbb\xbf")
    assert read_text_file(p) == "XY\ufeff"        # only the leading mark is a byte order mark
    p.write_bytes("é\n".encode("utf-8"))
    assert read_text_file(str(p)) == "é\n"


# ----------------------------------------------------------------------------- UTF-16 and UTF-32
@pytest.mark.parametrize("codec, name", [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
                                         ("utf-32", "UTF-32"), ("utf-32-be", "UTF-32")])
def test_utf16_and_utf32_are_named(tmp_path, codec, name):
    text = '{"layers": []}'
    data = text.encode(codec)
    if codec == "utf-32-be":
        data = b"\x00\x00\xfe\xff" + data           # with its byte order mark
    p = tmp_path / "f.json"
    p.write_bytes(data)
    assert _refused(p, what="spec") == f"{p}: spec is {name} text, please save it as UTF-8"


def test_the_shortest_utf16_text_is_recognised(tmp_path):
    """"ab" in UTF-16 without a byte order mark is 4 bytes, the fewest the heuristic looks at."""
    p = tmp_path / "f.txt"
    for codec in ("utf-16-le", "utf-16-be"):
        p.write_bytes("ab".encode(codec))
        assert _refused(p) == f"{p}: file is UTF-16 text, please save it as UTF-8"
    p.write_bytes("a".encode("utf-16-le"))          # 2 bytes: too few to tell, so just binary
    assert _refused(p) == f"{p}: file is binary (contains NUL bytes), not text"


def _pairs(n_ascii, n_nul, n_cjk, le):
    """UTF-16 code units: n_ascii 'a' (00 61), n_nul U+0000 (00 00), n_cjk '中' (4E 2D)."""
    units = [b"\x00\x61"] * n_ascii + [b"\x00\x00"] * n_nul + [b"\x4e\x2d"] * n_cjk
    return b"".join(u[::-1] if le else u for u in units)


@pytest.mark.parametrize("le", [False, True])
def test_utf16_heuristic_thresholds_are_inclusive(tmp_path, le):
    """20 code units: 18 with a NUL high byte (exactly 90 %) and 2 with a NUL low byte (exactly 10 %): the
    documented "one byte of each pair is NUL, the other almost never" holds at both limits."""
    p = tmp_path / "f.txt"
    p.write_bytes(_pairs(16, 2, 2, le))
    assert _refused(p) == f"{p}: file is UTF-16 text, please save it as UTF-8"
    p.write_bytes(_pairs(15, 2, 3, le))            # 17 of 20 high bytes NUL: below 90 %, binary
    assert _refused(p) == f"{p}: file is binary (contains NUL bytes), not text"
    p.write_bytes(_pairs(15, 3, 2, le))            # 3 of 20 low bytes NUL: above 10 %, binary
    assert _refused(p) == f"{p}: file is binary (contains NUL bytes), not text"


def test_utf16_heuristic_looks_at_the_first_4096_bytes(tmp_path):
    """2048 code units in the first 4096 bytes, 1844 of them with a NUL high byte (>= 90 % of 2048 =
    1843.2); byte 4096 is the high byte of one more unit, not NUL: it lies outside the window."""
    p = tmp_path / "f.txt"
    p.write_bytes(_pairs(1844, 0, 204, le=False) + _pairs(0, 0, 1, le=False))
    assert _refused(p) == f"{p}: file is UTF-16 text, please save it as UTF-8"


def test_a_utf32_byte_order_mark_on_invalid_utf32_is_utf16(tmp_path):
    """FF FE 00 00 starts UTF-32-LE and UTF-16-LE alike; 00 00 11 00 is no UTF-32 character (beyond
    U+10FFFF) but two UTF-16 units: the file is UTF-16."""
    p = tmp_path / "f.txt"
    p.write_bytes(b"\xff\xfe\x00\x00" + b"\x00\x00\x11\x00")
    assert _refused(p) == f"{p}: file is UTF-16 text, please save it as UTF-8"


def test_a_utf16_byte_order_mark_on_invalid_utf16_is_not_utf16(tmp_path):
    """FF FE then a lone low surrogate (00 DC) is not UTF-16; the bytes are not UTF-8 either."""
    p = tmp_path / "f.txt"
    p.write_bytes(b"\xff\xfe\x00\xdcab")
    msg = _refused(p)
    assert "UTF-16" not in msg and msg == f"{p}: file is binary (contains NUL bytes), not text"


@pytest.mark.parametrize("bom, codec", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_a_utf16_byte_order_mark_names_text_that_is_not_ascii(tmp_path, bom, codec):
    """Chinese text in UTF-16 has no NUL bytes, so only the byte order mark tells UTF-16."""
    p = tmp_path / "f.txt"
    p.write_bytes(bom + "中文字".encode(codec))
    assert _refused(p) == f"{p}: file is UTF-16 text, please save it as UTF-8"
