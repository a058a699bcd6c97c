// SPDX-License-Identifier: GPL-3.0-or-later
// The project, rows and callers of the RowRule tests.
#include "rowrulesproject.h"

#include <QJsonValue>

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace RowRulesTest {

namespace {
Field field(const QString &table, const QString &name, FieldType type)
{
    Field f;
    f.id = u"fld_"_s + table + u'_' + name;
    f.name = name;
    f.type = type;
    return f;
}

Field key(const QString &table)
{
    Field id = field(table, u"id"_s, FieldType::Integer);
    id.primaryKey = PrimaryKeyKind::AutoIncrement;
    return id;
}

// Values of one column, taken in turn by the rows with a stride of their own, so that columns vary apart.
QJsonArray values(std::initializer_list<QJsonValue> list)
{
    QJsonArray a;
    for (const QJsonValue &v : list)
        a.append(v);
    return a;
}
} // namespace

std::shared_ptr<Project> project()
{
    auto p = std::make_shared<Project>();
    p->name = u"rowrules"_s;
    p->settings.jwtClaimFields = {u"organization_id"_s, u"level"_s, u"admin"_s, u"tag"_s};

    Table groups;
    groups.id = u"tbl_groups"_s;
    groups.name = u"groups"_s;
    groups.fields = {key(u"groups"_s), field(u"groups"_s, u"owner_id"_s, FieldType::Uuid)};
    groups.permissions.push_back(
        PermissionRule {u"rule_groups"_s, u"authenticated"_s, Operation::Select, {}});

    const QString t = u"things"_s;
    Table things;
    things.id = u"tbl_things"_s;
    things.name = t;
    Field kind = field(t, u"kind"_s, FieldType::Enum);
    kind.enumValues = {u"a"_s, u"b"_s, u"5"_s, u"true"_s, u"Ünï"_s};
    Field created = field(t, u"created_at"_s, FieldType::DateTime);
    created.autoTimestamp = AutoTimestamp::CreatedAt;
    Field updated = field(t, u"updated_at"_s, FieldType::DateTime);
    updated.autoTimestamp = AutoTimestamp::UpdatedAt;
    Field secret = field(t, u"secret"_s, FieldType::Text);
    secret.hidden = true;
    things.fields = {key(t), field(t, u"owner_id"_s, FieldType::Uuid),
        field(t, u"organization_id"_s, FieldType::Uuid), field(t, u"group_id"_s, FieldType::Integer),
        field(t, u"name"_s, FieldType::Text), field(t, u"email"_s, FieldType::Email), kind,
        field(t, u"level"_s, FieldType::Integer), field(t, u"score"_s, FieldType::Number),
        field(t, u"flag"_s, FieldType::Boolean), field(t, u"day"_s, FieldType::Date),
        field(t, u"at"_s, FieldType::DateTime), field(t, u"meta"_s, FieldType::Json),
        field(t, u"tags"_s, FieldType::TextArray), created, updated, secret};
    // The users' profiles, where the claims come from.
    const QString u = u"profiles"_s;
    Table profiles;
    profiles.id = u"tbl_profiles"_s;
    profiles.name = u;
    Field userId = field(u, u"id"_s, FieldType::Uuid);
    userId.primaryKey = PrimaryKeyKind::Supplied;
    profiles.fields
        = {userId, field(u, u"organization_id"_s, FieldType::Uuid), field(u, u"level"_s, FieldType::Integer),
            field(u, u"admin"_s, FieldType::Boolean), field(u, u"tag"_s, FieldType::Text)};
    p->settings.usersTable = profiles.id;
    p->tables = {groups, things, profiles};

    Relationship r;
    r.id = u"rel_groups_things"_s;
    r.kind = RelationshipKind::OneToMany;
    r.fromTableId = groups.id;
    r.toTableId = things.id;
    r.foreignKeyFieldId = u"fld_things_group_id"_s;
    r.onDelete = DeleteAction::SetNull;
    p->relationships = {r};
    return p;
}

std::shared_ptr<const Project> withRules(const Project &base, const QStringList &rules, bool tenantScoped)
{
    auto p = std::make_shared<Project>(base);
    Table &things = p->tables.at(1);
    things.permissions.clear();
    things.tenantScoped = tenantScoped;
    int n = 0;
    for (const QString &rule : rules) {
        const qsizetype colon = rule.indexOf(u':');
        things.permissions.push_back(PermissionRule {u"rule_"_s + QString::number(++n),
            rule.left(colon).trimmed(), Operation::Select, rule.mid(colon + 1).trimmed()});
    }
    return p;
}

QJsonArray groupRows()
{
    return {QJsonObject {{u"owner_id"_s, s_userA}}, QJsonObject {{u"owner_id"_s, s_userB}}};
}

QJsonArray thingRows()
{
    const QJsonValue null = QJsonValue::Null;
    // The data API takes integers through a double, so the largest it writes are about ±9.2e18.
    const qint64 max = 9100000000000000000LL;
    const qint64 min = -9100000000000000000LL;
    const struct Column
    {
        QString name;
        QJsonArray values;
        int stride;
    } columns[] = {
        {u"owner_id"_s, values({s_userA, s_userB, null, s_userA.toUpper()}), 1},
        {u"organization_id"_s, values({s_orgA, s_orgB, null}), 1},
        {u"group_id"_s, values({1, 2, null}), 2},
        {u"name"_s,
            values({u"alpha"_s, u"Alpha"_s, u"ALPHA"_s, u"beta"_s, u""_s, u" alpha"_s, u"é"_s, u"e\u0301"_s,
                u"Ω"_s, u"😀"_s, u"\uE000x"_s, u"\uFFFD"_s, u"zzz"_s, null, u"O'Brien"_s, u"5"_s}),
            3},
        {u"email"_s, values({u"ann@example.com"_s, u"ANN@example.com"_s, null, u"bob@example.com"_s}), 5},
        {u"kind"_s, values({u"a"_s, u"b"_s, u"5"_s, u"true"_s, u"Ünï"_s, null}), 7},
        {u"level"_s, values({0, 1, -1, 5, 42, max, min, 9007199254740993LL, null}), 2},
        {u"score"_s, values({0, 1.5, -1.5, 0.1, 1e300, 42, 5, 9007199254740993.0, 1e-300, -0.25, null}), 3},
        {u"flag"_s, values({true, false, null}), 1},
        {u"day"_s, values({u"2024-01-01"_s, u"1999-12-31"_s, u"2024-02-29"_s, null}), 3},
        {u"at"_s,
            values({u"2024-01-01T00:00:00.000Z"_s, u"2024-01-01T00:00:00.001Z"_s,
                u"2023-12-31T23:59:59.999Z"_s, u"2024-01-01T01:00:00+01:00"_s, null}),
            2},
        {u"meta"_s, values({null, QJsonObject {{u"a"_s, 1}}, u"text"_s}), 1},
        {u"tags"_s, values({null, QJsonArray {u"x"_s}}), 3},
    };
    QJsonArray rows;
    for (int i = 0; i < 72; ++i) {
        QJsonObject row;
        for (const Column &c : columns)
            row.insert(c.name, c.values.at((i * c.stride + i / c.values.size()) % c.values.size()));
        row.insert(u"secret"_s, QString(u"s"_s + QString::number(i)));
        rows.append(row);
    }
    return rows;
}

namespace {
Caller user(const QString &id, const QString &email, const QString &role, const QJsonObject &claims)
{
    return Caller {Caller::Kind::Authenticated, id, email, role, u"session"_s, claims, false};
}
} // namespace

Caller caller(const QString &name)
{
    if (name == QLatin1String("anon"))
        return Caller::anon();
    if (name == QLatin1String("service"))
        return Caller::service();
    if (name == QLatin1String("a"))
        return user(s_userA, u"ann@example.com"_s, u"authenticated"_s,
            {{u"organization_id"_s, s_orgA}, {u"level"_s, 5}, {u"admin"_s, true}, {u"tag"_s, u"a"_s}});
    if (name == QLatin1String("b"))
        return user(s_userB.toUpper(), u"ANN@example.com"_s, u"authenticated"_s,
            {{u"organization_id"_s, u"not-a-uuid"_s}, {u"level"_s, u"5"_s}, {u"admin"_s, u"yes"_s},
                {u"tag"_s, 5}});
    if (name == QLatin1String("editor"))
        return user(u"cccccccc-0000-4000-8000-00000000000c"_s, u"bob@example.com"_s, u"editor"_s,
            {{u"organization_id"_s, s_orgB}, {u"level"_s, 1.5}, {u"admin"_s, 1}, {u"tag"_s, true}});
    if (name == QLatin1String("bare"))
        return user(s_userA, {}, u"authenticated"_s, {});
    if (name == QLatin1String("big"))
        return user(s_userB, u"bob@example.com"_s, u"authenticated"_s,
            {{u"organization_id"_s, s_orgA.toUpper()}, {u"level"_s, 1e20}, {u"admin"_s, false},
                {u"tag"_s, u"Ünï"_s}});
    qFatal("unknown caller %s", qPrintable(name));
}

QStringList callerNames()
{
    return {u"anon"_s, u"service"_s, u"a"_s, u"b"_s, u"editor"_s, u"bare"_s, u"big"_s};
}

} // namespace RowRulesTest
