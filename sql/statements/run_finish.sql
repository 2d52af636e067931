UPDATE etl_run SET
    finished_at = $finished_at,
    status = $status,
    files_seen = $files_seen,
    files_loaded = $files_loaded,
    files_unchanged = $files_unchanged,
    files_quarantined = $files_quarantined,
    files_duplicate = $files_duplicate,
    articles_upserted = $articles_upserted,
    images = $images,
    related_links = $related_links,
    duration_s = $duration_s,
    message = $message
WHERE run_id = $run_id
RETURNING run_id;
