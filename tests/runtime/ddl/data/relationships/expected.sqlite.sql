CREATE TABLE "categories" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_categories" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL
);

CREATE TABLE "products" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_products" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "category_id" INTEGER,
    CONSTRAINT "fk_rel_category_products" FOREIGN KEY ("category_id") REFERENCES "categories" ("id") ON DELETE SET NULL
);

CREATE TABLE "product_details" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_product_details" PRIMARY KEY AUTOINCREMENT,
    "product_id" INTEGER NOT NULL,
    "body" TEXT,
    CONSTRAINT "uq_fld_details_product" UNIQUE ("product_id"),
    CONSTRAINT "fk_rel_product_details" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE CASCADE
);

CREATE TABLE "tags" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_tags" PRIMARY KEY,
    "label" TEXT NOT NULL,
    CONSTRAINT "uq_fld_tags_label" UNIQUE ("label")
);

CREATE TABLE "product_tags" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_product_tags" PRIMARY KEY AUTOINCREMENT,
    "product_id" INTEGER NOT NULL,
    "tag_id" TEXT NOT NULL,
    CONSTRAINT "fk_rel_product_tags_from" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rel_product_tags_to" FOREIGN KEY ("tag_id") REFERENCES "tags" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ux_rel_product_tags" ON "product_tags" ("product_id", "tag_id");

CREATE TABLE "employees" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_employees" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "manager_id" INTEGER,
    CONSTRAINT "fk_rel_manager" FOREIGN KEY ("manager_id") REFERENCES "employees" ("id") ON DELETE RESTRICT
);

CREATE TABLE "customers" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_customers" PRIMARY KEY,
    "email" TEXT NOT NULL,
    CONSTRAINT "uq_fld_customers_email" UNIQUE ("email")
);

CREATE TABLE "orders" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_orders" PRIMARY KEY AUTOINCREMENT,
    "customer_id" TEXT NOT NULL,
    "total" NUMERIC NOT NULL DEFAULT 0,
    CONSTRAINT "fk_rel_customer_orders" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE RESTRICT
);
