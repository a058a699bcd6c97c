// SPDX-License-Identifier: GPL-3.0-or-later
// ApiClient: sends HTTP requests to the running runtime without blocking the window.
#include "apiclient.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

#include <memory>

namespace Designer {

QByteArray ApiReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    // The runtime is on loopback: a system proxy must not see (or break) these requests.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

ApiClient::~ApiClient() = default;

QUrl ApiClient::resolved(const QUrl &url) const
{
    if (!url.isRelative())
        return url;
    QUrl base = m_target.baseUrl;
    // QUrl::resolved() would drop a base path; the runtime's base URL has none, but keep it if it had.
    QString path = base.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    base.setPath(path + url.path(QUrl::FullyEncoded), QUrl::TolerantMode);
    base.setQuery(url.query(QUrl::FullyEncoded), QUrl::TolerantMode);
    return base;
}

QNetworkReply *ApiClient::send(const ApiRequest &request, QObject *context, Callback done)
{
    QNetworkRequest networkRequest(resolved(request.url));
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    networkRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(name, value);

    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    // HEAD through head(): sent as a custom verb, Qt does not know that the answer has no body and waits
    // for the Content-Length bytes the server announces (correctly, RFC 9110 9.3.2) until the server
    // closes the idle connection 30 s later. Meanwhile the connection is taken; once all of the manager's
    // 6 connections to the runtime are, every later request waits unanswered.
    QNetworkReply *reply = request.method == "HEAD"
        ? m_network->head(networkRequest)
        : m_network->sendCustomRequest(networkRequest, request.method, request.body);
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [reply, timer, guard, done = std::move(done)] {
        reply->deleteLater();
        if (!guard || reply->error() == QNetworkReply::OperationCanceledError)
            return;
        ApiReply answer;
        answer.body = reply->readAll();
        answer.elapsedMs = double(timer->nsecsElapsed()) / 1e6;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (status.isValid()) {
            answer.status = status.toInt();
            answer.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
            for (const auto &pair : reply->rawHeaderPairs())
                answer.headers.append(pair);
        } else {
            answer.networkError = reply->errorString();
        }
        done(answer);
    });
    return reply;
}

HeaderList ApiClient::serviceHeaders() const
{
    return {{QByteArrayLiteral("apikey"), m_target.serviceKey},
        {QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + m_target.serviceKey}};
}

} // namespace Designer
