// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of runtime/auth: API keys, the project secret and `basalt-server keys`; see tst_auth.h.
#include "tst_auth.h"

#include "auth/apikeys.h"
#include "auth/jwt.h"
#include "auth/projectsecret.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Runtime;
using namespace AuthTest;

namespace {
int fileMode(const QString &path)
{
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 0777);
}

struct KeysRun
{
    int exitCode = -1;
    QString output;
    QString errors;
};

// Runs `basalt-server` with \a arguments in \a folder; \a envSecret, if not null, as BASALT_JWT_SECRET.
KeysRun runServer(const QStringList &arguments, const QString &folder, const QString &envSecret = {})
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QLatin1String(s_jwtSecretVariable));
    if (!envSecret.isNull())
        environment.insert(QLatin1String(s_jwtSecretVariable), envSecret);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(folder);
    process.start(QStringLiteral(BASALT_SERVER_EXECUTABLE), arguments);
    KeysRun run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.output = QString::fromUtf8(process.readAllStandardOutput());
    run.errors = QString::fromUtf8(process.readAllStandardError());
    return run;
}
} // namespace

void TestAuth::apiKeys()
{
    const QByteArray anon = anonKey(s_secret, s_now);
    const QByteArray service = serviceRoleKey(s_secret, s_now);
    QCOMPARE(anonKey(s_secret, s_now), anon);
    QCOMPARE(serviceRoleKey(s_secret, s_now), service);
    QVERIFY(anon != service);
    QVERIFY(anonKey(QByteArrayLiteral("another-secret-of-at-least-32-chars!"), s_now) != anon);
    for (const auto &[key, role] : {std::pair(anon, "anon"), std::pair(service, "service_role")}) {
        const Result<QJsonObject> claims = verifyJwt(key, s_secret, JwtCheck {.now = s_now});
        QVERIFY(claims);
        QCOMPARE(claims->value(QLatin1String("role")).toString(), QLatin1String(role));
        QCOMPARE(claims->value(QLatin1String("iss")).toString(), QLatin1String("basalt"));
        QCOMPARE(claims->value(QLatin1String("iat")).toInteger(), s_now);
        const qint64 lifetime = claims->value(QLatin1String("exp")).toInteger() - s_now;
        QVERIFY2(lifetime >= 3652 * 86400 && lifetime <= 3653 * 86400, qPrintable(QString::number(lifetime)));
        QVERIFY(verifyJwt(key, s_secret, JwtCheck {.now = s_now + 3652 * 86400}));
    }
}

void TestAuth::secretFromEnvironment_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("32 characters") << QString(32, QLatin1Char('s')) << true;
    QTest::newRow("unicode") << QStringLiteral("ß").repeated(32) << true;
    QTest::newRow("31 characters") << QString(31, QLatin1Char('s')) << false;
    QTest::newRow("set but empty") << QString() << false;
}

void TestAuth::secretFromEnvironment()
{
    QFETCH(QString, value);
    QFETCH(bool, accepted);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    qputenv(s_jwtSecretVariable, value.toUtf8());
    const Result<QByteArray> secret = loadProjectSecret(folder.filePath(QStringLiteral("shop.basalt")));
    QCOMPARE(bool(secret), accepted);
    if (accepted)
        QCOMPARE(*secret, value.toUtf8());
    else
        QVERIFY2(secret.error().message.contains(QLatin1String("BASALT_JWT_SECRET")),
            qPrintable(secret.error().message));
    QVERIFY(QDir(folder.path()).isEmpty()); // no local folder when the environment decides
}

void TestAuth::secretGeneratedOnce()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString project = folder.filePath(QStringLiteral("shop.v2.basalt"));
    QCOMPARE(projectLocalFolder(project), folder.filePath(QStringLiteral("shop.v2.local")));
    const Result<QByteArray> first = loadProjectSecret(project);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().toString()));
    QCOMPARE(first->size(), 43);
    QVERIFY(QByteArray::fromBase64Encoding(*first, s_base64Url | QByteArray::AbortOnBase64DecodingErrors));

    const QString file = folder.filePath(QStringLiteral("shop.v2.local/jwt-secret"));
    QFile stored(file);
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), *first);
    stored.close();
    QCOMPARE(fileMode(file), 0600);
    QCOMPARE(fileMode(projectLocalFolder(project)), 0700);
    // Written atomically: no temporary or lock file is left beside it.
    QCOMPARE(
        QDir(projectLocalFolder(project)).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
        QStringList {QStringLiteral("jwt-secret")});

    const Result<QByteArray> second = loadProjectSecret(project);
    QVERIFY(second);
    QCOMPARE(*second, *first);
    // A newline added by an editor does not change the secret.
    QVERIFY(stored.open(QIODevice::Append));
    stored.write("\n");
    stored.close();
    const Result<QByteArray> edited = loadProjectSecret(project);
    QVERIFY(edited);
    QCOMPARE(*edited, *first);

    const Result<QByteArray> other = loadProjectSecret(folder.filePath(QStringLiteral("other.basalt")));
    QVERIFY(other);
    QVERIFY(*other != *first);
}

