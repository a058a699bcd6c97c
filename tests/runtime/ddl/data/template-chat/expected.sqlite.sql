CREATE TABLE "channels" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_channels" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "topic" TEXT,
    "is_private" INTEGER NOT NULL DEFAULT 0,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT,
    CONSTRAINT "uq_fld_channels_name" UNIQUE ("name"),
    CONSTRAINT "ck_fld_channels_name" CHECK (length("name") >= 1 AND length("name") <= 80),
    CONSTRAINT "ck_fld_channels_topic" CHECK (length("topic") <= 250),
    CONSTRAINT "ck_fld_channels_is_private" CHECK ("is_private" IN (0, 1))
);

CREATE TABLE "members" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_members" PRIMARY KEY,
    "channel_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "muted" INTEGER NOT NULL DEFAULT 0,
    "joined_at" TEXT,
    "last_read_at" TEXT,
    CONSTRAINT "ck_fld_members_role" CHECK ("role" IN ('owner', 'moderator', 'member')),
    CONSTRAINT "ck_fld_members_muted" CHECK ("muted" IN (0, 1)),
    CONSTRAINT "fk_rel_members_channel" FOREIGN KEY ("channel_id") REFERENCES "channels" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_idx_members_channel_user" ON "members" ("channel_id", "user_id");

CREATE INDEX "ix_idx_members_user" ON "members" ("user_id");

CREATE TABLE "messages" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_messages" PRIMARY KEY,
    "channel_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "attachment" TEXT,
    "edited" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT,
    "updated_at" TEXT,
    CONSTRAINT "ck_fld_messages_body" CHECK (length("body") >= 1 AND length("body") <= 4000),
    CONSTRAINT "ck_fld_messages_edited" CHECK ("edited" IN (0, 1)),
    CONSTRAINT "fk_rel_messages_channel" FOREIGN KEY ("channel_id") REFERENCES "channels" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_idx_messages_channel_created" ON "messages" ("channel_id", "created_at");
