// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the German translation: every message of translations/basalt_de.ts is translated, keeps the
// source's placeholders and accelerators, and the compiled .qm translates the designer's texts.
#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Message
{
    QString context;
    QString source;
    QString comment;
    QStringList translations; // one per numerus form, or the single translation
    bool numerus = false;
    bool finished = false;
    bool vanished = false;
};

QList<Message> readTs(const QString &fileName)
{
    QList<Message> messages;
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = Message {.context = context};
            message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            message.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const QStringView type = xml.attributes().value(QLatin1String("type"));
            message.finished = type.isEmpty();
            message.vanished = type == QLatin1String("vanished") || type == QLatin1String("obsolete");
            if (message.numerus) {
                while (xml.readNextStartElement())
                    message.translations << xml.readElementText();
            } else {
                message.translations << xml.readElementText();
            }
            messages << message;
        }
    }
    if (xml.hasError())
        qWarning("%s: %s", qUtf8Printable(fileName), qUtf8Printable(xml.errorString()));
    return messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d|n)"));
    QStringList found;
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
        found << match.captured();
    found.sort();
    found.removeDuplicates();
    return found;
}

bool hasAccelerator(QString text)
{
    return text.remove(QLatin1String("&&")).contains(QLatin1Char('&'));
}

} // namespace

class TranslationsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyMessageIsTranslated();
    void compiledTranslationMatchesTs();
    void translatesKnownTexts_data();
    void translatesKnownTexts();
    void translatesPlurals_data();
    void translatesPlurals();

private:
    QList<Message> m_messages;
    QTranslator m_translator;
};

void TranslationsTest::initTestCase()
{
    m_messages = readTs(QStringLiteral(BASALT_TS_FILE));
    QVERIFY2(m_messages.size() > 100, "translations/basalt_de.ts could not be read");
    QVERIFY(m_translator.load(QStringLiteral(":/i18n/basalt_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
}

void TranslationsTest::everyMessageIsTranslated()
{
    QStringList problems;
    for (const Message &message : std::as_const(m_messages)) {
        if (message.vanished)
            continue;
        const QString where = message.context + QLatin1String(": ") + message.source;
        if (!message.finished)
            problems << QLatin1String("unfinished: ") + where;
        if (message.translations.size() != (message.numerus ? 2 : 1)) // German: singular and plural
            problems << QLatin1String("wrong number of forms: ") + where;
        for (const QString &translation : message.translations) {
            if (translation.trimmed().isEmpty())
                problems << QLatin1String("empty: ") + where;
            else if (placeholders(translation) != placeholders(message.source))
                problems << QLatin1String("placeholders differ: ") + where;
            else if (hasAccelerator(translation) != hasAccelerator(message.source))
                problems << QLatin1String("accelerator differs: ") + where;
        }
    }
    QVERIFY2(problems.isEmpty(), qUtf8Printable(problems.join(QLatin1Char('\n'))));
}

void TranslationsTest::compiledTranslationMatchesTs()
{
    for (const Message &message : std::as_const(m_messages)) {
        if (message.vanished || message.numerus)
            continue;
        const QString translated
            = m_translator.translate(qPrintable(message.context), message.source.toUtf8().constData(),
                message.comment.isEmpty() ? nullptr : qPrintable(message.comment));
        QCOMPARE(translated, message.translations.constFirst());
    }
}

void TranslationsTest::translatesKnownTexts_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("file menu") << QStringLiteral("Designer::MainWindow") << QStringLiteral("&File")
                               << QStringLiteral("&Datei");
    QTest::newRow("save as") << QStringLiteral("Designer::FileActions") << QStringLiteral("Save &As...")
                             << QStringLiteral("Speichern &unter …");
    QTest::newRow("menu entry") << QStringLiteral("Designer::MainWindow") << QStringLiteral("&Export Diagram…")
                                << QStringLiteral("Diagramm &exportieren …");
    QTest::newRow("undo text") << QStringLiteral("Commands") << QStringLiteral("Add table %1")
                               << QStringLiteral("Tabelle %1 hinzufügen");
    QTest::newRow("fields header") << QStringLiteral("Designer::FieldsModel") << QStringLiteral("Required")
                                   << QStringLiteral("Pflicht");
    QTest::newRow("canvas pill") << QStringLiteral("Designer::TableItem") << QStringLiteral("tenant")
                                 << QStringLiteral("Mandant");
    QTest::newRow("diagram export") << QStringLiteral("Designer::DiagramExport")
                                    << QStringLiteral("ER diagram") << QStringLiteral("ER-Diagramm");
    QTest::newRow("error catalogue") << QStringLiteral("ErrorCode") << QStringLiteral("Permission denied")
                                     << QStringLiteral("Zugriff verweigert");
    QTest::newRow("validator keeps tokens")
        << QStringLiteral("ProjectValidator")
        << QStringLiteral("unknown role \"%1\"; use anon, authenticated or a custom role (%2)")
        << QStringLiteral(
               "unbekannte Rolle „%1“; verwenden Sie anon, authenticated oder eine eigene Rolle (%2)");
}

void TranslationsTest::translatesKnownTexts()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QCOMPARE(QCoreApplication::translate(qPrintable(context), source.toUtf8().constData()), expected);
}

void TranslationsTest::translatesPlurals_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one") << 1 << QStringLiteral("1 Feld");
    QTest::newRow("none") << 0 << QStringLiteral("0 Felder");
    QTest::newRow("many") << 12 << QStringLiteral("12 Felder");
}

void TranslationsTest::translatesPlurals()
{
    QFETCH(int, count);
    QFETCH(QString, expected);
    QCOMPARE(QCoreApplication::translate("Designer::ProjectTree", "%n field(s)", nullptr, count), expected);
}

QTEST_GUILESS_MAIN(TranslationsTest)
#include "tst_translations.moc"
