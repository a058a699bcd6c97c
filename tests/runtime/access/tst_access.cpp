// SPDX-License-Identifier: GPL-3.0-or-later
// Permission rules and tokens over real sockets: every rule branch per operation, and the attack suite.
#include "accessrows.h"
#include "restclient.h"
#include "saasserver.h"
#include "testsupport.h"

#include "auth/jwt.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QtTest>

#include <csignal>
#include <map>

namespace {
const QStringList s_engines {QStringLiteral("sqlite"), QStringLiteral("postgresql")};

QString text(const char *value)
{
    return QString::fromUtf8(value);
}

// Replaces the fixture's names ({org1}, {alice}, ...) by their ids.
QString expandIds(QString value)
{
    const std::pair<const char *, const QString *> ids[] = {{"{org1}", &Saas::org1}, {"{org2}", &Saas::org2},
        {"{alice}", &Saas::alice}, {"{adam}", &Saas::adam}, {"{bob}", &Saas::bob},
        {"{project1}", &Saas::project1}, {"{project2}", &Saas::project2}, {"{task1}", &Saas::task1},
        {"{task2}", &Saas::task2}, {"{task3}", &Saas::task3}, {"{comment1}", &Saas::comment1},
        {"{comment2}", &Saas::comment2}};
    for (const auto &[name, id] : ids)
        value.replace(QLatin1String(name), *id);
    return value;
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A token with any header, signed with HMAC-SHA256 under \a secret (empty: no signature).
QByteArray forge(const QJsonObject &header, const QJsonObject &claims, const QByteArray &secret)
{
    const QByteArray signingInput = base64Url(compact(header)) + '.' + base64Url(compact(claims));
    const QByteArray signature = secret.isEmpty()
        ? QByteArray()
        : QMessageAuthenticationCode::hash(signingInput, secret, QCryptographicHash::Sha256);
    return signingInput + '.' + base64Url(signature);
}

QJsonObject userClaims(const QString &userId, const QString &role, const QJsonObject &claims)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject metadata = claims;
    metadata.insert(QStringLiteral("provider"), QStringLiteral("email"));
    return {{QStringLiteral("aud"), QStringLiteral("authenticated")}, {QStringLiteral("iss"), QStringLiteral("basalt")},
        {QStringLiteral("sub"), userId}, {QStringLiteral("role"), role}, {QStringLiteral("iat"), QJsonValue(now)},
        {QStringLiteral("exp"), QJsonValue(now + 3600)}, {QStringLiteral("app_metadata"), metadata},
        {QStringLiteral("session_id"), QStringLiteral("00000000-0000-4000-8000-000000000001")}};
}

QJsonObject orgClaims(const QString &organization, const QString &role)
{
    return {{QStringLiteral("organization_id"), organization}, {QStringLiteral("role"), role}};
}

// Returns the apikey and Authorization headers of \a persona (see AccessRow::as).
HeaderList personaHeaders(const QString &persona)
{
    const QByteArray secret = TestSupport::jwtSecret();
    const QByteArray anon = TestSupport::anonKey();
    const QJsonObject hs256 {{QStringLiteral("alg"), QStringLiteral("HS256")}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const auto user = [&](const QByteArray &token) { return HeaderList {{"apikey", anon}, {"Authorization", "Bearer " + token}}; };
    const QJsonObject alice = userClaims(Saas::alice, QStringLiteral("authenticated"), orgClaims(Saas::org1, QStringLiteral("member")));
    if (persona == QLatin1String("anon"))
        return {{"apikey", anon}};
    if (persona == QLatin1String("service"))
        return {{"apikey", TestSupport::serviceKey()}, {"Authorization", "Bearer " + TestSupport::serviceKey()}};
    if (persona == QLatin1String("alice"))
        return user(Runtime::signJwt(alice, secret));
    if (persona == QLatin1String("adam"))
        return user(Runtime::signJwt(userClaims(Saas::adam, QStringLiteral("admin"), orgClaims(Saas::org1, QStringLiteral("admin"))), secret));
    if (persona == QLatin1String("bob"))
        return user(Runtime::signJwt(userClaims(Saas::bob, QStringLiteral("authenticated"), orgClaims(Saas::org2, QStringLiteral("member"))), secret));
    if (persona == QLatin1String("ann"))
        return user(Runtime::signJwt(userClaims(QStringLiteral("11111111-1111-4111-8111-111111111111"), QStringLiteral("authenticated"), {}), secret));
    if (persona == QLatin1String("shopbob"))
        return user(Runtime::signJwt(userClaims(QStringLiteral("22222222-2222-4222-8222-222222222222"), QStringLiteral("authenticated"), {}), secret));
    if (persona == QLatin1String("staff"))
        return user(Runtime::signJwt(userClaims(QStringLiteral("99999999-9999-4999-8999-999999999999"), QStringLiteral("admin"), {}), secret));
    if (persona == QLatin1String("nokey"))
        return {{"apikey", "-"}};
    if (persona == QLatin1String("badkey"))
        return {{"apikey", "not-a-key"}};
    if (persona == QLatin1String("userkey"))
        return {{"apikey", Runtime::signJwt(alice, secret)}};
    if (persona == QLatin1String("tampered")) {
        // Alice's real signature on claims moved to the other organization.
        const QByteArray genuine = Runtime::signJwt(alice, secret);
        const QJsonObject moved = userClaims(Saas::alice, QStringLiteral("authenticated"), orgClaims(Saas::org2, QStringLiteral("admin")));
        const QList<QByteArray> parts = genuine.split('.');
        return user(parts.at(0) + '.' + base64Url(compact(moved)) + '.' + parts.at(2));
    }
    if (persona == QLatin1String("unsigned"))
        return user(forge({{QStringLiteral("alg"), QStringLiteral("none")}, {QStringLiteral("typ"), QStringLiteral("JWT")}}, alice, {}));
    if (persona == QLatin1String("expired")) {
        QJsonObject claims = alice;
        claims.insert(QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() - 60);
        return user(Runtime::signJwt(claims, secret));
    }
    if (persona == QLatin1String("hs512"))
        return user(forge({{QStringLiteral("alg"), QStringLiteral("HS512")}, {QStringLiteral("typ"), QStringLiteral("JWT")}}, alice, secret));
    if (persona == QLatin1String("rs256"))
        return user(forge({{QStringLiteral("alg"), QStringLiteral("RS256")}, {QStringLiteral("typ"), QStringLiteral("JWT")}}, alice, secret));
    if (persona == QLatin1String("wrongaud")) {
        QJsonObject claims = alice;
        claims.insert(QStringLiteral("aud"), QStringLiteral("service"));
        return user(Runtime::signJwt(claims, secret));
    }
    if (persona == QLatin1String("othersecret"))
        return user(forge(hs256, alice, QByteArrayLiteral("another-secret-of-at-least-32-characters")));
    if (persona == QLatin1String("nosub")) {
        QJsonObject claims = alice;
        claims.remove(QStringLiteral("sub"));
        return user(Runtime::signJwt(claims, secret));
    }
    if (persona == QLatin1String("evilclaim"))
        return user(Runtime::signJwt(userClaims(Saas::alice, QStringLiteral("authenticated"),
            orgClaims(QStringLiteral("' OR '1'='1"), QStringLiteral("member"))), secret));
    qFatal("unknown persona %s", qPrintable(persona));
    return {};
}

QList<int> statusesOf(const QString &status)
{
    QList<int> statuses;
    for (const QString &part : status.split(QLatin1Char('|')))
        statuses << part.toInt();
    return statuses;
}
} // namespace

class tst_Access : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rules_data();
    void rules();
    void attacks_data();
    void attacks();
    void shop_data();
    void shop();
    void explain_data();
    void explain();
    void signedInUser_data();
    void signedInUser();
    void rememberedTokenStillExpires();
    void cleanupTestCase();

private:
    void addRows(const std::vector<AccessRow> &rows);
    void runRow(const QString &fixture);
    QString startFixture(const QString &fixture, const QString &engine, QString *skip);
    QUrl url(const QString &fixture, const QString &engine, const QString &path) const;
    QByteArray snapshot(const QString &fixture, const QString &engine);

