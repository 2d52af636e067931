-- The newest applied migration (NULL on an empty ledger).
SELECT max(version) FROM schema_version;
