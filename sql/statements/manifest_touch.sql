-- Files skipped as unchanged by size+mtime: record the sighting, keep their outcome.
-- touched_paths: a registered Arrow table with one column, path.
UPDATE source_file
SET last_seen_at = $now, last_seen_run_id = $run_id
FROM touched_paths AS t
WHERE source_file.path = t.path;
