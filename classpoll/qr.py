"""A QR code of the join link as SVG, with no package beyond the standard library.

A QR Code Model 2 encoder (ISO/IEC 18004) cut to what a join link needs: byte mode, error-correction level M
(about 15% of the symbol may be lost), versions 1 to 10 (up to 213 bytes). The steps and tables follow the
standard as laid out in Project Nayuki's reference encoder: data bits, Reed-Solomon blocks over GF(256) with the
polynomial 0x11D, function patterns, zig-zag placement, the eight masks scored by the four penalty rules, format
and version bits. ``tests/unit/poll/test_poll_qr.py`` holds it to a reference encoder's modules.
"""

from __future__ import annotations

from html import escape

#: Error-correction codewords per block and number of blocks, level M, versions 1..10 (index 0 unused).
_ECC_PER_BLOCK = (0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26)
_BLOCKS = (0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5)
MAX_VERSION = 10


def _raw_modules(ver: int) -> int:
    """Modules left for data and error correction in a version-``ver`` symbol."""
    result = (16 * ver + 128) * ver + 64
    if ver >= 2:
        n = ver // 7 + 2
        result -= (25 * n - 10) * n - 55
        if ver >= 7:
            result -= 36
    return result


def capacity(ver: int) -> int:
    """Data bytes of a level-M symbol of version ``ver`` (byte mode, header included)."""
    return _raw_modules(ver) // 8 - _ECC_PER_BLOCK[ver] * _BLOCKS[ver]


def _gf_mul(x: int, y: int) -> int:
    z = 0
    for i in reversed(range(8)):
        z = (z << 1) ^ ((z >> 7) * 0x11D)
        z ^= ((y >> i) & 1) * x
    return z


def _rs_divisor(degree: int) -> list[int]:
    result = [0] * (degree - 1) + [1]
    root = 1
    for _ in range(degree):
        for j in range(degree):
            result[j] = _gf_mul(result[j], root)
            if j + 1 < degree:
                result[j] ^= result[j + 1]
        root = _gf_mul(root, 0x02)
    return result


def rs_remainder(data: list[int], degree: int) -> list[int]:
    """Reed-Solomon error-correction codewords (``degree`` of them) of ``data``."""
    divisor = _rs_divisor(degree)
    result = [0] * degree
    for byte in data:
        factor = byte ^ result.pop(0)
        result.append(0)
        for i, coef in enumerate(divisor):
            result[i] ^= _gf_mul(coef, factor)
    return result


def _codewords(data: bytes) -> tuple[int, list[int]]:
    """(version, interleaved data + error-correction codewords) of ``data``."""
    for ver in range(1, MAX_VERSION + 1):
        count_bits = 8 if ver < 10 else 16
        if 4 + count_bits + 8 * len(data) <= capacity(ver) * 8:
            break
    else:
        raise ValueError(f"text must be at most {capacity(MAX_VERSION) - 3} bytes for a QR code, got {len(data)}")
    bits = [0, 1, 0, 0] + [(len(data) >> i) & 1 for i in reversed(range(count_bits))]
    for byte in data:
        bits += [(byte >> i) & 1 for i in reversed(range(8))]
    room = capacity(ver) * 8
    bits += [0] * min(4, room - len(bits))
    bits += [0] * (-len(bits) % 8)
    words = [int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8)]
    pad = 0xEC
    while len(words) < capacity(ver):
        words.append(pad)
        pad ^= 0xEC ^ 0x11
    nblocks, ecclen = _BLOCKS[ver], _ECC_PER_BLOCK[ver]
    raw = _raw_modules(ver) // 8
    nshort, shortlen = nblocks - raw % nblocks, raw // nblocks
    blocks, k = [], 0
    for i in range(nblocks):
        dat = words[k:k + shortlen - ecclen + (0 if i < nshort else 1)]
        k += len(dat)
        ecc = rs_remainder(dat, ecclen)
        if i < nshort:
            dat = dat + [0]
        blocks.append(dat + ecc)
    out = [blk[i] for i in range(len(blocks[0])) for j, blk in enumerate(blocks)
           if i != shortlen - ecclen or j >= nshort]
    return ver, out


def _alignment(ver: int, size: int) -> list[int]:
    if ver == 1:
        return []
    n = ver // 7 + 2
    step = (ver * 8 + n * 3 + 5) // (n * 4 - 4) * 2
    return [6] + sorted(size - 7 - i * step for i in range(n - 1))


