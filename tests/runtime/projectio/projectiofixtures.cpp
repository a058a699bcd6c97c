// SPDX-License-Identifier: GPL-3.0-or-later
// Projects built in code for the file format tests, with the exact text the writer must produce.
#include "projectiofixtures.h"

#include <QJsonValue>

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace Fixtures {

namespace {
Field keyField(const QString &id, FieldType type = FieldType::Integer)
{
    return {.id = id,
            .name = u"id"_s,
            .type = type,
            .primaryKey = type == FieldType::Uuid ? PrimaryKeyKind::Uuid : PrimaryKeyKind::AutoIncrement};
}

Project minimalProject()
{
    Project p;
    p.name = u"Minimal"_s;
    return p;
}

// Every option at its default: only required keys may be written.
Project defaultsProject()
{
    Project p;
    p.name = u"Defaults"_s;
    Table t {.id = u"t"_s, .name = u"notes"_s};
    t.fields = {keyField(u"f1"_s), Field {.id = u"f2"_s, .name = u"body"_s}};
    t.indexes = {Index {.id = u"i1"_s, .fieldIds = {u"f2"_s}}};
    t.permissions = {PermissionRule {.id = u"p1"_s, .role = u"anon"_s}};
    p.tables = {t};
    p.roles = {Role {.id = u"r1"_s, .name = u"editor"_s}};
    p.functions = {ScriptFunction {.id = u"fn1"_s, .name = u"noop"_s}};
    p.endpoints = {Endpoint {.id = u"e1"_s, .name = u"Ping"_s, .path = u"ping"_s, .functionId = u"fn1"_s}};
    p.integrations = {Integration {.id = u"in1"_s, .name = u"api"_s, .baseUrl = u"https://example.com"_s}};
    return p;
}

// Every option set, to check the documented key order.
Project optionsProject()
{
    Project p;
    p.name = u"Options"_s;
    p.description = u"All of them"_s;
    p.settings = {.accessTokenLifetimeSeconds = 600,
                  .minimumPasswordLength = 12,
                  .maxRequestBodyBytes = 2048,
                  .usersTable = u"t"_s,
                  .roleField = u"code"_s,
                  .jwtClaimFields = {u"org"_s},
                  .corsOrigins = {u"http://a.test"_s, u"http://b.test"_s}};
    Field all {.id = u"f1"_s,
               .name = u"code"_s,
               .type = FieldType::Enum,
               .description = u"d"_s,
               .required = true,
               .unique = true,
               .hidden = true,
               .readOnly = true,
               .primaryKey = PrimaryKeyKind::AutoIncrement,
               .autoTimestamp = AutoTimestamp::CreatedAt,
               .defaultValue = {DefaultValue::Kind::Literal, QJsonValue(u"a"_s)},
               .validation = {.min = 0.5, .max = 2, .minLength = 1, .maxLength = 3, .pattern = u"^a$"_s},
               .enumValues = {u"a"_s, u"b"_s}};
    Field now {.id = u"f2"_s,
               .name = u"at"_s,
               .type = FieldType::DateTime,
               .defaultValue = {DefaultValue::Kind::Now, {}}};
    Table t {.id = u"t"_s,
             .name = u"things"_s,
             .description = u"td"_s,
             .fields = {all, now},
             .indexes = {Index {
                 .id = u"i"_s, .name = u"things_code"_s, .fieldIds = {u"f1"_s, u"f2"_s}, .unique = true}},
             .permissions = {PermissionRule {.id = u"p"_s,
                                             .role = u"authenticated"_s,
                                             .operation = Operation::Update,
                                             .expression = u"code = 'a'"_s}},
             .position = QPointF(12.5, -40),
             .color = u"#abcdef"_s,
             .tenantScoped = true};
    p.tables = {t};
    p.relationships = {Relationship {.id = u"r"_s,
                                     .name = u"links"_s,
                                     .kind = RelationshipKind::ManyToMany,
                                     .fromTableId = u"t"_s,
                                     .toTableId = u"t"_s,
                                     .onDelete = DeleteAction::Cascade,
                                     .junctionTableId = u"j"_s,
                                     .junctionFromFieldId = u"a"_s,
                                     .junctionToFieldId = u"b"_s}};
    p.functions = {ScriptFunction {.id = u"fn"_s,
                                   .name = u"audit_change"_s,
                                   .description = u"Audits"_s,
                                   .code = u"const a = 1;\n\nreturn { a };\n"_s,
                                   .timeoutMs = 1500}};
    p.triggers = {Trigger {.id = u"tr"_s,
                           .name = u"audit"_s,
                           .tableId = u"t"_s,
                           .event = TriggerEvent::Update,
                           .functionId = u"fn"_s}};
    p.integrations = {Integration {.id = u"in"_s,
                                   .name = u"mail"_s,
                                   .baseUrl = u"https://mail.test"_s,
                                   .headers = {{u"Authorization"_s, u"Bearer ${MAIL_KEY}"_s}},
                                   .description = u"Mail"_s}};
    p.channelRules = {ChannelRule {.id = u"ch"_s,
        .pattern = u"org:{org}:*"_s,
        .join = u"org = auth.claims.org"_s,
        .broadcast = u""_s,
        .track = u"auth.uid is not null"_s,
        .description = u"Organizations"_s}};
    return p;
}

Project emptyFieldsProject()
{
    Project p;
    p.name = u"Empty"_s;
    p.tables = {Table {.id = u"t"_s, .name = u"t"_s}};
    return p;
}

struct WriterCase
{
    const char *name;
    const char *file;
    Project (*project)();
};

const WriterCase s_cases[] = {
    {"minimal project", "minimal-project", minimalProject},
    {"defaults omitted", "defaults-omitted", defaultsProject},
    {"every option in documented order", "every-option", optionsProject},
    {"empty fields array", "empty-fields-array", emptyFieldsProject},
};
} // namespace

int writerCaseCount()
{
    return int(std::size(s_cases));
}
const char *writerCaseName(int index)
{
    return s_cases[index].name;
}
Project writerCaseProject(int index)
{
    return s_cases[index].project();
}
QString writerCaseFile(int index)
{
    return QStringLiteral("writer/%1.basalt").arg(QLatin1String(s_cases[index].file));
}

namespace {
// A tenant-scoped table with a literal default of every JSON kind, an index and rules.
Table booksTable()
{
    Table books {
        .id = u"tbl_books"_s, .name = u"books"_s, .position = QPointF(333.3, -12), .tenantScoped = true};
    books.fields = {
        keyField(u"fld_books_id"_s),
        Field {.id = u"fld_books_organization_id"_s, .name = u"organization_id"_s, .type = FieldType::Uuid},
        Field {.id = u"fld_books_author_id"_s, .name = u"author_id"_s, .type = FieldType::Uuid},
        Field {.id = u"fld_books_price"_s,
               .name = u"price"_s,
               .type = FieldType::Number,
               .defaultValue = {DefaultValue::Kind::Literal, QJsonValue(9.99)},
               .validation = {.min = 0.01, .max = 1e6}},
        Field {.id = u"fld_books_pages"_s,
               .name = u"pages"_s,
               .type = FieldType::Integer,
               .readOnly = true,
               .defaultValue = {DefaultValue::Kind::Literal, QJsonValue(qint64(100))}},
        Field {.id = u"fld_books_state"_s,
               .name = u"state"_s,
               .type = FieldType::Enum,
               .defaultValue = {DefaultValue::Kind::Literal, QJsonValue(u"draft"_s)},
               .enumValues = {u"draft"_s, u"published"_s}},
        Field {.id = u"fld_books_released"_s,
               .name = u"released"_s,
               .type = FieldType::Date,
               .defaultValue = {DefaultValue::Kind::Literal, QJsonValue(u"2026-11-21"_s)}},
        Field {.id = u"fld_books_meta"_s,
               .name = u"meta"_s,
               .type = FieldType::Json,
               .defaultValue = {DefaultValue::Kind::Literal, QJsonValue(true)}},
        Field {.id = u"fld_books_updated"_s,
               .name = u"updated_at"_s,
               .type = FieldType::DateTime,
               .autoTimestamp = AutoTimestamp::UpdatedAt}};
    books.indexes = {Index {.id = u"idx_books_state"_s,
                            .name = u"books_state"_s,
                            .fieldIds = {u"fld_books_state"_s, u"fld_books_price"_s}}};
    books.permissions
        = {PermissionRule {.id = u"perm_1"_s, .role = u"anon"_s, .expression = u"state = 'published'"_s},
           PermissionRule {.id = u"perm_2"_s,
                           .role = u"editor"_s,
                           .operation = Operation::Update,
                           .expression = u"author_id = auth.uid or auth.claims.organization_id is not null"_s}};
    return books;
}

Table authorsTable()
{
    Table authors {
        .id = u"tbl_authors"_s, .name = u"authors"_s, .position = QPointF(0.25, 1e-3), .color = u"#112233"_s};
    authors.fields = {keyField(u"fld_authors_id"_s, FieldType::Uuid),
                      Field {.id = u"fld_authors_email"_s,
                             .name = u"email"_s,
                             .type = FieldType::Email,
                             .required = true,
                             .unique = true,
                             .hidden = true,
                             .defaultValue = {DefaultValue::Kind::Literal, QJsonValue(u"a@b.test"_s)},
                             .validation = {.maxLength = 200, .pattern = u"^.+@.+$"_s}},
                      Field {.id = u"fld_authors_organization_id"_s,
                             .name = u"organization_id"_s,
                             .type = FieldType::Uuid},
                      Field {.id = u"fld_authors_role"_s, .name = u"role"_s, .type = FieldType::Text}};
    return authors;
}
// A text key given on insert, and a one-to-one extension table whose key is also its foreign key.
std::vector<Table> readerTables()
{
    Table readers {.id = u"tbl_readers"_s, .name = u"readers"_s};
    readers.fields = {Field {.id = u"fld_readers_username"_s,
                             .name = u"username"_s,
                             .type = FieldType::Text,
                             .primaryKey = PrimaryKeyKind::Supplied,
                             .validation = {.maxLength = 30}}};
    Table cards {.id = u"tbl_reader_cards"_s, .name = u"reader_cards"_s};
    cards.fields = {Field {.id = u"fld_reader_cards_username"_s,
                           .name = u"username"_s,
                           .type = FieldType::Text,
                           .primaryKey = PrimaryKeyKind::Supplied},
                    Field {.id = u"fld_reader_cards_number"_s, .name = u"number"_s, .type = FieldType::Integer},
                    Field {.id = u"fld_reader_cards_labels"_s, .name = u"labels"_s, .type = FieldType::TextArray},
                    Field {.id = u"fld_reader_cards_scores"_s,
                           .name = u"scores"_s,
                           .type = FieldType::IntegerArray,
                           .required = true}};
    return {readers, cards};
}
} // namespace

Project everyFeatureProject()
{
    Project p;
    p.name = u"Every feature – «ü» \"quoted\""_s;
    p.description = u"Line one\nLine two\twith a tab and a \\ backslash"_s;
    p.settings = {.accessTokenLifetimeSeconds = 7200,
                  .minimumPasswordLength = 10,
                  .maxRequestBodyBytes = 5 * 1024 * 1024,
                  .usersTable = u"tbl_authors"_s,
                  .roleField = u"role"_s,
                  .jwtClaimFields = {u"organization_id"_s},
                  .corsOrigins = {u"http://localhost:5173"_s}};
    p.roles = {Role {.id = u"role_editor"_s, .name = u"editor"_s, .description = u"Edits things"_s}};
    p.tables = {authorsTable(), booksTable()};
    for (Table &t : readerTables())
        p.tables.push_back(std::move(t));
    p.relationships = {Relationship {.id = u"rel_books_author"_s,
                                     .name = u"author"_s,
                                     .fromTableId = u"tbl_authors"_s,
                                     .toTableId = u"tbl_books"_s,
                                     .foreignKeyFieldId = u"fld_books_author_id"_s,
                                     .onDelete = DeleteAction::SetNull},
                       Relationship {.id = u"rel_reader_card"_s,
                                     .kind = RelationshipKind::OneToOne,
                                     .fromTableId = u"tbl_readers"_s,
                                     .toTableId = u"tbl_reader_cards"_s,
                                     .foreignKeyFieldId = u"fld_reader_cards_username"_s,
                                     .onDelete = DeleteAction::Cascade}};
    p.views = {View {.id = u"view_cheap_books"_s,
        .name = u"cheap_books"_s,
        .description = u"Books under 10, with their author's role"_s,
        .baseTableId = u"tbl_books"_s,
        .columns = {ViewColumn {.name = u"organization_id"_s, .fieldId = u"fld_books_organization_id"_s},
            ViewColumn {.name = u"cost"_s, .fieldId = u"fld_books_price"_s},
            ViewColumn {.name = u"author_role"_s, .relationshipId = u"rel_books_author"_s, .fieldId = u"fld_authors_role"_s}},
        .filter = u"price=lt.10&or=(pages.gt.100,pages.is.null)"_s,
        .permissions = {PermissionRule {.id = u"perm_view_books"_s, .role = u"authenticated"_s, .expression = u"cost < 5"_s}},
        .position = QPointF(40, 500.5),
        .color = u"#445566"_s}};
    p.functions = {ScriptFunction {.id = u"fn_publish"_s,
                                   .name = u"publish"_s,
                                   .description = u"Publishes"_s,
                                   .code = u"function publish(request) {\n  return { ok: true };\n}\n"_s,
                                   .callers = {.access = CallAccess::SignedIn},
                                   .readOnly = true,
                                   .sampleInput = u"{\n  \"body\": {\"id\": 7}\n}"_s}};
    p.endpoints = {Endpoint {.id = u"ep_publish"_s,
                             .name = u"Publish"_s,
                             .method = u"POST"_s,
                             .path = u"books/:id/publish"_s,
                             .functionId = u"fn_publish"_s,
                             .callers = {.access = CallAccess::Roles, .roles = {u"authenticated"_s, u"editor"_s}},
                             .parameters = {EndpointParameter {.name = u"id"_s, .type = ParameterType::Integer,
                                                .location = ParameterLocation::Path, .required = true},
                                            EndpointParameter {.name = u"note"_s, .location = ParameterLocation::Body,
                                                .description = u"Shown to readers"_s}},
                             .description = u"Publishes a book"_s}};
    p.triggers = {Trigger {.id = u"trg_audit"_s,
                           .name = u"Audit"_s,
                           .tableId = u"tbl_books"_s,
                           .event = TriggerEvent::Delete,
                           .functionId = u"fn_publish"_s},
                   Trigger {.id = u"trg_check"_s,
                           .name = u"Check"_s,
                           .tableId = u"tbl_books"_s,
                           .timing = TriggerTiming::Before,
                           .event = TriggerEvent::Update,
                           .functionId = u"fn_publish"_s,
                           .enabled = false},
                   Trigger {.id = u"trg_welcome"_s,
                           .name = u"Welcome"_s,
                           .event = TriggerEvent::SignUp,
                           .functionId = u"fn_publish"_s}};
    p.schedules = {Schedule {.id = u"sch_nightly"_s,
                             .name = u"Nightly"_s,
                             .cron = u"0 3 * * *"_s,
                             .timeZone = u"Europe/Berlin"_s,
                             .functionId = u"fn_publish"_s,
                             .description = u"Cleans up"_s}};
    p.integrations
        = {Integration {.id = u"int_mail"_s,
                        .name = u"mail"_s,
                        .baseUrl = u"https://api.mail.test/v3"_s,
                        .headers = {{u"Authorization"_s, u"Bearer ${MAIL_KEY}"_s}, {u"X-Empty"_s, {}}},
                        .description = u"Sends mail"_s}};
    p.channelRules = {ChannelRule {.id = u"chr_rooms"_s, .pattern = u"room:*"_s, .join = u""_s,
                          .broadcast = u"auth.role = 'authenticated'"_s},
        ChannelRule {.id = u"chr_orgs"_s,
            .pattern = u"org:{organization_id}:*"_s,
            .join = u"organization_id = auth.claims.organization_id"_s,
            .track = u"organization_id = auth.claims.organization_id and auth.role in ('editor', 'authenticated')"_s,
            .description = u"Members of an organization"_s}};
    return p;
}

} // namespace Fixtures
