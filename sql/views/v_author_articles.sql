-- Bylines: articles per author (names compared case-insensitively) and the
-- publishers they appear under.
CREATE OR REPLACE VIEW v_author_articles AS
WITH bylines AS (
    SELECT a.article_id, a.publisher, a.published_date, unnest(a.authors) AS author
    FROM article AS a
)
SELECT
    min(author) AS author,
    count(DISTINCT article_id) AS articles,
    string_agg(DISTINCT publisher, ', ' ORDER BY publisher) AS publishers,
    min(published_date) AS first_published,
    max(published_date) AS last_published
FROM bylines
GROUP BY lower(author);
