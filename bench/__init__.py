"""The benchmark (`python -m bench.run`) and its seeded generator of synthetic BACI-shaped data.

Not part of the installed package: run from the repository root.
"""
