INSERT OR REPLACE INTO quarantine BY NAME SELECT * FROM incoming_quarantine;
