"""bilateral: a knowledge graph of bilateral relations between countries."""

from bilateral.api import KnowledgeGraph, LoadReport
from bilateral.errors import BilateralError, InputError, Problem, QueryError, StoreInUseError

__all__ = [
    "BilateralError",
    "InputError",
    "KnowledgeGraph",
    "LoadReport",
    "Problem",
    "QueryError",
    "StoreInUseError",
]
__version__ = "0.1.0"
