"""The core every layer may use: the one error hierarchy and the settings read from the
environment. It imports nothing of the project, so no layer reaches up through it."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["package_version"]


def package_version() -> str:
    """The installed version of bilateral (written into snapshot manifests)."""
    try:
        return version("bilateral")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"
