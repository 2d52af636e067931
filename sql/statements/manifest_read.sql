-- Every file the warehouse knows, for the flow's stat-based skip (warehouse/manifest.py).
-- Left out, so that every run looks at them again: files never read (no hash:
-- over the size limit by stat, or unreadable) and files refused as too large
-- after gunzip. Their outcome depends on --max-bytes or on a passing I/O
-- error, not only on their bytes, so an unchanged stat proves nothing.
SELECT s.path, s.size, s.mtime_ns, s.content_sha256, s.status
FROM source_file AS s
WHERE s.content_sha256 IS NOT NULL
  AND s.path NOT IN (SELECT q.path FROM quarantine AS q WHERE q.reason = 'too_large');
