INSERT INTO "events" VALUES (1, 'a', '2026-01-01T00:00:00Z', 1), (2, 'a', '2026-01-02T00:00:00Z', 1), (3, 'b', NULL, NULL), (4, 'b', NULL, NULL);
