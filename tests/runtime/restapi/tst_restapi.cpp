// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the PostgREST-dialect data API (/rest/v1/<table>): the real basalt-server, real sockets, both
// engines.
#include "restapirows.h"
#include "restclient.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QtTest>

#include <csignal>
#include <map>
#include <memory>

namespace {
const QStringList s_engines {QStringLiteral("sqlite"), QStringLiteral("postgresql")};

QString text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// Returns the request body of \a row: its text, or for "<large>" a JSON object just over 1 MiB.
QByteArray bodyOf(const ApiRow &row)
{
    if (qstrcmp(row.body, "<large>") == 0)
        return "{\"name\":\"" + QByteArray(1024 * 1024 + 100, 'x') + "\"}";
    return QByteArray(row.body);
}

// The status codes a row accepts ("200|201").
QList<int> statusesOf(const QString &status)
{
    QList<int> statuses;
    for (const QString &part : status.split(QLatin1Char('|')))
        statuses << part.toInt();
    return statuses;
}
} // namespace

class tst_RestApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reads_data();
    void reads();
    void writes_data();
    void writes();
    void model_data();
    void model();
    void concurrency_data();
    void concurrency();
    void concurrentDuplicates_data();
    void concurrentDuplicates();
    void countEstimates_data();
    void countEstimates();
    void cleanupTestCase();

private:
    void addRows(const std::vector<ApiRow> &rows);
    void runRow();
    ShopServer *server(const QString &engine, const QString &kind);

    QNetworkAccessManager m_manager;
    std::map<QString, std::unique_ptr<ShopServer>> m_servers; // by "engine/kind"
};

void tst_RestApi::initTestCase()
{
    m_manager.setProxy(QNetworkProxy::NoProxy);
    QVERIFY2(readRows().size() + writeRows().size() >= 80, "the spec asks for at least 80 rows per engine");
}

void tst_RestApi::cleanupTestCase()
{
    for (auto &[key, shop] : m_servers) {
        if (shop->error().isEmpty())
            QCOMPARE(shop->process().stop(SIGTERM), 0);
    }
    m_servers.clear();
}

// Returns the running server of \a kind ("main", "unfiltered": a second server for writes that change every
// row, "concurrency") for \a engine, started and
// seeded on first use; it may have failed to start (see ShopServer::error()).
ShopServer *tst_RestApi::server(const QString &engine, const QString &kind)
{
    const QString key = engine + QLatin1Char('/') + kind;
    auto it = m_servers.find(key);
    if (it == m_servers.end()) {
        auto shop = std::make_unique<ShopServer>();
        shop->start(engine, {}, kind == QLatin1String("concurrency") ? 50 : 0);
        it = m_servers.emplace(key, std::move(shop)).first;
    }
    return it->second.get();
}

#define REQUIRE_SERVER(shop)                                                                                 \
    do {                                                                                                     \
        if (!(shop)->skipReason().isEmpty()) {                                                               \
            if (TestSupport::postgresRequired())                                                             \
                QFAIL(qPrintable((shop)->skipReason()));                                                     \
            QSKIP(qPrintable((shop)->skipReason()));                                                         \
        }                                                                                                    \
        QVERIFY2((shop)->error().isEmpty(), qPrintable((shop)->error()));                                    \
    } while (false)

void tst_RestApi::addRows(const std::vector<ApiRow> &rows)
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("serverKind");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("expectHeaders");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("fragment");
    for (const QString &engine : s_engines) {
        for (const ApiRow &row : rows) {
            QTest::addRow("%s: %s", qPrintable(engine), row.name)
                << engine << text(row.server) << QByteArray(row.method) << text(row.path) << text(row.headers)
                << bodyOf(row) << text(row.status) << text(row.expectHeaders) << text(row.expected)
                << text(row.code) << text(row.fragment);
        }
    }
}

void tst_RestApi::reads_data()
{
    addRows(readRows());
}

void tst_RestApi::reads()
{
    runRow();
}

void tst_RestApi::writes_data()
{
    addRows(writeRows());
}

// Runs after reads() on the same servers: rows depend on the ones before them.
void tst_RestApi::writes()
{
    runRow();
}

void tst_RestApi::model_data()
{
    addRows(modelRows());
}

