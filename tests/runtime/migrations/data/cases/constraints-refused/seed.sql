INSERT INTO "owners" ("id") VALUES (1);
INSERT INTO "stock" VALUES (1, NULL, 'S-1', -1, 1, 1, 1), (2, NULL, 'S-1', -2.5, 1, 1, 7), (3, 'c', 'S-2', 3, 1, 2, 8), (4, 'd', 'S-2', -3, 1, 2, NULL), (5, 'e', 'S-3', 1, NULL, NULL, 1);
