// SPDX-License-Identifier: GPL-3.0-or-later
// REST API test helpers: requests with headers and bodies, JSON matching with placeholders, the shop fixture.
#include "restclient.h"

#include "testsupport.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>

#include <cmath>
#include <csignal>

namespace {
// Rows in id order, so ids are 1, 2, 3... on both engines. Booleans as TRUE/FALSE and datetimes as
// ISO 8601 literals in the form Basalt writes to SQLite (milliseconds, Z) read the same in both engines.
// writers: a text key given on insert; articles point at it and have array fields; customer_cards.customer_id
// is both the key and the one-to-one foreign key to customers; article_list is a view over articles (its
// writer column is the foreign key to writers), team a view over staff (ShopServer adds staff) showing its key,
// its self-referencing key under another name (boss) and one of its two keys to customers.
const char s_modelTables[] = R"({
  "tables": [
    {"id": "tbl_writers", "name": "writers", "fields": [
      {"id": "fld_writers_username", "name": "username", "type": "text", "primaryKey": "supplied",
       "validation": {"maxLength": 20}},
      {"id": "fld_writers_display_name", "name": "display_name", "type": "text"}]},
    {"id": "tbl_articles", "name": "articles", "fields": [
      {"id": "fld_articles_id", "name": "id", "type": "integer", "primaryKey": "autoIncrement"},
      {"id": "fld_articles_writer", "name": "writer", "type": "text", "required": true},
      {"id": "fld_articles_title", "name": "title", "type": "text"},
      {"id": "fld_articles_labels", "name": "labels", "type": "text[]"},
      {"id": "fld_articles_scores", "name": "scores", "type": "integer[]"}]},
    {"id": "tbl_customer_cards", "name": "customer_cards", "fields": [
      {"id": "fld_customer_cards_customer_id", "name": "customer_id", "type": "uuid", "primaryKey": "supplied"},
      {"id": "fld_customer_cards_nickname", "name": "nickname", "type": "text"}]}
  ],
  "relationships": [
    {"id": "rel_writer_articles", "kind": "oneToMany", "from": "tbl_writers", "to": "tbl_articles",
     "foreignKey": "fld_articles_writer", "onDelete": "cascade"},
    {"id": "rel_customer_card", "kind": "oneToOne", "from": "tbl_customers", "to": "tbl_customer_cards",
     "foreignKey": "fld_customer_cards_customer_id", "onDelete": "cascade"}
  ],
  "views": [
    {"id": "view_article_list", "name": "article_list", "table": "tbl_articles", "columns": [
      {"name": "id", "field": "fld_articles_id"},
      {"name": "headline", "field": "fld_articles_title"},
      {"name": "labels", "field": "fld_articles_labels"},
      {"name": "writer", "field": "fld_articles_writer"},
      {"name": "writer_name", "relationship": "rel_writer_articles", "field": "fld_writers_display_name"}],
     "filter": "title=neq.Other&writer=not.is.null"},
    {"id": "view_team", "name": "team", "table": "tbl_staff", "columns": [
      {"name": "id", "field": "fld_staff_id"},
      {"name": "name", "field": "fld_staff_name"},
      {"name": "boss", "field": "fld_staff_manager_id"},
      {"name": "mentor_id", "field": "fld_staff_mentor_id"}],
     "permissions": [{"id": "perm_team_select_authenticated", "role": "authenticated", "operation": "select",
                      "expression": "name != 'Boss'"}]}
  ]
})";

