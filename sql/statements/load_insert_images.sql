INSERT INTO image BY NAME SELECT * FROM incoming_image;
