-- incoming_link: the winning captures' links; article_row only linked them to it.
INSERT INTO related_link BY NAME
SELECT * EXCLUDE (article_row), $run_id AS run_id FROM incoming_link;
