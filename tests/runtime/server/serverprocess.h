// SPDX-License-Identifier: GPL-3.0-or-later
// Test helpers: the real basalt-server as a child process, HTTP over a real socket, direct SQL, files.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QProcess>
#include <QSqlDatabase>
#include <QStringList>
#include <QTcpSocket>
#include <QUrl>

/** How a basalt-server run that was expected to end, ended. */
struct FinishedRun
{
    bool finished = false; ///< false: it was still running after the timeout and was killed
    int exitCode = -1;
    QString standardOutput;
    QString standardError;
};

/** Runs basalt-server with \a arguments until it exits (at most 60 s). */
FinishedRun runServerToEnd(const QStringList &arguments);

/** A basalt-server child process that is expected to serve. Killed on destruction if still running. */
class ServerProcess
{
public:
    ServerProcess() = default;
    ~ServerProcess();

    /** Starts the server and waits (at most 60 s) for its "Serving ..." line on stdout. Returns false if it
        exits or stays silent instead; standardError() then says why. */
    bool start(const QStringList &arguments);
    /** Sends \a signalNumber and waits for the exit. Returns the exit code, or -1 on a crash or timeout. */
    int stop(int signalNumber);

    /** The "Serving ..." line, as printed. */
    QString startupLine() const { return m_startupLine; }
    QUrl url() const { return m_url; }
    QString projectName() const { return m_projectName; }
    qint64 processId() const { return m_process.processId(); }
    int schemaVersion() const { return m_schemaVersion; }
    QString standardError();

private:
    QProcess m_process;
    QString m_output;
    QString m_error;
    QString m_startupLine;
    QUrl m_url;
    QString m_projectName;
    int m_schemaVersion = -1;
};

/** An HTTP exchange over a real socket. */
struct HttpReply
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    QString networkError;
};

/** Sends \a method \a url (no body) and waits (at most 30 s) for the reply. */
HttpReply httpRequest(const QByteArray &method, const QUrl &url);

/** A client connection over a plain socket, for what QNetworkAccessManager cannot send or observe:
    oversized or incomplete requests, keep-alive and when the server closes. Blocking; no event loop. */
class RawConnection
{
public:
    /** Connects to the host and port of \a url; returns false after 10 s without success. */
    bool open(const QUrl &url);
    /** Sends \a bytes; returns false if they could not all be handed to the system within 10 s (the
        server stopped reading or closed). */
    bool send(const QByteArray &bytes);
    /** Reads one response (head, then Content-Length bytes of body); status 0 and networkError set if
        none arrives within \a timeoutMs. */
    HttpReply readResponse(int timeoutMs = 30000);
    /** Returns true if the server closes the connection within \a timeoutMs (pending bytes are read). */
    bool waitForClosed(int timeoutMs);
    /** Returns true if the system has received bytes on this connection that were not read yet. */
    bool hasPendingBytes() const;
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

/** Opens \a databaseUrl (sqlite:PATH or postgresql://...) with Qt SQL directly, bypassing Basalt, under
    the connection name \a connectionName. Close it with QSqlDatabase::removeDatabase when done. */
QSqlDatabase openDirectly(const QString &databaseUrl, const QString &connectionName);

/** Returns a readable dump of \a databaseUrl: every table with its columns and all its rows. */
QStringList databaseSnapshot(const QString &databaseUrl);

/** Runs \a sql on \a databaseUrl; returns the error text, or an empty string. */
QString executeSql(const QString &databaseUrl, const QString &sql);

/** Returns the "name" of the project file \a fileName, read as plain JSON (not through Basalt's reader). */
QString projectNameOf(const QString &fileName);

/** Copies \a source to \a target, replacing it. Returns false on failure. */
bool copyFile(const QString &source, const QString &target);
