INSERT INTO "items" ("name", "tags", "sizes") VALUES ('c', '["x","y z"]', '[1,2]')
INSERT INTO "items" ("name", "tags", "sizes") VALUES ('d', '{x,"y z"}', '{1,2}')
INSERT INTO "items" ("name", "tags") VALUES ('e', 'not an array')
INSERT INTO "boxes" ("labels") VALUES (NULL)
SELECT "name" FROM "items" WHERE "tags" IS NOT NULL ORDER BY "id"