const char *const s_seed[] = {
    "INSERT INTO categories (name, slug, description, created_at) VALUES "
    "('Kitchen', 'kitchen', 'Pots and pans', '2026-01-02T03:04:05.000Z'), "
    "('Garden', 'garden', NULL, '2026-01-02T03:04:05.000Z'), "
    "('Books', 'books', 'Paper things', '2026-01-02T03:04:05.000Z')",
    "INSERT INTO tags (name) VALUES ('vegan'), ('gift'), ('sale')",
    "INSERT INTO products (name, slug, description, price, stock, sku, weight_kg, active, category_id, "
    "created_at, updated_at, internal_note) VALUES "
    "('Blue Mug', 'blue-mug', 'A blue mug', 8.5, 10, 'MUG-1', 0.3, TRUE, 1, '2026-01-02T03:04:05.000Z', "
    "'2026-01-02T03:04:05.000Z', 'secret-1'), "
    "('Red Mug', 'red-mug', NULL, 9.5, 0, 'MUG-2', 0.3, TRUE, 1, '2026-01-02T03:04:05.000Z', "
    "'2026-01-02T03:04:05.000Z', 'secret-2'), "
    "('Frying Pan', 'frying-pan', 'Cast iron', 35, 4, 'PAN-1', 1.2, TRUE, 1, '2026-01-02T03:04:05.000Z', "
    "'2026-01-02T03:04:05.000Z', 'secret-3'), "
    "('Garden Hose', 'garden-hose', NULL, 25, 7, NULL, NULL, TRUE, 2, '2026-01-02T03:04:05.000Z', "
    "'2026-01-02T03:04:05.000Z', 'secret-4'), "
    "('Old Shovel', 'old-shovel', NULL, 15, 0, 'SHV-1', 2.5, FALSE, 2, '2026-01-02T03:04:05.000Z', "
    "'2026-01-02T03:04:05.000Z', 'secret-5'), "
    "('Cook Book', 'cook-book', 'Recipes', 20, 3, 'BK-1', NULL, TRUE, NULL, '2026-01-02T03:04:05.000Z', "
    "'2026-01-02T03:04:05.000Z', 'secret-6')",
    "INSERT INTO products_tags (product_id, tag_id) VALUES (1, 1), (1, 2), (3, 2), (3, 3), (6, 1)",
    "INSERT INTO customers (id, email, full_name, phone, newsletter, created_at, updated_at) VALUES "
    "('11111111-1111-4111-8111-111111111111', 'ann@example.com', 'Ann Archer', NULL, TRUE, "
    "'2026-01-02T03:04:05.000Z', '2026-01-02T03:04:05.000Z'), "
    "('22222222-2222-4222-8222-222222222222', 'bob@example.com', 'Bob Baker', '+44 1234 5678', FALSE, "
    "'2026-01-02T03:04:05.000Z', '2026-01-02T03:04:05.000Z')",
    "INSERT INTO staff (name, manager_id, mentor_id, buddy_id) VALUES "
    "('Boss', NULL, '11111111-1111-4111-8111-111111111111', NULL), "
    "('Ada', 1, '22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111'), "
    "('Cy', 1, NULL, NULL), "
    "('Di', 2, NULL, NULL)",
    "INSERT INTO reviews (product_id, customer_id, rating, title, created_at) VALUES "
    "(1, '11111111-1111-4111-8111-111111111111', 5, 'Great', '2026-01-02T03:04:05.000Z'), "
    "(1, '22222222-2222-4222-8222-222222222222', 3, 'Okay', '2026-01-02T03:04:05.000Z'), "
    "(3, '11111111-1111-4111-8111-111111111111', 4, 'Heavy', '2026-01-02T03:04:05.000Z'), "
    "(6, '22222222-2222-4222-8222-222222222222', 2, NULL, '2026-01-02T03:04:05.000Z')",
    "INSERT INTO orders (customer_id, status, total, shipping_address, placed_at, created_at, updated_at) "
    "VALUES ('11111111-1111-4111-8111-111111111111', 'paid', 43.5, 'Street 1', '2026-01-03T00:00:00.000Z', "
    "'2026-01-02T03:04:05.000Z', '2026-01-02T03:04:05.000Z'), "
    "('22222222-2222-4222-8222-222222222222', 'pending', 25, 'Road 2', '2026-01-03T00:00:00.000Z', "
    "'2026-01-02T03:04:05.000Z', '2026-01-02T03:04:05.000Z')",
    "INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES "
    "(1, 1, 1, 8.5), (1, 3, 1, 35), (2, 4, 1, 25)",
};

