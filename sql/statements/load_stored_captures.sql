-- The stored articles the batch's articles may be captures of: those under the
-- parser's id, and its suffixed siblings (`<id>~<digest>`, warehouse/recapture.py).
-- Their capture key decides which capture is newer; their body whether a dump is
-- the same article at all.
WITH ids AS (SELECT DISTINCT article_id FROM batch_keys WHERE article_id IS NOT NULL)
SELECT a.article_id, a.source_mtime_ns, a.source_path, a.body
FROM article AS a
WHERE a.article_id IN (SELECT article_id FROM ids)
   OR (contains(a.article_id, '~') AND split_part(a.article_id, '~', 1) IN (SELECT article_id FROM ids));
