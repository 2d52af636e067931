-- Cross recommendations: for each publisher, which OTHER publishers' stories
-- its article pages recommend, biggest pairs first.
-- Run: newsetl sql -f sql/queries/cross_recommendations.sql
SELECT
    article_publisher,
    recommended_publisher,
    recommendations,
    articles,
    share_of_cards
FROM v_recommendation_pairs
WHERE recommended_publisher IS DISTINCT FROM article_publisher
ORDER BY recommendations DESC, article_publisher, recommended_publisher
LIMIT 50;
