// SPDX-License-Identifier: GPL-3.0-or-later
// Tests ApiClient against a real in-process runtime: bursts of page reads like the data browser's, with
// exact counts, HEAD requests and aborted replies, must each be answered in time.
#include "data/rowsmodel.h"
#include "http/server.h"
#include "model/project.h"
#include "run/apiclient.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QHeaderView>
#include <QNetworkReply>
#include <QPointer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace Designer;

namespace {
constexpr int s_rows = 100000;
constexpr int s_pageRows = 200;
constexpr int s_deadlineMs = 3000;

/** How a request of a burst ends on the client's side. */
enum class Ending { Answer, AbortAtOnce, AbortSoon, AbortOnHeaders };

/** Drives rounds like the data browser's first screen: one counted page, and on its arrival a burst of
    concurrent counted pages (some of them HEAD, some aborted), then the next round. Every request not
    aborted must be answered within s_deadlineMs; the first one that is not is recorded in failure. */
class Burster : public QObject
{
public:
    Burster(ApiClient *client, int rounds, bool abortOld)
        : m_client(client)
        , m_rounds(rounds)
        , m_abortOld(abortOld)
    {
        connect(&m_watch, &QTimer::timeout, this, &Burster::checkDeadlines);
        m_watch.start(100);
    }

    void start() { nextRound(); }
    /** Waits \a pauseMs(round) before each round after the first (none by default). */
    void setPause(std::function<int(int)> pauseMs) { m_pauseMs = std::move(pauseMs); }
    bool isDone() const { return m_done; }

    QString failure;
    int answered = 0;
    int aborted = 0;

private:
    struct Pending
    {
        QPointer<QNetworkReply> reply;
        QElapsedTimer clock;
        QString what;
    };

    void nextRound()
    {
        if (m_round == m_rounds || !failure.isEmpty()) {
            finish();
            return;
        }
        ++m_round;
        if (m_abortOld) { // the browser's restart(): replies still on their way are not wanted any more
            for (const Pending &pending : std::as_const(m_pending)) {
                if (pending.reply) {
                    pending.reply->abort();
                    ++aborted;
                }
            }
            m_pending.clear();
        }
        const int pause = m_pauseMs && m_round > 1 ? m_pauseMs(m_round) : 0;
        if (pause > 0)
            QTimer::singleShot(pause, this, [this] { send(0, "GET", Ending::Answer, [this] { burst(); }); });
        else
            send(0, "GET", Ending::Answer, [this] { burst(); });
    }

    void burst()
    {
        const int count = 4 + m_round % 5;
        m_burstLeft = 0;
        for (int i = 0; i < count; ++i) {
            // Deep pages too: OFFSET steps over the rows before them, so these take longest.
            const int page = i < 4 ? i + 1 : (m_round * 131 + i * 977) % (s_rows / s_pageRows);
            const QByteArray method
                = (m_round + i) % 7 == 3 ? QByteArrayLiteral("HEAD") : QByteArrayLiteral("GET");
            // Half of them answered, the others aborted at once, a few ms later or once their headers arrive.
            const Ending ending = (m_round * 3 + i) % 6 < 3 ? Ending::Answer : Ending((m_round + i) % 3 + 1);
            if (ending == Ending::Answer)
                ++m_burstLeft;
            // A request to be aborted may still be answered first; only the others end the burst.
            std::function<void()> then;
            if (ending == Ending::Answer) {
                then = [this] {
                    if (--m_burstLeft == 0)
                        nextRound();
                };
            }
            send(page, method, ending, then);
        }
        if (m_burstLeft == 0)
            nextRound();
    }

    void send(int page, const QByteArray &method, Ending ending, std::function<void()> then)
    {
        ApiRequest request;
        request.method = method;
        request.url
            = QUrl(QStringLiteral("/rest/v1/items?select=id,name,quantity,price,active,meta&order=id.asc"
                                  "&limit=%1&offset=%2")
                       .arg(s_pageRows)
                       .arg(qint64(page) * s_pageRows));
        request.headers = m_client->serviceHeaders();
        request.headers.append({QByteArrayLiteral("Prefer"), QByteArrayLiteral("count=exact")});
        const QString what
            = QStringLiteral("round %1: %2 page %3").arg(m_round).arg(QString::fromLatin1(method)).arg(page);
        QNetworkReply *reply
            = m_client->send(request, this, [this, what, method, then](const ApiReply &answer) {
                  if (!failure.isEmpty())
                      return;
                  const bool ok = answer.status == 200 || answer.status == 206;
                  if (!ok || answer.body.isEmpty() != (method == "HEAD")
                      || !answer.header("Content-Range")
                              .endsWith(QByteArray("/" + QByteArray::number(s_rows)))) {
                      failure
                          = QStringLiteral("%1: status %2 %3, Content-Range %4, %5 body bytes")
                                .arg(what)
                                .arg(answer.status)
                                .arg(answer.networkError, QString::fromLatin1(answer.header("Content-Range")))
                                .arg(answer.body.size());
                      finish();
                      return;
                  }
                  ++answered;
                  if (then)
                      then();
              });
        switch (ending) {
        case Ending::Answer:
            m_pending.append({reply, {}, what});
            m_pending.last().clock.start();
            break;
        case Ending::AbortAtOnce:
            reply->abort();
            ++aborted;
            break;
        case Ending::AbortSoon:
            QTimer::singleShot(page % 7, reply, [this, reply] {
                reply->abort();
                ++aborted;
            });
            break;
        case Ending::AbortOnHeaders:
            connect(reply, &QNetworkReply::metaDataChanged, reply, [this, reply] {
                reply->abort();
                ++aborted;
            });
            break;
        }
    }

