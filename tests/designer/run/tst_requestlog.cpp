// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the request log: the server's RequestObserver, RequestLogModel and RequestLogDock, with a real
// server.
#include "http/server.h"
#include "io/projectreader.h"
#include "run/requestlogdock.h"
#include "run/requestlogmodel.h"
#include "testsupport.h"

#include <QComboBox>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPalette>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using Designer::RequestLogDock;
using Designer::RequestLogModel;
using Runtime::RequestLogEntry;

namespace {
/** Stands in for the RunController's requestLogged(): emitted on request threads, queued to the GUI thread.
 */
class Forwarder : public QObject
{
    Q_OBJECT

signals:
    void requestLogged(const Runtime::RequestLogEntry &entry);
};

RequestLogEntry syntheticEntry(const QString &target, int status = 200, double durationMs = 1)
{
    RequestLogEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.method = QByteArrayLiteral("GET");
    entry.target = target;
    entry.status = status;
    entry.durationMs = durationMs;
    entry.role = QStringLiteral("anon");
    return entry;
}
} // namespace

class tst_RequestLog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void callers_data();
    void callers();
    void writeLoggedOnce();
    void pipelinedRequestsLoggedOnce();
    void refusalsLogged_data();
    void refusalsLogged();
    void slowRequestsMarked();
    void errorsColoured();
    void filters();
    void activation();
    void tooltipShowsDetails();
    void tooltipShowsFunctionConsole();
    void capacityDropsOldest();
    void followsNewestAtBottom();
    void clearButton();

private:
    /** Sends \a method \a target with \a apikey (and \a bearer as Authorization) and returns the status. */
    int send(const QByteArray &method, const QString &target, const QByteArray &apikey,
        const QByteArray &bearer, const QByteArray &body = {});
    /** Waits until the model shows \a count rows. */
    bool waitForRows(int count);

    QTemporaryDir m_dir;
    Forwarder m_forwarder;
    std::unique_ptr<RequestLogDock> m_dock;
    std::unique_ptr<Runtime::Server> m_server;
    QNetworkAccessManager m_network;
};

void tst_RequestLog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_dock = std::make_unique<RequestLogDock>();
    m_dock->resize(700, 240);
    m_dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dock.get()));
    connect(&m_forwarder, &Forwarder::requestLogged, m_dock->model(), &RequestLogModel::append,
        Qt::QueuedConnection);

    Runtime::Result<std::unique_ptr<Runtime::Project>> project
        = Runtime::readProjectFile(TestSupport::templatePath(QStringLiteral("ecommerce")));
    QVERIFY2(project, qPrintable(project ? QString() : project.error().toString()));
    QString error;
    Forwarder *forwarder = &m_forwarder;
    m_server = TestSupport::startInProcessServer(
        std::shared_ptr<const Runtime::Project>(std::move(project).value()),
        m_dir.filePath(QStringLiteral("shop.sqlite")), &error,
        [forwarder](const RequestLogEntry &entry) { emit forwarder->requestLogged(entry); });
    QVERIFY2(m_server, qPrintable(error));
}

void tst_RequestLog::init()
{
    QCoreApplication::processEvents();
    m_dock->setFilterText(QString());
    m_dock->setStatusFilter(RequestLogDock::StatusFilter::All);
    m_dock->model()->setCapacity(RequestLogModel::s_defaultCapacity);
    m_dock->model()->setSlowThresholdMs(RequestLogModel::s_defaultSlowThresholdMs);
    m_dock->model()->clear();
}

void tst_RequestLog::cleanupTestCase()
{
    m_server.reset();
    m_dock.reset();
}

int tst_RequestLog::send(const QByteArray &method, const QString &target, const QByteArray &apikey,
    const QByteArray &bearer, const QByteArray &body)
{
    QNetworkRequest request(QUrl(m_server->url().toString() + target));
    if (!apikey.isEmpty())
        request.setRawHeader("apikey", apikey);
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    // A custom HEAD would wait for the body that Content-Length announces.
    QNetworkReply *reply
        = method == "HEAD" ? m_network.head(request) : m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    const bool done = finished.wait(10000);
    const int status = done ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : -1;
    reply->deleteLater();
    return status;
}

