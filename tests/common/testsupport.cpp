// SPDX-License-Identifier: GPL-3.0-or-later
// Shared test helpers: the test PostgreSQL server, bundled templates and source paths.
#include "testsupport.h"

#include "auth/apikeys.h"
#include "auth/authstore.h"
#include "auth/jwt.h"
#include "http/server.h"
#include "model/project.h"
#include "storage/database.h"
#include "storage/schemamigrator.h"

#include <QDateTime>
#include <QDir>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>



namespace TestSupport {

std::shared_ptr<Runtime::Project> itemsProject()
{
    const auto field = [](const QString &name, Runtime::FieldType type) {
        Runtime::Field field;
        field.id = QStringLiteral("fld_") + name;
        field.name = name;
        field.type = type;
        return field;
    };
    auto project = std::make_shared<Runtime::Project>();
    project->name = QStringLiteral("items");
    Runtime::Table items;
    items.id = QStringLiteral("tbl_items");
    items.name = QStringLiteral("items");
    Runtime::Field id = field(QStringLiteral("id"), Runtime::FieldType::Integer);
    id.primaryKey = Runtime::PrimaryKeyKind::AutoIncrement;
    Runtime::Field name = field(QStringLiteral("name"), Runtime::FieldType::Text);
    name.required = true;
    Runtime::Field price = field(QStringLiteral("price"), Runtime::FieldType::Number);
    price.validation.min = 0;
    Runtime::Field secret = field(QStringLiteral("secret"), Runtime::FieldType::Text);
    secret.hidden = true;
    items.fields = {id, name, field(QStringLiteral("quantity"), Runtime::FieldType::Integer), price,
        field(QStringLiteral("active"), Runtime::FieldType::Boolean),
        field(QStringLiteral("meta"), Runtime::FieldType::Json), secret};
    project->tables.push_back(items);
    return project;
}

namespace {
QString seedItems(const QString &path, int rows)
{
    const QString connection = QStringLiteral("seedItems");
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QSqlQuery insert(db);
        bool ok = db.open() && db.transaction()
            && insert.prepare(QStringLiteral("INSERT INTO items (id, name, quantity, price, active, meta, secret) "
                                             "VALUES (?, ?, ?, ?, ?, ?, 's')"));
        for (int i = 1; ok && i <= rows; ++i) {
            insert.bindValue(0, i);
            insert.bindValue(1, QStringLiteral("item %1").arg(i));
            insert.bindValue(2, (i * 37) % 100);
            insert.bindValue(3, ((i * 13) % 1000) / 4.0);
            insert.bindValue(4, i % 3 == 0 ? 1 : 0);
            insert.bindValue(5, i % 5 == 0 ? QVariant()
                                           : QVariant(QStringLiteral("{\"n\":%1,\"tag\":\"a,b \\\"q\\\"\"}").arg(i % 7)));
            ok = insert.exec();
        }
        ok = ok && db.commit();
        if (!ok)
            error = insert.lastError().text() + QLatin1Char(' ') + db.lastError().text();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}
} // namespace

std::unique_ptr<Runtime::Server> startInProcessServer(
    std::shared_ptr<const Runtime::Project> project, const QString &sqlitePath, QString *error,
    std::function<void(const Runtime::RequestLogEntry &)> requestObserver)
{
    Runtime::DatabaseUrl url;
    url.path = sqlitePath;
    return startInProcessServer(std::move(project), url, error, std::move(requestObserver));
}

std::unique_ptr<Runtime::Server> startInProcessServer(std::shared_ptr<const Runtime::Project> project,
    const Runtime::DatabaseUrl &url, QString *error, std::function<void(const Runtime::RequestLogEntry &)> requestObserver)
{
    int version = 0;
    {
        Runtime::Result<std::unique_ptr<Runtime::Database>> database = Runtime::Database::open(url);
        if (!database) {
            *error = database.error().toString();
            return nullptr;
        }
        Runtime::SchemaMigrator migrator(**database);
        Runtime::Result<Runtime::MigrationPlan> plan = migrator.plan(*project);
        if (!plan) {
            *error = plan.error().toString();
            return nullptr;
        }
        Runtime::Result<int> applied = migrator.apply(*plan, true);
        if (!applied) {
            *error = applied.error().toString();
            return nullptr;
        }
        version = *applied;
        if (Runtime::Result<void> auth = Runtime::ensureAuthTables(**database); !auth) {
            *error = auth.error().toString();
            return nullptr;
        }
    }
    Runtime::ServerConfig config {std::move(project), url, version};
    config.jwtSecret = jwtSecret();
    config.threads = 2;
    config.requestObserver = std::move(requestObserver);
    auto server = std::make_unique<Runtime::Server>(config);
    if (Runtime::Result<void> listening = server->listen(QHostAddress::LocalHost, 0); !listening) {
        *error = listening.error().toString();
        return nullptr;
    }
    return server;
}

QByteArray jwtSecret()
{
    return QByteArrayLiteral("basalt-test-secret-0123456789-abcdefghij");
}

QByteArray anonKey()
{
    return Runtime::anonKey(jwtSecret(), 1767225600);
}

QByteArray serviceKey()
{
    return Runtime::serviceRoleKey(jwtSecret(), 1767225600);
}

QByteArray accessToken(const QString &userId, const QString &role, const QJsonObject &claims)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject metadata = claims;
    metadata.insert(QStringLiteral("provider"), QStringLiteral("email"));
    const QJsonObject payload {
        {QStringLiteral("aud"), QStringLiteral("authenticated")},
        {QStringLiteral("iss"), QStringLiteral("basalt")},
        {QStringLiteral("sub"), userId},
        {QStringLiteral("email"), QString(userId.left(4) + QStringLiteral("@example.com"))},
        {QStringLiteral("role"), role},
        {QStringLiteral("session_id"), QStringLiteral("00000000-0000-4000-8000-000000000000")},
        {QStringLiteral("iat"), QJsonValue(now)},
        {QStringLiteral("exp"), QJsonValue(now + 3600)},
        {QStringLiteral("app_metadata"), metadata},
    };
    return Runtime::signJwt(payload, jwtSecret());
}

