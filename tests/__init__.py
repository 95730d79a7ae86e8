"""Shuttle's test suite (a package, so test modules are named tests.<area>.test_<module>)."""
