"""MinHash signatures and LSH buckets for near-duplicate documents, without datasketch.

reconcile used datasketch's `MinHash` and `MinHashLSH(threshold=0.2, num_perm=128)`.
Two costs made that unfit for a per-document ingest step: every `MinHashLSH(...)`
derives its banding by numerical integration (~22 ms per construction), and
importing datasketch pulls in scipy.integrate (~0.5 s per process).  This module
computes the very same signatures and candidate buckets with numpy alone, so the
near-duplicate pairs a ledger finds are those datasketch found, and the buckets are
plain integers a store can index once per document.

Equivalence (checked in tests/test_neardup.py against datasketch 2.0.0):
- `signature(shingles)`: datasketch's default "affine32" scheme with seed 1: each
  shingle hashed by SHA-1 (first 4 bytes, little-endian), pre-mixed by the
  MurmurHash3 32-bit finalizer, then permuted by `a * h + b mod 2**32` with (a, b)
  drawn from `numpy.random.RandomState(1)`; the minimum per permutation.
- `BANDS, ROWS = 28, 2`: what `datasketch.lsh._optimal_param(0.2, 128, 0.5, 0.5)`
  returns (it minimises the equally weighted false-positive + false-negative
  probability areas, integrated over Jaccard 0..0.2 and 0.2..1).  Fixed here so no
  ingest ever integrates again; a test recomputes it.  Two documents are candidates
  when any of the 28 bands (2 consecutive hash values each) are equal, exactly as in
  `MinHashLSH.query`; the exact shingle test in reconcile then decides.
"""
from __future__ import annotations

import hashlib
import struct
from functools import lru_cache
from typing import Iterable

import numpy as np

NUM_PERM = 128
SEED = 1
BANDS, ROWS = 28, 2         # datasketch.lsh._optimal_param(0.2, 128, 0.5, 0.5)

_MASK32 = (1 << 32) - 1


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """(a, b) of datasketch's affine32 scheme for SEED: the same draws, in the same order."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _sha1_hash32(data: bytes) -> int:
    return struct.unpack("<I", hashlib.sha1(data).digest()[:4])[0]


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (uint32 arithmetic wraps, as intended)."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def shingle_hashes(shingles: Iterable[str]) -> np.ndarray:
    """The 32-bit hashes MinHash starts from, sorted and unique: a compact stand-in for the
    shingle set itself (4 bytes a shingle), which a store can keep per document."""
    return np.unique(np.array([_sha1_hash32(s.encode("utf-8")) for s in shingles],
                              dtype=np.uint32))


def signature(shingles: Iterable[str]) -> np.ndarray:
    """The 128 MinHash values of a set of shingles (uint32), as datasketch computes them."""
    return signature_of_hashes(shingle_hashes(shingles))


def signature_of_hashes(hashes: np.ndarray) -> np.ndarray:
    """The signature from `shingle_hashes` (a repeated hash never changes a minimum)."""
    if not len(hashes):
        return np.full(NUM_PERM, _MASK32, dtype=np.uint32)
    a, b = _permutations()
    with np.errstate(over="ignore"):
        hv = _fmix32(hashes.astype(np.uint32).reshape(-1, 1))
        return (hv * a + b).min(axis=0).astype(np.uint32)


def to_bytes(hashes: np.ndarray) -> bytes:
    return hashes.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<u4")


def common_count(a: np.ndarray, b: np.ndarray) -> int:
    """How many hashes two sorted, unique hash arrays share."""
    return int(np.intersect1d(a, b, assume_unique=True).size)


def buckets(sig: np.ndarray) -> list[int]:
    """One integer per band: equal for two documents exactly when that band is equal.

    A band is hashed together with its number (band 3 of one document never meets
    band 5 of another, as in datasketch's one hash table per band) into a signed
    64-bit integer, which both SQLite INTEGER and PostgreSQL BIGINT hold."""
    out = []
    for band in range(BANDS):
        rows = sig[band * ROWS:(band + 1) * ROWS].astype("<u4").tobytes()
        digest = hashlib.blake2b(struct.pack("<H", band) + rows, digest_size=8).digest()
        out.append(struct.unpack("<q", digest)[0])
    return out
