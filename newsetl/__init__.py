"""The `newsetl` command line (run, sql, server, serve), on top of flows/ and warehouse/."""

__version__ = "0.1.0"