const QRegularExpression s_timestamp(
    QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|\\+00:00|\\+00)$"));
const QRegularExpression s_uuid(
    QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));

QString describe(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

QString headerValue(const HttpReply &reply, const QByteArray &name)
{
    return QString::fromUtf8(reply.headers.value(name.toLower()));
}

QJsonValue documentValue(const QJsonDocument &document)
{
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

// Returns where the string at \a i (the opening quote) of \a json ends, after the closing quote.
qsizetype skipString(const QByteArray &json, qsizetype i)
{
    for (++i; i < json.size(); ++i) {
        if (json.at(i) == '\\')
            ++i;
        else if (json.at(i) == '"')
            return i + 1;
    }
    return i;
}
} // namespace

HeaderList parseHeaderLines(const QString &text)
{
    HeaderList headers;
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        headers.append({line.left(colon).trimmed().toUtf8(), TestSupport::expandKeys(line.mid(colon + 1).trimmed())});
    }
    return headers;
}

QNetworkReply *startRequest(QNetworkAccessManager &manager, const QByteArray &method, const QUrl &url,
    const HeaderList &headers, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    bool hasContentType = false;
    bool hasKey = false;
    for (const auto &[name, value] : headers) {
        hasContentType = hasContentType || name.compare("content-type", Qt::CaseInsensitive) == 0;
        const bool key = name.compare("apikey", Qt::CaseInsensitive) == 0;
        hasKey = hasKey || key;
        // "-" leaves a header out: a request without any key.
        if (value != "-")
            request.setRawHeader(name, value);
    }
    // Requests act as the service role unless a row names its own key.
    if (!hasKey) {
        request.setRawHeader("apikey", TestSupport::serviceKey());
        request.setRawHeader("Authorization", "Bearer " + TestSupport::serviceKey());
    }
    if (!body.isEmpty() && !hasContentType)
        request.setRawHeader("Content-Type", "application/json");
    if (method == "HEAD")
        return manager.head(request);
    return manager.sendCustomRequest(request, method, body);
}

HttpReply replyResult(QNetworkReply *reply)
{
    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    if (result.status == 0)
        result.networkError = reply->errorString();
    return result;
}

HttpReply sendRequest(QNetworkAccessManager &manager, const QByteArray &method, const QUrl &url,
    const HeaderList &headers, const QByteArray &body)
{
    std::unique_ptr<QNetworkReply> reply(startRequest(manager, method, url, headers, body));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    if (!reply->isFinished()) {
        reply->abort();
        HttpReply timedOut;
        timedOut.networkError = QStringLiteral("timed out");
        return timedOut;
    }
    return replyResult(reply.get());
}

QString jsonMismatch(const QJsonValue &expected, const QJsonValue &actual, const QString &path)
{
    const auto differs = [&] {
        return QStringLiteral("%1: expected %2, got %3").arg(path, describe(expected), describe(actual));
    };
    if (expected.isString()) {
        const QString e = expected.toString();
        if (e == QLatin1String("<any>"))
            return {};
        if (e == QLatin1String("<ts>"))
            return actual.isString() && s_timestamp.match(actual.toString()).hasMatch() ? QString()
                                                                                        : differs();
        if (e == QLatin1String("<uuid>"))
            return actual.isString() && s_uuid.match(actual.toString()).hasMatch() ? QString() : differs();
        if (e == QLatin1String("<int>"))
            return actual.isDouble() && std::floor(actual.toDouble()) == actual.toDouble() ? QString()
                                                                                           : differs();
    }
    if (expected.type() != actual.type())
        return differs();
    if (expected.isObject()) {
        const QJsonObject e = expected.toObject();
        const QJsonObject a = actual.toObject();
        if (e.keys() != a.keys())
            return QStringLiteral("%1: keys %2, expected %3")
                .arg(path, a.keys().join(QLatin1Char(',')), e.keys().join(QLatin1Char(',')));
        for (auto it = e.begin(); it != e.end(); ++it) {
            const QString inner
                = jsonMismatch(it.value(), a.value(it.key()), path + QLatin1Char('.') + it.key());
            if (!inner.isEmpty())
                return inner;
        }
        return {};
    }
    if (expected.isArray()) {
        const QJsonArray e = expected.toArray();
        const QJsonArray a = actual.toArray();
        if (e.size() != a.size())
            return differs();
        for (qsizetype i = 0; i < e.size(); ++i) {
            const QString inner = jsonMismatch(e.at(i), a.at(i), path + QStringLiteral("[%1]").arg(i));
            if (!inner.isEmpty())
                return inner;
        }
        return {};
    }
    if (expected.isDouble())
        return std::abs(expected.toDouble() - actual.toDouble()) < 1e-9 ? QString() : differs();
    return expected == actual ? QString() : differs();
}

