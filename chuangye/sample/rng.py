"""Seeded random streams: one independent numpy Generator per component, so that changing one part of the
generator does not shift the random numbers of the others."""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, component: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(component.encode("utf-8"))])
