-- incoming_article holds one row per article_id (the batch's newest capture).
INSERT INTO article BY NAME SELECT * FROM incoming_article;
