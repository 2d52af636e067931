"""Everything that touches DuckDB: schema migrations, loading, run bookkeeping, queries.

Importing the package is cheap on purpose (no SQLAlchemy, no pyarrow): the CLI
imports submodules only for the commands that need them.
"""