std::unique_ptr<Runtime::Project> generatedProject(int count)
{
    auto project = std::make_unique<Runtime::Project>();
    const Runtime::FieldType types[]
        = {Runtime::FieldType::Text, Runtime::FieldType::Integer, Runtime::FieldType::Boolean,
            Runtime::FieldType::DateTime, Runtime::FieldType::Json, Runtime::FieldType::Email};
    for (int i = 0; i < count; ++i) {
        Runtime::Table table;
        table.id = QStringLiteral("tbl_%1").arg(i);
        table.name = QStringLiteral("table_%1").arg(i);
        table.position = QPointF((i % 20) * 320, (i / 20) * 400);
        table.color = i % 3 ? QStringLiteral("#4f86c6") : QString();
        table.tenantScoped = i % 4 == 0;
        Runtime::Field id;
        id.id = QStringLiteral("fld_%1_id").arg(i);
        id.name = QStringLiteral("id");
        id.type = Runtime::FieldType::Integer;
        id.primaryKey = Runtime::PrimaryKeyKind::AutoIncrement;
        table.fields.push_back(id);
        for (int k = 0; k < 4 + i % 5; ++k) {
            Runtime::Field field;
            field.id = QStringLiteral("fld_%1_%2").arg(i).arg(k);
            field.name = QStringLiteral("field_%1").arg(k);
            field.type = types[(i + k) % 6];
            field.required = k % 3 == 0;
            field.unique = k % 4 == 1;
            table.fields.push_back(field);
        }
        if (i > 0) {
            // A pseudo-random earlier table: chains several levels deep, as real schemas have.
            const int from = (i * 7919 + 13) % i;
            Runtime::Field fk;
            fk.id = QStringLiteral("fld_%1_fk").arg(i);
            fk.name = QStringLiteral("table_%1_id").arg(from);
            fk.type = Runtime::FieldType::Integer;
            fk.required = i % 2 == 0;
            table.fields.push_back(fk);
            Runtime::Relationship r;
            r.id = QStringLiteral("rel_%1").arg(i);
            r.fromTableId = QStringLiteral("tbl_%1").arg(from);
            r.toTableId = table.id;
            r.foreignKeyFieldId = fk.id;
            project->relationships.push_back(r);
        }
        project->tables.push_back(table);
    }
    return project;
}

