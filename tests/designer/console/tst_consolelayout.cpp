// SPDX-License-Identifier: GPL-3.0-or-later
// Tests that the request console's controls are not clipped in a 1366 px wide main window, in English and
// in German: every combo box is as wide as its longest item needs, every button, check box and label at
// least as wide as its size hint.
#include "console/consolestore.h"
#include "console/requestconsole.h"
#include "mainwindow/mainwindow.h"
#include "testsupport.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QDockWidget>
#include <QTranslator>

#include <memory>

using namespace Designer;

namespace {

// Returns a line for each visible control of \a console narrower than its size hint (its text clipped).
QStringList clippedControls(const RequestConsole &console)
{
    QStringList clipped;
    for (QWidget *widget : console.findChildren<QWidget *>()) {
        if (!widget->isVisible())
            continue;
        QString text;
        if (auto *combo = qobject_cast<QComboBox *>(widget))
            text = combo->currentText();
        else if (auto *button = qobject_cast<QAbstractButton *>(widget))
            text = button->text();
        else if (auto *label = qobject_cast<QLabel *>(widget); label && !label->wordWrap())
            text = label->text();
        else
            continue;
        if (text.isEmpty())
            continue; // icon-only buttons of item views and tab bars
        int needed = widget->sizeHint().width();
        if (auto *combo = qobject_cast<QComboBox *>(widget)) {
            // A combo's hint may be shorter than its items (a minimum contents length): measure them all.
            const QComboBox::SizeAdjustPolicy policy = combo->sizeAdjustPolicy();
            combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
            needed = qMax(needed, combo->sizeHint().width());
            combo->setSizeAdjustPolicy(policy);
        }
        if (widget->width() < needed)
            clipped << QStringLiteral("%1 \"%2\": %3 px wide, needs %4")
                           .arg(widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className())
                                                               : widget->objectName(), text)
                           .arg(widget->width())
                           .arg(needed);
    }
    return clipped;
}

} // namespace

class TestConsoleLayout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void controlsFitAt1366_data();
    void controlsFitAt1366();
    void docksKeepTheirWidth_data();
    void docksKeepTheirWidth();
};

namespace {
/** Opens the e-commerce template in a new main window, with \a language's translations installed in
    \a translator (none for English); \a window stays empty if anything fails. */
void openInLanguage(const QString &language, QTranslator &translator, std::unique_ptr<MainWindow> &window)
{
    if (!language.isEmpty()) {
        QVERIFY(translator.load(QStringLiteral(":/i18n/basalt_%1.qm").arg(language)));
        QVERIFY(QCoreApplication::installTranslator(&translator));
    }
    auto opened = std::make_unique<MainWindow>();
    QVERIFY(opened->openFile(TestSupport::templatePath(QStringLiteral("ecommerce"))));
    window = std::move(opened);
}
} // namespace

void TestConsoleLayout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("basalt-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_consolelayout"));
}

void TestConsoleLayout::controlsFitAt1366_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << QString();
    QTest::newRow("German") << QStringLiteral("de");
}

void TestConsoleLayout::controlsFitAt1366()
{
    QFETCH(QString, language);
    QSettings().clear();
    QTranslator translator;
    std::unique_ptr<MainWindow> window;
    openInLanguage(language, translator, window);
    QVERIFY(window);
    window->resize(1366, 860);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    auto *console = window->findChild<RequestConsole *>(QStringLiteral("requestConsole"));
    QVERIFY(console);
    // A test user with a long address, as a builder makes them.
    console->store()->rememberUser({QStringLiteral("first.last.tester@shop.example.com"), QStringLiteral("pw"), {}});
    window->findChild<QTabWidget *>(QStringLiteral("centralTabs"))->setCurrentWidget(console);
    QTest::qWait(50);
    QCOMPARE(window->width(), 1366);
    // The texts are the translated ones (a German run that shows English would prove nothing).
    auto *auth = console->findChild<QComboBox *>(QStringLiteral("auth"));
    QVERIFY(auth->isVisible());
    if (!language.isEmpty())
        QVERIFY2(auth->itemText(0) != QLatin1String("No auth"), qPrintable(auth->itemText(0)));
    const QStringList clipped = clippedControls(*console);
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
    window.reset(); // before the translator goes
    QCoreApplication::removeTranslator(&translator);
}

void TestConsoleLayout::docksKeepTheirWidth_data()
{
    controlsFitAt1366_data();
}

// The wide German Properties pane does not squeeze the project tree and the Palette to a few letters when
// the window opens on a 1366x768 screen (at 90% of it, 1229x691, as basalt opens).
void TestConsoleLayout::docksKeepTheirWidth()
{
    QFETCH(QString, language);
    QSettings().clear();
    QTranslator translator;
    std::unique_ptr<MainWindow> window;
    openInLanguage(language, translator, window);
    QVERIFY(window);
    window->resize(1229, 691);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QTest::qWait(50); // the docks get their first sizes from a zero timer after show
    for (const char *dock : {"projectDock", "paletteDock"}) {
        const QWidget *shown = window->findChild<QDockWidget *>(QLatin1String(dock))->widget();
        const int wanted = shown->fontMetrics().horizontalAdvance(QStringLiteral("order_items")) * 3 / 2;
        QVERIFY2(shown->width() >= wanted,
            qPrintable(QStringLiteral("%1: %2 px, needs %3").arg(QLatin1String(dock)).arg(shown->width()).arg(wanted)));
    }
    window.reset(); // before the translator goes
    QCoreApplication::removeTranslator(&translator);
}

QTEST_MAIN(TestConsoleLayout)
#include "tst_consolelayout.moc"
