CREATE TABLE "users" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_users" PRIMARY KEY,
    "username" text NOT NULL,
    "display_name" text,
    "bio" text,
    "avatar" text,
    "website" text,
    "email" text NOT NULL,
    "created_at" timestamptz,
    CONSTRAINT "uq_fld_users_username" UNIQUE ("username"),
    CONSTRAINT "ck_fld_users_username" CHECK (char_length("username") >= 3 AND char_length("username") <= 30),
    CONSTRAINT "ck_fld_users_display_name" CHECK (char_length("display_name") <= 60),
    CONSTRAINT "ck_fld_users_bio" CHECK (char_length("bio") <= 280),
    CONSTRAINT "uq_fld_users_email" UNIQUE ("email")
);

CREATE TABLE "posts" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_posts" PRIMARY KEY,
    "author_id" uuid NOT NULL,
    "body" text NOT NULL,
    "image" text,
    "visibility" text NOT NULL DEFAULT 'public',
    "created_at" timestamptz,
    "updated_at" timestamptz,
    CONSTRAINT "ck_fld_posts_body" CHECK (char_length("body") >= 1 AND char_length("body") <= 500),
    CONSTRAINT "ck_fld_posts_visibility" CHECK ("visibility" IN ('public', 'followers'))
);

CREATE INDEX "ix_idx_posts_author_created" ON "posts" ("author_id", "created_at");

CREATE TABLE "comments" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_comments" PRIMARY KEY,
    "post_id" uuid NOT NULL,
    "author_id" uuid NOT NULL,
    "body" text NOT NULL,
    "created_at" timestamptz,
    CONSTRAINT "ck_fld_comments_body" CHECK (char_length("body") >= 1 AND char_length("body") <= 1000)
);

CREATE INDEX "ix_idx_comments_post" ON "comments" ("post_id");

CREATE TABLE "followers" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_followers" PRIMARY KEY,
    "follower_id" uuid NOT NULL,
    "followed_id" uuid NOT NULL,
    "created_at" timestamptz
);

CREATE UNIQUE INDEX "ix_idx_followers_pair" ON "followers" ("follower_id", "followed_id");

CREATE INDEX "ix_idx_followers_followed" ON "followers" ("followed_id");

CREATE TABLE "likes" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_likes" PRIMARY KEY,
    "post_id" uuid NOT NULL,
    "user_id" uuid NOT NULL,
    "created_at" timestamptz
);

CREATE UNIQUE INDEX "ix_idx_likes_post_user" ON "likes" ("post_id", "user_id");

ALTER TABLE "posts" ADD CONSTRAINT "fk_rel_posts_author" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE;

ALTER TABLE "comments" ADD CONSTRAINT "fk_rel_comments_post" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE;

ALTER TABLE "comments" ADD CONSTRAINT "fk_rel_comments_author" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE;

ALTER TABLE "followers" ADD CONSTRAINT "fk_rel_followers_follower" FOREIGN KEY ("follower_id") REFERENCES "users" ("id") ON DELETE CASCADE;

ALTER TABLE "followers" ADD CONSTRAINT "fk_rel_followers_followed" FOREIGN KEY ("followed_id") REFERENCES "users" ("id") ON DELETE CASCADE;

ALTER TABLE "likes" ADD CONSTRAINT "fk_rel_likes_post" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE;

ALTER TABLE "likes" ADD CONSTRAINT "fk_rel_likes_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE;
