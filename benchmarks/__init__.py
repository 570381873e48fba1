"""Benchmarks: deterministic synthetic archives and commands that print numbers."""
