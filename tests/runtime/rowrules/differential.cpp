// SPDX-License-Identifier: GPL-3.0-or-later
// The differential test: RowVisibility's verdicts against what RecordStore::read lets each caller select.
#include "tst_rowrules.h"

#include "query/postgrestparser.h"
#include "rowrulesproject.h"
#include "rules/rowvisibility.h"
#include "storage/database.h"
#include "storage/recordchange.h"
#include "storage/recordstore.h"
#include "storage/schemamigrator.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Runtime;
using namespace RowRulesTest;
using namespace Qt::StringLiterals;

namespace {

struct RuleCase
{
    QStringList rules; ///< "role: expression"
    bool tenant = false;
};

// Every construct and field type, with and without caller values; one case per select policy of `things`.
std::vector<RuleCase> ruleCases()
{
    const QStringList single {
        u""_s,
        u"true"_s,
        u"false"_s,
        u"owner_id = auth.uid"_s,
        u"owner_id != auth.uid"_s,
        u"not owner_id = auth.uid"_s,
        u"owner_id is null"_s,
        u"owner_id is not null"_s,
        u"owner_id = auth.claims.organization_id"_s,
        u"organization_id = auth.claims.organization_id or owner_id = auth.uid"_s,
        u"name = 'alpha'"_s,
        u"name < 'beta'"_s,
        u"name >= 'é'"_s,
        u"name > 'zzz'"_s,
        u"name <= '\uE000'"_s,
        u"name > '\uFFFD'"_s,
        u"name < 'e\u0301'"_s,
        u"name in ('alpha', 'Alpha', '')"_s,
        u"name not in ('alpha', 'Ω')"_s,
        u"name = auth.claims.level"_s,
        u"name > auth.email"_s,
        u"email = auth.email"_s,
        u"email != auth.email"_s,
        u"level > 1"_s,
        u"level <= -1"_s,
        u"level = 9100000000000000000"_s,
        u"level < -9099999999999999999"_s,
        u"level = 9007199254740993"_s,
        u"level >= auth.claims.level"_s,
        u"level in (0, 1, 42)"_s,
        u"level not in (0, 1)"_s,
        u"level in (auth.claims.level, 42)"_s,
        u"score > 0.1"_s,
        u"score = 42"_s,
        u"score >= -1.5"_s,
        u"score < level"_s,
        u"score = level"_s,
        u"score > 9007199254740992"_s,
        u"score <= 0.000001"_s,
        u"score < auth.claims.level"_s,
        u"flag = true"_s,
        u"flag != false"_s,
        u"not flag = true"_s,
        u"flag = auth.claims.admin"_s,
        u"flag < true"_s,
        u"day > '2024-01-01'"_s,
        u"day = '2024-02-29'"_s,
        u"day <= '1999-12-31'"_s,
        u"at > '2024-01-01T00:00:00.000Z'"_s,
        u"at = '2024-01-01T00:00:00.001Z'"_s,
        u"at <= '2024-01-01'"_s,
        u"at >= '2024-01-01T00:00:00.000Z'"_s,
        u"created_at > '2020-01-01'"_s,
        u"created_at = updated_at"_s,
        u"created_at < at"_s,
        u"kind = 'a'"_s,
        u"kind in ('a', 'b')"_s,
        u"kind not in ('a')"_s,
        u"kind = auth.claims.tag"_s,
        u"kind < 'b'"_s,
        u"meta is null"_s,
        u"meta is not null"_s,
        u"tags is null"_s,
        u"meta = '{\"a\":1}'"_s,
        u"auth.role = 'editor'"_s,
        u"auth.claims.level > 3"_s,
        u"auth.claims.level = 5"_s,
        u"auth.claims.admin = true"_s,
        u"auth.uid is null"_s,
        u"auth.claims.tag is not null"_s,
        u"auth.email = 'ann@example.com'"_s,
        u"auth.claims.tag in ('a', 'b')"_s,
        u"auth.email < auth.uid"_s,
        u"auth.uid in (owner_id)"_s,
        u"(level > 1 and flag = true) or not (name = 'alpha' or name is null)"_s,
        u"not (owner_id = auth.uid and level in (1, 42))"_s,
        u"not (flag = true or level > 5) and kind is not null"_s,
        u"group.owner_id = auth.uid"_s,
        u"owner_id = auth.uid or group.owner_id = auth.uid"_s,
        u"owner_id = auth.uid and group.owner_id = auth.uid"_s,
    };
    std::vector<RuleCase> cases;
    for (const QString &rule : single)
        cases.push_back({{u"authenticated: "_s + rule, u"anon: "_s + rule}});
    cases.push_back({{u"authenticated: owner_id = auth.uid"_s, u"editor: flag = true"_s}});
    cases.push_back(
        {{u"authenticated: flag = true"_s, u"authenticated: level > 5"_s, u"anon: kind = 'a'"_s}});
    cases.push_back({{u"authenticated:"_s}, true});
    cases.push_back({{u"authenticated: level > 0"_s, u"editor: name < 'b'"_s}, true});
    cases.push_back({{u"authenticated: group.owner_id = auth.uid"_s}, true});
    cases.push_back({{u"anon: true"_s}});
    cases.push_back({{}});
    return cases;
}

QString failText(const Error &e)
{
    return e.toString() + u' ' + e.detail;
}

// The ids of `things` that \a caller may select through the data API, or the error (denied: none).
Result<QSet<qint64>> selectable(RecordStore &store, const Caller &caller)
{
    Result<ApiQuery> query = parseApiQuery(u"things"_s, "select=id", {});
    if (!query)
        return query.error();
    Result<RecordResult> read = store.read(*query, ResultFormat::JsonArray, caller);
    if (!read) {
        if (read.error().code == ErrorCode::PermissionDenied
            || read.error().code == ErrorCode::NotAuthenticated)
            return QSet<qint64>();
        return read.error();
    }
    QSet<qint64> ids;
    for (const QJsonValue &row : QJsonDocument::fromJson(read->body).array())
        ids.insert(row.toObject().value(u"id"_s).toInteger());
    return ids;
}

} // namespace

