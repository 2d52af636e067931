-- What the warehouse knows about the batch's paths before the batch.
-- batch_keys: registered Arrow table (path, content_sha256, article_id).
SELECT s.path, s.content_sha256, s.status, s.article_id, s.run_id
FROM source_file AS s
WHERE s.path IN (SELECT path FROM batch_keys);
