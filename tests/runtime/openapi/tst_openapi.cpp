// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the OpenAPI document: its structure for each template, and validity against the OpenAPI 3.0
// schema.
#include "http/openapi.h"
#include "io/projectreader.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace {
const QString s_serverUrl = u"http://localhost:8090"_s;

// Returns the template \a name, or for "compat" the supabase-js suite's project (supplied keys, arrays).
std::unique_ptr<Project> loadTemplate(const QString &name)
{
    const QString path = name == u"compat"_s ? TestSupport::sourcePath(u"tests/compat/supabase-js/compat.basalt"_s)
                                             : TestSupport::templatePath(name);
    Result<std::unique_ptr<Project>> project = readProjectFile(path);
    if (!project)
        qWarning().noquote() << project.error().toString();
    return project ? std::move(project.value()) : nullptr;
}

// The JSON schema type and format each field type must be documented with (written out independently).
QPair<QString, QString> expectedType(FieldType type)
{
    switch (type) {
    case FieldType::Integer:
        return {u"integer"_s, u"int64"_s};
    case FieldType::Number:
        return {u"number"_s, {}};
    case FieldType::Boolean:
        return {u"boolean"_s, {}};
    case FieldType::Date:
        return {u"string"_s, u"date"_s};
    case FieldType::DateTime:
        return {u"string"_s, u"date-time"_s};
    case FieldType::Json:
        return {{}, {}};
    case FieldType::Uuid:
        return {u"string"_s, u"uuid"_s};
    case FieldType::Email:
        return {u"string"_s, u"email"_s};
    case FieldType::Url:
        return {u"string"_s, u"uri"_s};
    case FieldType::Text:
    case FieldType::Enum:
    case FieldType::File:
        return {u"string"_s, {}};
    case FieldType::TextArray:
    case FieldType::IntegerArray:
        return {u"array"_s, {}};
    }
    return {};
}

QStringList refsOf(const QJsonArray &parameters)
{
    QStringList out;
    for (const QJsonValue &p : parameters)
        out << p.toObject().value(u"$ref"_s).toString();
    return out;
}

// Runs tests/tools/openapi/validate.mjs on \a document; returns its exit code, or -1 if node is missing.
int runValidator(const QByteArray &document, QString &output)
{
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    const QString tools = TestSupport::sourcePath(u"tests/tools/openapi"_s);
    if (node.isEmpty() || !QDir(tools + u"/node_modules/@seriousme/openapi-schema-validator"_s).exists()) {
        output = u"node or the validator package is missing; run npm ci --prefix tests/tools/openapi"_s;
        return -1;
    }
    QTemporaryDir dir;
    QFile file(dir.filePath(u"openapi.json"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(document) != document.size())
        return -2;
    file.close();
    QProcess process;
    process.setWorkingDirectory(tools);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(node, {tools + u"/validate.mjs"_s, file.fileName()});
    if (!process.waitForFinished(120000))
        return -3;
    output = QString::fromUtf8(process.readAll());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -4;
}
} // namespace

/** Skips when node or the validator package is missing, but fails under CI=true, where both must be present.
 */
#define REQUIRE_VALIDATOR(code, output)                                                                      \
    do {                                                                                                     \
        if ((code) == -1) {                                                                                  \
            if (qEnvironmentVariable("CI") == u"true"_s)                                                     \
                QFAIL(qPrintable(u"required under CI: "_s + (output)));                                      \
            QSKIP(qPrintable(output));                                                                       \
        }                                                                                                    \
    } while (false)

class tst_OpenApi : public QObject
{
    Q_OBJECT

private slots:
    void structure_data();
    void structure();
    void schemas_data() { structure_data(); }
    void schemas();
    void validatesAgainstOpenApiSchema_data() { structure_data(); }
    void validatesAgainstOpenApiSchema();
    void validatorRejectsBrokenDocument();
    void functionsAndEndpoints();
};