    QNetworkAccessManager m_manager;
    std::map<QString, std::unique_ptr<SaasServer>> m_saas;  // by engine
    std::map<QString, std::unique_ptr<ShopServer>> m_shops; // by engine
};

void tst_Access::initTestCase()
{
    m_manager.setProxy(QNetworkProxy::NoProxy);
}

void tst_Access::cleanupTestCase()
{
    for (auto &[engine, server] : m_saas) {
        if (server->error().isEmpty())
            QCOMPARE(server->process().stop(SIGTERM), 0);
    }
    for (auto &[engine, server] : m_shops) {
        if (server->error().isEmpty())
            QCOMPARE(server->process().stop(SIGTERM), 0);
    }
}

void tst_Access::addRows(const std::vector<AccessRow> &rows)
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("as");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("headers");
    QTest::addColumn<QString>("expectHeaders");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("fragment");
    QTest::addColumn<bool>("unchanged");
    for (const QString &engine : s_engines) {
        for (const AccessRow &row : rows) {
            QTest::addRow("%s: %s", qPrintable(engine), row.name)
                << engine << text(row.as) << QByteArray(row.method) << expandIds(text(row.path))
                << expandIds(text(row.headers)) << text(row.expectHeaders) << expandIds(text(row.body)).toUtf8()
                << text(row.status) << expandIds(text(row.expected)) << text(row.code) << text(row.fragment)
                << row.unchanged;
        }
    }
}