bool tst_RequestLog::waitForRows(int count)
{
    if (!QTest::qWaitFor([this, count] { return m_dock->model()->rowCount() >= count; }, 5000))
        return false;
    // Nothing more may arrive: a request logged twice would come with the same batch or the next one.
    QTest::qWait(RequestLogModel::s_batchIntervalMs * 2);
    return m_dock->model()->rowCount() == count;
}

void tst_RequestLog::callers_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("key"); // see TestSupport::expandKeys
    QTest::addColumn<QString>("bearer");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QString>("user"); // the User column

    const QString userId = QStringLiteral("6f1c2a3b-0000-4000-8000-000000000001");
    QTest::newRow("anon") << QByteArray("GET") << QStringLiteral("/rest/v1/categories?select=name&order=name")
                          << QStringLiteral("{anon}") << QStringLiteral("{anon}") << 200
                          << QStringLiteral("anon") << QString() << QStringLiteral("anon");
    QTest::newRow("service key") << QByteArray("GET") << QStringLiteral("/rest/v1/order_items")
                                 << QStringLiteral("{service}") << QStringLiteral("{service}") << 200
                                 << QStringLiteral("service_role") << QString()
                                 << QStringLiteral("service_role");
    QTest::newRow("user token") << QByteArray("GET") << QStringLiteral("/rest/v1/customers")
                                << QStringLiteral("{anon}") << QStringLiteral("{user:%1}").arg(userId) << 200
                                << QStringLiteral("authenticated") << userId
                                << QStringLiteral("6f1c@example.com");
    QTest::newRow("user token, HEAD")
        << QByteArray("HEAD") << QStringLiteral("/rest/v1/categories") << QStringLiteral("{anon}")
        << QStringLiteral("{user:%1}").arg(userId) << 200 << QStringLiteral("authenticated") << userId
        << QStringLiteral("6f1c@example.com");
    QTest::newRow("no key") << QByteArray("GET") << QStringLiteral("/rest/v1/categories") << QString()
                            << QString() << 401 << QString() << QString() << QString();
    QTest::newRow("wrong key") << QByteArray("GET") << QStringLiteral("/rest/v1/categories")
                               << QStringLiteral("not-a-key") << QString() << 401 << QString() << QString()
                               << QString();
    QTest::newRow("unknown table") << QByteArray("GET") << QStringLiteral("/rest/v1/nothing_here")
                                   << QStringLiteral("{anon}") << QString() << 404 << QStringLiteral("anon")
                                   << QString() << QStringLiteral("anon");
    QTest::newRow("health, no key needed") << QByteArray("GET") << QStringLiteral("/health") << QString()
                                           << QString() << 200 << QString() << QString() << QString();
    QTest::newRow("wrong method") << QByteArray("PUT") << QStringLiteral("/rest/v1/categories")
                                  << QStringLiteral("{anon}") << QString() << 405 << QString() << QString()
                                  << QString();
}

void tst_RequestLog::callers()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, target);
    QFETCH(QString, key);
    QFETCH(QString, bearer);
    QFETCH(int, status);
    QFETCH(QString, role);
    QFETCH(QString, userId);
    QFETCH(QString, user);

    const QDateTime before = QDateTime::currentDateTimeUtc();
    QCOMPARE(send(method, target, TestSupport::expandKeys(key), TestSupport::expandKeys(bearer)), status);
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QVERIFY(waitForRows(1));

    RequestLogModel *model = m_dock->model();
    const RequestLogEntry &entry = model->entry(0);
    QCOMPARE(entry.method, method);
    QCOMPARE(entry.target, target);
    QCOMPARE(entry.status, status);
    QCOMPARE(entry.role, role);
    QCOMPARE(entry.userId, userId);
    QVERIFY2(entry.time >= before.addMSecs(-1) && entry.time <= after,
        qPrintable(entry.time.toString(Qt::ISODateWithMs)));
    QVERIFY(entry.durationMs >= 0);
    QVERIFY(entry.durationMs <= before.msecsTo(after) + 1);
    if (!key.isEmpty())
        QCOMPARE(
            entry.requestHeaders.contains({QByteArrayLiteral("apikey"), TestSupport::expandKeys(key)}), true);

    QCOMPARE(model->data(model->index(0, RequestLogModel::UserColumn)).toString(), user);
    QCOMPARE(
        model->data(model->index(0, RequestLogModel::MethodColumn)).toString(), QString::fromLatin1(method));
    QCOMPARE(model->data(model->index(0, RequestLogModel::PathColumn)).toString(), target);
    QCOMPARE(model->data(model->index(0, RequestLogModel::StatusColumn)).toInt(), status);
    QCOMPARE(model->data(model->index(0, 0), RequestLogModel::ErrorRole).toBool(), status >= 400);
}

