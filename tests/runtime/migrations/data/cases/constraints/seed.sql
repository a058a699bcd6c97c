INSERT INTO "stock" VALUES (1, 'bolt', 'B-1', 0.1, 'a', 10, 'x', 'C'), (2, 'nut', 'N-1', 999, NULL, 0, '', 'D'), (3, 'washer', NULL, NULL, 'b', NULL, 'y', NULL);