    void checkDeadlines()
    {
        for (qsizetype i = m_pending.size() - 1; i >= 0; --i) {
            const Pending &pending = m_pending.at(i);
            if (!pending.reply || pending.reply->isFinished()) {
                m_pending.removeAt(i);
            } else if (pending.clock.elapsed() > s_deadlineMs && failure.isEmpty()) {
                failure = QStringLiteral("%1: no answer after %2 ms")
                              .arg(pending.what)
                              .arg(pending.clock.elapsed());
                finish();
                return;
            }
        }
    }

    void finish()
    {
        m_watch.stop();
        m_done = true;
    }

    ApiClient *m_client;
    const int m_rounds;
    const bool m_abortOld;
    int m_round = 0;
    int m_burstLeft = 0;
    bool m_done = false;
    std::function<int(int)> m_pauseMs;
    QList<Pending> m_pending;
    QTimer m_watch;
};
} // namespace

class tst_ApiClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void burstsAreAnswered_data();
    void burstsAreAnswered();
    void headRequestsLeaveConnectionsFree();
    void reusesConnectionsTheServerClosed();
    void measuringViewLoadsPages();

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
    std::shared_ptr<Runtime::Project> m_project;
    std::unique_ptr<Runtime::Server> m_server;
    RunTarget m_target;
    QObject m_logReceiver; ///< the request log's stand-in on the GUI thread
    int m_logged = 0; ///< entries that arrived on the GUI thread
};

void tst_ApiClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_dbPath = m_dir.filePath(QStringLiteral("bursts.sqlite"));
    m_project = TestSupport::itemsProject();
    QString error;
    // Like the RunController: each answered request is posted from its request thread to the GUI thread.
    m_server = TestSupport::startItemsServer(
        m_project, m_dbPath, s_rows, &error, [this](const Runtime::RequestLogEntry &) {
            QMetaObject::invokeMethod(
                &m_logReceiver, [this] { ++m_logged; }, Qt::QueuedConnection);
        });
    QVERIFY2(m_server, qPrintable(error));
    m_target.baseUrl = m_server->url();
    m_target.anonKey = TestSupport::anonKey();
    m_target.serviceKey = TestSupport::serviceKey();
    m_target.project = m_project;
    m_target.databasePath = m_dbPath;
}

void tst_ApiClient::cleanupTestCase()
{
    m_server.reset();
}

void tst_ApiClient::burstsAreAnswered_data()
{
    QTest::addColumn<bool>("abortOld");
    QTest::addColumn<int>("rounds");
    QTest::newRow("waiting for each burst") << false << 60;
    QTest::newRow("aborting the previous burst") << true << 60;
}

void tst_ApiClient::burstsAreAnswered()
{
    QFETCH(bool, abortOld);
    QFETCH(int, rounds);
    ApiClient client;
    client.setTarget(m_target);
    Burster burster(&client, rounds, abortOld);
    const int loggedBefore = m_logged;
    burster.start();
    QTRY_VERIFY_WITH_TIMEOUT(burster.isDone(), rounds * 2 * s_deadlineMs);
    QVERIFY2(burster.failure.isEmpty(), qPrintable(burster.failure));
    qInfo("%d answered, %d aborted", burster.answered, burster.aborted);
    QVERIFY(burster.answered >= rounds * 3);
    QVERIFY(burster.aborted > 0);
    // Every answered request reached the log on the GUI thread (aborted ones may or may not have).
    QTRY_VERIFY(m_logged - loggedBefore >= burster.answered);
}

