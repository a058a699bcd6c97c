INSERT INTO "items" ("id", "title") VALUES (1, 'one'), (2, 'two');
INSERT INTO "notes" ("id", "item_id", "body") VALUES (1, 1, 'a'), (2, 2, 'b'), (3, NULL, 'c');
INSERT INTO "alpha" ("id", "value") VALUES (1, 'x');
INSERT INTO "beta" ("id", "amount") VALUES (7, 42);
