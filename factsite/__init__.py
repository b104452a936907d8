"""factsite: a static site generator for fact-checked explainers."""

__version__ = "0.1.0"
