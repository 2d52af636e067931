-- A re-captured article replaces all of its images.
DELETE FROM image WHERE article_id IN (SELECT article_id FROM replaced_article);