// Runs after writes() on the same servers, on tables of their own.
void tst_RestApi::model()
{
    runRow();
}

// Sends the current row's request and checks status, headers and body.
void tst_RestApi::runRow()
{
    QFETCH(QString, engine);
    QFETCH(QString, serverKind);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, headers);
    QFETCH(QByteArray, body);
    QFETCH(QString, status);
    QFETCH(QString, expectHeaders);
    QFETCH(QString, expected);
    QFETCH(QString, code);
    QFETCH(QString, fragment);
    ShopServer *shop = server(engine, serverKind);
    REQUIRE_SERVER(shop);

    const HttpReply reply = sendRequest(
        m_manager, method, shop->url(QStringLiteral("/rest/v1/") + path), parseHeaderLines(headers), body);
    // One arg() call: percent-encoded paths contain "%2" and the like.
    const QString context = QStringLiteral("%1 %2 -> %3 %4")
                                .arg(QString::fromLatin1(method), path, QString::number(reply.status),
                                    QString::fromUtf8(reply.body.left(600)));
    QVERIFY2(reply.status != 0, qPrintable(reply.networkError));
    QVERIFY2(statusesOf(status).contains(reply.status),
        qPrintable(QStringLiteral("expected %1: ").arg(status) + context));
    const QString headerProblem = headersProblem(reply, expectHeaders);
    QVERIFY2(headerProblem.isEmpty(), qPrintable(headerProblem + QStringLiteral("; ") + context));
    const QString problem
        = code.isEmpty() ? bodyProblem(reply, expected) : errorProblem(reply, code, fragment);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + QStringLiteral("; ") + context));
}

void tst_RestApi::countEstimates_data()
{
    QTest::addColumn<QString>("engine");
    for (const QString &engine : s_engines)
        QTest::addRow("%s", qPrintable(engine)) << engine;
}

// count=planned is PostgreSQL's estimate (what ANALYZE last saw), not a count; count=estimated counts
// exactly up to 1000 rows and takes the estimate beyond; SQLite, which has no estimate, counts exactly.
void tst_RestApi::countEstimates()
{
    QFETCH(QString, engine);
    ShopServer *shop = server(engine, QStringLiteral("estimates"));
    REQUIRE_SERVER(shop);
    const bool estimates = engine == QLatin1String("postgresql");
    const auto insertCategories = [&](int from, int count) {
        QStringList values;
        for (int i = from; i < from + count; ++i)
            values << QStringLiteral("('Estimate %1', 'estimate-%1')").arg(i);
        return executeSql(shop->databaseUrl(),
            QStringLiteral("INSERT INTO categories (name, slug) VALUES ") + values.join(QLatin1Char(',')));
    };
    // Returns the total of Content-Range for count=\a kind over all categories.
    const auto total = [&](const char *kind) -> qint64 {
        const HttpReply reply = sendRequest(m_manager, "GET",
            shop->url(QStringLiteral("/rest/v1/categories?select=id&limit=1")), {{"Prefer", QByteArray("count=") + kind}});
        const QByteArray range = reply.headers.value("content-range");
        return reply.status == 206 || reply.status == 200 ? range.mid(range.indexOf('/') + 1).toLongLong() : -1;
    };
    const auto analyze = [&] {
        return estimates ? executeSql(shop->databaseUrl(), QStringLiteral("ANALYZE categories")) : QString();
    };

    QCOMPARE(insertCategories(0, 40), QString());
    QCOMPARE(analyze(), QString());
    const qint64 analyzed = total("exact");
    QVERIFY(analyzed >= 40);
    QCOMPARE(insertCategories(40, 3), QString()); // too few for autovacuum to analyze again
    QCOMPARE(total("exact"), analyzed + 3);
    QCOMPARE(total("estimated"), analyzed + 3); // few rows: counted exactly
    // PostgreSQL: the planner's figure, the rows ANALYZE saw (the same pages hold the three new ones).
    QCOMPARE(total("planned"), estimates ? analyzed : analyzed + 3);

    // Beyond 1000 rows count=estimated is the planner's figure (more than 1000), not a count.
    QCOMPARE(insertCategories(43, 1460), QString());
    QCOMPARE(analyze(), QString());
    const qint64 many = total("exact");
    QVERIFY(many > 1500);
    QCOMPARE(insertCategories(1503, 3), QString());
    QCOMPARE(total("exact"), many + 3);
    const qint64 estimated = total("estimated");
    if (estimates)
        QVERIFY2(estimated > 1000 && estimated != many + 3, qPrintable(QString::number(estimated)));
    else
        QCOMPARE(estimated, many + 3);
    // A filter the planner estimates: a figure, never an error.
    const HttpReply filtered = sendRequest(m_manager, "GET",
        shop->url(QStringLiteral("/rest/v1/categories?select=id&name=like.Estimate%201*&slug=neq.it%27s&limit=1")),
        {{"Prefer", "count=planned"}});
    QCOMPARE(filtered.status, 206);
    QVERIFY2(filtered.headers.value("content-range").contains('/'), filtered.headers.value("content-range"));
}

