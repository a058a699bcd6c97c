SELECT "id" || '|' || "title" || '|' || COALESCE("category", '-') FROM "active_products" ORDER BY "id"
SELECT "title" FROM "cheap" ORDER BY "title"
SELECT "label" FROM "category_names" ORDER BY "label"
