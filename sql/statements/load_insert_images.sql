-- incoming_image: the winning captures' images; article_row only linked them to it.
INSERT INTO image BY NAME
SELECT * EXCLUDE (article_row), $run_id AS run_id FROM incoming_image;