void tst_RowRules::differential_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<bool>("collated"); // as if PostgreSQL's collation were not by code point
    QTest::newRow("sqlite") << int(DatabaseEngine::SQLite) << false;
    QTest::newRow("postgresql") << int(DatabaseEngine::PostgreSQL) << false;
    QTest::newRow("postgresql, collated text") << int(DatabaseEngine::PostgreSQL) << true;
}

void tst_RowRules::differential()
{
    QFETCH(int, engine);
    QFETCH(bool, collated);
    QTemporaryDir dir;
    QString url = u"sqlite:"_s + dir.filePath(u"rowrules.db"_s);
    std::unique_ptr<TestSupport::PostgresDatabase> server;
    if (DatabaseEngine(engine) == DatabaseEngine::PostgreSQL) {
        server = std::make_unique<TestSupport::PostgresDatabase>(u"basalt_rowrules"_s);
        BASALT_REQUIRE_POSTGRES(*server);
        url = server->url();
    }
    Result<std::unique_ptr<Database>> opened = Database::open(url);
    QVERIFY2(opened, qPrintable(opened ? QString() : failText(opened.error())));
    Database &db = **opened;
    const std::shared_ptr<const Project> base = project();
    SchemaMigrator migrator(db);
    Result<MigrationPlan> plan = migrator.plan(*base);
    Result<int> applied = plan ? migrator.apply(*plan, false) : Result<int>(plan.error());
    QVERIFY2(applied, qPrintable(applied ? QString() : failText(applied.error())));

    // The rows as realtime gets them: RecordChange rows of the data API's own inserts.
    QList<QJsonObject> rows;
    {
        RecordStore store(base, db);
        ChangeFeed feed;
        QObject::connect(&feed, &ChangeFeed::committed, &feed, [&rows](const QList<RecordChange> &changes) {
            for (const RecordChange &c : changes) {
                if (c.table == QLatin1String("things"))
                    rows << c.newRow;
            }
        });
        store.setChangeFeed(&feed);
        for (const auto &[table, body] :
            {std::pair {u"groups"_s, groupRows()}, std::pair {u"things"_s, thingRows()}}) {
            Result<ApiQuery> query = parseApiQuery(table, {}, {});
            QVERIFY(query);
            Result<RecordResult> inserted
                = store.insert(*query, QJsonDocument(body).toJson(QJsonDocument::Compact), {},
                    ResultFormat::JsonArray, Caller::service());
            QVERIFY2(inserted, qPrintable(inserted ? QString() : failText(inserted.error())));
        }
    }
    QCOMPARE(rows.size(), thingRows().size());

    // How this database orders text, as the integrator asks it.
    RowRule::TextOrder order = RowRule::TextOrder::CodePoint;
    if (DatabaseEngine(engine) == DatabaseEngine::PostgreSQL) {
        QSqlQuery collation(db.connection());
        QVERIFY(collation.exec(u"SELECT datcollate FROM pg_database WHERE datname = current_database()"_s));
        QVERIFY(collation.next());
        order
            = collated ? RowRule::TextOrder::Collation : RowRule::textOrderOf(collation.value(0).toString());
        qInfo("PostgreSQL collation %s", qPrintable(collation.value(0).toString()));
    }

    QStringList mismatches;
    int decided = 0;
    int queries = 0;
    for (const RuleCase &c : ruleCases()) {
        const std::shared_ptr<const Project> p = withRules(*base, c.rules, c.tenant);
        const Table &things = *p->tableByName(u"things"_s);
        Result<std::shared_ptr<const RowVisibility>> visibility
            = RowVisibility::compile(p, DatabaseEngine(engine), order);
        QVERIFY2(visibility, qPrintable(visibility ? QString() : visibility.error().toString()));
        RecordStore store(p, db);
        const QString policy = c.rules.join(u" | "_s) + (c.tenant ? u" (tenant)"_s : QString());
        for (const QString &name : callerNames()) {
            const Caller who = caller(name);
            Result<QSet<qint64>> ids = selectable(store, who);
            if (!ids) {
                mismatches << policy + u", caller "_s + name + u": the read failed: "_s
                        + failText(ids.error());
                continue;
            }
            for (const QJsonObject &row : rows) {
                const RowVisibility::Verdict v = (*visibility)->verdict(things, row, who);
                if (v == RowVisibility::Verdict::NeedsQuery) {
                    ++queries;
                    continue;
                }
                ++decided;
                const bool visible = ids->contains(row.value(u"id"_s).toInteger());
                if (visible != (v == RowVisibility::Verdict::Visible))
                    mismatches << policy + u", caller "_s + name + u": "_s
                            + (visible ? u"the database shows "_s : u"the database hides "_s)
                            + QString::fromUtf8(QJsonDocument(row).toJson(QJsonDocument::Compact));
            }
        }
    }
    qInfo("%d verdicts decided in memory, %d left to a query, %lld mismatches", decided, queries,
        qlonglong(mismatches.size()));
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.mid(0, 40).join(u'\n')));
    QVERIFY(decided > 5 * queries); // most verdicts need no query, even with collated text
}
