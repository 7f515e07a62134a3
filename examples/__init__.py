"""Sourced example datasets, shipped with the package so `bilateral demo` runs anywhere."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["US_JAPAN_2025", "example_path"]

US_JAPAN_2025 = "us-japan-2025"


def example_path(name: str = US_JAPAN_2025) -> Path:
    return Path(str(resources.files(__name__))) / name