QStringList firstObjectKeys(const QByteArray &json)
{
    const qsizetype start = json.indexOf('{');
    if (start < 0 || json.left(start).trimmed().size() > 1) // only "[" may come before the object
        return {};
    QStringList keys;
    int depth = 0;
    bool expectKey = false;
    for (qsizetype i = start; i < json.size();) {
        const char c = json.at(i);
        if (c == '"') {
            const qsizetype end = skipString(json, i);
            if (depth == 1 && expectKey)
                keys << QString::fromUtf8(json.mid(i + 1, end - i - 2));
            expectKey = false;
            i = end;
            continue;
        }
        if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']')
            --depth;
        if (depth == 0)
            break;
        if (depth == 1 && (c == '{' || c == ','))
            expectKey = true;
        ++i;
    }
    return keys;
}

QString leakedInternals(const QByteArray &body)
{
    // Statement shapes, not keywords: "UPDATE requires a WHERE clause" is PostgREST's own message for 21000.
    static const QRegularExpression sql(
        QStringLiteral("\\bSELECT\\b.*\\bFROM\\b|\\bINSERT INTO\\b|\\bUPDATE\\s+\\S+\\s+SET\\b|\\bDELETE "
                       "FROM\\b|\\bRETURNING\\b|\\bWHERE\\s+\""));
    static const QRegularExpression internals(
        QStringLiteral("sqlite|qpsql|QSqlError|/tmp/|/work/|\\.cpp\\b|\\.basalt\\b"),
        QRegularExpression::CaseInsensitiveOption);
    const QString text = QString::fromUtf8(body);
    QRegularExpressionMatch match = sql.match(text);
    if (!match.hasMatch())
        match = internals.match(text);
    return match.hasMatch() ? match.captured(0) : QString();
}

// Returns how \a reply's headers differ from the "Name: value" lines \a expected (Content-Type up to ';').
QString headersProblem(const HttpReply &reply, const QString &expected)
{
    for (const auto &[name, value] : parseHeaderLines(expected)) {
        QString actual = headerValue(reply, name);
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            actual = actual.section(QLatin1Char(';'), 0, 0).trimmed();
        if (actual != QString::fromUtf8(value))
            return QStringLiteral("%1: expected \"%2\", got \"%3\"")
                .arg(QString::fromUtf8(name), QString::fromUtf8(value), actual);
    }
    return {};
}

