-- Every run with its throughput and the accounting check of the contract:
-- files_seen = loaded + unchanged + quarantined + duplicate.
CREATE OR REPLACE VIEW v_run_history AS
SELECT
    run_id,
    status,
    started_at,
    finished_at,
    duration_s,
    files_seen,
    files_loaded,
    files_unchanged,
    files_duplicate,
    files_quarantined,
    files_loaded + files_unchanged + coalesce(files_duplicate, 0) + files_quarantined
        AS files_accounted,
    files_seen = files_loaded + files_unchanged + coalesce(files_duplicate, 0)
        + files_quarantined AS accounted_ok,
    round(files_seen / nullif(duration_s, 0), 1) AS files_per_s,
    articles_upserted,
    images,
    related_links,
    landing,
    message
FROM etl_run;
