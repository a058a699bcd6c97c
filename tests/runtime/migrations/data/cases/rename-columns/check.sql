INSERT INTO "pets" ("id", "owner_id") VALUES (9, 99)
DELETE FROM "people" WHERE "person_id" = 1
SELECT COUNT(*) FROM "people"
