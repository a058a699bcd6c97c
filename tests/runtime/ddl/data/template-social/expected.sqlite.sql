CREATE TABLE "users" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_users" PRIMARY KEY,
    "username" TEXT NOT NULL,
    "display_name" TEXT,
    "bio" TEXT,
    "avatar" TEXT,
    "website" TEXT,
    "email" TEXT NOT NULL,
    "created_at" TEXT,
    CONSTRAINT "uq_fld_users_username" UNIQUE ("username"),
    CONSTRAINT "ck_fld_users_username" CHECK (length("username") >= 3 AND length("username") <= 30),
    CONSTRAINT "ck_fld_users_display_name" CHECK (length("display_name") <= 60),
    CONSTRAINT "ck_fld_users_bio" CHECK (length("bio") <= 280),
    CONSTRAINT "uq_fld_users_email" UNIQUE ("email")
);

CREATE TABLE "posts" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_posts" PRIMARY KEY,
    "author_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "image" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "created_at" TEXT,
    "updated_at" TEXT,
    CONSTRAINT "ck_fld_posts_body" CHECK (length("body") >= 1 AND length("body") <= 500),
    CONSTRAINT "ck_fld_posts_visibility" CHECK ("visibility" IN ('public', 'followers')),
    CONSTRAINT "fk_rel_posts_author" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_idx_posts_author_created" ON "posts" ("author_id", "created_at");

CREATE TABLE "comments" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_comments" PRIMARY KEY,
    "post_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TEXT,
    CONSTRAINT "ck_fld_comments_body" CHECK (length("body") >= 1 AND length("body") <= 1000),
    CONSTRAINT "fk_rel_comments_post" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rel_comments_author" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_idx_comments_post" ON "comments" ("post_id");

CREATE TABLE "followers" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_followers" PRIMARY KEY,
    "follower_id" TEXT NOT NULL,
    "followed_id" TEXT NOT NULL,
    "created_at" TEXT,
    CONSTRAINT "fk_rel_followers_follower" FOREIGN KEY ("follower_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rel_followers_followed" FOREIGN KEY ("followed_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_idx_followers_pair" ON "followers" ("follower_id", "followed_id");

CREATE INDEX "ix_idx_followers_followed" ON "followers" ("followed_id");

CREATE TABLE "likes" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_likes" PRIMARY KEY,
    "post_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TEXT,
    CONSTRAINT "fk_rel_likes_post" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rel_likes_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_idx_likes_post_user" ON "likes" ("post_id", "user_id");
