SELECT COUNT(*) FROM "reviews"
INSERT INTO "tags" ("label") VALUES ('new')
INSERT INTO "tags" ("label") VALUES ('new')
