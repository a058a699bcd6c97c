// SPDX-License-Identifier: GPL-3.0-or-later
// Full-text search (PostgREST's fts, plfts, phfts, wfts): the same cases through SqlDialect's condition on
// a real SQLite database (basalt_text_search, sqlitefunctions.cpp) and on a real PostgreSQL server, which
// must agree with each other and with the expected answer.
#include "storage/database.h"
#include "storage/sqldialect.h"
#include "testsupport.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace {
/** Returns 1 or 0 for a match, or the error's message. */
QVariant search(Database &db, const QString &form, const QString &language, const QString &query, const QString &document)
{
    const QString condition = db.dialect().textSearchCondition(u"d.doc"_s, form, language);
    QSqlQuery q(db.connection());
    if (!q.prepare(u"SELECT CASE WHEN %1 THEN 1 ELSE 0 END FROM (SELECT CAST(? AS TEXT) AS doc) AS d"_s.arg(condition)))
        return q.lastError().text();
    q.addBindValue(query);
    q.addBindValue(document);
    if (!q.exec() || !q.next())
        return q.lastError().databaseText();
    return q.value(0).toInt();
}
} // namespace

class tst_TextSearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void matches_data();
    void matches();
    void errors_data();
    void errors();
    void languages();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_sqlite;
    std::unique_ptr<TestSupport::PostgresDatabase> m_postgresServer;
    std::unique_ptr<Database> m_postgres;
};

void tst_TextSearch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Result<std::unique_ptr<Database>> sqlite = Database::open(u"sqlite:"_s + m_dir.filePath(u"fts.sqlite"_s));
    QVERIFY2(sqlite, qPrintable(sqlite ? QString() : sqlite.error().message));
    m_sqlite = std::move(*sqlite);
    m_postgresServer = std::make_unique<TestSupport::PostgresDatabase>(u"basalt_fts"_s);
    if (m_postgresServer->isValid()) {
        Result<std::unique_ptr<Database>> postgres = Database::open(m_postgresServer->url());
        QVERIFY2(postgres, qPrintable(postgres ? QString() : postgres.error().message));
        m_postgres = std::move(*postgres);
    } else if (TestSupport::postgresRequired()) {
        QFAIL(qPrintable(u"PostgreSQL is required under CI: "_s + m_postgresServer->error()));
    }
}

void tst_TextSearch::matches_data()
{
    QTest::addColumn<QString>("form");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("document");
    QTest::addColumn<bool>("expected");
    const QString english = u"english"_s;
    const auto row = [&](const char *name, const char *form, const QString &language, const QString &query,
                         const QString &document, bool expected) {
        QTest::newRow(name) << QString::fromLatin1(form) << language << query << document << expected;
    };
    row("a word, stemmed", "fts", english, u"cat"_s, u"The cats sat"_s, true);
    row("and", "fts", english, u"cats & sat"_s, u"The cats sat"_s, true);
    row("and, one missing", "fts", english, u"cat & dog"_s, u"The cats sat"_s, false);
    row("or", "fts", english, u"cat | dog"_s, u"The cats sat"_s, true);
    row("not", "fts", english, u"!dog"_s, u"The cats sat"_s, true);
    row("not, present", "fts", english, u"!cat"_s, u"The cats sat"_s, false);
    row("grouping", "fts", english, u"(dog | cat) & !(bird)"_s, u"The cats sat"_s, true);
    row("followed by", "fts", english, u"cat <-> sat"_s, u"The cats sat"_s, true);
    row("followed by, wrong order", "fts", english, u"sat <-> cat"_s, u"The cats sat"_s, false);
    row("distance", "fts", english, u"cat <2> mat"_s, u"cats on mats"_s, true);
    row("distance, wrong", "fts", english, u"cat <3> mat"_s, u"cats on mats"_s, false);
    row("stop word dropped from the query", "fts", english, u"the & cat"_s, u"a cat"_s, true);
    row("only stop words match nothing", "fts", english, u"the"_s, u"the cat"_s, false);
    row("prefix", "fts", english, u"sup:*"_s, u"Supabase is fine"_s, true);
    row("prefix, no match", "fts", english, u"bas:*"_s, u"Supabase is fine"_s, false);
    row("quoted operand", "fts", english, u"'cats'"_s, u"one cat"_s, true);
    row("case ignored", "fts", english, u"CATS"_s, u"Cat"_s, true);
    row("numbers", "fts", english, u"42"_s, u"the answer is 42"_s, true);
    row("unicode", "fts", english, u"ünïcode"_s, u"Ünïcode text"_s, true);
    row("emoji around words", "fts", english, u"party"_s, u"🎉 party 🎉"_s, true);
    row("apostrophe", "fts", english, u"stop"_s, u"don't stop"_s, true);
    row("plain: every word", "plfts", english, u"fat rats"_s, u"a fat rat ran"_s, true);
    row("plain: a word missing", "plfts", english, u"fat dogs"_s, u"a fat rat ran"_s, false);
    row("plain: operators are words", "plfts", english, u"fat & | ! rat"_s, u"a fat rat"_s, true);
    row("phrase", "phfts", english, u"fat rat"_s, u"the fat rat"_s, true);
    row("phrase, other order", "phfts", english, u"fat rat"_s, u"the rat was fat"_s, false);
    row("phrase across a stop word", "phfts", english, u"cat the dog"_s, u"cat and dog"_s, true);
    row("phrase, stop word counts", "phfts", english, u"cat the dog"_s, u"cat dog"_s, false);
    row("web: words", "wfts", english, u"fat rat"_s, u"the rat was fat"_s, true);
    row("web: quoted phrase", "wfts", english, u"\"fat rat\""_s, u"the rat was fat"_s, false);
    row("web: or", "wfts", english, u"\"fat rat\" or cat -dog"_s, u"a cat and a bird"_s, true);
    row("web: minus", "wfts", english, u"\"fat rat\" or cat -dog"_s, u"a cat and a dog"_s, false);
    row("web: phrase side of or", "wfts", english, u"\"fat rat\" or cat -dog"_s, u"the fat rat"_s, true);
    row("web: trailing or", "wfts", english, u"cat or"_s, u"cat"_s, true);
    row("web: only minus", "wfts", english, u"-dog"_s, u"cat"_s, true);
    row("web: punctuation is no syntax", "wfts", english, u"cat & (dog"_s, u"cat dog"_s, true);
    row("simple: no stemming", "fts", u"simple"_s, u"cat"_s, u"The cats sat"_s, false);
    row("simple: exact word", "fts", u"simple"_s, u"cats"_s, u"The cats sat"_s, true);
    row("simple: no stop words", "fts", u"simple"_s, u"the"_s, u"The cats sat"_s, true);
}