void tst_RequestLog::writeLoggedOnce()
{
    const QByteArray body = QByteArrayLiteral(R"({"name":"Books","slug":"books"})");
    const QByteArray key = TestSupport::serviceKey();
    QCOMPARE(send("POST", QStringLiteral("/rest/v1/categories"), key, key, body), 201);
    QVERIFY(waitForRows(1));
    // A read after it: the write's entry stays the only one of its kind.
    QCOMPARE(send("GET", QStringLiteral("/rest/v1/categories?slug=eq.books"), key, key), 200);
    QVERIFY(waitForRows(2));

    const RequestLogEntry &write = m_dock->model()->entry(0);
    QCOMPARE(write.method, QByteArray("POST"));
    QCOMPARE(write.status, 201);
    QCOMPARE(write.requestBody, body);
    QVERIFY(!write.requestBodyTruncated);
    QCOMPARE(write.role, QStringLiteral("service_role")); // resolved on the writer thread
    QVERIFY(write.durationMs > 0);
    QCOMPARE(m_dock->model()->entry(1).method, QByteArray("GET"));
}

void tst_RequestLog::pipelinedRequestsLoggedOnce()
{
    // Three requests in one write: a read, a write, and a read that queues behind the write.
    const QByteArray keys = TestSupport::serviceKeyHeaderLines();
    const QByteArray body = QByteArrayLiteral(R"({"name":"pipelined"})");
    const QByteArray bytes = "GET /rest/v1/tags?select=id HTTP/1.1\r\nHost: x\r\n" + keys + "\r\n"
        + "POST /rest/v1/tags HTTP/1.1\r\nHost: x\r\n" + keys
        + "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body + "GET /rest/v1/tags?name=eq.pipelined HTTP/1.1\r\nHost: x\r\n" + keys
        + "Connection: close\r\n\r\n";
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(bytes);
    QByteArray answer;
    while (socket.waitForReadyRead(5000))
        answer += socket.readAll();
    answer += socket.readAll();
    QCOMPARE(answer.count("HTTP/1.1 "), 3);
    QVERIFY(waitForRows(3));

    RequestLogModel *model = m_dock->model();
    QCOMPARE(model->entry(0).target, QStringLiteral("/rest/v1/tags?select=id"));
    QCOMPARE(model->entry(1).method, QByteArray("POST"));
    QCOMPARE(model->entry(1).status, 201);
    QCOMPARE(model->entry(1).requestBody, body);
    QCOMPARE(model->entry(2).target, QStringLiteral("/rest/v1/tags?name=eq.pipelined"));
    QCOMPARE(model->entry(2).status, 200);
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(model->entry(row).role, QStringLiteral("service_role"));
        QVERIFY(model->entry(row).durationMs >= 0);
    }
}

void tst_RequestLog::refusalsLogged_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("target");

    QTest::newRow("body too large, 413")
        << QByteArray("POST /rest/v1/categories?x=1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      "Content-Length: 99999999\r\n\r\n{")
        << 413 << QByteArray("POST") << QStringLiteral("/rest/v1/categories?x=1");
    QTest::newRow("headers too large, 431") << QByteArray(
        QByteArray("GET /rest/v1/tags HTTP/1.1\r\nHost: x\r\nX-Padding: ") + QByteArray(20000, 'a'))
                                            << 431 << QByteArray("GET") << QStringLiteral("/rest/v1/tags");
}

void tst_RequestLog::refusalsLogged()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QByteArray, method);
    QFETCH(QString, target);

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(bytes);
    QByteArray answer;
    while (!answer.contains("\r\n\r\n") && socket.waitForReadyRead(5000))
        answer += socket.readAll();
    QVERIFY2(answer.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status))), answer.constData());
    QVERIFY(waitForRows(1));

    const RequestLogEntry &entry = m_dock->model()->entry(0);
    QCOMPARE(entry.status, status);
    QCOMPARE(entry.method, method);
    QCOMPARE(entry.target, target);
    QVERIFY(entry.requestHeaders.contains({QByteArrayLiteral("Host"), QByteArrayLiteral("x")}));
    QVERIFY(entry.responseBytes > 0);
    QVERIFY(entry.role.isEmpty());
}

