CREATE TABLE "organizations" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_organizations" PRIMARY KEY,
    "name" text NOT NULL,
    "slug" text NOT NULL,
    "plan" text NOT NULL DEFAULT 'free',
    "seats" bigint NOT NULL DEFAULT 5,
    "created_at" timestamptz,
    "updated_at" timestamptz,
    CONSTRAINT "ck_fld_organizations_name" CHECK (char_length("name") >= 1 AND char_length("name") <= 120),
    CONSTRAINT "uq_fld_organizations_slug" UNIQUE ("slug"),
    CONSTRAINT "ck_fld_organizations_slug" CHECK (char_length("slug") <= 60),
    CONSTRAINT "ck_fld_organizations_plan" CHECK ("plan" IN ('free', 'pro', 'enterprise')),
    CONSTRAINT "ck_fld_organizations_seats" CHECK ("seats" >= 1 AND "seats" <= 10000)
);

CREATE TABLE "users" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_users" PRIMARY KEY,
    "organization_id" uuid NOT NULL,
    "email" text NOT NULL,
    "full_name" text NOT NULL,
    "role" text NOT NULL DEFAULT 'member',
    "avatar" text,
    "last_seen_at" timestamptz,
    "created_at" timestamptz,
    CONSTRAINT "uq_fld_users_email" UNIQUE ("email"),
    CONSTRAINT "ck_fld_users_full_name" CHECK (char_length("full_name") <= 120),
    CONSTRAINT "ck_fld_users_role" CHECK ("role" IN ('owner', 'admin', 'member'))
);

CREATE INDEX "ix_idx_users_organization" ON "users" ("organization_id");

CREATE TABLE "projects" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_projects" PRIMARY KEY,
    "organization_id" uuid NOT NULL,
    "name" text NOT NULL,
    "description" text,
    "status" text NOT NULL DEFAULT 'active',
    "owner_id" uuid,
    "due_date" date,
    "created_at" timestamptz,
    "updated_at" timestamptz,
    CONSTRAINT "ck_fld_projects_name" CHECK (char_length("name") >= 1 AND char_length("name") <= 120),
    CONSTRAINT "ck_fld_projects_status" CHECK ("status" IN ('active', 'archived'))
);

CREATE INDEX "ix_idx_projects_organization_status" ON "projects" ("organization_id", "status");

CREATE TABLE "comments" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_comments" PRIMARY KEY,
    "organization_id" uuid NOT NULL,
    "task_id" uuid NOT NULL,
    "author_id" uuid NOT NULL,
    "body" text NOT NULL,
    "created_at" timestamptz,
    "updated_at" timestamptz,
    CONSTRAINT "ck_fld_comments_body" CHECK (char_length("body") >= 1 AND char_length("body") <= 5000)
);

CREATE INDEX "ix_idx_comments_task" ON "comments" ("task_id");

CREATE TABLE "tasks" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT "pk_tbl_tasks" PRIMARY KEY,
    "organization_id" uuid NOT NULL,
    "project_id" uuid NOT NULL,
    "title" text NOT NULL,
    "description" text,
    "status" text NOT NULL DEFAULT 'todo',
    "priority" bigint NOT NULL DEFAULT 2,
    "assignee_id" uuid,
    "due_at" timestamptz,
    "created_at" timestamptz,
    "updated_at" timestamptz,
    CONSTRAINT "ck_fld_tasks_title" CHECK (char_length("title") >= 1 AND char_length("title") <= 200),
    CONSTRAINT "ck_fld_tasks_status" CHECK ("status" IN ('todo', 'in_progress', 'done')),
    CONSTRAINT "ck_fld_tasks_priority" CHECK ("priority" >= 1 AND "priority" <= 4)
);

CREATE INDEX "ix_idx_tasks_project_status" ON "tasks" ("project_id", "status");

CREATE INDEX "ix_idx_tasks_assignee" ON "tasks" ("assignee_id");

ALTER TABLE "users" ADD CONSTRAINT "fk_rel_users_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE;

ALTER TABLE "projects" ADD CONSTRAINT "fk_rel_projects_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE;

ALTER TABLE "projects" ADD CONSTRAINT "fk_rel_projects_owner" FOREIGN KEY ("owner_id") REFERENCES "users" ("id") ON DELETE SET NULL;

ALTER TABLE "comments" ADD CONSTRAINT "fk_rel_comments_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE;

ALTER TABLE "comments" ADD CONSTRAINT "fk_rel_comments_task" FOREIGN KEY ("task_id") REFERENCES "tasks" ("id") ON DELETE CASCADE;

ALTER TABLE "comments" ADD CONSTRAINT "fk_rel_comments_author" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE;

ALTER TABLE "tasks" ADD CONSTRAINT "fk_rel_tasks_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE;

ALTER TABLE "tasks" ADD CONSTRAINT "fk_rel_tasks_project" FOREIGN KEY ("project_id") REFERENCES "projects" ("id") ON DELETE CASCADE;

ALTER TABLE "tasks" ADD CONSTRAINT "fk_rel_tasks_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users" ("id") ON DELETE SET NULL;