_MASKS = (
    lambda x, y: (x + y) % 2 == 0,
    lambda x, y: y % 2 == 0,
    lambda x, y: x % 3 == 0,
    lambda x, y: (x + y) % 3 == 0,
    lambda x, y: (x // 3 + y // 2) % 2 == 0,
    lambda x, y: x * y % 2 + x * y % 3 == 0,
    lambda x, y: (x * y % 2 + x * y % 3) % 2 == 0,
    lambda x, y: ((x + y) % 2 + x * y % 3) % 2 == 0,
)


class _Symbol:
    def __init__(self, ver: int):
        self.ver, self.size = ver, ver * 4 + 17
        self.dark = [[False] * self.size for _ in range(self.size)]
        self.function = [[False] * self.size for _ in range(self.size)]

    def put(self, x: int, y: int, dark: bool) -> None:
        self.dark[y][x] = dark
        self.function[y][x] = True

    def draw_function_patterns(self) -> None:
        size = self.size
        for i in range(size):
            self.put(6, i, i % 2 == 0)
            self.put(i, 6, i % 2 == 0)
        for cx, cy in ((3, 3), (size - 4, 3), (3, size - 4)):
            for dy in range(-4, 5):
                for dx in range(-4, 5):
                    if 0 <= cx + dx < size and 0 <= cy + dy < size:
                        self.put(cx + dx, cy + dy, max(abs(dx), abs(dy)) not in (2, 4))
        pos = _alignment(self.ver, size)
        last = len(pos) - 1
        for i, ax in enumerate(pos):
            for j, ay in enumerate(pos):
                if (i, j) in ((0, 0), (0, last), (last, 0)):
                    continue
                for dy in range(-2, 3):
                    for dx in range(-2, 3):
                        self.put(ax + dx, ay + dy, max(abs(dx), abs(dy)) != 1)
        self.draw_format(0)
        if self.ver >= 7:
            rem = self.ver
            for _ in range(12):
                rem = (rem << 1) ^ ((rem >> 11) * 0x1F25)
            bits = self.ver << 12 | rem
            for i in range(18):
                bit = (bits >> i) & 1 == 1
                a, b = size - 11 + i % 3, i // 3
                self.put(a, b, bit)
                self.put(b, a, bit)

    def draw_format(self, mask: int) -> None:
        data = 0 << 3 | mask  # level M has format bits 00
        rem = data
        for _ in range(10):
            rem = (rem << 1) ^ ((rem >> 9) * 0x537)
        bits = (data << 10 | rem) ^ 0x5412
        size = self.size

        def bit(i):
            return (bits >> i) & 1 == 1

        for i in range(6):
            self.put(8, i, bit(i))
        self.put(8, 7, bit(6))
        self.put(8, 8, bit(7))
        self.put(7, 8, bit(8))
        for i in range(9, 15):
            self.put(14 - i, 8, bit(i))
        for i in range(8):
            self.put(size - 1 - i, 8, bit(i))
        for i in range(8, 15):
            self.put(8, size - 15 + i, bit(i))
        self.put(8, size - 8, True)

    def place(self, words: list[int]) -> None:
        i, size = 0, self.size
        right = size - 1
        while right >= 1:
            if right == 6:
                right = 5
            for vert in range(size):
                for j in range(2):
                    x = right - j
                    y = size - 1 - vert if ((right + 1) & 2) == 0 else vert
                    if not self.function[y][x] and i < len(words) * 8:
                        self.dark[y][x] = (words[i >> 3] >> (7 - (i & 7))) & 1 == 1
                        i += 1
            right -= 2

    def apply_mask(self, mask: int) -> None:
        rule = _MASKS[mask]
        for y in range(self.size):
            for x in range(self.size):
                if not self.function[y][x] and rule(x, y):
                    self.dark[y][x] = not self.dark[y][x]

    def penalty(self) -> int:
        size, dark = self.size, self.dark
        score = 0
        lines = [dark[y] for y in range(size)] + [[dark[y][x] for y in range(size)] for x in range(size)]
        finder = ([True, False, True, True, True, False, True] + [False] * 4,
                  [False] * 4 + [True, False, True, True, True, False, True])
        for line in lines:
            run = 1
            for a, b in zip(line, line[1:]):
                if a == b:
                    run += 1
                else:
                    score += run - 2 if run >= 5 else 0
                    run = 1
            score += run - 2 if run >= 5 else 0
            padded = [False] * 4 + list(line) + [False] * 4
            for i in range(len(padded) - 10):
                if padded[i:i + 11] in finder:
                    score += 40
        for y in range(size - 1):
            for x in range(size - 1):
                if dark[y][x] == dark[y][x + 1] == dark[y + 1][x] == dark[y + 1][x + 1]:
                    score += 3
        total = sum(map(sum, dark))
        k = (abs(total * 20 - size * size * 10) + size * size - 1) // (size * size) - 1
        return score + k * 10


def qr_matrix(text: str, *, mask: int | None = None) -> list[list[bool]]:
    """Modules of the QR code of ``text`` (UTF-8, error-correction level M).

    Parameters
    ----------
    text : str
        The text to encode.
    mask : int, optional
        Forces one of the eight masks (0 to 7); otherwise the one with the lowest penalty is used.

    Returns
    -------
    list of list of bool
        The modules row by row, True = dark.
    """
    ver, words = _codewords(text.encode("utf-8"))
    masks = range(8) if mask is None else (mask,)
    best = None
    for m in masks:
        sym = _Symbol(ver)
        sym.draw_function_patterns()
        sym.place(words)
        sym.apply_mask(m)
        sym.draw_format(m)
        score = sym.penalty() if mask is None else 0
        if best is None or score < best[0]:
            best = (score, sym)
    return best[1].dark


def qr_svg(text: str, *, title: str = "QR code", border: int = 4) -> str:
    """An SVG image of the QR code of ``text``.

    Dark modules on white, scalable (viewBox only).

    Parameters
    ----------
    text : str
        The text to encode.
    title : str, default "QR code"
        The image's text alternative.
    border : int, default 4
        Width of the quiet zone, in modules.

    Returns
    -------
    str
        The SVG markup.
    """
    matrix = qr_matrix(text)
    size = len(matrix) + 2 * border
    path = "".join(
        f"M{x + border},{y + border}h1v1h-1z" for y, row in enumerate(matrix) for x, on in enumerate(row) if on
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'shape-rendering="crispEdges"><title>{escape(title)}</title>'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>'
    )
