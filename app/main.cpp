// SPDX-License-Identifier: GPL-3.0-or-later
// basalt: the designer application. Parses the command line and opens the main window.
#include "mainwindow/mainwindow.h"
#include "run/runcontroller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

namespace {
// Installs Basalt's and Qt's own translations for \a language ("de"; empty: the system's languages).
void installTranslations(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    QLocale::setDefault(locale);
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    auto *translator = new QTranslator(&app);
    // Languages without a translation show the English source texts, with English plural forms.
    if (translator->load(locale, QStringLiteral("basalt"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator->load(QStringLiteral(":/i18n/basalt_en.qm")))
        QCoreApplication::installTranslator(translator);
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("basalt"));
    QApplication::setApplicationName(QStringLiteral("basalt"));
    QApplication::setApplicationDisplayName(QStringLiteral("Basalt"));
    QApplication::setApplicationVersion(QStringLiteral(BASALT_VERSION));

    // The language must be known before any translated text (the help text included) is made.
    QString language;
    const QStringList rawArguments = QCoreApplication::arguments();
    for (qsizetype i = 1; i < rawArguments.size(); ++i) {
        if (rawArguments[i] == QLatin1String("--lang") && i + 1 < rawArguments.size())
            language = rawArguments[i + 1];
        else if (rawArguments[i].startsWith(QLatin1String("--lang=")))
            language = rawArguments[i].mid(7);
    }
    installTranslations(app, language);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Basalt: design a backend visually and run it locally."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("lang"),
                      QCoreApplication::translate("main", "Show the user interface in <language> (e.g. de, en)."),
                      QCoreApplication::translate("main", "language")});
    const QCommandLineOption runOption(QStringLiteral("run"),
        QCoreApplication::translate("main", "Start the project's runtime at once (needs FILE)."));
    parser.addOption(runOption);
    const QCommandLineOption portOption(QStringLiteral("port"),
        QCoreApplication::translate(
            "main", "The port the runtime tries first (default 8765; if it is taken, the next free one)."),
        QCoreApplication::translate("main", "N"));
    parser.addOption(portOption);
    parser.addPositionalArgument(QStringLiteral("file"),
        QCoreApplication::translate("main", "The project file (.basalt) to open."),
        QCoreApplication::translate("main", "[FILE]"));
    parser.process(app);
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) {
        qCritical(
            "%s", qUtf8Printable(QCoreApplication::translate("main", "Give at most one project file.")));
        parser.showHelp(2);
    }

    quint16 port = 0; // 0: the one chosen with Run > Port (default 8765)
    if (parser.isSet(portOption)) {
        bool ok = false;
        const int value = parser.value(portOption).toInt(&ok);
        if (!ok || value < 1 || value > 65535) {
            qCritical("%s", qUtf8Printable(QCoreApplication::translate("main",
                "--port: \"%1\" is not a port number; give a whole number from 1 to 65535, e.g. --port 8765.")
                    .arg(parser.value(portOption))));
            parser.showHelp(2);
        }
        port = quint16(value);
    }
    if (parser.isSet(runOption) && files.isEmpty()) {
        qCritical("%s", qUtf8Printable(QCoreApplication::translate("main",
            "--run needs a project file to run, e.g. basalt --run shop.basalt.")));
        parser.showHelp(2);
    }

    Designer::MainWindow window;
    if (port != 0)
        window.runController()->setPreferredPort(port);
    window.show();
    if (!files.isEmpty()) {
        if (window.openFile(files.constFirst()) && parser.isSet(runOption))
            window.runController()->start();
    } else {
        QTimer::singleShot(0, &window, &Designer::MainWindow::offerRecovery);
    }
    return QApplication::exec();
}
