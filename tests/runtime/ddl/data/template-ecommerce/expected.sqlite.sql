CREATE TABLE "categories" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_categories" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT,
    "created_at" TEXT,
    CONSTRAINT "uq_fld_categories_name" UNIQUE ("name"),
    CONSTRAINT "ck_fld_categories_name" CHECK (length("name") >= 1 AND length("name") <= 80),
    CONSTRAINT "uq_fld_categories_slug" UNIQUE ("slug"),
    CONSTRAINT "ck_fld_categories_slug" CHECK (length("slug") <= 80)
);

CREATE TABLE "products" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_products" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT,
    "price" NUMERIC NOT NULL,
    "stock" INTEGER NOT NULL DEFAULT 0,
    "sku" TEXT,
    "weight_kg" NUMERIC,
    "image" TEXT,
    "active" INTEGER NOT NULL DEFAULT 1,
    "category_id" INTEGER,
    "created_at" TEXT,
    "updated_at" TEXT,
    CONSTRAINT "ck_fld_products_name" CHECK (length("name") >= 1 AND length("name") <= 200),
    CONSTRAINT "uq_fld_products_slug" UNIQUE ("slug"),
    CONSTRAINT "ck_fld_products_slug" CHECK (length("slug") <= 200),
    CONSTRAINT "ck_fld_products_price" CHECK ("price" >= 0),
    CONSTRAINT "ck_fld_products_stock" CHECK ("stock" >= 0),
    CONSTRAINT "uq_fld_products_sku" UNIQUE ("sku"),
    CONSTRAINT "ck_fld_products_sku" CHECK (length("sku") <= 64),
    CONSTRAINT "ck_fld_products_weight_kg" CHECK ("weight_kg" >= 0 AND "weight_kg" <= 1000.5),
    CONSTRAINT "ck_fld_products_active" CHECK ("active" IN (0, 1)),
    CONSTRAINT "fk_rel_products_category" FOREIGN KEY ("category_id") REFERENCES "categories" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_idx_products_category" ON "products" ("category_id");

CREATE INDEX "products_active_price_idx" ON "products" ("active", "price");

CREATE TABLE "products_tags" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_products_tags" PRIMARY KEY AUTOINCREMENT,
    "product_id" INTEGER NOT NULL,
    "tag_id" INTEGER NOT NULL,
    CONSTRAINT "fk_rel_products_tags_from" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rel_products_tags_to" FOREIGN KEY ("tag_id") REFERENCES "tags" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_idx_products_tags_pair" ON "products_tags" ("product_id", "tag_id");

CREATE UNIQUE INDEX "ux_rel_products_tags" ON "products_tags" ("product_id", "tag_id");

CREATE TABLE "tags" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_tags" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    CONSTRAINT "uq_fld_tags_name" UNIQUE ("name"),
    CONSTRAINT "ck_fld_tags_name" CHECK (length("name") >= 1 AND length("name") <= 40)
);

CREATE TABLE "customers" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_customers" PRIMARY KEY,
    "email" TEXT NOT NULL,
    "full_name" TEXT,
    "phone" TEXT,
    "newsletter" INTEGER DEFAULT 0,
    "created_at" TEXT,
    "updated_at" TEXT,
    CONSTRAINT "uq_fld_customers_email" UNIQUE ("email"),
    CONSTRAINT "ck_fld_customers_full_name" CHECK (length("full_name") <= 120),
    CONSTRAINT "ck_fld_customers_phone" CHECK (length("phone") <= 32),
    CONSTRAINT "ck_fld_customers_newsletter" CHECK ("newsletter" IN (0, 1))
);

CREATE TABLE "orders" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_orders" PRIMARY KEY AUTOINCREMENT,
    "customer_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "total" NUMERIC NOT NULL DEFAULT 0,
    "tax_rate" NUMERIC NOT NULL DEFAULT 0.2,
    "shipping_address" TEXT NOT NULL,
    "placed_at" TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    "created_at" TEXT,
    "updated_at" TEXT,
    CONSTRAINT "ck_fld_orders_status" CHECK ("status" IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
    CONSTRAINT "ck_fld_orders_total" CHECK ("total" >= 0),
    CONSTRAINT "ck_fld_orders_tax_rate" CHECK ("tax_rate" >= 0 AND "tax_rate" <= 1),
    CONSTRAINT "ck_fld_orders_shipping_address" CHECK (length("shipping_address") <= 500),
    CONSTRAINT "fk_rel_orders_customer" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_idx_orders_customer_status" ON "orders" ("customer_id", "status");

CREATE TABLE "order_items" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_order_items" PRIMARY KEY AUTOINCREMENT,
    "order_id" INTEGER NOT NULL,
    "product_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "unit_price" NUMERIC NOT NULL,
    CONSTRAINT "ck_fld_order_items_quantity" CHECK ("quantity" >= 1 AND "quantity" <= 999),
    CONSTRAINT "ck_fld_order_items_unit_price" CHECK ("unit_price" >= 0),
    CONSTRAINT "fk_rel_order_items_order" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rel_order_items_product" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_idx_order_items_order_product" ON "order_items" ("order_id", "product_id");

CREATE TABLE "reviews" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_reviews" PRIMARY KEY AUTOINCREMENT,
    "product_id" INTEGER NOT NULL,
    "customer_id" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "title" TEXT,
    "body" TEXT,
    "created_at" TEXT,
    CONSTRAINT "ck_fld_reviews_rating" CHECK ("rating" >= 1 AND "rating" <= 5),
    CONSTRAINT "ck_fld_reviews_title" CHECK (length("title") <= 120),
    CONSTRAINT "ck_fld_reviews_body" CHECK (length("body") <= 2000),
    CONSTRAINT "fk_rel_reviews_product" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rel_reviews_customer" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_idx_reviews_product_customer" ON "reviews" ("product_id", "customer_id");