void tst_RequestLog::slowRequestsMarked()
{
    const QByteArray anon = TestSupport::anonKey();
    for (int i = 0; i < 4; ++i)
        QCOMPARE(send("GET", QStringLiteral("/rest/v1/tags"), anon, anon), 200);
    QVERIFY(waitForRows(4));
    RequestLogModel *model = m_dock->model();
    const auto boldRows = [model] {
        int bold = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QFont font
                = model->data(model->index(row, RequestLogModel::PathColumn), Qt::FontRole).value<QFont>();
            const bool slow = model->data(model->index(row, 0), RequestLogModel::SlowRole).toBool();
            if (font.bold() != slow)
                return -1;
            bold += slow;
        }
        return bold;
    };
    QCOMPARE(boldRows(), 0); // local reads take far less than 200 ms

    // The slowest request is marked once the threshold is its duration; those faster are not.
    double slowest = 0;
    double fastest = 1e9;
    for (int row = 0; row < model->rowCount(); ++row) {
        slowest = qMax(slowest, model->entry(row).durationMs);
        fastest = qMin(fastest, model->entry(row).durationMs);
    }
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    model->setSlowThresholdMs(slowest);
    QCOMPARE(changed.count(), 1);
    const int marked = boldRows();
    QVERIFY(marked >= 1);
    QVERIFY(fastest < slowest ? marked < 4 : marked == 4);
    const QVariant durationColour
        = model->data(model->index(0, RequestLogModel::DurationColumn), Qt::ForegroundRole);
    QCOMPARE(durationColour.isValid(), model->entry(0).durationMs >= slowest);

    // The spin box sets the threshold: at its maximum nothing is slow.
    auto *spin = m_dock->findChild<QSpinBox *>(QStringLiteral("requestLogSlow"));
    QVERIFY(spin);
    spin->setValue(spin->maximum());
    QCOMPARE(model->slowThresholdMs(), double(spin->maximum()));
    QCOMPARE(boldRows(), 0);
}

void tst_RequestLog::errorsColoured()
{
    RequestLogModel *model = m_dock->model();
    model->append(syntheticEntry(QStringLiteral("/ok"), 200));
    model->append(syntheticEntry(QStringLiteral("/missing"), 404));
    model->append(syntheticEntry(QStringLiteral("/broken"), 500));
    model->flush();
    QCOMPARE(model->rowCount(), 3);
    const auto colour = [model](int row) {
        return model->data(model->index(row, RequestLogModel::PathColumn), Qt::ForegroundRole)
            .value<QColor>();
    };
    QVERIFY(!model->data(model->index(0, RequestLogModel::PathColumn), Qt::ForegroundRole).isValid());
    QVERIFY(colour(1).isValid());
    QVERIFY(colour(2).isValid());
    QVERIFY(colour(1) != colour(2));

    // Readable on light and dark backgrounds alike.
    const QPalette original = QGuiApplication::palette();
    QPalette dark = original;
    dark.setColor(QPalette::Base, QColor(QStringLiteral("#1e1e1e")));
    dark.setColor(QPalette::Text, QColor(QStringLiteral("#e0e0e0")));
    QGuiApplication::setPalette(dark);
    const int darkLightness = colour(2).lightness();
    QPalette light = original;
    light.setColor(QPalette::Base, QColor(QStringLiteral("#ffffff")));
    light.setColor(QPalette::Text, QColor(QStringLiteral("#000000")));
    QGuiApplication::setPalette(light);
    const int lightLightness = colour(2).lightness();
    QGuiApplication::setPalette(original);
    QVERIFY2(darkLightness > 128 && lightLightness < 128,
        qPrintable(QStringLiteral("%1 %2").arg(darkLightness).arg(lightLightness)));
}

