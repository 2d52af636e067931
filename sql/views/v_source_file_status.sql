-- The landing folder as the warehouse knows it: files and bytes per outcome.
CREATE OR REPLACE VIEW v_source_file_status AS
SELECT
    status,
    count(*) AS files,
    sum(size) AS bytes,
    min(first_seen_at) AS first_seen_at,
    max(last_seen_at) AS last_seen_at
FROM source_file
GROUP BY status;
