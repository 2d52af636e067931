-- Run health: the last 20 runs, newest first, with throughput and whether
-- every file seen was accounted for (accounted_ok should always be true).
-- Run: newsetl sql -f sql/queries/run_health.sql
SELECT
    run_id,
    status,
    started_at,
    round(duration_s, 2) AS duration_s,
    files_seen,
    files_loaded,
    files_unchanged,
    files_duplicate,
    files_quarantined,
    accounted_ok,
    files_per_s,
    message
FROM v_run_history
ORDER BY started_at DESC
LIMIT 20;