void tst_RequestLog::filters()
{
    const QByteArray anon = TestSupport::anonKey();
    const QByteArray service = TestSupport::serviceKey();
    QCOMPARE(send("GET", QStringLiteral("/rest/v1/categories"), anon, anon), 200);
    QCOMPARE(send("GET", QStringLiteral("/rest/v1/categories"), QByteArray(), QByteArray()), 401);
    QCOMPARE(send("GET", QStringLiteral("/rest/v1/nope"), anon, anon), 404);
    QCOMPARE(send("GET", QStringLiteral("/health"), QByteArray(), QByteArray()), 200);
    QCOMPARE(send("DELETE", QStringLiteral("/rest/v1/tags?id=eq.987654"), service, service), 204);
    QVERIFY(waitForRows(5));

    QAbstractItemModel *shown = m_dock->view()->model();
    auto *filterLine = m_dock->findChild<QLineEdit *>(QStringLiteral("requestLogFilter"));
    auto *statusCombo = m_dock->findChild<QComboBox *>(QStringLiteral("requestLogStatus"));
    QVERIFY(filterLine && statusCombo);
    QCOMPARE(shown->rowCount(), 5);

    filterLine->setFocus();
    QTest::keyClicks(filterLine, QStringLiteral("CATEGORIES"));
    QCOMPARE(shown->rowCount(), 2);
    statusCombo->setCurrentIndex(statusCombo->findData(int(RequestLogDock::StatusFilter::Errors)));
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(shown->data(shown->index(0, RequestLogModel::StatusColumn)).toInt(), 401);
    filterLine->clear();
    QCOMPARE(shown->rowCount(), 2); // 401 and 404
    statusCombo->setCurrentIndex(statusCombo->findData(int(RequestLogDock::StatusFilter::ServerErrors)));
    QCOMPARE(shown->rowCount(), 0);
    m_dock->setStatusFilter(RequestLogDock::StatusFilter::All);
    QCOMPARE(shown->rowCount(), 5);
    m_dock->setFilterText(QStringLiteral("service_role")); // the user column
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(
        shown->data(shown->index(0, RequestLogModel::MethodColumn)).toString(), QStringLiteral("DELETE"));
    m_dock->setFilterText(QStringLiteral("delete")); // the method
    QCOMPARE(shown->rowCount(), 1);
    m_dock->setFilterText(QStringLiteral("/health"));
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(filterLine->text(), QStringLiteral("/health"));

    // New requests are filtered too.
    QCOMPARE(send("GET", QStringLiteral("/health"), QByteArray(), QByteArray()), 200);
    QCOMPARE(send("GET", QStringLiteral("/rest/v1/tags"), anon, anon), 200);
    QVERIFY(waitForRows(7));
    QCOMPARE(shown->rowCount(), 2);
}

void tst_RequestLog::activation()
{
    const QByteArray anon = TestSupport::anonKey();
    QCOMPARE(send("GET", QStringLiteral("/rest/v1/tags"), anon, anon), 200);
    QCOMPARE(send("GET", QStringLiteral("/rest/v1/categories?select=id"), anon, anon), 200);
    QVERIFY(waitForRows(2));
    QSignalSpy opened(m_dock.get(), &RequestLogDock::openInConsole);
    QTableView *view = m_dock->view();

    // Enter on the current row.
    view->setFocus();
    view->setCurrentIndex(view->model()->index(1, RequestLogModel::PathColumn));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(opened.count(), 1);
    auto entry = opened.takeFirst().constFirst().value<RequestLogEntry>();
    QCOMPARE(entry.target, QStringLiteral("/rest/v1/categories?select=id"));
    QCOMPARE(entry.requestHeaders.contains({QByteArrayLiteral("apikey"), anon}), true);

    // Double-click, through the filter: the filtered row's entry.
    m_dock->setFilterText(QStringLiteral("tags"));
    QCOMPARE(view->model()->rowCount(), 1);
    const QRect rect = view->visualRect(view->model()->index(0, RequestLogModel::MethodColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(opened.count(), 1);
    entry = opened.takeFirst().constFirst().value<RequestLogEntry>();
    QCOMPARE(entry.target, QStringLiteral("/rest/v1/tags"));
    QCOMPARE(entry.method, QByteArray("GET"));
}

void tst_RequestLog::tooltipShowsDetails()
{
    const QByteArray service = TestSupport::serviceKey();
    const QByteArray body = QByteArrayLiteral(R"({"name":"<b>tag</b>"})");
    QCOMPARE(send("POST", QStringLiteral("/rest/v1/tags"), service, service, body), 201);
    QVERIFY(waitForRows(1));
    RequestLogModel *model = m_dock->model();
    const QString tip = model->data(model->index(0, RequestLogModel::PathColumn), Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("POST /rest/v1/tags")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("apikey: ")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("Content-Type: application/json")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("&lt;b&gt;tag&lt;/b&gt;")), qPrintable(tip)); // the body, escaped
    QVERIFY2(tip.contains(QStringLiteral("service_role")), qPrintable(tip));
    // Keys are shortened: the tooltip is not where they are copied from.
    QVERIFY(!tip.contains(QString::fromLatin1(service)));
    QVERIFY(tip.contains(QString::fromLatin1(service.left(12))));
}

// What a function printed while answering is shown with its request.
void tst_RequestLog::tooltipShowsFunctionConsole()
{
    auto project = std::make_shared<Runtime::Project>(*m_server->config().project);
    Runtime::ScriptFunction shout;
    shout.id = QStringLiteral("fn_shout");
    shout.name = QStringLiteral("shout");
    shout.code = QStringLiteral("console.warn('<loud>');\nreturn {};");
    shout.callers.access = Runtime::CallAccess::Anyone;
    project->functions.push_back(shout);
    QVERIFY(m_server->updateProject(project, m_server->config().schemaVersion));
    const QByteArray anon = TestSupport::anonKey();
    QCOMPARE(send("POST", QStringLiteral("/functions/v1/shout"), anon, anon, "{}"), 200);
    QVERIFY(waitForRows(1));
    RequestLogModel *model = m_dock->model();
    const QString tip = model->data(model->index(0, RequestLogModel::PathColumn), Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("Console (1 line")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("[warn] &lt;loud&gt;")), qPrintable(tip));
}