void tst_OpenApi::structure_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"ecommerce", "saas", "social", "chat", "compat"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_OpenApi::structure()
{
    QFETCH(QString, name);
    const std::unique_ptr<Project> project = loadTemplate(name);
    QVERIFY(project);
    const QJsonObject doc = QJsonDocument::fromJson(openApiDocument(*project, s_serverUrl)).object();
    QCOMPARE(doc.value(u"openapi"_s).toString(), u"3.0.3"_s);
    QCOMPARE(doc[u"info"_s][u"title"_s].toString(), project->name);
    QVERIFY(doc[u"info"_s][u"description"_s].toString().startsWith(project->description));
    QCOMPARE(doc[u"servers"_s][0][u"url"_s].toString(), s_serverUrl);
    const QJsonObject paths = doc.value(u"paths"_s).toObject();
    QCOMPARE(paths.size(),
        qsizetype(project->tables.size() + project->views.size() + 2 * project->functions.size()
            + project->endpoints.size()));
    const QJsonObject components = doc.value(u"components"_s).toObject();
    const QJsonObject parameters = components.value(u"parameters"_s).toObject();
    // A view is a read-only path: GET and HEAD, its columns typed by the fields they come from.
    for (const View &view : project->views) {
        const QJsonObject item = paths.value(u"/rest/v1/"_s + view.name).toObject();
        QCOMPARE(item.keys(), QStringList({u"get"_s, u"head"_s}));
        const QJsonObject properties = components[u"schemas"_s][view.name][u"properties"_s].toObject();
        QCOMPARE(qsizetype(properties.size()), qsizetype(view.columns.size()));
        for (size_t i = 0; i < view.columns.size(); ++i) {
            const Field *source = view.sourceField(*project, i);
            QVERIFY(source);
            const QJsonObject column = properties.value(view.columns[i].name).toObject();
            QVERIFY2(!column.isEmpty(), qPrintable(view.columns[i].name));
            for (const Table &table : project->tables) {
                if (table.field(source->id)) {
                    const QJsonObject original = components[u"schemas"_s][table.name][u"properties"_s][source->name].toObject();
                    QCOMPARE(column.value(u"type"_s), original.value(u"type"_s));
                    QCOMPARE(column.value(u"format"_s), original.value(u"format"_s));
                }
            }
            QVERIFY(parameters.contains(u"rowFilter.%1.%2"_s.arg(view.name, view.columns[i].name)));
        }
        QVERIFY(!components[u"schemas"_s].toObject().contains(view.name + u".update"_s));
    }
    for (const Table &table : project->tables) {
        const QJsonObject item = paths.value(u"/rest/v1/"_s + table.name).toObject();
        QCOMPARE(item.keys(), QStringList({u"delete"_s, u"get"_s, u"head"_s, u"patch"_s, u"post"_s}));
        const QStringList getRefs = refsOf(item[u"get"_s][u"parameters"_s].toArray());
        const QStringList postRefs = refsOf(item[u"post"_s][u"parameters"_s].toArray());
        for (const QString &common : {u"select"_s, u"order"_s, u"limit"_s, u"offset"_s, u"range"_s})
            QVERIFY2(getRefs.contains(u"#/components/parameters/"_s + common), qPrintable(common));
        QVERIFY(postRefs.contains(u"#/components/parameters/on_conflict"_s));
        for (const Field &field : table.fields) {
            const QString key = u"rowFilter.%1.%2"_s.arg(table.name, field.name);
            QCOMPARE(getRefs.contains(u"#/components/parameters/"_s + key), !field.hidden);
            QCOMPARE(parameters.contains(key), !field.hidden);
            QVERIFY(!postRefs.contains(u"#/components/parameters/"_s + key));
            if (field.hidden)
                continue;
            QCOMPARE(parameters[key][u"name"_s].toString(), field.name);
            QCOMPARE(parameters[key][u"in"_s].toString(), u"query"_s);
            QVERIFY(
                parameters[key][u"description"_s].toString().contains(u"eq, neq, gt, gte, lt, lte, like"_s));
        }
        QCOMPARE(item[u"get"_s][u"responses"_s][u"200"_s][u"content"_s][u"application/json"_s][u"schema"_s]
                     [u"items"_s][u"$ref"_s]
                         .toString(),
            u"#/components/schemas/"_s + table.name);
        QCOMPARE(item[u"patch"_s][u"responses"_s][u"4XX"_s][u"$ref"_s].toString(),
            u"#/components/responses/Error"_s);
        QVERIFY(item[u"post"_s][u"requestBody"_s].isObject());
    }
    QCOMPARE(components[u"schemas"_s][u"Error"_s][u"required"_s].toArray(),
        QJsonArray({u"code"_s, u"message"_s, u"details"_s, u"hint"_s}));
    QCOMPARE(components[u"securitySchemes"_s][u"apikey"_s][u"in"_s].toString(), u"header"_s);
    QCOMPARE(components[u"securitySchemes"_s][u"bearer"_s][u"bearerFormat"_s].toString(), u"JWT"_s);
}

