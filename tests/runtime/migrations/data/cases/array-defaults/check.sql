INSERT INTO "items" ("name") VALUES ('b')
SELECT "name" FROM "items" WHERE "tags" IS NOT NULL ORDER BY "id"
