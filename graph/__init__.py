"""Records to RDF, the store, and the projections (Neo4j, networkx) and snapshots derived from it."""
