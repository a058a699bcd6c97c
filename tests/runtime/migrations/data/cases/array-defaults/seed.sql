INSERT INTO items (name, tags) VALUES ('a', NULL);
