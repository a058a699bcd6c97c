INSERT INTO "book_tags" ("id", "book_id", "tag_id") VALUES (3, 1, '7d4f7bd4-2f33-4d9a-9d67-0a3c1f1d2e3f')
INSERT INTO "profiles" ("id", "author_id") VALUES (3, 1)
DELETE FROM "authors" WHERE "id" = 2
SELECT COUNT(*) FROM "books"
SELECT COUNT(*) FROM "book_tags"
SELECT COUNT(*) FROM "profiles"
