-- The capture each of the batch's articles was last loaded from; the newer capture wins.
SELECT a.article_id, a.source_mtime_ns, a.source_path
FROM article AS a
WHERE a.article_id IN (SELECT article_id FROM batch_keys WHERE article_id IS NOT NULL);
