INSERT INTO "authors" ("id", "name") VALUES (1, 'A'), (2, 'B');
INSERT INTO "books" ("id", "author_id", "editor_id") VALUES (1, 1, 2), (2, 2, NULL), (3, NULL, 1);
INSERT INTO "btags" ("id") VALUES ('7d4f7bd4-2f33-4d9a-9d67-0a3c1f1d2e3f');
INSERT INTO "book_tags" ("id", "book_id", "tag_id") VALUES (1, 1, '7d4f7bd4-2f33-4d9a-9d67-0a3c1f1d2e3f'), (2, 2, '7d4f7bd4-2f33-4d9a-9d67-0a3c1f1d2e3f');
INSERT INTO "profiles" ("id", "author_id") VALUES (1, 1), (2, 2);
