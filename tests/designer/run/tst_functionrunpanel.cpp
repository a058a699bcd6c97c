// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the function editor's Run panel against a real in-process runtime.
#include "http/server.h"
#include "run/functionrunpanel.h"
#include "testsupport.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Designer;
using namespace Qt::StringLiterals;

class tst_FunctionRunPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void disabledWithoutBackend();
    void runShowsResultConsoleAndSql();
    void thrownErrorIsShown();
    void invalidSampleInputIsExplained();

private:
    bool runAndWait(FunctionRunPanel &panel);

    QTemporaryDir m_dir;
    std::unique_ptr<Runtime::Server> m_server;
    RunTarget m_target;
};

void tst_FunctionRunPanel::init()
{
    std::shared_ptr<Runtime::Project> project = TestSupport::itemsProject();
    Runtime::ScriptFunction cheap;
    cheap.id = u"fn_cheap"_s;
    cheap.name = u"cheap"_s;
    cheap.code = u"console.log('under', req.body.max);\nreturn db.asService().from('items').select('name').lte('price', req.body.max).order('id').data;"_s;
    Runtime::ScriptFunction refuse;
    refuse.id = u"fn_refuse"_s;
    refuse.name = u"refuse"_s;
    refuse.code = u"throw new HttpError(422, 'Out of stock');"_s;
    project->functions = {cheap, refuse};
    QString error;
    m_server = TestSupport::startItemsServer(project, m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".sqlite"_s), 10, &error);
    QVERIFY2(m_server, qPrintable(error));
    m_target.baseUrl = m_server->url();
    m_target.anonKey = TestSupport::anonKey();
    m_target.serviceKey = TestSupport::serviceKey();
    m_target.project = project;
}

void tst_FunctionRunPanel::cleanup()
{
    m_server.reset();
}

bool tst_FunctionRunPanel::runAndWait(FunctionRunPanel &panel)
{
    QSignalSpy finished(&panel, &FunctionRunPanel::finished);
    if (!panel.runButton()->isEnabled())
        return false;
    QTest::mouseClick(panel.runButton(), Qt::LeftButton);
    return finished.wait(20000);
}

void tst_FunctionRunPanel::disabledWithoutBackend()
{
    FunctionRunPanel panel;
    panel.setFunction(u"cheap"_s, {});
    QVERIFY(!panel.runButton()->isEnabled());
    QVERIFY(panel.statusLabel()->text().contains(u"Start the backend"_s));
    panel.setTarget(m_target);
    QVERIFY(panel.runButton()->isEnabled());
    panel.setTarget(RunTarget());
    QVERIFY(!panel.runButton()->isEnabled());
}

void tst_FunctionRunPanel::runShowsResultConsoleAndSql()
{
    FunctionRunPanel panel;
    panel.setTarget(m_target);
    panel.setFunction(u"cheap"_s, u"{\"body\": {\"max\": 20}}"_s);
    QVERIFY(runAndWait(panel));
    QVERIFY2(panel.statusLabel()->text().startsWith(u"200 answered"_s), qPrintable(panel.statusLabel()->text()));
    QVERIFY(panel.statusLabel()->text().contains(u"1 console line"_s));
    QVERIFY2(panel.resultView()->toPlainText().contains(u"\"name\": \"item"_s), qPrintable(panel.resultView()->toPlainText()));
    QCOMPARE(panel.consoleView()->toPlainText(), u"[log] under 20"_s);
    QVERIFY(panel.sqlView()->toPlainText().contains(u"SELECT"_s, Qt::CaseInsensitive));
    QVERIFY(panel.runButton()->isEnabled());
}

void tst_FunctionRunPanel::thrownErrorIsShown()
{
    FunctionRunPanel panel;
    panel.setTarget(m_target);
    panel.setFunction(u"refuse"_s, {});
    QVERIFY(runAndWait(panel));
    QVERIFY2(panel.statusLabel()->text().startsWith(u"422 failed"_s), qPrintable(panel.statusLabel()->text()));
    QVERIFY(panel.resultView()->toPlainText().contains(u"Out of stock"_s));
}

void tst_FunctionRunPanel::invalidSampleInputIsExplained()
{
    FunctionRunPanel panel;
    panel.setTarget(m_target);
    panel.setFunction(u"cheap"_s, u"{not json"_s);
    QVERIFY(runAndWait(panel));
    QVERIFY2(panel.statusLabel()->text().startsWith(u"Not run: "_s), qPrintable(panel.statusLabel()->text()));
    QVERIFY(panel.statusLabel()->text().contains(u"sample input"_s));
}

QTEST_MAIN(tst_FunctionRunPanel)
#include "tst_functionrunpanel.moc"