void tst_TextSearch::matches()
{
    QFETCH(QString, form);
    QFETCH(QString, language);
    QFETCH(QString, query);
    QFETCH(QString, document);
    QFETCH(bool, expected);
    QCOMPARE(search(*m_sqlite, form, language, query, document), QVariant(expected ? 1 : 0));
    if (m_postgres)
        QCOMPARE(search(*m_postgres, form, language, query, document), QVariant(expected ? 1 : 0));
}

void tst_TextSearch::errors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("message");
    QTest::newRow("no operand") << u"cat &"_s << u"no operand in tsquery: \"cat &\""_s;
    QTest::newRow("two words") << u"cat dog"_s << u"syntax error in tsquery: \"cat dog\""_s;
    QTest::newRow("unclosed parenthesis") << u"(cat & dog"_s << u"syntax error in tsquery: \"(cat & dog\""_s;
    QTest::newRow("unclosed quote") << u"'cat"_s << u"syntax error in tsquery: \"'cat\""_s;
}

void tst_TextSearch::errors()
{
    QFETCH(QString, query);
    QFETCH(QString, message);
    QVERIFY2(search(*m_sqlite, u"fts"_s, u"english"_s, query, u"cat"_s).toString().contains(message),
        qPrintable(search(*m_sqlite, u"fts"_s, u"english"_s, query, u"cat"_s).toString()));
    if (m_postgres)
        QVERIFY2(search(*m_postgres, u"fts"_s, u"english"_s, query, u"cat"_s).toString().contains(message),
            qPrintable(search(*m_postgres, u"fts"_s, u"english"_s, query, u"cat"_s).toString()));
}

void tst_TextSearch::languages()
{
    // SQLite offers english and simple; PostgreSQL every configuration it has installed.
    const QString error = search(*m_sqlite, u"fts"_s, u"german"_s, u"katze"_s, u"Katzen"_s).toString();
    QVERIFY2(error.contains(u"text search configuration \"german\" does not exist; use english or simple"_s), qPrintable(error));
    if (!m_postgres)
        return;
    QCOMPARE(search(*m_postgres, u"fts"_s, u"german"_s, u"katze"_s, u"Die Katzen"_s), QVariant(1));
    QVERIFY(search(*m_postgres, u"fts"_s, u"klingon"_s, u"x"_s, u"x"_s)
                .toString()
                .contains(u"text search configuration \"klingon\" does not exist"_s));
}

QTEST_GUILESS_MAIN(tst_TextSearch)
#include "tst_textsearch.moc"
