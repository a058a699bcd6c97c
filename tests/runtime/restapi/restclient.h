// SPDX-License-Identifier: GPL-3.0-or-later
// REST API test helpers: requests with headers and bodies, JSON matching with placeholders, the shop fixture.
#pragma once

#include "serverprocess.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace TestSupport {
class PostgresDatabase;
}

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/** Returns the headers written as "Name: value" lines in \a text. */
HeaderList parseHeaderLines(const QString &text);

/** Starts \a method \a url with \a headers and \a body on \a manager (Content-Type defaults to JSON when
    there is a body). The caller owns the reply. */
QNetworkReply *startRequest(QNetworkAccessManager &manager, const QByteArray &method, const QUrl &url,
    const HeaderList &headers, const QByteArray &body);

/** Returns what \a reply (finished) received. */
HttpReply replyResult(QNetworkReply *reply);

/** Sends a request and waits (at most 30 s) for the reply. */
HttpReply sendRequest(QNetworkAccessManager &manager, const QByteArray &method, const QUrl &url,
    const HeaderList &headers = {}, const QByteArray &body = {});

/** Returns an empty string if \a actual matches \a expected, else where and how it differs. Strings in
    \a expected may be placeholders: "<ts>" (ISO 8601 UTC datetime), "<uuid>", "<int>", "<any>". Objects
    must have the same keys, arrays the same length and order. */
QString jsonMismatch(
    const QJsonValue &expected, const QJsonValue &actual, const QString &path = QStringLiteral("$"));

/** Returns the keys of the first object in \a json (the document itself, or the first element of an
    array), in the order they are written; empty if there is none. */
QStringList firstObjectKeys(const QByteArray &json);

/** Returns how \a reply's headers differ from the "Name: value" lines \a expected (Content-Type compared
    up to ';'), or an empty string. */
QString headersProblem(const HttpReply &reply, const QString &expected);

/** Returns how \a reply differs from a PostgREST error with \a code (or alternatives "a|b") whose message or
    details contain \a fragment (case-insensitive; "re:" a regular expression), or that leaks SQL or
    internals (see leakedInternals()); an empty string if it does not. */
QString errorProblem(const HttpReply &reply, const QString &code, const QString &fragment);

/** Returns how \a reply's body differs from \a expected: JSON with placeholders whose first object has its
    keys in the same order, "" for no body, "<any>" for any body, or else exact text (CSV, trimmed). */
QString bodyProblem(const HttpReply &reply, const QString &expected);

/** Returns the SQL text or internals a client must never see that \a body contains, or an empty string. */
QString leakedInternals(const QByteArray &body);

/** The ecommerce template with one hidden field added (products.internal_note), served by a real
    basalt-server on a fresh SQLite file or PostgreSQL database, seeded by direct SQL. */
class ShopServer
{
public:
    ShopServer();
    ~ShopServer();

    /** Starts the server on \a engine with \a extraArguments and seeds it (plus \a extraCategories rows
        "cat-0".."cat-N-1" in categories). Returns an empty string, or why it failed; skipReason() is set
        instead when PostgreSQL is wanted and not configured. */
    QString start(const QString &engine, const QStringList &extraArguments, int extraCategories = 0);
    QString skipReason() const { return m_skipReason; }
    QString error() const { return m_error; }

    QUrl url(const QString &pathAndQuery) const;
    ServerProcess &process() { return m_server; }
    QString databaseUrl() const { return m_databaseUrl; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestSupport::PostgresDatabase> m_postgres;
    QString m_databaseUrl;
    ServerProcess m_server;
    QString m_skipReason;
    QString m_error;
};