// Returns how \a reply differs from a PostgREST error with \a code (or alternatives "a|b") whose message or
// details contain \a fragment ("re:" a regular expression), and that leaks no SQL or internals.
QString errorProblem(const HttpReply &reply, const QString &code, const QString &fragment)
{
    QJsonParseError parseError;
    const QJsonObject error = QJsonDocument::fromJson(reply.body, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return QStringLiteral("the error is not JSON: ") + parseError.errorString();
    if (headerValue(reply, "content-type").section(QLatin1Char(';'), 0, 0)
        != QLatin1String("application/json"))
        return QStringLiteral("the error is not sent as application/json");
    for (const char *key : {"code", "message", "details", "hint"}) {
        if (!error.contains(QLatin1String(key)))
            return QStringLiteral("no \"%1\" in the error").arg(QLatin1String(key));
    }
    if (!code.split(QLatin1Char('|')).contains(error.value(QStringLiteral("code")).toString()))
        return QStringLiteral("expected code %1").arg(code);
    const QString said = error.value(QStringLiteral("message")).toString() + QLatin1Char(' ')
        + error.value(QStringLiteral("details")).toString();
    const bool found = fragment.startsWith(QLatin1String("re:"))
        ? QRegularExpression(fragment.mid(3)).match(said).hasMatch()
        : said.contains(fragment, Qt::CaseInsensitive);
    if (!found)
        return QStringLiteral("expected \"%1\" in message or details").arg(fragment);
    const QString leak = leakedInternals(reply.body);
    return leak.isEmpty() ? QString() : QStringLiteral("the error leaks \"%1\"").arg(leak);
}

// Returns how \a reply's body differs from \a expected: JSON with placeholders (keys in the same order),
// "" for no body, "<any>", or exact text (CSV).
QString bodyProblem(const HttpReply &reply, const QString &expected)
{
    if (expected == QLatin1String("<any>"))
        return {};
    if (expected.isEmpty())
        return reply.body.isEmpty() ? QString() : QStringLiteral("expected no body");
    if (!expected.startsWith(QLatin1Char('[')) && !expected.startsWith(QLatin1Char('{'))) {
        const QString actual = QString::fromUtf8(reply.body).trimmed();
        return actual == expected ? QString() : QStringLiteral("expected text \"%1\"").arg(expected);
    }
    QJsonParseError parseError;
    const QJsonDocument actual = QJsonDocument::fromJson(reply.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return QStringLiteral("the body is not JSON: ") + parseError.errorString();
    const QJsonDocument wanted = QJsonDocument::fromJson(expected.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return QStringLiteral("the row's expected JSON is not valid: ") + parseError.errorString();
    if (const QString mismatch = jsonMismatch(documentValue(wanted), documentValue(actual));
        !mismatch.isEmpty())
        return mismatch;
    // PostgREST writes columns in the order asked for, `*` in the table's order.
    const QStringList keys = firstObjectKeys(reply.body);
    const QStringList wantedKeys = firstObjectKeys(expected.toUtf8());
    return keys == wantedKeys ? QString()
                              : QStringLiteral("keys in order %1, expected %2")
                                    .arg(keys.join(QLatin1Char(',')), wantedKeys.join(QLatin1Char(',')));
}

ShopServer::ShopServer() = default;

ShopServer::~ShopServer()
{
    m_server.stop(SIGTERM);
}

QString ShopServer::start(const QString &engine, const QStringList &extraArguments, int extraCategories)
{
    if (!m_dir.isValid())
        return m_error = QStringLiteral("no temporary directory");
    if (engine == QLatin1String("postgresql")) {
        m_postgres = std::make_unique<TestSupport::PostgresDatabase>(QStringLiteral("basalt_restapi"));
        if (!m_postgres->isValid()) {
            m_skipReason = QStringLiteral("no PostgreSQL test server: ") + m_postgres->error();
            return m_error = m_skipReason;
        }
        m_databaseUrl = m_postgres->url();
    } else {
        m_databaseUrl = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("shop.sqlite"));
    }

    // The template has no hidden field; add one to check that hidden fields are never returned.
    QFile templateFile(TestSupport::templatePath(QStringLiteral("ecommerce")));
    if (!templateFile.open(QIODevice::ReadOnly))
        return m_error = QStringLiteral("cannot read the ecommerce template");
    QJsonObject project = QJsonDocument::fromJson(templateFile.readAll()).object();
    QJsonArray tables = project.value(QStringLiteral("tables")).toArray();
    for (qsizetype i = 0; i < tables.size(); ++i) {
        QJsonObject table = tables.at(i).toObject();
        if (table.value(QStringLiteral("name")).toString() != QLatin1String("products"))
            continue;
        QJsonArray fields = table.value(QStringLiteral("fields")).toArray();
        fields.append(QJsonObject {{QStringLiteral("id"), QStringLiteral("fld_products_internal_note")},
            {QStringLiteral("name"), QStringLiteral("internal_note")},
            {QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("hidden"), true}});
        table.insert(QStringLiteral("fields"), fields);
        tables.replace(i, table);
    }
    // Staff: a table related to itself (manager_id) and to customers twice (mentor_id, buddy_id), for
    // self-referencing embeds and PostgREST's ambiguity error.
    tables.append(QJsonDocument::fromJson(R"({"id": "tbl_staff", "name": "staff", "fields": [
        {"id": "fld_staff_id", "name": "id", "type": "integer", "primaryKey": "autoIncrement"},
        {"id": "fld_staff_name", "name": "name", "type": "text", "required": true},
        {"id": "fld_staff_manager_id", "name": "manager_id", "type": "integer"},
        {"id": "fld_staff_mentor_id", "name": "mentor_id", "type": "uuid"},
        {"id": "fld_staff_buddy_id", "name": "buddy_id", "type": "uuid"}]})")
                      .object());
    // Tables for the model rows (modelrows.cpp): text keys, a key that is also a foreign key, arrays.
    const QJsonObject model = QJsonDocument::fromJson(s_modelTables).object();
    for (const QJsonValue &table : model.value(QStringLiteral("tables")).toArray())
        tables.append(table);
    project.insert(QStringLiteral("tables"), tables);
    QJsonArray relationships = project.value(QStringLiteral("relationships")).toArray();
    for (const char *relationship : {
             R"({"id": "rel_staff_manager", "kind": "oneToMany", "from": "tbl_staff", "to": "tbl_staff", "foreignKey": "fld_staff_manager_id", "onDelete": "setNull"})",
             R"({"id": "rel_staff_mentor", "kind": "oneToMany", "from": "tbl_customers", "to": "tbl_staff", "foreignKey": "fld_staff_mentor_id", "onDelete": "setNull"})",
             R"({"id": "rel_staff_buddy", "name": "buddy", "kind": "oneToMany", "from": "tbl_customers", "to": "tbl_staff", "foreignKey": "fld_staff_buddy_id", "onDelete": "setNull"})"})
        relationships.append(QJsonDocument::fromJson(relationship).object());
    for (const QJsonValue &relationship : model.value(QStringLiteral("relationships")).toArray())
        relationships.append(relationship);
    project.insert(QStringLiteral("relationships"), relationships);
    project.insert(QStringLiteral("views"), model.value(QStringLiteral("views")));
    const QString projectFile = m_dir.filePath(QStringLiteral("shop.basalt"));
    QFile out(projectFile);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(project).toJson()) < 0)
        return m_error = QStringLiteral("cannot write the project");
    out.close();

    const QStringList arguments
        = QStringList {QStringLiteral("--project"), projectFile, QStringLiteral("--db"), m_databaseUrl,
              QStringLiteral("--port"), QStringLiteral("0")}
        + extraArguments;
    if (!m_server.start(arguments))
        return m_error = QStringLiteral("basalt-server did not start: ") + m_server.standardError();
    QStringList statements;
    for (const char *statement : s_seed)
        statements << QString::fromUtf8(statement);
    for (int i = 0; i < extraCategories; ++i)
        statements
            << QStringLiteral("INSERT INTO categories (name, slug) VALUES ('Category %1', 'cat-%1')").arg(i);
    for (const QString &statement : statements) {
        const QString error = executeSql(m_databaseUrl, statement);
        if (!error.isEmpty())
            return m_error = QStringLiteral("seeding failed: %1 (%2)").arg(error, statement);
    }
    return {};
}

QUrl ShopServer::url(const QString &pathAndQuery) const
{
    return QUrl(m_server.url().toString() + pathAndQuery, QUrl::StrictMode);
}
