"""Test suites of the sourcing advisor."""
