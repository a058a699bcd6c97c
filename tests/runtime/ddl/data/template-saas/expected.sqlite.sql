CREATE TABLE "organizations" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_organizations" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "plan" TEXT NOT NULL DEFAULT 'free',
    "seats" INTEGER NOT NULL DEFAULT 5,
    "created_at" TEXT,
    "updated_at" TEXT,
    CONSTRAINT "ck_fld_organizations_name" CHECK (length("name") >= 1 AND length("name") <= 120),
    CONSTRAINT "uq_fld_organizations_slug" UNIQUE ("slug"),
    CONSTRAINT "ck_fld_organizations_slug" CHECK (length("slug") <= 60),
    CONSTRAINT "ck_fld_organizations_plan" CHECK ("plan" IN ('free', 'pro', 'enterprise')),
    CONSTRAINT "ck_fld_organizations_seats" CHECK ("seats" >= 1 AND "seats" <= 10000)
);

CREATE TABLE "users" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_users" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "avatar" TEXT,
    "last_seen_at" TEXT,
    "created_at" TEXT,
    CONSTRAINT "uq_fld_users_email" UNIQUE ("email"),
    CONSTRAINT "ck_fld_users_full_name" CHECK (length("full_name") <= 120),
    CONSTRAINT "ck_fld_users_role" CHECK ("role" IN ('owner', 'admin', 'member')),
    CONSTRAINT "fk_rel_users_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_idx_users_organization" ON "users" ("organization_id");

CREATE TABLE "projects" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_projects" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "owner_id" TEXT,
    "due_date" TEXT,
    "created_at" TEXT,
    "updated_at" TEXT,
    CONSTRAINT "ck_fld_projects_name" CHECK (length("name") >= 1 AND length("name") <= 120),
    CONSTRAINT "ck_fld_projects_status" CHECK ("status" IN ('active', 'archived')),
    CONSTRAINT "fk_rel_projects_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rel_projects_owner" FOREIGN KEY ("owner_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_idx_projects_organization_status" ON "projects" ("organization_id", "status");

CREATE TABLE "comments" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_comments" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TEXT,
    "updated_at" TEXT,
    CONSTRAINT "ck_fld_comments_body" CHECK (length("body") >= 1 AND length("body") <= 5000),
    CONSTRAINT "fk_rel_comments_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rel_comments_task" FOREIGN KEY ("task_id") REFERENCES "tasks" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rel_comments_author" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_idx_comments_task" ON "comments" ("task_id");

CREATE TABLE "tasks" (
    "id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) CONSTRAINT "pk_tbl_tasks" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'todo',
    "priority" INTEGER NOT NULL DEFAULT 2,
    "assignee_id" TEXT,
    "due_at" TEXT,
    "created_at" TEXT,
    "updated_at" TEXT,
    CONSTRAINT "ck_fld_tasks_title" CHECK (length("title") >= 1 AND length("title") <= 200),
    CONSTRAINT "ck_fld_tasks_status" CHECK ("status" IN ('todo', 'in_progress', 'done')),
    CONSTRAINT "ck_fld_tasks_priority" CHECK ("priority" >= 1 AND "priority" <= 4),
    CONSTRAINT "fk_rel_tasks_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rel_tasks_project" FOREIGN KEY ("project_id") REFERENCES "projects" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rel_tasks_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_idx_tasks_project_status" ON "tasks" ("project_id", "status");

CREATE INDEX "ix_idx_tasks_assignee" ON "tasks" ("assignee_id");
