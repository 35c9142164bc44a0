"""Reader: a desktop reader for libraries of news articles."""

__version__ = "0.1.0"
