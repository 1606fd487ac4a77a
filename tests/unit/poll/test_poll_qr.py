"""The join link's QR code, held to a reference encoder.

The reference hashes are SHA-256 (first 16 hex digits) of the module matrices that the ``qrcode`` package 8.2
(python-qrcode, byte mode, error correction M, border 0, the version it chooses for the text, mask forced)
produced for these texts; the bits are the rows top to bottom, ``1`` for a dark module.
"""

from __future__ import annotations

import hashlib

import pytest

from classpoll.qr import MAX_VERSION, capacity, qr_matrix, qr_svg, rs_remainder

REFERENCE = [
    ("http://192.168.1.20:8890/j/K7M2QX", 0, 29, "4c292288163d9226"),
    ("http://192.168.1.20:8890/j/K7M2QX", 5, 29, "73b39eea96db45ab"),
    ("https://hub.example.edu/services/poll/j/ABCDEF", 3, 33, "5f504d082a3286d6"),
    ("é" * 60, 6, 45, "1906b1f84a033a6b"),
    ("https://poll.example.edu/j/" + "Q" * 170, 2, 57, "ec43de9347424b3c"),
    ("https://poll.example.edu/j/" + "Q" * 170, 7, 57, "c9d4896209508d5f"),
]


def _digest(matrix) -> str:
    bits = "".join("1" if dark else "0" for row in matrix for dark in row)
    return hashlib.sha256(bits.encode()).hexdigest()[:16]


@pytest.mark.parametrize(("text", "mask", "size", "digest"), REFERENCE)
def test_modules_equal_the_reference_encoder(text, mask, size, digest):
    matrix = qr_matrix(text, mask=mask)
    assert len(matrix) == size and all(len(row) == size for row in matrix)
    assert _digest(matrix) == digest


def test_reed_solomon_of_the_standards_example():
    # ISO/IEC 18004 annex I: "01234567" at version 1-M; its 16 data codewords and 10 error-correction codewords
    data = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
    assert rs_remainder(data, 10) == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55]


def test_the_automatic_mask_gives_a_valid_symbol_with_three_finders():
    matrix = qr_matrix("http://127.0.0.1:8890/j/ABC234")
    n = len(matrix)
    finder = [[max(abs(x - 3), abs(y - 3)) not in (2, 4) for x in range(7)] for y in range(7)]
    for ox, oy in ((0, 0), (n - 7, 0), (0, n - 7)):
        assert [row[ox:ox + 7] for row in matrix[oy:oy + 7]] == finder


def test_too_long_a_text_is_refused_with_the_limit():
    with pytest.raises(ValueError, match="at most"):
        qr_matrix("x" * (capacity(MAX_VERSION) + 1))


def test_svg_is_scalable_with_an_escaped_title():
    svg = qr_svg("http://127.0.0.1:8890/j/ABC234", title='<script>"x"</script>')
    # 30 bytes: version 3 (29 modules) and a quiet zone of 4 on each side
    assert svg.startswith("<svg") and 'viewBox="0 0 37 37"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
