INSERT INTO "people" ("id", "first_name", "last_name", "title") VALUES (1, 'Ada', 'Lovelace', 'Countess'), (2, 'Alan', 'Turing', NULL);
INSERT INTO "pets" ("id", "owner_id") VALUES (1, 1), (2, 2), (3, 2);