void TestAuth::secretFileProblems_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("secret too short")
        << QStringLiteral("shop.local/jwt-secret") << QByteArrayLiteral("short") << ErrorCode::FileReadFailed;
    QTest::newRow("local folder is a file")
        << QStringLiteral("shop.local") << QByteArrayLiteral("x") << ErrorCode::FileWriteFailed;
}

void TestAuth::secretFileProblems()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, content);
    QFETCH(ErrorCode, code);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QVERIFY(QDir(folder.path()).mkpath(QFileInfo(folder.filePath(path)).path()));
    QFile file(folder.filePath(path));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const Result<QByteArray> secret = loadProjectSecret(folder.filePath(QStringLiteral("shop.basalt")));
    QVERIFY(!secret);
    QCOMPARE(secret.error().code, code);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content); // left as it was
}

void TestAuth::keysCommand()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QVERIFY(QFile::copy(TestSupport::templatePath(QStringLiteral("ecommerce")),
        folder.filePath(QStringLiteral("shop.basalt"))));
    const QStringList arguments {
        QStringLiteral("keys"), QStringLiteral("--project"), QStringLiteral("shop.basalt")};
    static const QRegularExpression lines(
        QStringLiteral("^anon key:         (\\S+)\nservice_role key: (\\S+)\n$"));
    QByteArray secret;
    for (int run = 0; run < 2; ++run) { // the second run reuses the secret the first one made
        const KeysRun keys = runServer(arguments, folder.path());
        QVERIFY2(keys.exitCode == 0, qPrintable(keys.errors));
        const QRegularExpressionMatch match = lines.match(keys.output);
        QVERIFY2(match.hasMatch(), qPrintable(keys.output));
        QFile file(folder.filePath(QStringLiteral("shop.local/jwt-secret")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        if (run == 1)
            QCOMPARE(file.readAll(), secret);
        else
            secret = file.readAll();
        for (const auto &[index, role] : {std::pair(1, "anon"), std::pair(2, "service_role")}) {
            const Result<QJsonObject> claims = verifyJwt(match.captured(index).toLatin1(), secret);
            QVERIFY2(claims, qPrintable(claims ? QString() : claims.error().message));
            QCOMPARE(claims->value(QLatin1String("role")).toString(), QLatin1String(role));
        }
    }
    // No database: only the project and its local folder.
    QCOMPARE(QDir(folder.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
        (QStringList {QStringLiteral("shop.basalt"), QStringLiteral("shop.local")}));

    const QString envSecret = QStringLiteral("an-environment-secret-of-32-characters");
    const KeysRun keys = runServer(arguments, folder.path(), envSecret);
    QCOMPARE(keys.exitCode, 0);
    const QRegularExpressionMatch match = lines.match(keys.output);
    QVERIFY(match.hasMatch());
    QVERIFY(verifyJwt(match.captured(1).toLatin1(), envSecret.toUtf8()));
    QVERIFY(!verifyJwt(match.captured(1).toLatin1(), secret));
}

void TestAuth::keysCommandFails_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("envSecret");
    QTest::addColumn<int>("exitCode");
    const QString keys = QStringLiteral("keys");
    const QString project = QStringLiteral("--project");
    QTest::newRow("project not JSON")
        << QStringList {keys, project, QStringLiteral("broken.basalt")} << QString() << 1;
    QTest::newRow("project missing") << QStringList {keys, project, QStringLiteral("none.basalt")}
                                     << QString() << 1;
    QTest::newRow("secret too short")
        << QStringList {keys, project, QStringLiteral("shop.basalt")} << QStringLiteral("short") << 1;
    QTest::newRow("no project") << QStringList {keys} << QString() << 2;
    QTest::newRow("serving option") << QStringList {keys, project, QStringLiteral("shop.basalt"),
        QStringLiteral("--db"), QStringLiteral("sqlite:x.sqlite")}
                                    << QString() << 2;
    QTest::newRow("extra argument") << QStringList {keys, QStringLiteral("more"), project,
        QStringLiteral("shop.basalt")}
                                    << QString() << 2;
    QTest::newRow("unknown command") << QStringList {QStringLiteral("key"), project,
        QStringLiteral("shop.basalt")}
                                     << QString() << 2;
}

void TestAuth::keysCommandFails()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, envSecret);
    QFETCH(int, exitCode);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QVERIFY(QFile::copy(TestSupport::templatePath(QStringLiteral("ecommerce")),
        folder.filePath(QStringLiteral("shop.basalt"))));
    QFile broken(folder.filePath(QStringLiteral("broken.basalt")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{ not json");
    broken.close();
    const KeysRun run = runServer(arguments, folder.path(), envSecret);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY(run.output.isEmpty());
    QVERIFY(!run.errors.isEmpty());
    // Nothing created: no database, no local folder.
    QCOMPARE(QDir(folder.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
        (QStringList {QStringLiteral("broken.basalt"), QStringLiteral("shop.basalt")}));
}
