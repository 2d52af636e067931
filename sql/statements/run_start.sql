-- Register a run. A retried start (same run_id) revives the row, keeping its start time.
INSERT INTO etl_run (
    run_id, started_at, status, landing,
    files_seen, files_loaded, files_unchanged, files_quarantined, files_duplicate,
    articles_upserted, images, related_links
)
VALUES ($run_id, $started_at, 'running', $landing, 0, 0, 0, 0, 0, 0, 0, 0)
ON CONFLICT (run_id) DO UPDATE SET
    status = 'running',
    landing = excluded.landing,
    finished_at = NULL;
