-- Busiest authors: bylines with the most articles, the publishers they write
-- for, and how illustrated their articles are (photos per article).
-- Run: newsetl sql -f sql/queries/busiest_authors.sql
WITH per_article AS (
    SELECT lower(unnest(a.authors)) AS author_key, o.image_count
    FROM article AS a
    JOIN v_article_overview AS o ON o.article_id = a.article_id
)
SELECT
    au.author,
    au.articles,
    au.publishers,
    au.first_published,
    au.last_published,
    round(avg(p.image_count), 1) AS photos_per_article
FROM v_author_articles AS au
JOIN per_article AS p ON p.author_key = lower(au.author)
GROUP BY ALL
ORDER BY au.articles DESC, au.author
LIMIT 20;
