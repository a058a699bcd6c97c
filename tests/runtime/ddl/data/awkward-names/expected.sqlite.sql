CREATE TABLE "user" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl-user" PRIMARY KEY AUTOINCREMENT,
    "table" TEXT NOT NULL,
    "check" TEXT DEFAULT 'c''d',
    CONSTRAINT "uq_fld-user-table" UNIQUE ("table"),
    CONSTRAINT "ck_fld-user-check" CHECK ("check" IN ('a"b', 'c''d', 'e\f', 'g h', 'ü'))
);

CREATE TABLE "group" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl-group" PRIMARY KEY AUTOINCREMENT,
    "from" INTEGER NOT NULL,
    "default" TEXT DEFAULT '''; DROP TABLE "user"; --',
    "primary" INTEGER DEFAULT 0,
    "desc" NUMERIC,
    CONSTRAINT "ck_fld-group-primary" CHECK ("primary" IN (0, 1)),
    CONSTRAINT "ck_fld-group-desc" CHECK ("desc" >= -10 AND "desc" <= 10),
    CONSTRAINT "fk_rel-user-groups" FOREIGN KEY ("from") REFERENCES "user" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_idx-group-from-desc" ON "group" ("from", "desc");

CREATE TABLE "_select" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_tbl-_select" PRIMARY KEY AUTOINCREMENT,
    "where" INTEGER,
    CONSTRAINT "uq_fld-select-where" UNIQUE ("where"),
    CONSTRAINT "fk_rel-select-where" FOREIGN KEY ("where") REFERENCES "group" ("id") ON DELETE SET NULL
);
