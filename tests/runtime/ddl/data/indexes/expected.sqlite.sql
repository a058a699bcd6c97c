CREATE TABLE "events" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_events" PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "happened_at" TEXT NOT NULL,
    "user_id" INTEGER,
    "sequence" INTEGER
);

CREATE INDEX "ix_idx_events_kind" ON "events" ("kind");

CREATE INDEX "ix_idx_events_kind_at" ON "events" ("kind", "happened_at");

CREATE UNIQUE INDEX "events_user_sequence" ON "events" ("user_id", "sequence");

CREATE UNIQUE INDEX "ix_idx_this_index_id_is_deliberately_long_enough_to_ne_b97b7550" ON "events" ("happened_at");

CREATE TABLE "long_ids" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl_a_table_whose_stable_id_is_long_enough_to_overf_3da7675e" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT,
    CONSTRAINT "uq_fld_a_field_whose_stable_id_is_long_enough_to_overf_086f5ad2" UNIQUE ("code"),
    CONSTRAINT "ck_fld_a_field_whose_stable_id_is_long_enough_to_overf_8927de42" CHECK (length("code") <= 8)
);