void tst_OpenApi::schemas()
{
    QFETCH(QString, name);
    const std::unique_ptr<Project> project = loadTemplate(name);
    QVERIFY(project);
    const QJsonObject doc = QJsonDocument::fromJson(openApiDocument(*project, s_serverUrl)).object();
    const QJsonObject schemas = doc[u"components"_s][u"schemas"_s].toObject();
    for (const Table &table : project->tables) {
        const QJsonObject schema = schemas.value(table.name).toObject();
        const QJsonObject properties = schema.value(u"properties"_s).toObject();
        const QJsonArray required = schema.value(u"required"_s).toArray();
        QStringList visible;
        for (const Field &field : table.fields) {
            if (!field.hidden)
                visible << field.name;
        }
        QStringList keys = properties.keys();
        keys.sort();
        visible.sort();
        QCOMPARE(keys, visible);
        QCOMPARE(schemas[table.name + u".update"_s][u"properties"_s].toObject().keys(), keys);
        QVERIFY(!schemas[table.name + u".update"_s].toObject().contains(u"required"_s));
        for (const Field &field : table.fields) {
            if (field.hidden)
                continue;
            const QJsonObject property = properties.value(field.name).toObject();
            const auto [type, format] = expectedType(field.type);
            const QByteArray where = (table.name + u'.' + field.name).toUtf8();
            QVERIFY2(property.value(u"type"_s).toString() == type, where.constData());
            QVERIFY2(property.value(u"format"_s).toString() == format, where.constData());
            if (isArray(field.type)) {
                const auto [itemType, itemFormat] = expectedType(arrayElementType(field.type));
                QVERIFY2(property[u"items"_s][u"type"_s].toString() == itemType, where.constData());
                QVERIFY2(property[u"items"_s][u"format"_s].toString() == itemFormat, where.constData());
            }
            QVERIFY2(property.value(u"readOnly"_s).toBool() == field.isAutoManaged(), where.constData());
            const bool nullable = !field.required && !field.isPrimaryKey() && field.type != FieldType::Json;
            QVERIFY2(property.value(u"nullable"_s).toBool() == nullable, where.constData());
            const bool mustGive
                = (field.required || field.isSuppliedKey()) && !field.isAutoManaged() && field.defaultValue.isNone();
            QVERIFY2(required.contains(field.name) == mustGive, where.constData());
            if (field.type == FieldType::Enum) {
                QJsonArray values = QJsonArray::fromStringList(field.enumValues);
                if (nullable)
                    values.append(QJsonValue::Null);
                QCOMPARE(property.value(u"enum"_s).toArray(), values);
            }
        }
    }
}

void tst_OpenApi::validatesAgainstOpenApiSchema()
{
    QFETCH(QString, name);
    const std::unique_ptr<Project> project = loadTemplate(name);
    QVERIFY(project);
    QString output;
    const int code = runValidator(openApiDocument(*project, s_serverUrl), output);
    REQUIRE_VALIDATOR(code, output);
    QVERIFY2(code == 0, qPrintable(output));
}

void tst_OpenApi::validatorRejectsBrokenDocument()
{
    const std::unique_ptr<Project> project = loadTemplate(u"ecommerce"_s);
    QVERIFY(project);
    QJsonObject doc = QJsonDocument::fromJson(openApiDocument(*project, s_serverUrl)).object();
    QJsonObject info = doc.value(u"info"_s).toObject();
    info.remove(u"version"_s); // required by OpenAPI 3.0
    doc.insert(u"info"_s, info);
    QString output;
    const int code = runValidator(QJsonDocument(doc).toJson(), output);
    REQUIRE_VALIDATOR(code, output);
    QVERIFY2(code == 1, qPrintable(output));
}


// compat.basalt's functions are rpc (GET too for read-only ones) and Edge Functions paths; its endpoint is an
// /api/ path with its typed path parameter.
void tst_OpenApi::functionsAndEndpoints()
{
    const std::unique_ptr<Project> project = loadTemplate(u"compat"_s);
    QVERIFY(project);
    const QJsonObject paths
        = QJsonDocument::fromJson(openApiDocument(*project, s_serverUrl)).object().value(u"paths"_s).toObject();
    QCOMPARE(paths.value(u"/rest/v1/rpc/cheap_products"_s).toObject().keys(), QStringList({u"get"_s, u"post"_s}));
    QCOMPARE(paths.value(u"/rest/v1/rpc/add_tag"_s).toObject().keys(), QStringList({u"post"_s}));
    QVERIFY(paths[u"/rest/v1/rpc/add_tag"_s][u"post"_s][u"description"_s].toString().contains(u"signed-in"_s));
    QCOMPARE(paths.value(u"/functions/v1/hello"_s).toObject().keys(), QStringList({u"post"_s}));
    const QJsonObject card = paths[u"/api/products/{id}/card"_s][u"get"_s].toObject();
    QCOMPARE(card[u"parameters"_s][0][u"name"_s].toString(), u"id"_s);
    QCOMPARE(card[u"parameters"_s][0][u"in"_s].toString(), u"path"_s);
    QCOMPARE(card[u"parameters"_s][0][u"schema"_s][u"type"_s].toString(), u"integer"_s);
    QVERIFY(card[u"description"_s].toString().contains(u"hello"_s));
}

QTEST_GUILESS_MAIN(tst_OpenApi)
#include "tst_openapi.moc"
