-- One row per path; first_seen_at is kept from the first sighting.
INSERT INTO source_file BY NAME SELECT * FROM incoming_source_file
ON CONFLICT (path) DO UPDATE SET
    size = excluded.size,
    content_sha256 = excluded.content_sha256,
    last_seen_at = excluded.last_seen_at,
    status = excluded.status,
    article_id = excluded.article_id,
    run_id = excluded.run_id,
    mtime_ns = excluded.mtime_ns,
    last_seen_run_id = excluded.last_seen_run_id;