void tst_RequestLog::capacityDropsOldest()
{
    RequestLogModel *model = m_dock->model();
    model->setCapacity(3);
    for (int i = 1; i <= 5; ++i)
        model->append(syntheticEntry(QStringLiteral("/a%1").arg(i)));
    QCOMPARE(model->rowCount(), 0); // shown with the next batch
    QTRY_COMPARE(model->rowCount(), 3);
    QCOMPARE(model->entry(0).target, QStringLiteral("/a3"));
    QCOMPARE(model->entry(2).target, QStringLiteral("/a5"));
    model->append(syntheticEntry(QStringLiteral("/a6")));
    model->flush();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->entry(0).target, QStringLiteral("/a4"));
    model->setCapacity(1);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->entry(0).target, QStringLiteral("/a6"));
}

void tst_RequestLog::followsNewestAtBottom()
{
    RequestLogModel *model = m_dock->model();
    QScrollBar *scrollBar = m_dock->view()->verticalScrollBar();
    for (int i = 0; i < 100; ++i)
        model->append(syntheticEntry(QStringLiteral("/first/%1").arg(i)));
    model->flush();
    QVERIFY(scrollBar->maximum() > 0);
    QCOMPARE(scrollBar->value(), scrollBar->maximum());

    // Scrolled up: the view stays where the user is reading.
    scrollBar->setValue(0);
    for (int i = 0; i < 20; ++i)
        model->append(syntheticEntry(QStringLiteral("/second/%1").arg(i)));
    model->flush();
    QCOMPARE(scrollBar->value(), 0);

    // Back at the bottom: it follows again.
    scrollBar->setValue(scrollBar->maximum());
    const int before = scrollBar->maximum();
    model->append(syntheticEntry(QStringLiteral("/third")));
    model->flush();
    QVERIFY(scrollBar->maximum() > before);
    QCOMPARE(scrollBar->value(), scrollBar->maximum());
}

void tst_RequestLog::clearButton()
{
    RequestLogModel *model = m_dock->model();
    model->append(syntheticEntry(QStringLiteral("/shown")));
    model->flush();
    model->append(syntheticEntry(QStringLiteral("/pending")));
    auto *clear = m_dock->findChild<QPushButton *>(QStringLiteral("requestLogClear"));
    QVERIFY(clear);
    QTest::mouseClick(clear, Qt::LeftButton);
    QCOMPARE(model->rowCount(), 0);
    model->flush();
    QCOMPARE(model->rowCount(), 0); // the pending one went too
}

QTEST_MAIN(tst_RequestLog)
#include "tst_requestlog.moc"