void tst_Access::rules_data()
{
    addRows(ruleRows());
}

void tst_Access::rules()
{
    runRow(QStringLiteral("saas"));
}

void tst_Access::attacks_data()
{
    addRows(attackRows());
}

void tst_Access::attacks()
{
    runRow(QStringLiteral("saas"));
}

void tst_Access::shop_data()
{
    addRows(shopRows());
}

void tst_Access::shop()
{
    runRow(QStringLiteral("shop"));
}

void tst_Access::explain_data()
{
    QTest::addColumn<QString>("engine");
    for (const QString &engine : s_engines)
        QTest::newRow(qPrintable(engine)) << engine;
}

// The service key runs a request as Alice and learns which rules applied and what they excluded.
void tst_Access::explain()
{
    QFETCH(QString, engine);
    QString skip;
    const QString error = startFixture(QStringLiteral("saas"), engine, &skip);
    if (!skip.isEmpty()) {
        if (TestSupport::postgresRequired())
            QFAIL(qPrintable(skip));
        QSKIP(qPrintable(skip));
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const HeaderList asAlice = personaHeaders(QStringLiteral("service"))
        + HeaderList {{"X-Basalt-Explain", "as-user=" + Saas::alice.toUtf8()}};

    // A read: the tenant rule lets Alice's organization's tasks through and excludes the others.
    const HttpReply all = sendRequest(m_manager, "GET", url(QStringLiteral("saas"), engine, QStringLiteral("tasks?select=id")),
        personaHeaders(QStringLiteral("service")));
    const HttpReply read = sendRequest(
        m_manager, "GET", url(QStringLiteral("saas"), engine, QStringLiteral("tasks?select=id")), asAlice);
    QCOMPARE(read.status, 200);
    const QJsonObject explanation = QJsonDocument::fromJson(read.headers.value("x-basalt-explain")).object();
    QVERIFY2(!explanation.isEmpty(), read.headers.value("x-basalt-explain").constData());
    QCOMPARE(explanation.value(u"user"_qs).toString(), Saas::alice);
    const QJsonObject tasks = explanation.value(u"tables"_qs).toArray().first().toObject();
    QCOMPARE(tasks.value(u"table"_qs).toString(), u"tasks"_qs);
    QCOMPARE(tasks.value(u"operation"_qs).toString(), u"select"_qs);
    const qsizetype everyone = QJsonDocument::fromJson(all.body).array().size();
    const qsizetype alices = QJsonDocument::fromJson(read.body).array().size();
    QVERIFY(alices > 0 && alices < everyone);
    QCOMPARE(tasks.value(u"matched"_qs).toInteger(), everyone);
    QCOMPARE(tasks.value(u"allowed"_qs).toInteger(), alices);
    QCOMPARE(tasks.value(u"excluded"_qs).toInteger(), everyone - alices);
    const QString rules = QString::fromUtf8(QJsonDocument(tasks.value(u"rules"_qs).toArray()).toJson());
    QVERIFY2(rules.contains(u"tenant: organization_id = auth.claims.organization_id"_qs), qPrintable(rules));
    QVERIFY2(rules.contains(u"authenticated"_qs), qPrintable(rules));

    // A refused write says why, and changes nothing.
    const QByteArray before = snapshot(QStringLiteral("saas"), engine);
    const HttpReply refused = sendRequest(m_manager, "PATCH",
        url(QStringLiteral("saas"), engine, u"tasks?id=eq."_qs + Saas::task1), asAlice,
        R"({"organization_id":")" + Saas::org2.toUtf8() + R"("})");
    QCOMPARE(refused.status, 403);
    const QJsonObject why = QJsonDocument::fromJson(refused.headers.value("x-basalt-explain")).object();
    QCOMPARE(why.value(u"decision"_qs).toString(), u"refused"_qs);
    QVERIFY2(!why.value(u"reason"_qs).toString().isEmpty(), refused.headers.value("x-basalt-explain").constData());
    QCOMPARE(snapshot(QStringLiteral("saas"), engine), before);

    // As an unknown user: a clear 404, no data.
    const HttpReply nobody = sendRequest(m_manager, "GET", url(QStringLiteral("saas"), engine, QStringLiteral("tasks")),
        personaHeaders(QStringLiteral("service")) + HeaderList {{"X-Basalt-Explain", "as-user=00000000-0000-4000-8000-00000000dead"}});
    QCOMPARE(nobody.status, 404);
}

void tst_Access::signedInUser_data()
{
    explain_data();
}

// End to end: an admin creates a user in their organization with the service key, the user signs in with
// the auth API and their real access token carries the organization the tenant rule needs.
void tst_Access::signedInUser()
{
    QFETCH(QString, engine);
    QString skip;
    const QString error = startFixture(QStringLiteral("saas"), engine, &skip);
    if (!skip.isEmpty()) {
        if (TestSupport::postgresRequired())
            QFAIL(qPrintable(skip));
        QSKIP(qPrintable(skip));
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QUrl base = m_saas.at(engine)->url(QStringLiteral("/"));
    const QByteArray signup = R"({"email":"Dana@Acme.test","password":"long enough password","data":{"organization_id":")"
        + Saas::org1.toUtf8() + R"(","full_name":"Dana"}})";
    const HttpReply created = sendRequest(m_manager, "POST", base.resolved(QUrl(u"/auth/v1/signup"_qs)),
        personaHeaders(QStringLiteral("service")), signup);
    QVERIFY2(created.status == 200, created.body.constData());

    const HttpReply session = sendRequest(m_manager, "POST",
        base.resolved(QUrl(u"/auth/v1/token?grant_type=password"_qs)), {{"apikey", TestSupport::anonKey()}},
        R"({"email":"dana@acme.test","password":"long enough password"})");
    QVERIFY2(session.status == 200, session.body.constData());
    const QByteArray token = QJsonDocument::fromJson(session.body).object().value(u"access_token"_qs).toString().toUtf8();
    QVERIFY(!token.isEmpty());

    const HeaderList dana {{"apikey", TestSupport::anonKey()}, {"Authorization", "Bearer " + token}};
    const HttpReply tasks = sendRequest(m_manager, "GET", url(QStringLiteral("saas"), engine,
        u"tasks?select=organization_id"_qs), dana);
    QCOMPARE(tasks.status, 200);
    const QJsonArray rows = QJsonDocument::fromJson(tasks.body).array();
    QVERIFY(!rows.isEmpty());
    for (const QJsonValue &row : rows)
        QCOMPARE(row.toObject().value(u"organization_id"_qs).toString(), Saas::org1);
    const HttpReply promote = sendRequest(m_manager, "PATCH", url(QStringLiteral("saas"), engine,
        u"users?email=eq.dana@acme.test"_qs), dana, R"({"role":"admin"})");
    QCOMPARE(promote.status, 400);
    QVERIFY2(promote.body.contains("role"), promote.body.constData());
}

