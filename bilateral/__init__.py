"""bilateral: a knowledge graph of bilateral relations between countries.

`KnowledgeGraph` is imported on first use, so that importing a lower layer (a loader, the
ontology) does not load the store, the Neo4j driver and the rest of the API with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bilateral.core import package_version
from bilateral.core.errors import BilateralError, InputError, Problem, QueryError, StoreInUseError

if TYPE_CHECKING:
    from bilateral.api import KnowledgeGraph, LoadReport

__all__ = [
    "BilateralError",
    "InputError",
    "KnowledgeGraph",
    "LoadReport",
    "Problem",
    "QueryError",
    "StoreInUseError",
]
__version__ = package_version()


def __getattr__(name: str) -> Any:
    if name in ("KnowledgeGraph", "LoadReport"):
        from bilateral import api

        return getattr(api, name)
    raise AttributeError(f"module 'bilateral' has no attribute {name!r}")
