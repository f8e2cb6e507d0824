"""A plan's public pages and the API's kept answers sent gzip-compressed to the clients that
accept it, compressed once.

A national plan's public page is 1.36 MB of HTML and goes out in 51 kB; a page
of 50 history rows is 18.7 kB of JSON and goes out in 1.6 kB. Every browser and
HTTP library asks for gzip, so there is far less for the server to write and
for a phone to fetch. Compressing on each request would cost more than
serving the answer, so an answer is compressed when it is made and kept
(`web.reading.cached`); answers made for one signed-in person only go out as
they are.

A page is sent as pieces (its kept body cut where the chain's head goes, and
the head, which moves with every event), so each piece is compressed on its
own into a stretch of raw deflate that ends on a byte boundary (a sync
flush). Such stretches join into one deflate stream; the gzip trailer's
CRC-32 of the whole is combined from the pieces' own (zlib's
`crc32_combine`), so a request copies no byte of the page.

Only kept answers are compressed, and a kept answer is the same for everyone
allowed to see it, so no answer that is compressed holds one person's secret
beside what a request put into it (what BREACH-style attacks need).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import struct
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import Response, request

LEVEL = 6
"""zlib's default: a national page in 14 ms, to 51 kB, once per change of the plan (level 1:
5 ms, to 88 kB; the server usually makes it before anyone asks, `web.kept_answers`)."""

SMALLEST = 1024
"""Answers shorter than this are sent as they are: gzip's header and trailer are 18 bytes."""

HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
"""gzip: deflate, no flags, no time, no extra flags, unknown system (RFC 1952)."""

LAST_BLOCK = zlib.compressobj(wbits=-zlib.MAX_WBITS).flush()
"""An empty final deflate block: ends the stream after pieces that each end on a sync flush."""


@dataclass(frozen=True)
class Piece:
    """Bytes of an answer, and, when it is kept for others, the same compressed."""

    data: bytes
    deflated: bytes | None
    """Raw deflate ending on a byte boundary; None: this piece is only ever sent as it is."""
    crc: int


def plain(data: bytes) -> Piece:
    """A piece sent as it is: part of an answer made for one request."""
    return Piece(data, None, 0)


def compressed(data: bytes) -> Piece:
    """A piece of a kept answer, compressed once for every request that accepts gzip."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    deflated = compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)
    return Piece(data, deflated, zlib.crc32(data))


def gzip_stream(pieces: Sequence[Piece]) -> list[bytes]:
    """One gzip stream of `pieces`, all compressed, as the pieces of a response body."""
    size = sum(len(piece.data) for piece in pieces)
    trailer = struct.pack("<II", _crc32(pieces), size & 0xFFFFFFFF)
    return [HEADER, *(_deflated(piece) for piece in pieces), LAST_BLOCK + trailer]


def _crc32(pieces: Sequence[Piece]) -> int:
    """The CRC-32 of the pieces joined, combined from theirs by zlib's own function (Python's
    `zlib` module does not offer it); where that library cannot be loaded, read from their
    bytes (0.8 ms for a national page)."""
    combine = _zlib_crc32_combine()
    crc = 0
    for piece in pieces:
        if combine is None:
            crc = zlib.crc32(piece.data, crc)
        else:
            crc = int(combine(crc, piece.crc, len(piece.data)))
    return crc


def _deflated(piece: Piece) -> bytes:
    if piece.deflated is None:
        raise ValueError("a piece made for one request has no compressed form")
    return piece.deflated


def send(pieces: Sequence[Piece], status: int = 200, **options: Any) -> Response:
    """The pieces as one answer: gzip when every piece is kept compressed, the answer is not
    short and the client accepts it (`Vary` says a kept answer depends on that), otherwise
    as they are."""
    kept = all(piece.deflated is not None for piece in pieces)
    size = sum(len(piece.data) for piece in pieces)
    if kept and size >= SMALLEST and accepts_gzip():
        response = Response(gzip_stream(pieces), status=status, **options)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response([piece.data for piece in pieces], status=status, **options)
    if kept:
        response.vary.add("Accept-Encoding")
    return response


def accepts_gzip() -> bool:
    """Whether this request's `Accept-Encoding` takes gzip (a `q=0` refuses it)."""
    return request.accept_encodings["gzip"] > 0


@cache
def _zlib_crc32_combine() -> Callable[[int, int, int], int] | None:
    """zlib's `crc32_combine64`, from the same library Python's `zlib` module is built on;
    None where it cannot be loaded (a system without a shared libz)."""
    try:
        library = ctypes.CDLL(ctypes.util.find_library("z") or "libz.so.1")
        combine = library.crc32_combine64
    except (OSError, AttributeError):
        return None
    combine.argtypes = (ctypes.c_ulong, ctypes.c_ulong, ctypes.c_int64)
    combine.restype = ctypes.c_ulong
    found: Callable[[int, int, int], int] = combine
    return found