// Verified tokens are remembered per request thread; one that expires meanwhile is refused all the same.
void tst_Access::rememberedTokenStillExpires()
{
    QString skip;
    const QString error = startFixture(QStringLiteral("saas"), QStringLiteral("sqlite"), &skip);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QJsonObject claims = userClaims(Saas::alice, QStringLiteral("authenticated"), orgClaims(Saas::org1, QStringLiteral("member")));
    const qint64 expiry = QDateTime::currentSecsSinceEpoch() + 2;
    claims.insert(QStringLiteral("exp"), expiry);
    const QByteArray token = Runtime::signJwt(claims, TestSupport::jwtSecret());
    const HeaderList headers {{"apikey", TestSupport::anonKey()}, {"Authorization", "Bearer " + token}};
    const QUrl tasks = url(QStringLiteral("saas"), QStringLiteral("sqlite"), QStringLiteral("tasks?select=id"));
    // Enough requests to reach every request thread (connections are spread over them).
    for (int i = 0; i < 8; ++i) {
        QNetworkAccessManager fresh;
        fresh.setProxy(QNetworkProxy::NoProxy);
        QCOMPARE(sendRequest(fresh, "GET", tasks, headers).status, 200);
    }
    while (QDateTime::currentSecsSinceEpoch() < expiry)
        QTest::qWait(100);
    for (int i = 0; i < 8; ++i) {
        QNetworkAccessManager fresh;
        fresh.setProxy(QNetworkProxy::NoProxy);
        const HttpReply reply = sendRequest(fresh, "GET", tasks, headers);
        QCOMPARE(reply.status, 401);
        QVERIFY2(reply.body.contains("expired"), reply.body.constData());
    }
}

