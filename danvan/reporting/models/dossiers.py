"""Models: dossiers (see the package docstring)."""

__all__: list[str] = []
