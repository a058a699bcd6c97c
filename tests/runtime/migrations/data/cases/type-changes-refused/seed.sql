INSERT INTO "conv" VALUES (1, 'abc', {true}, 1.5), (2, '7', {false}, 2), (3, '1.5', NULL, NULL), (4, 'x', NULL, NULL), (5, NULL, NULL, NULL);
