-- A re-captured article replaces all of its links.
DELETE FROM related_link WHERE article_id IN (SELECT article_id FROM replaced_article);