QByteArray expandKeys(const QString &text)
{
    static const QRegularExpression user(QStringLiteral("\\{user:([^}]+)\\}"));
    QString expanded = text;
    expanded.replace(QLatin1String("{anon}"), QString::fromLatin1(anonKey()));
    expanded.replace(QLatin1String("{service}"), QString::fromLatin1(serviceKey()));
    QRegularExpressionMatch match;
    while ((match = user.match(expanded)).hasMatch())
        expanded.replace(match.capturedStart(), match.capturedLength(), QString::fromLatin1(accessToken(match.captured(1))));
    return expanded.toUtf8();
}

QByteArray serviceKeyHeaderLines()
{
    return "apikey: " + serviceKey() + "\r\nAuthorization: Bearer " + serviceKey() + "\r\n";
}

namespace {
// Runs \a sql on the maintenance database of the server at \a adminUrl; returns an error text or "".
QString runAdminStatement(const QString &adminUrl, const QString &sql)
{
    const QUrl url(adminUrl);
    const QString connection = QStringLiteral("testsupport_admin_") + QUuid::createUuid().toString(QUuid::Id128);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        const QString dbName = url.path().mid(1);
        db.setDatabaseName(dbName.isEmpty() ? QStringLiteral("postgres") : dbName);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}
} // namespace

QString sourcePath(const QString &relative)
{
    return QDir(QStringLiteral(BASALT_SOURCE_DIR)).filePath(relative);
}

QString templatePath(const QString &name)
{
    return sourcePath(QStringLiteral("resources/templates/") + name + QStringLiteral(".basalt"));
}

QString postgresAdminUrl()
{
    return qEnvironmentVariable("BASALT_TEST_POSTGRES_URL");
}

bool postgresRequired()
{
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

PostgresDatabase::PostgresDatabase(const QString &prefix)
{
    const QString admin = postgresAdminUrl();
    if (admin.isEmpty()) {
        m_error = QStringLiteral("BASALT_TEST_POSTGRES_URL is not set (run the tests through scripts/test.sh)");
        return;
    }
    m_name = prefix + QLatin1Char('_') + QString::number(QRandomGenerator::global()->generate64(), 36);
    const QString error = runAdminStatement(admin, QStringLiteral("CREATE DATABASE \"%1\"").arg(m_name));
    if (!error.isEmpty()) {
        m_error = QStringLiteral("cannot create a database on %1: %2").arg(admin, error);
        m_name.clear();
        return;
    }
    QUrl url(admin);
    url.setPath(QLatin1Char('/') + m_name);
    m_url = url.toString();
}

PostgresDatabase::~PostgresDatabase()
{
    if (m_name.isEmpty())
        return;
    runAdminStatement(postgresAdminUrl(), QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(m_name));
}

std::unique_ptr<Runtime::Server> startItemsServer(std::shared_ptr<const Runtime::Project> project,
    const QString &sqlitePath, int rows, QString *error,
    std::function<void(const Runtime::RequestLogEntry &)> requestObserver)
{
    // A first server migrates the schema; the rows go in with none running; then the one to use starts.
    if (!startInProcessServer(project, sqlitePath, error))
        return nullptr;
    if (const QString seeded = seedItems(sqlitePath, rows); !seeded.isEmpty()) {
        *error = seeded;
        return nullptr;
    }
    return startInProcessServer(std::move(project), sqlitePath, error, std::move(requestObserver));
}

} // namespace TestSupport