void tst_RestApi::concurrency_data()
{
    QTest::addColumn<QString>("engine");
    for (const QString &engine : s_engines)
        QTest::newRow(qPrintable(engine)) << engine;
}

namespace {
// Starts request \a i of the concurrency test on \a manager: an insert with a unique marker, a patch of
// its own row, a list read or a single-object read, in turn.
QNetworkReply *startMixedRequest(QNetworkAccessManager &manager, const ShopServer &shop, int i)
{
    const QString k = QString::number(i / 4);
    const HeaderList representation {{"Prefer", "return=representation"}};
    switch (i % 4) {
    case 0:
        return startRequest(manager, "POST", shop.url(QStringLiteral("/rest/v1/tags?select=name")),
            representation, QStringLiteral(R"({"name":"conc-%1"})").arg(i).toUtf8());
    case 1:
        return startRequest(manager, "PATCH",
            shop.url(QStringLiteral("/rest/v1/categories?slug=eq.cat-%1&select=description").arg(k)),
            representation, QStringLiteral(R"({"description":"patched-%1"})").arg(k).toUtf8());
    case 2:
        return startRequest(
            manager, "GET", shop.url(QStringLiteral("/rest/v1/products?select=id,name&order=id")), {}, {});
    default:
        return startRequest(manager, "GET",
            shop.url(QStringLiteral("/rest/v1/categories?select=slug&slug=eq.cat-%1").arg(k)),
            {{"Accept", "application/vnd.pgrst.object+json"}}, {});
    }
}

// Returns how the reply to request \a i of the concurrency test is wrong, or an empty string.
QString mixedReplyProblem(int i, const HttpReply &reply)
{
    static const QByteArray products
        = R"([{"id":1,"name":"Blue Mug"},{"id":2,"name":"Red Mug"},{"id":3,"name":"Frying Pan"},)"
          R"({"id":4,"name":"Garden Hose"},{"id":5,"name":"Old Shovel"},{"id":6,"name":"Cook Book"}])";
    const QString k = QString::number(i / 4);
    QString expected;
    switch (i % 4) {
    case 0:
        expected = QStringLiteral(R"([{"name":"conc-%1"}])").arg(i);
        break;
    case 1:
        expected = QStringLiteral(R"([{"description":"patched-%1"}])").arg(k);
        break;
    case 2:
        expected = QString::fromUtf8(products);
        break;
    default:
        expected = QStringLiteral(R"({"slug":"cat-%1"})").arg(k);
        break;
    }
    const int status = i % 4 == 0 ? 201 : 200;
    if (reply.status != status)
        return QStringLiteral("expected status %1").arg(status);
    return bodyProblem(reply, expected);
}
} // namespace

