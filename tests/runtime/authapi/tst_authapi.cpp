// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the auth API (/auth/v1) over HTTP against a real basalt-server, on SQLite and PostgreSQL.
#include "auth/authservice.h"
#include "auth/jwt.h"
#include "auth/signinlimiter.h"
#include "authserver.h"
#include "io/projectreader.h"
#include "storage/database.h"
#include "storage/recordstore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

namespace {
const QString s_password = QStringLiteral("correct horse battery");
const QStringList s_engines {QStringLiteral("sqlite"), QStringLiteral("postgresql")};

/** Returns how \a reply differs from a GoTrue error with \a status and \a errorCode whose msg contains
    \a fragment, or an empty string. */
QString authErrorProblem(const HttpReply &reply, int status, const QString &errorCode, const QString &fragment = {})
{
    const QJsonObject body = jsonOf(reply);
    if (reply.status != status || body.value(QStringLiteral("error_code")).toString() != errorCode
        || body.value(QStringLiteral("code")).toInt() != status
        || !body.value(QStringLiteral("msg")).toString().contains(fragment, Qt::CaseInsensitive))
        return QStringLiteral("expected %1 %2 (%3), got %4 %5")
            .arg(status)
            .arg(errorCode, fragment)
            .arg(reply.status)
            .arg(QString::fromUtf8(reply.body));
    return {};
}

QJsonObject claimsOf(const QJsonObject &session)
{
    const Runtime::Result<QJsonObject> claims = Runtime::verifyJwt(
        session.value(QStringLiteral("access_token")).toString().toLatin1(), TestSupport::jwtSecret(),
        Runtime::JwtCheck {.audience = QStringLiteral("authenticated")});
    return claims ? *claims : QJsonObject();
}

QByteArray accessTokenOf(const HttpReply &reply)
{
    return jsonOf(reply).value(QStringLiteral("access_token")).toString().toLatin1();
}

QString refreshTokenOf(const HttpReply &reply)
{
    return jsonOf(reply).value(QStringLiteral("refresh_token")).toString();
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/** The GoTrue session that sign-up and sign-in return, for jsonMismatch. */
QJsonObject expectedSession(const QString &email, const QJsonObject &userMetadata)
{
    const QJsonObject user {
        {QStringLiteral("id"), QStringLiteral("<uuid>")},
        {QStringLiteral("aud"), QStringLiteral("authenticated")},
        {QStringLiteral("role"), QStringLiteral("authenticated")},
        {QStringLiteral("email"), email},
        {QStringLiteral("email_confirmed_at"), QStringLiteral("<ts>")},
        {QStringLiteral("phone"), QString()},
        {QStringLiteral("confirmed_at"), QStringLiteral("<ts>")},
        {QStringLiteral("last_sign_in_at"), QStringLiteral("<ts>")},
        {QStringLiteral("app_metadata"),
            QJsonObject {{QStringLiteral("provider"), QStringLiteral("email")},
                {QStringLiteral("providers"), QJsonArray {QStringLiteral("email")}}}},
        {QStringLiteral("user_metadata"), userMetadata},
        {QStringLiteral("identities"), QJsonArray()},
        {QStringLiteral("created_at"), QStringLiteral("<ts>")},
        {QStringLiteral("updated_at"), QStringLiteral("<ts>")},
        {QStringLiteral("is_anonymous"), false},
    };
    return QJsonObject {
        {QStringLiteral("access_token"), QStringLiteral("<any>")},
        {QStringLiteral("token_type"), QStringLiteral("bearer")},
        {QStringLiteral("expires_in"), 3600},
        {QStringLiteral("expires_at"), QStringLiteral("<int>")},
        {QStringLiteral("refresh_token"), QStringLiteral("<any>")},
        {QStringLiteral("user"), user},
    };
}
} // namespace

class TestAuthApi : public QObject
{
    Q_OBJECT

private:
    /** Starts a fresh server for the current row's "engine" on \a templateName, or skips/fails. */
    bool startServer(AuthServer &server, const QString &templateName)
    {
        QFETCH(QString, engine);
        const QString error = server.start(engine, templateName);
        if (!server.skipReason().isEmpty()) {
            if (TestSupport::postgresRequired())
                QTest::qFail(qPrintable(error), __FILE__, __LINE__);
            else
                QTest::qSkip(qPrintable(server.skipReason()), __FILE__, __LINE__);
            return false;
        }
        if (!error.isEmpty()) {
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
            return false;
        }
        return true;
    }

    static void engineRows()
    {
        QTest::addColumn<QString>("engine");
        for (const QString &engine : s_engines)
            QTest::newRow(qPrintable(engine)) << engine;
    }

    /** Signs up a saas user in s_org1 with the service key (organization_id and role are read-only). */
    static HttpReply saasUser(AuthServer &server, const QString &email, const QString &role)
    {
        return server.signUp(email, s_password,
            {{QStringLiteral("organization_id"), s_org1}, {QStringLiteral("full_name"), email},
                {QStringLiteral("role"), role}},
            TestSupport::serviceKey());
    }

private slots:
    void signUpShape_data() { engineRows(); }
    void signUpShape()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        const QJsonObject data {{QStringLiteral("full_name"), QStringLiteral("Ann")},
            {QStringLiteral("newsletter"), true}, {QStringLiteral("favourite"), QStringLiteral("tea")}};
        const HttpReply reply = server.signUp(QStringLiteral("  Ann@Example.COM "), s_password, data);
        QCOMPARE(reply.status, 200);
        const QJsonObject session = jsonOf(reply);
        QCOMPARE(jsonMismatch(expectedSession(QStringLiteral("ann@example.com"), data), session), QString());

