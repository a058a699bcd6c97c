DELETE FROM "owners" WHERE "id" = 2
INSERT INTO "animals" ("id", "owner_id") VALUES (10, 9)
INSERT INTO "owners" ("name") VALUES ('Dee')
SELECT "id" FROM "owners" WHERE "name" = 'Dee'
INSERT INTO "owners" ("name") VALUES ('Ann')
