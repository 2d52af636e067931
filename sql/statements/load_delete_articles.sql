-- A re-captured article: its stored row goes, the new capture is inserted next
-- (load_insert_articles). Delete + insert rather than INSERT OR REPLACE: same
-- result (both verified on DuckDB 2.0 with the VARCHAR[] column), and measured
-- ~10% faster on re-captures. replaced_article lists only ids already stored,
-- so a batch of new articles skips the three deletes (each scans its table).
DELETE FROM article WHERE article_id IN (SELECT article_id FROM replaced_article);