void tst_ApiClient::headRequestsLeaveConnectionsFree()
{
    // Counting rows with HEAD (as supabase-js's `head: true` does): the answers announce a Content-Length
    // but carry no body. A client waiting for that body would keep each connection busy until the server
    // closes it as idle, and once all of them (6 per host) were taken, later requests would get no answer
    // at all. HEADs first, then GETs behind them: every one answered, HEADs with the count and no body.
    QStringList problems;
    int answered = 0;
    ApiClient client; // destroyed first: no callback outlives what it writes to
    client.setTarget(m_target);
    QElapsedTimer clock;
    clock.start();
    constexpr int heads = 8;
    constexpr int gets = 4;
    for (int i = 0; i < heads + gets; ++i) {
        ApiRequest request;
        request.method = i < heads ? QByteArrayLiteral("HEAD") : QByteArrayLiteral("GET");
        request.url = QUrl(QStringLiteral("/rest/v1/items?select=id&limit=1&offset=%1").arg(i * 1000));
        request.headers = client.serviceHeaders();
        request.headers.append({QByteArrayLiteral("Prefer"), QByteArrayLiteral("count=exact")});
        client.send(request, this, [&, i, method = request.method](const ApiReply &reply) {
            ++answered;
            const QByteArray expectedRange = QByteArray::number(i * 1000) + '-' + QByteArray::number(i * 1000)
                + '/' + QByteArray::number(s_rows);
            if (reply.status != 206 || reply.header("Content-Range") != expectedRange
                || reply.body.isEmpty() != (method == "HEAD")) {
                problems << QStringLiteral("%1 %2: status %3 %4, Content-Range %5, %6 body bytes")
                                .arg(QString::fromLatin1(method))
                                .arg(i)
                                .arg(reply.status)
                                .arg(reply.networkError, QString::fromLatin1(reply.header("Content-Range")))
                                .arg(reply.body.size());
            }
        });
    }
    QTRY_VERIFY2_WITH_TIMEOUT(answered == heads + gets,
        qPrintable(QStringLiteral("%1 of %2 requests answered after %3 ms")
                       .arg(answered)
                       .arg(heads + gets)
                       .arg(clock.elapsed())),
        s_deadlineMs);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_ApiClient::reusesConnectionsTheServerClosed()
{
    // Keep-alive connections the server closes as idle just when the client sends its next request on
    // them: the client must notice and send the request again on a new connection.
    constexpr int idleMs = 200;
    Runtime::ServerConfig config = m_server->config();
    config.limits.idleTimeoutMs = idleMs;
    Runtime::Server server(config);
    const Runtime::Result<void> listening = server.listen(QHostAddress::LocalHost, 0);
    QVERIFY2(listening, qPrintable(listening ? QString() : listening.error().toString()));
    RunTarget target = m_target;
    target.baseUrl = server.url();
    ApiClient client;
    client.setTarget(target);
    constexpr int rounds = 40;
    Burster burster(&client, rounds, false);
    burster.setPause([](int round) { return idleMs - 30 + (round * 13) % 60; });
    burster.start();
    QTRY_VERIFY_WITH_TIMEOUT(burster.isDone(), rounds * 2 * s_deadlineMs);
    QVERIFY2(burster.failure.isEmpty(), qPrintable(burster.failure));
    QVERIFY(burster.answered >= rounds * 3);
}

void tst_ApiClient::measuringViewLoadsPages()
{
    // The browser's first screen before it measured only the visible rows: a view sized to its contents
    // over the first 1,000 rows, which asks for pages 1-4 as soon as page 0 arrives. Every other round is
    // refreshed again while those pages load, which aborts them. Each round must finish in less time than
    // the model waits before it sends a page request again (4 s), so a retry cannot hide a lost answer.
    ApiClient client;
    client.setTarget(m_target);
    RowsModel model(&client);
    QTableView view;
    view.setModel(&model);
    view.horizontalHeader()->setResizeContentsPrecision(1000);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto firstFivePages = [&model] {
        for (int page = 0; page < 5; ++page) {
            if (!model.isRowLoaded(page * model.pageSize()))
                return false;
        }
        return true;
    };
    for (int round = 0; round < 30; ++round) {
        QElapsedTimer clock;
        clock.start();
        QSignalSpy failed(&model, &RowsModel::loadFailed);
        bool sized = false;
        enum { Pending, Scheduled, Done } interruption = round % 2 == 0 ? Pending : Done;
        const QMetaObject::Connection sizing = connect(&model, &RowsModel::pageLoaded, &view, [&](int page) {
            if (page == 0 && !sized) {
                sized = true;
                view.resizeColumnsToContents();
            } else if (interruption == Pending) {
                interruption = Scheduled; // the round waits for it: the references stay valid
                QTimer::singleShot(round % 7, &model, [&model, &sized, &interruption] {
                    interruption = Done;
                    sized = false;
                    model.refresh();
                });
            }
        });
        if (round == 0)
            model.setTable(QStringLiteral("items"));
        else
            model.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(
            (interruption == Done && sized && firstFivePages()) || !failed.isEmpty(), s_deadlineMs);
        disconnect(sizing);
        if (!failed.isEmpty())
            QFAIL(qPrintable(
                QStringLiteral("round %1: %2").arg(round).arg(failed.constFirst().constFirst().toString())));
        QVERIFY2(clock.elapsed() < s_deadlineMs,
            qPrintable(QStringLiteral("round %1 took %2 ms").arg(round).arg(clock.elapsed())));
    }
    QCOMPARE(model.rowCount(), s_rows);
}

QTEST_MAIN(tst_ApiClient)
#include "tst_apiclient.moc"
