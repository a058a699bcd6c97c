INSERT INTO "authors" ("id", "name") VALUES (1, 'A');
INSERT INTO "books" ("id", "author_id", "editor_id") VALUES (1, 1, 1);
INSERT INTO "profiles" ("id", "author_id") VALUES (1, 1);
