"""The benchmark scripts (run them as `python bench/NAME.py`); a package so tests import their helpers."""
