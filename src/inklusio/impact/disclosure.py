"""The report's small-group rule; it lives in ``core.disclosure`` so that the domain apps (surveys) apply it too."""

from inklusio.core.disclosure import MIN_GROUP, Cell, suppress_small

__all__ = ["MIN_GROUP", "Cell", "suppress_small"]
