SELECT "id" || '|' || "product" || '|' || "price" || '|' || COALESCE("category", '-') FROM "active_products" ORDER BY "id"
SELECT "label" FROM "category_names" ORDER BY "label"
SELECT COUNT(*) FROM "products"
