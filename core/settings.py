"""Settings read from the environment, with the defaults the CLI documents."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFAULT_BASE_IRI",
    "Neo4jSettings",
    "base_iri",
    "default_store",
    "default_store_path",
    "neo4j_settings",
    "store_location",
]

DEFAULT_BASE_IRI = "https://w3id.org/bilateral/id/"


def default_store_path() -> Path:
    """`BILATERAL_STORE`, else `./bilateral-data`."""
    return Path(os.environ.get("BILATERAL_STORE", "bilateral-data"))


def store_location(text: str | Path) -> str | Path:
    """A --store value: a server's URL stays text (a Path would fold its `//`), else a folder."""
    if isinstance(text, str) and text.lower().startswith(("http://", "https://")):
        return text
    return Path(text)


def default_store() -> str | Path:
    """`BILATERAL_STORE` (a folder, or the URL of a SPARQL server), else `./bilateral-data`."""
    return store_location(os.environ.get("BILATERAL_STORE", "bilateral-data"))


def base_iri() -> str:
    """The prefix of every minted IRI (`BILATERAL_BASE_IRI`); always ends with `/` or `#`."""
    base = os.environ.get("BILATERAL_BASE_IRI", DEFAULT_BASE_IRI)
    return base if base.endswith(("/", "#")) else base + "/"


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str
    password: str
    database: str | None


def neo4j_settings() -> Neo4jSettings:
    """`NEO4J_URI`, `NEO4J_USER`, `NEO4J_PASSWORD`, `NEO4J_DATABASE`, as the driver's docs name them."""
    return Neo4jSettings(
        uri=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", ""),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )
