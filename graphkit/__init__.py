"""graphkit: news and analysis articles to a knowledge graph of actors and relations, with evidence."""

__version__ = "0.1.0"
