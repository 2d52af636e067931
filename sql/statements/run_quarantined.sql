-- Files this run put in quarantine (and that are still there).
SELECT path, reason, detail FROM quarantine WHERE run_id = $run_id ORDER BY path;
