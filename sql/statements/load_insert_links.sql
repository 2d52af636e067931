INSERT INTO related_link BY NAME SELECT * FROM incoming_link;
