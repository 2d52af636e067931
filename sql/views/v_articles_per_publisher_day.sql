-- Output per publisher and publication day (NULL day: date unknown), with how
-- the day was established, to spot publishers whose dates come from captions.
CREATE OR REPLACE VIEW v_articles_per_publisher_day AS
SELECT
    publisher,
    published_date,
    count(*) AS articles,
    sum(word_count) AS words,
    round(avg(word_count), 1) AS avg_words,
    count(*) FILTER (WHERE published_date_source = 'explicit') AS dated_explicitly,
    count(*) FILTER (WHERE published_date_source = 'caption') AS dated_from_caption
FROM article
GROUP BY publisher, published_date;
