-- Files currently loaded whose bytes equal a file of the batch (duplicate detection).
SELECT s.content_sha256, s.path, s.article_id
FROM source_file AS s
WHERE s.status = 'loaded'
  AND s.content_sha256 IN (SELECT content_sha256 FROM batch_keys WHERE content_sha256 IS NOT NULL);
