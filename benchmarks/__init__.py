"""Benchmarks run by `make bench`; see docs/PERFORMANCE.md for the figures and the method."""
