-- --full-refresh: an article id that an older parser gave to bytes which now
-- parse to another id goes, with its images and links, unless another loaded
-- file (a re-capture elsewhere) still carries it. Runs after the batch's
-- source_file rows are written, in the same transaction.
CREATE OR REPLACE TEMP TABLE orphan_article AS
SELECT r.article_id
FROM retired_article AS r
WHERE NOT EXISTS (
    SELECT 1 FROM source_file AS f WHERE f.article_id = r.article_id AND f.status = 'loaded'
);
DELETE FROM image WHERE article_id IN (SELECT article_id FROM orphan_article);
DELETE FROM related_link WHERE article_id IN (SELECT article_id FROM orphan_article);
DELETE FROM article WHERE article_id IN (SELECT article_id FROM orphan_article);
DROP TABLE orphan_article;
