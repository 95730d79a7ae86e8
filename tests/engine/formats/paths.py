"""Where the formats tests find their files: hand-written fixtures and the bundled scenarios."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"
BUNDLED = Path(__file__).resolve().parents[3] / "src" / "shuttle" / "scenarios"
