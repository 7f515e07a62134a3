"""The web app (`bilateral serve`): pages over the API and a read-only SPARQL endpoint."""

from bilateral.web.app import create_app, render_dyad

__all__ = ["create_app", "render_dyad"]
