INSERT INTO "member_cards" ("username", "number") VALUES ('ann', 7)
INSERT INTO "member_cards" ("username", "number") VALUES ('ann', 8)
INSERT INTO "member_cards" ("username", "number") VALUES ('zed', 9)
INSERT INTO "member_cards" ("username", "number") VALUES (NULL, 9)
INSERT INTO "counters" ("id", "owner") VALUES (5, 'bob')
INSERT INTO "counters" ("id", "owner") VALUES (NULL, 'bob')
DELETE FROM "members" WHERE "username" = 'ann'
DELETE FROM "members" WHERE "username" = 'bob'
SELECT COUNT(*) FROM "member_cards"
SELECT "id", "owner" FROM "counters"
