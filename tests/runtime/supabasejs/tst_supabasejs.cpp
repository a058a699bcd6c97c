// SPDX-License-Identifier: GPL-3.0-or-later
// The supabase-js compatibility suite (tests/compat/supabase-js): the published client, pinned in its lock
// file, run with node:test against a real basalt-server on SQLite and on PostgreSQL. The suite's *.test.mjs
// run on its compat.basalt; templates/<name>.test.mjs run on the bundled template <name>.
#include "authserver.h"
#include "testsupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString s_suite = u"tests/compat/supabase-js"_s;

/** Returns why the suite cannot run here (node or the pinned packages missing), or an empty string. */
QString missingTools(QString &node)
{
    node = QStandardPaths::findExecutable(u"node"_s);
    if (node.isEmpty())
        return u"node is not installed"_s;
    if (!QDir(TestSupport::sourcePath(s_suite + u"/node_modules/@supabase/supabase-js"_s)).exists())
        return u"the pinned client is not installed; run npm ci --prefix "_s + s_suite;
    return {};
}
} // namespace

class tst_SupabaseJs : public QObject
{
    Q_OBJECT

private slots:
    void suite_data();
    void suite();
    void realtimeAfterRestart_data();
    void realtimeAfterRestart();

private:
    /** Starts \a server on \a engine with compat.basalt, or skips (fails under CI) without node or
        PostgreSQL. Returns false if the test function should end. */
    bool startCompat(AuthServer &server, const QString &engine, QString &node);
    /** The environment that tells the suite's lib.mjs where \a server is. */
    static QProcessEnvironment suiteEnvironment(AuthServer &server, const QString &engine);
};

bool tst_SupabaseJs::startCompat(AuthServer &server, const QString &engine, QString &node)
{
    if (const QString missing = missingTools(node); !missing.isEmpty()) {
        if (qEnvironmentVariable("CI") == u"true"_s)
            QTest::qFail(qPrintable(u"required under CI: "_s + missing), __FILE__, __LINE__);
        else
            QTest::qSkip(qPrintable(missing), __FILE__, __LINE__);
        return false;
    }
    const QString started = server.startProject(engine, TestSupport::sourcePath(s_suite + u"/compat.basalt"_s));
    if (!server.skipReason().isEmpty()) {
        if (TestSupport::postgresRequired())
            QTest::qFail(qPrintable(server.skipReason()), __FILE__, __LINE__);
        else
            QTest::qSkip(qPrintable(server.skipReason()), __FILE__, __LINE__);
        return false;
    }
    if (!started.isEmpty()) {
        QTest::qFail(qPrintable(started), __FILE__, __LINE__);
        return false;
    }
    return true;
}

QProcessEnvironment tst_SupabaseJs::suiteEnvironment(AuthServer &server, const QString &engine)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"BASALT_URL"_s, server.url(u"/"_s).toString(QUrl::StripTrailingSlash));
    environment.insert(u"BASALT_ANON_KEY"_s, QString::fromLatin1(TestSupport::anonKey()));
    environment.insert(u"BASALT_SERVICE_KEY"_s, QString::fromLatin1(TestSupport::serviceKey()));
    environment.insert(u"BASALT_ENGINE"_s, engine);
    return environment;
}

void tst_SupabaseJs::realtimeAfterRestart_data()
{
    QTest::addColumn<QString>("engine");
    for (const QString &engine : {u"sqlite"_s, u"postgresql"_s})
        QTest::newRow(qPrintable(engine)) << engine;
}