// Starts the fixture's server for \a engine on first use. Returns why it cannot run, or "".
QString tst_Access::startFixture(const QString &fixture, const QString &engine, QString *skip)
{
    if (fixture == QLatin1String("saas")) {
        auto it = m_saas.find(engine);
        if (it == m_saas.end()) {
            auto server = std::make_unique<SaasServer>();
            server->start(engine);
            it = m_saas.emplace(engine, std::move(server)).first;
        }
        *skip = it->second->skipReason();
        return it->second->error();
    }
    auto it = m_shops.find(engine);
    if (it == m_shops.end()) {
        auto server = std::make_unique<ShopServer>();
        server->start(engine, {});
        it = m_shops.emplace(engine, std::move(server)).first;
    }
    *skip = it->second->skipReason();
    return it->second->error();
}

QUrl tst_Access::url(const QString &fixture, const QString &engine, const QString &path) const
{
    const QString full = QStringLiteral("/rest/v1/") + path;
    return fixture == QLatin1String("saas") ? m_saas.at(engine)->url(full) : m_shops.at(engine)->url(full);
}

// Every table's rows as the service role sees them: equal snapshots mean an unchanged database.
QByteArray tst_Access::snapshot(const QString &fixture, const QString &engine)
{
    const QStringList tables = fixture == QLatin1String("saas")
        ? QStringList {QStringLiteral("organizations"), QStringLiteral("users"), QStringLiteral("projects"),
              QStringLiteral("tasks"), QStringLiteral("comments")}
        : QStringList {QStringLiteral("products"), QStringLiteral("orders"), QStringLiteral("reviews"),
              QStringLiteral("customers")};
    QByteArray all;
    for (const QString &table : tables) {
        const HttpReply reply = sendRequest(m_manager, "GET", url(fixture, engine, table + QStringLiteral("?order=id")));
        all += table.toUtf8() + ": " + QByteArray::number(reply.status) + ' ' + reply.body + '\n';
    }
    return all;
}

void tst_Access::runRow(const QString &fixture)
{
    QFETCH(QString, engine);
    QFETCH(QString, as);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, headers);
    QFETCH(QString, expectHeaders);
    QFETCH(QByteArray, body);
    QFETCH(QString, status);
    QFETCH(QString, expected);
    QFETCH(QString, code);
    QFETCH(QString, fragment);
    QFETCH(bool, unchanged);

    QString skip;
    const QString error = startFixture(fixture, engine, &skip);
    if (!skip.isEmpty()) {
        if (TestSupport::postgresRequired())
            QFAIL(qPrintable(skip));
        QSKIP(qPrintable(skip));
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const QString persona = fixture == QLatin1String("shop") && as == QLatin1String("bob") ? QStringLiteral("shopbob") : as;
    const HeaderList requestHeaders = personaHeaders(persona) + parseHeaderLines(headers);
    const QByteArray before = unchanged ? snapshot(fixture, engine) : QByteArray();
    const HttpReply reply = sendRequest(m_manager, method, url(fixture, engine, path), requestHeaders, body);
    const QString context = QStringLiteral("%1 %2 as %3 -> %4 %5")
                                .arg(QString::fromLatin1(method), path, as, QString::number(reply.status),
                                    QString::fromUtf8(reply.body.left(600)));
    QVERIFY2(reply.status != 0, qPrintable(reply.networkError));
    QVERIFY2(statusesOf(status).contains(reply.status), qPrintable(QStringLiteral("expected %1: ").arg(status) + context));
    const QString headerProblem = headersProblem(reply, expectHeaders);
    QVERIFY2(headerProblem.isEmpty(), qPrintable(headerProblem + QStringLiteral("; ") + context));
    const QString problem = code.isEmpty() ? bodyProblem(reply, expected) : errorProblem(reply, code, fragment);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + QStringLiteral("; ") + context));
    if (unchanged) {
        const QByteArray after = snapshot(fixture, engine);
        QVERIFY2(after == before, qPrintable(QStringLiteral("the database changed: ") + context
                                      + QStringLiteral("\nbefore:\n") + QString::fromUtf8(before)
                                      + QStringLiteral("\nafter:\n") + QString::fromUtf8(after)));
    }
}

QTEST_GUILESS_MAIN(tst_Access)
#include "tst_access.moc"
