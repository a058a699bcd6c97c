INSERT INTO "categories" ("id", "name") VALUES (1, 'Tools');
INSERT INTO "products" ("id", "name", "sku", "price", "category_id") VALUES (1, 'Hammer', 'H-1', 12.5, 1);
INSERT INTO "reviews" ("product_id", "body") WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3400) SELECT 1, 'review ' || i FROM n;
