"""Thin routes: parse, call the core, wrap the result."""
