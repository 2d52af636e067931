-- The discovered files a run may skip unread: the warehouse knows them with the
-- same size and mtime (warehouse/manifest.py). `discovered`: a registered Arrow
-- table (i, path, size, mtime_ns), one row per file found; returns their i.
-- Never skipped, so that every run looks at them again: files never read (no
-- hash: over the size limit by stat, or unreadable) and files refused as too
-- large after gunzip. Their outcome depends on --max-bytes or on a passing I/O
-- error, not only on their bytes, so an unchanged stat proves nothing.
SELECT d.i
FROM discovered AS d
JOIN source_file AS s
  ON s.path = d.path AND s.size = d.size AND s.mtime_ns = d.mtime_ns
WHERE s.content_sha256 IS NOT NULL
  AND s.path NOT IN (SELECT q.path FROM quarantine AS q WHERE q.reason = 'too_large');
