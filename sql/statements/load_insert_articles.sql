-- incoming_article holds one row per article_id (the batch's newest capture);
-- the run's lineage comes as parameters, the same for every row.
INSERT INTO article BY NAME
SELECT *, $run_id AS run_id, $loaded_at AS loaded_at FROM incoming_article;
