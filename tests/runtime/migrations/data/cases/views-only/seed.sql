INSERT INTO "categories" ("id", "name") VALUES (1, 'Tools'), (2, 'Garden');
INSERT INTO "products" ("id", "title", "price", "active", "category_id") VALUES (1, 'Hammer', 12.5, TRUE, 1), (2, 'Saw''s', 20, TRUE, 1), (3, 'Rake', 5, TRUE, 2), (4, 'Nail', 0.5, FALSE, NULL), (5, 'Bucket', 8, TRUE, NULL);
