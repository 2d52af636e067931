-- Primary keys for SQLAlchemy reflection (duckdb-engine does not reflect them).
SELECT table_name, constraint_column_names
FROM duckdb_constraints()
WHERE constraint_type = 'PRIMARY KEY' AND schema_name = 'main';
