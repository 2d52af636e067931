-- Which publishers' stories are recommended next to which publishers'
-- articles ("Recommended for You" cards), and what share of an article
-- publisher's cards each recommended publisher gets.
CREATE OR REPLACE VIEW v_recommendation_pairs AS
SELECT
    a.publisher AS article_publisher,
    l.publisher AS recommended_publisher,
    count(*) AS recommendations,
    count(DISTINCT l.article_id) AS articles,
    count(DISTINCT l.title) AS distinct_titles,
    round(count(*) / sum(count(*)) OVER (PARTITION BY a.publisher), 3) AS share_of_cards
FROM related_link AS l
JOIN article AS a ON a.article_id = l.article_id
WHERE l.link_type = 'recommended'
GROUP BY a.publisher, l.publisher;