        // The profile row: same id, the auth email, the data keys that are fields.
        const QString id = session.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
        const QString profile = QStringLiteral("SELECT %1 FROM customers WHERE CAST(id AS TEXT) = '%2'");
        QCOMPARE(server.scalar(profile.arg(QStringLiteral("email"), id)).toString(), QStringLiteral("ann@example.com"));
        QCOMPARE(server.scalar(profile.arg(QStringLiteral("full_name"), id)).toString(), QStringLiteral("Ann"));

        // The refresh token is stored only as its SHA-256.
        const QByteArray refreshToken = refreshTokenOf(reply).toLatin1();
        QVERIFY(refreshToken.size() >= 43);
        const QString hash = QString::fromLatin1(QCryptographicHash::hash(refreshToken, QCryptographicHash::Sha256).toHex());
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM _basalt_auth_refresh_tokens WHERE token_hash = '%1'")
                                   .arg(hash)).toInt(), 1);
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM _basalt_auth_refresh_tokens WHERE token_hash = '%1'")
                                   .arg(QString::fromLatin1(refreshToken))).toInt(), 0);
        QVERIFY(server.scalar(QStringLiteral("SELECT password_hash FROM _basalt_auth_users")).toString().startsWith(
            QLatin1String("$argon2id$")));

        // The access token carries the documented claims.
        const QJsonObject claims = claimsOf(session);
        QCOMPARE(claims.value(QStringLiteral("sub")).toString(), id);
        QCOMPARE(claims.value(QStringLiteral("role")).toString(), QStringLiteral("authenticated"));
        QCOMPARE(claims.value(QStringLiteral("iss")).toString(), QStringLiteral("basalt"));
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() - claims.value(QStringLiteral("iat")).toInteger(), 3600);
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), session.value(QStringLiteral("expires_at")).toInteger());
        QVERIFY(!claims.value(QStringLiteral("session_id")).toString().isEmpty());
        QCOMPARE(claims.value(QStringLiteral("user_metadata")).toObject(), data);
    }

    void signUpRefused_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QJsonObject>("data");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorCode");
        QTest::addColumn<QString>("fragment");
        struct Case
        {
            const char *name;
            const char *email;
            const char *password;
            const char *data; // a JSON object
            int status;
            const char *errorCode;
            const char *fragment;
        };
        static const Case cases[] = {
            {"weak password", "weak@example.com", "short", R"({"full_name":"Dup"})", 422, "weak_password", "at least 8"},
            {"malformed email", "not-an-email", "correct horse", R"({"full_name":"Dup"})", 400, "email_address_invalid", ""},
            {"email with space", "a b@example.com", "correct horse", R"({"full_name":"Dup"})", 400, "email_address_invalid", ""},
            {"duplicate, other case", "DUP@Example.com", "correct horse", R"({"full_name":"Dup"})", 422, "user_already_exists", ""},
            {"profile insert fails", "badphone@example.com", "correct horse", R"({"phone":"call me"})", 400, "validation_failed", "phone"},
            {"data not an object", "x@example.com", "correct horse", R"({"full_name":"Dup"})", 400, "validation_failed", ""},
        };
        for (const QString &engine : s_engines) {
            for (const Case &c : cases) {
                QTest::newRow(qPrintable(engine + QLatin1Char(' ') + QLatin1String(c.name)))
                    << engine << QString::fromLatin1(c.email) << QString::fromLatin1(c.password)
                    << QJsonDocument::fromJson(c.data).object() << c.status << QString::fromLatin1(c.errorCode)
                    << QString::fromLatin1(c.fragment);
            }
        }
    }
    void signUpRefused()
    {
        QFETCH(QString, email);
        QFETCH(QString, password);
        QFETCH(QJsonObject, data);
        QFETCH(int, status);
        QFETCH(QString, errorCode);
        QFETCH(QString, fragment);
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        QCOMPARE(server.signUp(QStringLiteral("dup@example.com"), s_password,
                           {{QStringLiteral("full_name"), QStringLiteral("Dup")}}).status, 200);
        HttpReply reply;
        if (QString::fromLatin1(QTest::currentDataTag()).endsWith(QLatin1String("not an object"))) {
            reply = server.send("POST", QStringLiteral("/auth/v1/signup"),
                R"({"email":"x@example.com","password":"correct horse","data":[1]})");
        } else {
            reply = server.signUp(email, password, data);
        }
        QCOMPARE(authErrorProblem(reply, status, errorCode, fragment), QString());
        // Nothing half-made is left: only the first user and its profile.
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM _basalt_auth_users")).toInt(), 1);
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM customers")).toInt(), 1);
    }

    void readOnlyProfileField_data() { engineRows(); }
    void readOnlyProfileField()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("saas")))
            return;
        const QJsonObject data {{QStringLiteral("organization_id"), s_org1}, {QStringLiteral("full_name"), QStringLiteral("Eve")}};
        const HttpReply anon = server.signUp(QStringLiteral("eve@example.com"), s_password, data);
        QCOMPARE(authErrorProblem(anon, 400, QStringLiteral("validation_failed"), QStringLiteral("organization_id")), QString());
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM _basalt_auth_users")).toInt(), 0);

        const HttpReply service = saasUser(server, QStringLiteral("adam@example.com"), QStringLiteral("admin"));
        QCOMPARE(service.status, 200);
        const QString id = jsonOf(service).value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
        const QString profile = QStringLiteral("SELECT %1 FROM users WHERE CAST(id AS TEXT) = '%2'");
        QCOMPARE(server.scalar(profile.arg(QStringLiteral("CAST(organization_id AS TEXT)"), id)).toString(), s_org1);
        QCOMPARE(server.scalar(profile.arg(QStringLiteral("role"), id)).toString(), QStringLiteral("admin"));
        QCOMPARE(server.scalar(profile.arg(QStringLiteral("email"), id)).toString(), QStringLiteral("adam@example.com"));
    }

    void signInClaims_data() { engineRows(); }
    void signInClaims()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("saas")))
            return;
        QCOMPARE(saasUser(server, QStringLiteral("adam@example.com"), QStringLiteral("admin")).status, 200);
        QCOMPARE(saasUser(server, QStringLiteral("mia@example.com"), QStringLiteral("member")).status, 200);

        const HttpReply admin = server.signIn(QStringLiteral("Adam@Example.com"), s_password);
        QCOMPARE(admin.status, 200);
        QJsonObject claims = claimsOf(jsonOf(admin));
        QCOMPARE(claims.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
        QCOMPARE(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("authenticated"));
        QCOMPARE(claims.value(QStringLiteral("email")).toString(), QStringLiteral("adam@example.com"));
        QCOMPARE(claims.value(QStringLiteral("aal")).toString(), QStringLiteral("aal1"));
        QCOMPARE(claims.value(QStringLiteral("is_anonymous")).toBool(true), false);
        QCOMPARE(claims.value(QStringLiteral("amr")).toArray().at(0).toObject().value(QStringLiteral("method")).toString(),
            QStringLiteral("password"));
        const QJsonObject appMetadata = claims.value(QStringLiteral("app_metadata")).toObject();
        QCOMPARE(appMetadata.value(QStringLiteral("organization_id")).toString(), s_org1);
        QCOMPARE(appMetadata.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
        QCOMPARE(appMetadata.value(QStringLiteral("provider")).toString(), QStringLiteral("email"));
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() - claims.value(QStringLiteral("iat")).toInteger(), 900);
        QCOMPARE(jsonOf(admin).value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString(),
            QStringLiteral("admin"));

        // A member's role is not a custom role: the token says "authenticated", the claim keeps "member".
        const HttpReply member = server.signIn(QStringLiteral("mia@example.com"), s_password);
        QCOMPARE(member.status, 200);
        claims = claimsOf(jsonOf(member));
        QCOMPARE(claims.value(QStringLiteral("role")).toString(), QStringLiteral("authenticated"));
        QCOMPARE(claims.value(QStringLiteral("app_metadata")).toObject().value(QStringLiteral("role")).toString(),
            QStringLiteral("member"));

        // A role change applies at the next refresh.
        QCOMPARE(executeSql(server.databaseUrl(), QStringLiteral("UPDATE users SET role = 'admin' WHERE email = 'mia@example.com'")),
            QString());
        const HttpReply refreshed = server.refresh(refreshTokenOf(member));
        QCOMPARE(refreshed.status, 200);
        claims = claimsOf(jsonOf(refreshed));
        QCOMPARE(claims.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
        QCOMPARE(claims.value(QStringLiteral("session_id")), claimsOf(jsonOf(member)).value(QStringLiteral("session_id")));
    }

    // X-Basalt-Explain's as-user: the Caller a user's token would give, without a token.
    void callerForUser_data() { engineRows(); }
    void callerForUser()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("saas")))
            return;
        const HttpReply adam = saasUser(server, QStringLiteral("adam@example.com"), QStringLiteral("admin"));
        QCOMPARE(adam.status, 200);
        const QString adamId = jsonOf(adam).value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();

        auto project = Runtime::readProjectFile(TestSupport::templatePath(QStringLiteral("saas")));
        QVERIFY(project);
        const std::shared_ptr<const Runtime::Project> shared(std::move(*project));
        auto database = Runtime::Database::open(server.databaseUrl());
        QVERIFY2(database, qPrintable(database ? QString() : database.error().toString()));
        Runtime::RecordStore store(shared, **database);
        Runtime::AuthService service(shared, store, TestSupport::jwtSecret(), nullptr);
        const Runtime::Result<Runtime::Caller> caller = service.callerForUser(adamId);
        QVERIFY(caller);
        QCOMPARE(int(caller->kind), int(Runtime::Caller::Kind::Authenticated));
        QCOMPARE(caller->userId, adamId);
        QCOMPARE(caller->email, QStringLiteral("adam@example.com"));
        QCOMPARE(caller->role, QStringLiteral("admin"));
        QVERIFY(caller->explain);
        const QJsonObject expectedClaims {{QStringLiteral("organization_id"), s_org1}, {QStringLiteral("role"), QStringLiteral("admin")}};
        QCOMPARE(caller->claims, expectedClaims);
        // The same claims as the token minted at sign-up.
        QJsonObject tokenClaims = claimsOf(jsonOf(adam)).value(QStringLiteral("app_metadata")).toObject();
        tokenClaims.remove(QStringLiteral("provider"));
        tokenClaims.remove(QStringLiteral("providers"));
        QCOMPARE(caller->claims, tokenClaims);

        const Runtime::Result<Runtime::Caller> nobody = service.callerForUser(QUuid::createUuid().toString(QUuid::WithoutBraces));
        QVERIFY(!nobody);
        QCOMPARE(int(nobody.error().code), int(Runtime::ErrorCode::UserNotFound));
    }

    void wrongPasswordLikeUnknownEmail_data() { engineRows(); }
    void wrongPasswordLikeUnknownEmail()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        QCOMPARE(server.signUp(QStringLiteral("kim@example.com"), s_password, {{QStringLiteral("full_name"), QStringLiteral("Kim")}}).status, 200);
        const HttpReply wrong = server.signIn(QStringLiteral("kim@example.com"), QStringLiteral("wrong password"));
        const HttpReply unknown = server.signIn(QStringLiteral("nobody@example.com"), s_password);
        QCOMPARE(authErrorProblem(wrong, 400, QStringLiteral("invalid_credentials"), QStringLiteral("Invalid login credentials")), QString());
        QCOMPARE(unknown.status, wrong.status);
        QCOMPARE(unknown.body, wrong.body);

        const HttpReply ok = server.signIn(QStringLiteral("kim@example.com"), s_password);
        QCOMPARE(ok.status, 200);
        QCOMPARE(jsonMismatch(expectedSession(QStringLiteral("kim@example.com"),
                                  {{QStringLiteral("full_name"), QStringLiteral("Kim")}}),
                     jsonOf(ok)),
            QString());

        // OAuth-style form bodies are accepted too.
        HeaderList form {{QByteArrayLiteral("apikey"), TestSupport::anonKey()},
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")}};
        const HttpReply formReply = sendRequest(server.network(), "POST",
            server.url(QStringLiteral("/auth/v1/token?grant_type=password")), form,
            QByteArrayLiteral("email=kim%40example.com&password=") + QUrl::toPercentEncoding(s_password));
        QCOMPARE(formReply.status, 200);

        // Unknown grant types are named.
        const HttpReply grant = server.send("POST", QStringLiteral("/auth/v1/token?grant_type=magic"), "{}");
        QCOMPARE(authErrorProblem(grant, 400, QStringLiteral("validation_failed"), QStringLiteral("magic")), QString());
    }

    void refreshRotation_data() { engineRows(); }
    void refreshRotation()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        const HttpReply signUp = server.signUp(QStringLiteral("rob@example.com"), s_password, {{QStringLiteral("full_name"), QStringLiteral("Rob")}});
        QCOMPARE(signUp.status, 200);
        const QString first = refreshTokenOf(signUp);
        const HttpReply rotated = server.refresh(first);
        QCOMPARE(rotated.status, 200);
        const QString second = refreshTokenOf(rotated);
        QVERIFY(!second.isEmpty() && second != first);
        QCOMPARE(claimsOf(jsonOf(rotated)).value(QStringLiteral("session_id")),
            claimsOf(jsonOf(signUp)).value(QStringLiteral("session_id")));
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM _basalt_auth_refresh_tokens WHERE parent IS NOT NULL")).toInt(), 1);

        // Reuse of the old token revokes the session: the new token fails too.
        QCOMPARE(authErrorProblem(server.refresh(first), 400, QStringLiteral("refresh_token_already_used")), QString());
        QCOMPARE(authErrorProblem(server.refresh(second), 400, QStringLiteral("refresh_token_already_used")), QString());
        QCOMPARE(authErrorProblem(server.refresh(QStringLiteral("no-such-token")), 400, QStringLiteral("refresh_token_not_found")), QString());

        // Another session of the same user is not affected.
        const HttpReply other = server.signIn(QStringLiteral("rob@example.com"), s_password);
        QCOMPARE(server.refresh(refreshTokenOf(other)).status, 200);
    }

    void logout_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<bool>("ownSessionRevoked");
        QTest::addColumn<bool>("otherSessionRevoked");
        for (const QString &engine : s_engines) {
            QTest::newRow(qPrintable(engine + QStringLiteral(" default"))) << engine << QString() << true << true;
            QTest::newRow(qPrintable(engine + QStringLiteral(" global"))) << engine << QStringLiteral("global") << true << true;
            QTest::newRow(qPrintable(engine + QStringLiteral(" local"))) << engine << QStringLiteral("local") << true << false;
            QTest::newRow(qPrintable(engine + QStringLiteral(" others"))) << engine << QStringLiteral("others") << false << true;
        }
    }
    void logout()
    {
        QFETCH(QString, scope);
        QFETCH(bool, ownSessionRevoked);
        QFETCH(bool, otherSessionRevoked);
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        const HttpReply own = server.signUp(QStringLiteral("lou@example.com"), s_password, {{QStringLiteral("full_name"), QStringLiteral("Lou")}});
        const HttpReply other = server.signIn(QStringLiteral("lou@example.com"), s_password);
        QCOMPARE(other.status, 200);
        const QString path = scope.isEmpty() ? QStringLiteral("/auth/v1/logout") : QStringLiteral("/auth/v1/logout?scope=") + scope;
        QCOMPARE(authErrorProblem(server.send("POST", path), 401, QStringLiteral("no_authorization")), QString());
        const HttpReply out = server.send("POST", path, {}, accessTokenOf(own));
        QCOMPARE(out.status, 204);
        QCOMPARE(server.refresh(refreshTokenOf(own)).status == 200, !ownSessionRevoked);
        QCOMPARE(server.refresh(refreshTokenOf(other)).status == 200, !otherSessionRevoked);
    }

    void passwordChange_data() { engineRows(); }
    void passwordChange()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        const HttpReply current = server.signUp(QStringLiteral("pat@example.com"), s_password, {{QStringLiteral("full_name"), QStringLiteral("Pat")}});
        const HttpReply other = server.signIn(QStringLiteral("pat@example.com"), s_password);
        QCOMPARE(other.status, 200);
        const QString newPassword = QStringLiteral("new secret password");
        const HttpReply weak = server.send("PUT", QStringLiteral("/auth/v1/user"), R"({"password":"short"})", accessTokenOf(current));
        QCOMPARE(authErrorProblem(weak, 422, QStringLiteral("weak_password")), QString());
        const HttpReply changed = server.send("PUT", QStringLiteral("/auth/v1/user"),
            json({{QStringLiteral("password"), newPassword}}), accessTokenOf(current));
        QCOMPARE(changed.status, 200);
        QCOMPARE(jsonOf(changed).value(QStringLiteral("email")).toString(), QStringLiteral("pat@example.com"));
        // The current session keeps working, the other device is signed out.
        QCOMPARE(server.refresh(refreshTokenOf(current)).status, 200);
        QCOMPARE(server.refresh(refreshTokenOf(other)).status, 400);
        QCOMPARE(server.signIn(QStringLiteral("pat@example.com"), s_password).status, 400);
        QCOMPARE(server.signIn(QStringLiteral("pat@example.com"), newPassword).status, 200);
    }

    void endedSessionTokenRefused_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("how");
        for (const QString &engine : s_engines) {
            for (const char *how : {"logout local", "logout global", "password changed elsewhere", "refresh token reused"})
                QTest::newRow(qPrintable(engine + QLatin1Char(' ') + QLatin1String(how))) << engine << QString::fromLatin1(how);
        }
    }
    // Once a session ends, its access token (still unexpired and validly signed) is refused on every
    // route at once, by this server; the sessions that did not end keep working. Before, it worked until
    // it expired, and could even change the password without the current one.
    void endedSessionTokenRefused()
    {
        QFETCH(QString, how);
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        const HttpReply ended = server.signUp(QStringLiteral("eve@example.com"), s_password, {{QStringLiteral("full_name"), QStringLiteral("Eve")}});
        const HttpReply kept = server.signIn(QStringLiteral("eve@example.com"), s_password);
        QCOMPARE(kept.status, 200);
        const QByteArray token = accessTokenOf(ended);
        const QString rest = QStringLiteral("/rest/v1/products?select=id&limit=1");
        QCOMPARE(server.send("GET", rest, {}, token).status, 200);

        if (how == QLatin1String("logout local")) {
            QCOMPARE(server.send("POST", QStringLiteral("/auth/v1/logout?scope=local"), {}, token).status, 204);
        } else if (how == QLatin1String("logout global")) {
            QCOMPARE(server.send("POST", QStringLiteral("/auth/v1/logout"), {}, accessTokenOf(kept)).status, 204);
        } else if (how == QLatin1String("password changed elsewhere")) {
            QCOMPARE(server.send("PUT", QStringLiteral("/auth/v1/user"), json({{QStringLiteral("password"), QStringLiteral("another good password")}}),
                         accessTokenOf(kept)).status,
                200);
        } else {
            const QString first = refreshTokenOf(ended);
            QCOMPARE(server.refresh(first).status, 200);
            QCOMPARE(server.refresh(first).status, 400); // reused: the whole session ends
        }
        const HttpReply restReply = server.send("GET", rest, {}, token);
        QCOMPARE(restReply.status, 401);
        QCOMPARE(jsonOf(restReply).value(QStringLiteral("code")).toString(), QStringLiteral("PGRST301"));
        QCOMPARE(authErrorProblem(server.send("GET", QStringLiteral("/auth/v1/user"), {}, token), 403,
                     QStringLiteral("session_not_found")),
            QString());
        const HttpReply takeover = server.send("PUT", QStringLiteral("/auth/v1/user"), R"({"password":"taken over!"})", token);
        QCOMPARE(authErrorProblem(takeover, 403, QStringLiteral("session_not_found")), QString());
        const bool keptEnds = how == QLatin1String("logout global");
        QCOMPARE(server.send("GET", rest, {}, accessTokenOf(kept)).status, keptEnds ? 401 : 200);
    }

    void endedSessionAcrossServers_data() { engineRows(); }
    // Two servers on one database: a session signed out through one is refused by the other too, once
    // that one reads the ended sessions again (at most a second later; waited for here, not timed).
    void endedSessionAcrossServers()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        QCOMPARE(server.startSecond(), QString());
        const HttpReply session = server.signUp(QStringLiteral("ivy@example.com"), s_password, {{QStringLiteral("full_name"), QStringLiteral("Ivy")}});
        const QByteArray token = accessTokenOf(session);
        QCOMPARE(server.sendToSecond("GET", QStringLiteral("/auth/v1/user"), token).status, 200);
        QCOMPARE(server.send("POST", QStringLiteral("/auth/v1/logout"), {}, token).status, 204);
        QTRY_COMPARE_WITH_TIMEOUT(server.sendToSecond("GET", QStringLiteral("/auth/v1/user"), token).status, 403, 15000);
        QCOMPARE(server.sendToSecond("GET", QStringLiteral("/rest/v1/products?select=id&limit=1"), token).status, 401);
    }

    void changeNeedsRecentSignIn_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QByteArray>("change");
        for (const QString &engine : s_engines) {
            QTest::newRow(qPrintable(engine + QStringLiteral(" password"))) << engine << QByteArray(R"("password":"a brand new password")");
            QTest::newRow(qPrintable(engine + QStringLiteral(" email"))) << engine << QByteArray(R"("email":"new-address@example.com")");
        }
    }
    // A session that signed in more than ten minutes ago (a stolen token, say) changes the password or the
    // email only with current_password, as GoTrue's current_password check; a fresh sign-in needs none.
    void changeNeedsRecentSignIn()
    {
        QFETCH(QByteArray, change);
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        const HttpReply session = server.signUp(QStringLiteral("old@example.com"), s_password, {{QStringLiteral("full_name"), QStringLiteral("Old")}});
        const QByteArray token = accessTokenOf(session);
        const QString sessionId = claimsOf(jsonOf(session)).value(QStringLiteral("session_id")).toString();
        QCOMPARE(executeSql(server.databaseUrl(),
                     QStringLiteral("UPDATE _basalt_auth_refresh_tokens SET created_at = '2020-01-01T00:00:00.000Z' "
                                    "WHERE session_id = '%1'").arg(sessionId)),
            QString());
        const QString path = QStringLiteral("/auth/v1/user");
        QCOMPARE(authErrorProblem(server.send("PUT", path, "{" + change + "}", token), 400,
                     QStringLiteral("reauthentication_needed"), QStringLiteral("current_password")),
            QString());
        QCOMPARE(authErrorProblem(server.send("PUT", path, "{" + change + ",\"current_password\":\"wrong guess\"}", token), 400,
                     QStringLiteral("current_password_mismatch")),
            QString());
        QCOMPARE(server.send("PUT", path, R"({"data":{"theme":"dark"}})", token).status, 200); // no reauthentication
        // auth-js's attribute name is accepted as well as GoTrue's current_password.
        const QByteArray withCurrent = "{" + change + ",\"currentPassword\":\"" + s_password.toUtf8() + "\"}";
        QCOMPARE(server.send("PUT", path, withCurrent, token).status, 200);
    }

    void badTextRefused_data() { engineRows(); }
    // A NUL or a lone surrogate in a sign-up or sign-in body is answered 400, never 500 (PostgreSQL's
    // driver cut the statement at a NUL), and stores nothing.
    void badTextRefused()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        const QByteArray bodies[] = {
            R"({"email":"nul\u0000@example.com","password":"correct horse battery"})",
            R"({"email":"half\ud800@example.com","password":"correct horse battery"})",
            "{\"email\":\"latin1\xe9@example.com\",\"password\":\"correct horse battery\"}",
        };
        for (const QByteArray &body : bodies) {
            QCOMPARE(authErrorProblem(server.send("POST", QStringLiteral("/auth/v1/signup"), body), 400,
                         QStringLiteral("validation_failed")),
                QString());
            QCOMPARE(authErrorProblem(server.send("POST", QStringLiteral("/auth/v1/token?grant_type=password"), body),
                         400, QStringLiteral("validation_failed")),
                QString());
        }
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM _basalt_auth_users")).toInt(), 0);
    }

    void currentPasswordGuessesLimited_data() { engineRows(); }
    // Guessing current_password with a stolen token is limited like guessing a sign-in's password.
    void currentPasswordGuessesLimited()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        const QByteArray token = accessTokenOf(server.signUp(QStringLiteral("stolen@example.com"), s_password,
            {{QStringLiteral("full_name"), QStringLiteral("S")}}));
        for (int i = 0; i < 10; ++i) {
            const QByteArray guess = "{\"password\":\"a brand new password\",\"current_password\":\"guess "
                + QByteArray::number(i) + "\"}";
            QCOMPARE(authErrorProblem(server.send("PUT", QStringLiteral("/auth/v1/user"), guess, token), 400,
                         QStringLiteral("current_password_mismatch")),
                QString());
        }
        const QByteArray right = "{\"password\":\"a brand new password\",\"current_password\":\"" + s_password.toUtf8() + "\"}";
        QCOMPARE(authErrorProblem(server.send("PUT", QStringLiteral("/auth/v1/user"), right, token), 429,
                     QStringLiteral("over_request_rate_limit")),
            QString());
    }

    void getAndUpdateUser_data() { engineRows(); }
    void getAndUpdateUser()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        const HttpReply signUp = server.signUp(QStringLiteral("gus@example.com"), s_password,
            {{QStringLiteral("full_name"), QStringLiteral("Gus")}, {QStringLiteral("theme"), QStringLiteral("dark")}});
        const QByteArray token = accessTokenOf(signUp);
        const QJsonObject signedUpUser = jsonOf(signUp).value(QStringLiteral("user")).toObject();

        QCOMPARE(authErrorProblem(server.send("GET", QStringLiteral("/auth/v1/user")), 401, QStringLiteral("no_authorization")), QString());
        QCOMPARE(authErrorProblem(server.send("PUT", QStringLiteral("/auth/v1/user"), R"({"data":{"a":1}})"), 401,
                     QStringLiteral("no_authorization")),
            QString());
        const HttpReply got = server.send("GET", QStringLiteral("/auth/v1/user"), {}, token);
        QCOMPARE(got.status, 200);
        QCOMPARE(jsonOf(got), signedUpUser);

        const HttpReply updated = server.send("PUT", QStringLiteral("/auth/v1/user"),
            R"({"email":" Gus2@Example.com","data":{"theme":"light","lang":"fr"}})", token);
        QCOMPARE(updated.status, 200);
        const QJsonObject user = jsonOf(updated);
        QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("gus2@example.com"));
        const QJsonObject expectedMetadata {{QStringLiteral("full_name"), QStringLiteral("Gus")},
            {QStringLiteral("theme"), QStringLiteral("light")}, {QStringLiteral("lang"), QStringLiteral("fr")}};
        QCOMPARE(user.value(QStringLiteral("user_metadata")).toObject(), expectedMetadata);
        const QString id = user.value(QStringLiteral("id")).toString();
        QCOMPARE(server.scalar(QStringLiteral("SELECT email FROM customers WHERE CAST(id AS TEXT) = '%1'").arg(id)).toString(),
            QStringLiteral("gus2@example.com"));
        QCOMPARE(server.signIn(QStringLiteral("gus2@example.com"), s_password).status, 200);

        // Taking another user's email is refused.
        QCOMPARE(server.signUp(QStringLiteral("hal@example.com"), s_password, {{QStringLiteral("full_name"), QStringLiteral("Hal")}}).status, 200);
        const HttpReply taken = server.send("PUT", QStringLiteral("/auth/v1/user"), R"({"email":"HAL@example.com"})", token);
        QCOMPARE(authErrorProblem(taken, 422, QStringLiteral("user_already_exists")), QString());

        // A deleted user's still valid token finds no user.
        QCOMPARE(executeSql(server.databaseUrl(), QStringLiteral("DELETE FROM _basalt_auth_users WHERE id = '%1'").arg(id)), QString());
        QCOMPARE(authErrorProblem(server.send("GET", QStringLiteral("/auth/v1/user"), {}, token), 404, QStringLiteral("user_not_found")), QString());
    }

    void rateLimit_data() { engineRows(); }
    void rateLimit()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        QCOMPARE(server.signUp(QStringLiteral("tom@example.com"), s_password, {{QStringLiteral("full_name"), QStringLiteral("Tom")}}).status, 200);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(server.signIn(QStringLiteral("tom@example.com"), QStringLiteral("guess %1").arg(i)).status, 400);
        const HttpReply limited = server.signIn(QStringLiteral("TOM@example.com"), QStringLiteral("guess 11"));
        QCOMPARE(authErrorProblem(limited, 429, QStringLiteral("over_request_rate_limit")), QString());
        QVERIFY2(limited.headers.value("retry-after").toInt() > 0, limited.headers.value("retry-after").constData());
        QCOMPARE(server.signIn(QStringLiteral("tom@example.com"), s_password).status, 429);
        // Other emails are not limited by Tom's failures.
        QCOMPARE(server.signIn(QStringLiteral("someone@example.com"), s_password).status, 400);
        // Sign-ups from one address: 30 per 5 minutes (Tom's was the first); the service role is not limited.
        for (int i = 1; i < 30; ++i)
            QCOMPARE(server.signUp(QStringLiteral("n%1@example.com").arg(i), s_password, {{QStringLiteral("full_name"), QStringLiteral("N")}}).status, 200);
        const HttpReply flood = server.signUp(QStringLiteral("n30@example.com"), s_password, {{QStringLiteral("full_name"), QStringLiteral("N")}});
        QCOMPARE(authErrorProblem(flood, 429, QStringLiteral("over_request_rate_limit")), QString());
        QCOMPARE(server.signUp(QStringLiteral("admin-made@example.com"), s_password, {{QStringLiteral("full_name"), QStringLiteral("A")}},
                     TestSupport::serviceKey()).status,
            200);
    }

    // Auth requests run on the request threads, next to the data API's writes (on SQLite: the writer
    // thread's connection); none may fail on a lock.
    void concurrentWithDataWrites_data() { engineRows(); }
    void concurrentWithDataWrites()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        const QByteArray service = TestSupport::serviceKey();
        const HeaderList anonHeaders {{QByteArrayLiteral("apikey"), TestSupport::anonKey()}};
        const HeaderList serviceHeaders {{QByteArrayLiteral("apikey"), service},
            {QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + service}};
        std::vector<std::unique_ptr<QNetworkReply>> replies;
        for (int i = 0; i < 12; ++i) {
            const QJsonObject signUp {{QStringLiteral("email"), QStringLiteral("user%1@example.com").arg(i)},
                {QStringLiteral("password"), s_password},
                {QStringLiteral("data"), QJsonObject {{QStringLiteral("full_name"), QStringLiteral("User %1").arg(i)}}}};
            replies.emplace_back(startRequest(server.network(), "POST", server.url(QStringLiteral("/auth/v1/signup")),
                anonHeaders, json(signUp)));
            const QJsonObject category {{QStringLiteral("name"), QStringLiteral("Category %1").arg(i)},
                {QStringLiteral("slug"), QStringLiteral("category-%1").arg(i)}};
            replies.emplace_back(startRequest(server.network(), "POST", server.url(QStringLiteral("/rest/v1/categories")),
                serviceHeaders, json(category)));
        }
        for (const auto &reply : replies) {
            if (!reply->isFinished())
                QVERIFY(QSignalSpy(reply.get(), &QNetworkReply::finished).wait(30000));
            const HttpReply result = replyResult(reply.get());
            QVERIFY2(result.status == 200 || result.status == 201,
                qPrintable(QStringLiteral("%1 %2").arg(result.status).arg(QString::fromUtf8(result.body))));
        }
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM _basalt_auth_users")).toInt(), 12);
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM customers")).toInt(), 12);
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM categories")).toInt(), 12);
    }

    void signInLimiter_data()
    {
        QTest::addColumn<QStringList>("failures");  // "address email" pairs that failed, at the start
        QTest::addColumn<int>("successes");         // admitted sign-ins from 10.0.0.1 (a NAT), not failing
        QTest::addColumn<QString>("next");          // "address email" trying next
        QTest::addColumn<qint64>("laterMs");        // when it tries, after the start
        QTest::addColumn<int>("expectedWait");      // admit()'s answer: 0, or seconds to wait
        const auto repeated = [](const QString &pair, int times) {
            QStringList list;
            for (int i = 0; i < times; ++i)
                list << pair;
            return list;
        };
        const auto spread = [](const QString &email, int addresses) {
            QStringList list;
            for (int i = 0; i < addresses; ++i)
                list << QStringLiteral("10.1.%1.%2 %3").arg(i / 250).arg(i % 250 + 1).arg(email);
            return list;
        };
        const auto manyEmails = [](const QString &address, int emails) {
            QStringList list;
            for (int i = 0; i < emails; ++i)
                list << QStringLiteral("%1 user%2@x").arg(address).arg(i);
            return list;
        };
        const QString guesser = QStringLiteral("10.0.0.9 a@x");
        QTest::newRow("fresh") << QStringList() << 0 << guesser << qint64(0) << 0;
        QTest::newRow("successes never count (one office behind NAT)")
            << QStringList() << 500 << QStringLiteral("10.0.0.1 a@x") << qint64(1000) << 0;
        QTest::newRow("9 failures for a@x from one address") << repeated(guesser, 9) << 0 << guesser << qint64(1000) << 0;
        QTest::newRow("10 failures: that address waits") << repeated(guesser, 10) << 0 << guesser << qint64(1000) << 299;
        QTest::newRow("10 failures: window over") << repeated(guesser, 10) << 0 << guesser << qint64(300001) << 0;
        QTest::newRow("10 failures: the owner elsewhere gets in")
            << repeated(guesser, 10) << 0 << QStringLiteral("10.0.0.1 a@x") << qint64(1000) << 0;
        QTest::newRow("10 failures: that address, another email") << repeated(guesser, 10) << 0
                                                                    << QStringLiteral("10.0.0.9 b@x") << qint64(1000) << 0;
        QTest::newRow("29 failures from one address") << manyEmails(QStringLiteral("10.0.0.9"), 29) << 0
                                                       << QStringLiteral("10.0.0.9 new@x") << qint64(1000) << 0;
        QTest::newRow("30 failures from one address") << manyEmails(QStringLiteral("10.0.0.9"), 30) << 0
                                                       << QStringLiteral("10.0.0.9 new@x") << qint64(1000) << 299;
        QTest::newRow("30 failures, 100 s later") << manyEmails(QStringLiteral("10.0.0.9"), 30) << 0
                                                   << QStringLiteral("10.0.0.9 new@x") << qint64(100000) << 200;
        QTest::newRow("50 addresses guess a@x: each of them waits")
            << spread(QStringLiteral("a@x"), 50) << 0 << QStringLiteral("10.1.0.7 a@x") << qint64(1000) << 299;
        QTest::newRow("49 addresses guess a@x: none waits")
            << spread(QStringLiteral("a@x"), 49) << 0 << QStringLiteral("10.1.0.7 a@x") << qint64(1000) << 0;
        QStringList sameNetwork;
        for (int i = 1; i <= 10; ++i)
            sameNetwork << QStringLiteral("2001:db8:1:2::%1 a@x").arg(i, 0, 16);
        QTest::newRow("10 IPv6 addresses of one /64 are one address")
            << sameNetwork << 0 << QStringLiteral("2001:db8:1:2:ffff::1 a@x") << qint64(1000) << 299;
        QTest::newRow("another /64 is another address")
            << sameNetwork << 0 << QStringLiteral("2001:db8:1:3::1 a@x") << qint64(1000) << 0;
        QTest::newRow("50 addresses guess a@x: the owner gets in")
            << spread(QStringLiteral("a@x"), 50) << 0 << QStringLiteral("10.0.0.1 a@x") << qint64(1000) << 0;
    }
    // Only failures count; a guesser holds back only the addresses it guesses from.
    void signInLimiter()
    {
        QFETCH(QStringList, failures);
        QFETCH(int, successes);
        QFETCH(QString, next);
        QFETCH(qint64, laterMs);
        QFETCH(int, expectedWait);
        const qint64 start = 1'000'000'000;
        Runtime::SignInLimiter limiter;
        for (const QString &failure : failures) {
            const QStringList parts = failure.split(QLatin1Char(' '));
            limiter.recordFailure(parts.at(0), parts.at(1), start);
        }
        for (int i = 0; i < successes; ++i)
            QCOMPARE(limiter.admit(QStringLiteral("10.0.0.1"), QStringLiteral("user%1@x").arg(i), start), 0);
        const QStringList parts = next.split(QLatin1Char(' '));
        QCOMPARE(limiter.admit(parts.at(0), parts.at(1), start + laterMs), expectedWait);
        // Another address and email is never limited by these.
        QCOMPARE(limiter.admit(QStringLiteral("10.9.9.9"), QStringLiteral("b@x"), start + laterMs), 0);
    }

    // Sign-ups are limited per address (30 per 5 minutes), the service role's excepted.
    void signUpLimiter()
    {
        const qint64 start = 1'000'000'000;
        Runtime::SignInLimiter limiter;
        for (int i = 0; i < 30; ++i)
            QCOMPARE(limiter.admitSignUp(QStringLiteral("10.0.0.1"), start + i), 0);
        QCOMPARE(limiter.admitSignUp(QStringLiteral("10.0.0.1"), start + 1000), 299);
        QCOMPARE(limiter.admitSignUp(QStringLiteral("10.0.0.2"), start + 1000), 0);
        QCOMPARE(limiter.admitSignUp(QStringLiteral("10.0.0.1"), start + 300001), 0);
    }

    void tablesCreatedIdempotently_data() { engineRows(); }
    void tablesCreatedIdempotently()
    {
        AuthServer server;
        if (!startServer(server, QStringLiteral("ecommerce")))
            return;
        QCOMPARE(server.signUp(QStringLiteral("ida@example.com"), s_password, {{QStringLiteral("full_name"), QStringLiteral("Ida")}}).status, 200);
        QCOMPARE(server.restart(), QString());
        QCOMPARE(server.signIn(QStringLiteral("ida@example.com"), s_password).status, 200);
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM _basalt_auth_users")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAuthApi)
#include "tst_authapi.moc"
