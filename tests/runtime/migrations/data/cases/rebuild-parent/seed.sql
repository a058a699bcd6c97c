INSERT INTO "owners" ("name") VALUES ('Ann'), ('Bob'), ('Cyd');
DELETE FROM "owners" WHERE "id" = 3;
INSERT INTO "animals" ("id", "owner_id") VALUES (1, 1), (2, 2), (3, 2);
