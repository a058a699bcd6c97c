// SPDX-License-Identifier: GPL-3.0-or-later
// RequestSamples: ready-to-send console requests for a table, and the URLs the console completes.
#include "requestsamples.h"

#include "model/project.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

namespace Designer {

namespace {

QString randomSuffix()
{
    return QString::number(QRandomGenerator::global()->bounded(0x100000, 0xffffff), 16);
}

// Returns \a text cut or padded to the field's length bounds.
QString fitLength(const Runtime::Field &field, QString text)
{
    const Runtime::Validation &v = field.validation;
    if (v.maxLength && text.size() > *v.maxLength)
        text = text.right(int(*v.maxLength)); // keep the random suffix, which makes unique values unique
    if (v.minLength && text.size() < *v.minLength)
        text += QString(int(*v.minLength - text.size()), QLatin1Char('x'));
    return text;
}

QJsonValue sampleText(const Runtime::Field &field)
{
    const QString suffix = randomSuffix();
    const QString name = field.name;
    QStringList candidates;
    if (name.contains(QLatin1String("phone")))
        candidates << QStringLiteral("+1 555 0100");
    if (name.contains(QLatin1String("slug")) || name.contains(QLatin1String("username")) || !field.validation.pattern.isEmpty())
        candidates << QStringLiteral("sample-") + suffix << QStringLiteral("sample_") + suffix << QStringLiteral("sample") + suffix;
    QString words = name;
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    candidates << (field.unique ? QStringLiteral("Sample %1 %2").arg(words, suffix) : QStringLiteral("Sample %1").arg(words));
    if (!field.validation.pattern.isEmpty()) {
        const QRegularExpression pattern(QRegularExpression::anchoredPattern(field.validation.pattern));
        for (const QString &candidate : std::as_const(candidates)) {
            const QString fitted = fitLength(field, candidate);
            if (pattern.match(fitted).hasMatch())
                return fitted;
        }
    }
    return fitLength(field, candidates.first());
}

double clamp(const Runtime::Field &field, double value)
{
    if (field.validation.max && value > *field.validation.max)
        value = *field.validation.max;
    if (field.validation.min && value < *field.validation.min)
        value = *field.validation.min;
    return value;
}

// Returns the table a foreign key (or junction) field points at, or an empty id.
Runtime::ObjectId referencedTable(const Runtime::Project &project, const Runtime::Field &field)
{
    const Runtime::Relationship *r = project.relationshipForField(field.id);
    if (!r)
        return {};
    if (r->isManyToMany())
        return field.id == r->junctionToFieldId ? r->toTableId : r->fromTableId;
    return r->fromTableId;
}

QJsonValue placeholderId(Runtime::FieldType type)
{
    return type == Runtime::FieldType::Uuid ? QJsonValue(QStringLiteral("00000000-0000-4000-8000-000000000001"))
                                            : QJsonValue(1);
}

QString rowFilter(const Runtime::Table &table)
{
    const Runtime::Field *key = table.primaryKey();
    const QString name = key ? key->name : QStringLiteral("id");
    const QJsonValue id = placeholderId(key ? key->type : Runtime::FieldType::Integer);
    return name + QStringLiteral("=eq.") + (id.isString() ? id.toString() : QString::number(id.toInt()));
}

// Writes \a members as an indented JSON object, in the given order.
QString objectText(const QList<QPair<QString, QJsonValue>> &members)
{
    if (members.isEmpty())
        return QStringLiteral("{}");
    QStringList lines;
    for (const auto &[name, value] : members) {
        QJsonArray wrapper {value};
        QString json = QString::fromUtf8(QJsonDocument(wrapper).toJson(QJsonDocument::Compact));
        json = json.mid(1, json.size() - 2);
        QJsonArray key {name};
        QString keyJson = QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact));
        lines << QStringLiteral("  ") + keyJson.mid(1, keyJson.size() - 2) + QStringLiteral(": ") + json;
    }
    return QStringLiteral("{\n") + lines.join(QStringLiteral(",\n")) + QStringLiteral("\n}");
}

} // namespace

QJsonValue RequestSamples::sampleValue(const Runtime::Field &field)
{
    using Runtime::FieldType;
    if (field.defaultValue.kind == Runtime::DefaultValue::Kind::Literal)
        return field.defaultValue.literal;
    switch (field.type) {
    case FieldType::Text: return sampleText(field);
    case FieldType::Integer: return qint64(clamp(field, 1));
    case FieldType::Number: return clamp(field, 9.5);
    case FieldType::Boolean: return true;
    case FieldType::Date: return QStringLiteral("2026-01-15");
    case FieldType::DateTime: return QStringLiteral("2026-01-15T12:00:00.000Z");
    case FieldType::Json: return QJsonObject {{QStringLiteral("key"), QStringLiteral("value")}};
    case FieldType::Uuid: return QUuid::createUuid().toString(QUuid::WithoutBraces);
    case FieldType::Email: return fitLength(field, QStringLiteral("sample.%1@example.com").arg(randomSuffix()));
    case FieldType::Url: return fitLength(field, QStringLiteral("https://example.com/%1").arg(randomSuffix()));
    case FieldType::Enum: return field.enumValues.isEmpty() ? QJsonValue(QString()) : QJsonValue(field.enumValues.first());
    case FieldType::File: return QStringLiteral("https://example.com/files/sample-%1.png").arg(randomSuffix());
    case FieldType::TextArray: return QJsonArray {QStringLiteral("a"), QStringLiteral("b")};
    case FieldType::IntegerArray: return QJsonArray {1, 2};
    }
    return {};
}