// 200 requests at once over 36 keep-alive connections (6 managers x 6): inserts with unique markers,
// patches of distinct rows and reads. Every reply must be right, and every write stored afterwards.
void tst_RestApi::concurrency()
{
    QFETCH(QString, engine);
    ShopServer *shop = server(engine, QStringLiteral("concurrency"));
    REQUIRE_SERVER(shop);
    constexpr int requestCount = 200;
    constexpr int managerCount = 6;

    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < managerCount; ++i) {
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        managers.back()->setProxy(QNetworkProxy::NoProxy);
    }
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    int finished = 0;
    QEventLoop loop;
    for (int i = 0; i < requestCount; ++i) {
        replies.emplace_back(startMixedRequest(*managers[size_t(i % managerCount)], *shop, i));
        connect(replies.back().get(), &QNetworkReply::finished, &loop, [&] {
            if (++finished == requestCount)
                loop.quit();
        });
    }
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    if (finished < requestCount)
        loop.exec();
    QCOMPARE(finished, requestCount);
    for (int i = 0; i < requestCount; ++i) {
        const HttpReply reply = replyResult(replies[size_t(i)].get());
        const QString problem = mixedReplyProblem(i, reply);
        QVERIFY2(problem.isEmpty(),
            qPrintable(QStringLiteral("request %1: %2; got %3 %4 %5")
                           .arg(QString::number(i), problem, QString::number(reply.status),
                               reply.networkError, QString::fromUtf8(reply.body.left(300)))));
    }
    replies.clear();

    // Afterwards, every write is there.
    const HttpReply tags = sendRequest(
        m_manager, "GET", shop->url(QStringLiteral("/rest/v1/tags?select=name&name=like.conc-*")));
    QCOMPARE(tags.status, 200);
    QStringList names;
    for (const QJsonValue &row : QJsonDocument::fromJson(tags.body).array())
        names << row.toObject().value(QStringLiteral("name")).toString();
    names.sort();
    QStringList expectedNames;
    for (int i = 0; i < requestCount; i += 4)
        expectedNames << QStringLiteral("conc-%1").arg(i);
    expectedNames.sort();
    QCOMPARE(names, expectedNames);

    const HttpReply categories = sendRequest(m_manager, "GET",
        shop->url(QStringLiteral("/rest/v1/categories?select=slug,description&slug=like.cat-*")));
    QCOMPARE(categories.status, 200);
    const QJsonArray rows = QJsonDocument::fromJson(categories.body).array();
    QCOMPARE(rows.size(), requestCount / 4);
    for (const QJsonValue &row : rows) {
        const QString slug = row.toObject().value(QStringLiteral("slug")).toString();
        QCOMPARE(row.toObject().value(QStringLiteral("description")).toString(),
            QStringLiteral("patched-") + slug.mid(4));
    }
}

void tst_RestApi::concurrentDuplicates_data()
{
    concurrency_data();
}

// 20 inserts of the same unique name at once, over 20 connections: exactly one is created, every other one
// is refused as a duplicate (409 23505), none fails otherwise (busy database, 5xx).
void tst_RestApi::concurrentDuplicates()
{
    QFETCH(QString, engine);
    ShopServer *shop = server(engine, QStringLiteral("concurrency"));
    REQUIRE_SERVER(shop);
    constexpr int requestCount = 20;
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    int finished = 0;
    QEventLoop loop;
    for (int i = 0; i < requestCount; ++i) {
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        managers.back()->setProxy(QNetworkProxy::NoProxy);
        replies.emplace_back(startRequest(*managers.back(), "POST",
            shop->url(QStringLiteral("/rest/v1/tags")), {}, QByteArrayLiteral(R"({"name":"same-name"})")));
        connect(replies.back().get(), &QNetworkReply::finished, &loop, [&] {
            if (++finished == requestCount)
                loop.quit();
        });
    }
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    if (finished < requestCount)
        loop.exec();
    QCOMPARE(finished, requestCount);
    int created = 0;
    for (const auto &reply : replies) {
        const HttpReply result = replyResult(reply.get());
        if (result.status == 201) {
            ++created;
            continue;
        }
        const QString problem = errorProblem(result, QStringLiteral("23505"), QString());
        QVERIFY2(result.status == 409 && problem.isEmpty(),
            qPrintable(QStringLiteral("%1 %2 %3")
                           .arg(QString::number(result.status), problem, QString::fromUtf8(result.body))));
    }
    QCOMPARE(created, 1);
    const HttpReply stored = sendRequest(
        m_manager, "GET", shop->url(QStringLiteral("/rest/v1/tags?select=name&name=eq.same-name")));
    QCOMPARE(QString::fromUtf8(stored.body), QStringLiteral(R"([{"name":"same-name"}])"));
}

QTEST_GUILESS_MAIN(tst_RestApi)
#include "tst_restapi.moc"
