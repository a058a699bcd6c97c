// SPDX-License-Identifier: GPL-3.0-or-later
// ApiClient: sends HTTP requests to the running runtime without blocking the window.
#pragma once

#include "runtarget.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Designer {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/** One HTTP request as the console and the data panes make it. */
struct ApiRequest
{
    QByteArray method = "GET";
    QUrl url; ///< absolute (the console's URL) or relative to the target's base URL ("/rest/v1/orders?select=*")
    HeaderList headers; ///< sent as given, in order
    QByteArray body;
};

/** The answer to an ApiRequest: status 0 and networkError set when no HTTP answer came back. */
struct ApiReply
{
    int status = 0;
    QByteArray reason;
    HeaderList headers;
    QByteArray body;
    double elapsedMs = 0; ///< from sending to the last byte of the body
    QString networkError; ///< empty when an HTTP answer arrived (whatever its status)

    /** Returns the value of the response header \a name (case-insensitive), or an empty array. */
    QByteArray header(const QByteArray &name) const;
};

/** Sends ApiRequests asynchronously over one QNetworkAccessManager (HTTP keep-alive to the runtime).
    Replies are delivered on the thread the client lives in (the GUI thread). Nothing is cached, no
    cookies are kept, redirects are not followed (the console shows them as they are). */
class ApiClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const ApiReply &)>;

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    void setTarget(const RunTarget &target) { m_target = target; }
    const RunTarget &target() const { return m_target; }

    /** Returns \a url resolved against the target's base URL when it is relative. */
    QUrl resolved(const QUrl &url) const;

    /** Sends \a request; \a done is called once with the reply, unless \a context is destroyed first or
        the request is aborted. Returns the QNetworkReply (owned by the client, deleted after \a done),
        e.g. to abort() it. */
    QNetworkReply *send(const ApiRequest &request, QObject *context, Callback done);

    /** Returns the headers that authenticate as the service role: apikey and Authorization: Bearer with
        the target's service key (the data browser and CSV import read and write as the service role). */
    HeaderList serviceHeaders() const;

private:
    QNetworkAccessManager *m_network = nullptr;
    RunTarget m_target;
};

} // namespace Designer
