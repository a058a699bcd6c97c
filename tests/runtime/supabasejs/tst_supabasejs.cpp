// SPDX-License-Identifier: GPL-3.0-or-later
// The supabase-js compatibility suite (tests/compat/supabase-js): the published client, pinned in its lock
// file, run with node:test against a real basalt-server on SQLite and on PostgreSQL. The suite's *.test.mjs
// run on its compat.basalt; templates/<name>.test.mjs run on the bundled template <name>.
#include "authserver.h"
#include "testsupport.h"

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
};

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

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"BASALT_URL"_s, server.url(u"/"_s).toString(QUrl::StripTrailingSlash));
    environment.insert(u"BASALT_ANON_KEY"_s, QString::fromLatin1(TestSupport::anonKey()));
    environment.insert(u"BASALT_SERVICE_KEY"_s, QString::fromLatin1(TestSupport::serviceKey()));
    environment.insert(u"BASALT_ENGINE"_s, engine);
    QProcess process;
    process.setProcessEnvironment(environment);
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
