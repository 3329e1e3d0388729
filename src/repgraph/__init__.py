"""repgraph: a knowledge graph of repression cases built from human-rights urgent appeals."""

__version__ = "0.1.0"
