-- Top publishers: which publishers the warehouse holds most articles from,
-- over how many distinct days, and how long their articles are.
-- Run: newsetl sql -f sql/queries/top_publishers.sql
SELECT
    publisher,
    sum(articles) AS articles,
    count(published_date) AS days_with_articles,
    min(published_date) AS first_day,
    max(published_date) AS last_day,
    round(sum(words) / sum(articles), 0) AS avg_words
FROM v_articles_per_publisher_day
GROUP BY publisher
ORDER BY articles DESC, publisher
LIMIT 20;