QString RequestSamples::sampleBody(const Runtime::Project &project, const Runtime::Table &table,
    const QHash<Runtime::ObjectId, QJsonValue> &knownIds)
{
    std::vector<const Runtime::Field *> fields;
    for (const Runtime::Field &field : table.fields) {
        if (field.isAutoManaged())
            continue;
        // Read-only fields only the service role may set: offer them only when an insert needs them.
        if (field.readOnly && (!field.required || !field.defaultValue.isNone()))
            continue;
        fields.push_back(&field);
    }
    std::stable_sort(fields.begin(), fields.end(),
        [](const Runtime::Field *a, const Runtime::Field *b) { return a->required && !b->required; });
    QList<QPair<QString, QJsonValue>> members;
    for (const Runtime::Field *field : fields) {
        const Runtime::ObjectId referenced = referencedTable(project, *field);
        if (!referenced.isEmpty()) {
            if (knownIds.contains(referenced))
                members.append({field->name, knownIds.value(referenced)});
            else if (field->required)
                members.append({field->name, placeholderId(field->type)});
            continue;
        }
        members.append({field->name, sampleValue(*field)});
    }
    return objectText(members);
}

QString RequestSamples::signUpData(const Runtime::Project &project)
{
    const Runtime::Table *users = project.table(project.settings.usersTable);
    if (!users)
        return QStringLiteral("{}");
    // What sign-up cannot fill itself: the key is the user's id and the email is copied; read-only and
    // hidden fields are refused from a client, so they are not offered.
    QList<QPair<QString, QJsonValue>> members;
    for (const Runtime::Field &field : users->fields) {
        if (!field.required || !field.defaultValue.isNone() || field.isPrimaryKey() || field.isAutoManaged()
            || field.readOnly || field.hidden || field.name == QLatin1String("email"))
            continue;
        members.append({field.name, referencedTable(project, field).isEmpty() ? sampleValue(field) : placeholderId(field.type)});
    }
    return objectText(members);
}

ConsoleRequest RequestSamples::request(Kind kind, const Runtime::Project &project, const Runtime::Table &table)
{
    ConsoleRequest request;
    const QString path = QStringLiteral("/rest/v1/") + table.name;
    const QPair<QString, QString> json {QStringLiteral("Content-Type"), QStringLiteral("application/json")};
    const QPair<QString, QString> representation {QStringLiteral("Prefer"), QStringLiteral("return=representation")};
    switch (kind) {
    case Kind::List:
        request.name = tr("List rows of %1").arg(table.name);
        request.url = path + QStringLiteral("?select=*&limit=20");
        break;
    case Kind::Get:
        request.name = tr("Get %1 by id").arg(table.name);
        request.url = path + QStringLiteral("?") + rowFilter(table);
        request.headers.append({QStringLiteral("Accept"), QStringLiteral("application/vnd.pgrst.object+json")});
        break;
    case Kind::Insert:
        request.name = tr("Insert into %1").arg(table.name);
        request.method = QStringLiteral("POST");
        request.url = path;
        request.headers << json << representation;
        request.body = sampleBody(project, table);
        request.auth = ConsoleAuth::Service;
        break;
    case Kind::Update: {
        request.name = tr("Update %1").arg(table.name);
        request.method = QStringLiteral("PATCH");
        request.url = path + QStringLiteral("?") + rowFilter(table);
        request.headers << json << representation;
        QList<QPair<QString, QJsonValue>> members;
        for (const Runtime::Field &field : table.fields) {
            if (!field.isAutoManaged() && !field.readOnly && !project.relationshipForField(field.id)) {
                members.append({field.name, sampleValue(field)});
                break;
            }
        }
        request.body = objectText(members);
        request.auth = ConsoleAuth::Service;
        break;
    }
    case Kind::Delete:
        request.name = tr("Delete from %1").arg(table.name);
        request.method = QStringLiteral("DELETE");
        request.url = path + QStringLiteral("?") + rowFilter(table);
        request.auth = ConsoleAuth::Service;
        break;
    }
    return request;
}

QString RequestSamples::kindName(Kind kind)
{
    switch (kind) {
    case Kind::List: return tr("List rows");
    case Kind::Get: return tr("Get by id");
    case Kind::Insert: return tr("Insert row");
    case Kind::Update: return tr("Update");
    case Kind::Delete: return tr("Delete");
    }
    return {};
}

QList<ConsoleRequest> RequestSamples::requests(const Runtime::Project &project, const Runtime::Table &table)
{
    QList<ConsoleRequest> list;
    for (Kind kind : {Kind::List, Kind::Get, Kind::Insert, Kind::Update, Kind::Delete})
        list.append(request(kind, project, table));
    return list;
}

QStringList RequestSamples::urlCompletions(const Runtime::Project &project)
{
    QStringList urls;
    for (const Runtime::Table &table : project.tables)
        urls << QStringLiteral("/rest/v1/") + table.name;
    urls << QStringLiteral("/rest/v1/") << QStringLiteral("/auth/v1/signup")
         << QStringLiteral("/auth/v1/token?grant_type=password")
         << QStringLiteral("/auth/v1/token?grant_type=refresh_token") << QStringLiteral("/auth/v1/user")
         << QStringLiteral("/auth/v1/logout") << QStringLiteral("/health");
    return urls;
}

} // namespace Designer