void tst_SupabaseJs::realtimeAfterRestart()
{
    // restart/realtime-restart.mjs subscribes, then prints BASALT:RESTART and waits for a line on its input:
    // the server is stopped and started again on the same port meanwhile; realtime-js must reconnect, join
    // again and get the changes made afterwards.
    QFETCH(QString, engine);
    AuthServer server;
    QString node;
    if (!startCompat(server, engine, node))
        return;
    QProcess process;
    process.setProcessEnvironment(suiteEnvironment(server, engine));
    process.setWorkingDirectory(TestSupport::sourcePath(s_suite));
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(node, {TestSupport::sourcePath(s_suite + u"/restart/realtime-restart.mjs"_s)});
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    QByteArray output;
    bool restarted = false;
    QDeadlineTimer deadline(180000);
    while (process.state() != QProcess::NotRunning && !deadline.hasExpired()) {
        process.waitForReadyRead(200);
        output += process.readAll();
        if (!restarted && output.contains("BASALT:RESTART")) {
            restarted = true;
            const QString error = server.restart(true);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            process.write("restarted\n");
        }
    }
    output += process.readAll();
    qInfo().noquote() << QString::fromUtf8(output);
    if (process.state() != QProcess::NotRunning)
        process.kill();
    QVERIFY2(restarted, "the script never asked for the restart");
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, qPrintable(u"node exited with %1 (its report is above)"_s.arg(process.exitCode())));
}

void tst_SupabaseJs::suite_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("templateName"); // empty: compat.basalt and the suite's own files
    for (const QString &engine : {u"sqlite"_s, u"postgresql"_s})
        QTest::newRow(qPrintable(engine)) << engine << QString();
    const QDir templates(TestSupport::sourcePath(s_suite + u"/templates"_s));
    for (const QString &file : templates.entryList({u"*.test.mjs"_s}, QDir::Files, QDir::Name)) {
        const QString name = file.section(u'.', 0, 0);
        for (const QString &engine : {u"sqlite"_s, u"postgresql"_s})
            QTest::newRow(qPrintable(name + u" template, "_s + engine)) << engine << name;
    }
}

void tst_SupabaseJs::suite()
{
    QFETCH(QString, engine);
    QFETCH(QString, templateName);
    QString node;
    if (const QString missing = missingTools(node); !missing.isEmpty()) {
        if (qEnvironmentVariable("CI") == u"true"_s)
            QFAIL(qPrintable(u"required under CI: "_s + missing));
        QSKIP(qPrintable(missing));
    }
    AuthServer server;
    const QString started = templateName.isEmpty()
        ? server.startProject(engine, TestSupport::sourcePath(s_suite + u"/compat.basalt"_s))
        : server.startProject(engine, TestSupport::templatePath(templateName));
    if (!server.skipReason().isEmpty()) {
        if (TestSupport::postgresRequired())
            QFAIL(qPrintable(server.skipReason()));
        QSKIP(qPrintable(server.skipReason()));
    }
    QVERIFY2(started.isEmpty(), qPrintable(started));

    const QString dir = TestSupport::sourcePath(s_suite);
    QStringList arguments {u"--test"_s, u"--test-concurrency=1"_s, u"--test-reporter=spec"_s};
    if (templateName.isEmpty()) {
        for (const QString &file : QDir(dir).entryList({u"*.test.mjs"_s}, QDir::Files, QDir::Name))
            arguments << dir + u'/' + file;
    } else {
        arguments << dir + u"/templates/"_s + templateName + u".test.mjs"_s;
    }
    QVERIFY2(arguments.size() > 3, "no *.test.mjs files in the suite");

    QProcess process;
    process.setProcessEnvironment(suiteEnvironment(server, engine));
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(node, arguments);
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    const bool finished = process.waitForFinished(300000);
    const QString output = QString::fromUtf8(process.readAll());
    // The whole report, so a failure's assertion and stack show in the CTest log.
    qInfo().noquote() << output;
    if (!finished)
        process.kill();
    QVERIFY2(finished, "the suite did not finish within 5 minutes");
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, qPrintable(u"node --test exited with %1 (the report is above)"_s.arg(process.exitCode())));
}

QTEST_GUILESS_MAIN(tst_SupabaseJs)
#include "tst_supabasejs.moc"
