-- List columns (e.g. article.authors VARCHAR[]) that duckdb-engine reflects as NullType.
SELECT table_name, column_name, data_type
FROM duckdb_columns()
WHERE schema_name = 'main' AND data_type LIKE '%[]';
