"""Suites that cross the layers: incremental runs, crash safety, concurrency, server, scale-out."""
