// SPDX-License-Identifier: GPL-3.0-or-later
// Test helpers: the real basalt-server as a child process, HTTP over a real socket, direct SQL, files.
#include "serverprocess.h"

#include "testsupport.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimer>
#include <QUuid>

#include <csignal>
#include <sys/socket.h>

namespace {
const QString s_executable = QStringLiteral(BASALT_SERVER_EXECUTABLE);
constexpr int s_timeoutMs = 60000;
} // namespace

FinishedRun runServerToEnd(const QStringList &arguments)
{
    QProcess process;
    // A known secret, so no run generates one into the project's folder (the source tree).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("BASALT_JWT_SECRET"), QString::fromLatin1(TestSupport::jwtSecret()));
    process.setProcessEnvironment(environment);
    process.start(s_executable, arguments);
    FinishedRun run;
    run.finished = process.waitForFinished(s_timeoutMs) && process.exitStatus() == QProcess::NormalExit;
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    }
    run.exitCode = run.finished ? process.exitCode() : -1;
    run.standardOutput = QString::fromUtf8(process.readAllStandardOutput());
    run.standardError = QString::fromUtf8(process.readAllStandardError());
    return run;
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

bool ServerProcess::start(const QStringList &arguments)
{
    static const QRegularExpression startupLine(
        QStringLiteral("^Serving \"(.*)\" at (\\S+) \\(database: .*, schema version (\\d+)\\)$"),
        QRegularExpression::MultilineOption);
    // Every served test project shares one known secret, so tests can make keys and tokens.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("BASALT_JWT_SECRET"), QString::fromLatin1(TestSupport::jwtSecret()));
    m_process.setProcessEnvironment(environment);
    m_process.start(s_executable, arguments);
    if (!m_process.waitForStarted(s_timeoutMs))
        return false;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < s_timeoutMs) {
        m_process.waitForReadyRead(100);
        m_output += QString::fromUtf8(m_process.readAllStandardOutput());
        m_error += QString::fromUtf8(m_process.readAllStandardError());
        const QRegularExpressionMatch match = startupLine.match(m_output);
        if (match.hasMatch()) {
            m_startupLine = match.captured(0);
            m_projectName = match.captured(1);
            m_url = QUrl(match.captured(2));
            m_schemaVersion = match.captured(3).toInt();
            return true;
        }
        if (m_process.state() == QProcess::NotRunning)
            return false;
    }
    return false;
}

int ServerProcess::stop(int signalNumber)
{
    if (m_process.state() == QProcess::NotRunning)
        return -1;
    ::kill(pid_t(m_process.processId()), signalNumber);
    if (!m_process.waitForFinished(s_timeoutMs))
        return -1;
    m_error += QString::fromUtf8(m_process.readAllStandardError());
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString ServerProcess::standardError()
{
    m_error += QString::fromUtf8(m_process.readAllStandardError());
    return m_error;
}

HttpReply httpRequest(const QByteArray &method, const QUrl &url)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    request.setRawHeader("apikey", TestSupport::serviceKey());
    request.setRawHeader("Authorization", "Bearer " + TestSupport::serviceKey());
    QNetworkReply *reply
        = method == "HEAD" ? manager.head(request) : manager.sendCustomRequest(request, method);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();

    HttpReply result;
    if (!reply->isFinished()) {
        result.networkError = QStringLiteral("timed out");
        reply->abort();
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    if (result.status == 0)
        result.networkError = reply->errorString();
    delete reply;
    return result;
}

bool RawConnection::open(const QUrl &url)
{
    m_socket.setProxy(QNetworkProxy::NoProxy);
    m_socket.connectToHost(url.host(), quint16(url.port()));
    return m_socket.waitForConnected(10000);
}

bool RawConnection::send(const QByteArray &bytes)
{
    if (m_socket.write(bytes) != bytes.size())
        return false;
    QElapsedTimer timer;
    timer.start();
    while (m_socket.bytesToWrite() > 0 && timer.elapsed() < 10000) {
        if (!m_socket.waitForBytesWritten(100) && m_socket.state() != QAbstractSocket::ConnectedState)
            return false;
    }
    return m_socket.bytesToWrite() == 0;
}

HttpReply RawConnection::readResponse(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    HttpReply reply;
    qsizetype headEnd = -1;
    qint64 bodyLength = -1;
    while (timer.elapsed() < timeoutMs) {
        m_buffer += m_socket.readAll();
        if (headEnd < 0 && (headEnd = m_buffer.indexOf("\r\n\r\n")) >= 0) {
            const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
            reply.status = lines.constFirst().split(' ').value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                reply.headers.insert(
                    lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
            }
            bodyLength = reply.status == 204 ? 0 : reply.headers.value("content-length").toLongLong();
        }
        if (headEnd >= 0 && m_buffer.size() >= headEnd + 4 + bodyLength) {
            reply.body = m_buffer.mid(headEnd + 4, bodyLength);
            m_buffer.remove(0, headEnd + 4 + bodyLength);
            return reply;
        }
        if (!m_socket.waitForReadyRead(50) && m_socket.state() != QAbstractSocket::ConnectedState
            && m_socket.bytesAvailable() == 0)
            break;
    }
    reply.status = 0;
    reply.networkError
        = QStringLiteral("no complete response; received: ") + QString::fromLatin1(m_buffer.left(200));
    return reply;
}

bool RawConnection::waitForClosed(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        m_socket.waitForReadyRead(20);
        m_buffer += m_socket.readAll();
    }
    return m_socket.state() == QAbstractSocket::UnconnectedState;
}

