-- Every file the warehouse knows, for the flow's stat-based skip (warehouse/manifest.py).
SELECT path, size, mtime_ns, content_sha256, status FROM source_file;
