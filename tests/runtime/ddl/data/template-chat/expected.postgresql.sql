CREATE TABLE "channels" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_channels" PRIMARY KEY,
    "name" text NOT NULL,
    "topic" text,
    "is_private" boolean NOT NULL DEFAULT FALSE,
    "created_by" uuid NOT NULL,
    "created_at" timestamptz,
    CONSTRAINT "uq_fld_channels_name" UNIQUE ("name"),
    CONSTRAINT "ck_fld_channels_name" CHECK (char_length("name") >= 1 AND char_length("name") <= 80),
    CONSTRAINT "ck_fld_channels_topic" CHECK (char_length("topic") <= 250)
);

CREATE TABLE "members" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_members" PRIMARY KEY,
    "channel_id" uuid NOT NULL,
    "user_id" uuid NOT NULL,
    "role" text NOT NULL DEFAULT 'member',
    "muted" boolean NOT NULL DEFAULT FALSE,
    "joined_at" timestamptz,
    "last_read_at" timestamptz,
    CONSTRAINT "ck_fld_members_role" CHECK ("role" IN ('owner', 'moderator', 'member'))
);

CREATE UNIQUE INDEX "ix_idx_members_channel_user" ON "members" ("channel_id", "user_id");

CREATE INDEX "ix_idx_members_user" ON "members" ("user_id");

CREATE TABLE "messages" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_messages" PRIMARY KEY,
    "channel_id" uuid NOT NULL,
    "author_id" uuid NOT NULL,
    "body" text NOT NULL,
    "attachment" text,
    "edited" boolean NOT NULL DEFAULT FALSE,
    "created_at" timestamptz,
    "updated_at" timestamptz,
    CONSTRAINT "ck_fld_messages_body" CHECK (char_length("body") >= 1 AND char_length("body") <= 4000)
);

CREATE INDEX "ix_idx_messages_channel_created" ON "messages" ("channel_id", "created_at");

ALTER TABLE "members" ADD CONSTRAINT "fk_rel_members_channel" FOREIGN KEY ("channel_id") REFERENCES "channels" ("id") ON DELETE CASCADE;

ALTER TABLE "messages" ADD CONSTRAINT "fk_rel_messages_channel" FOREIGN KEY ("channel_id") REFERENCES "channels" ("id") ON DELETE CASCADE;