bool RawConnection::hasPendingBytes() const
{
    char byte = 0;
    const int descriptor = int(m_socket.socketDescriptor());
    return m_socket.bytesAvailable() > 0 || ::recv(descriptor, &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}

QSqlDatabase openDirectly(const QString &databaseUrl, const QString &connectionName)
{
    if (databaseUrl.startsWith(QLatin1String("sqlite:"))) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        db.setDatabaseName(databaseUrl.mid(7));
        db.open();
        return db;
    }
    const QUrl url(databaseUrl);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    db.open();
    return db;
}

QStringList databaseSnapshot(const QString &databaseUrl)
{
    const QString connection = QStringLiteral("snapshot_") + QUuid::createUuid().toString(QUuid::Id128);
    QStringList snapshot;
    {
        QSqlDatabase db = openDirectly(databaseUrl, connection);
        if (!db.isOpen())
            return {QStringLiteral("cannot open: ") + db.lastError().text()};
        QStringList tables = db.tables();
        tables.sort();
        for (const QString &table : tables) {
            const QSqlRecord record = db.record(table);
            QStringList columns;
            for (int i = 0; i < record.count(); ++i)
                columns << record.fieldName(i);
            snapshot << table + QLatin1Char('(') + columns.join(QLatin1Char(',')) + QLatin1Char(')');
            QSqlQuery query(db);
            query.exec(QStringLiteral("SELECT * FROM ")
                + db.driver()->escapeIdentifier(table, QSqlDriver::TableName));
            QStringList rows;
            while (query.next()) {
                QStringList values;
                for (int i = 0; i < query.record().count(); ++i)
                    values << query.value(i).toString();
                rows << QStringLiteral("  ") + values.join(QLatin1Char('|'));
            }
            rows.sort();
            snapshot << rows;
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return snapshot;
}

QString executeSql(const QString &databaseUrl, const QString &sql)
{
    const QString connection = QStringLiteral("exec_") + QUuid::createUuid().toString(QUuid::Id128);
    QString error;
    {
        QSqlDatabase db = openDirectly(databaseUrl, connection);
        QSqlQuery query(db);
        if (!db.isOpen())
            error = db.lastError().text();
        else if (!query.exec(sql))
            error = query.lastError().text();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

QString projectNameOf(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("name")).toString();
}

bool copyFile(const QString &source, const QString &target)
{
    QFile::remove(target);
    return QFile::copy(source, target);
}
