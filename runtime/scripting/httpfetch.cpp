// SPDX-License-Identifier: GPL-3.0-or-later
// The synchronous HTTP client behind the functions' http.fetch().
#include "httpfetch.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>

#include <memory>

namespace Runtime {

namespace {

QString sizeMessage(qint64 limit)
{
    return QStringLiteral("the response is larger than %1 bytes").arg(limit);
}

// Runs in the fetch's own thread, which has no other events to handle.
FetchResponse runRequest(const FetchRequest &request)
{
    FetchResponse response;
    QNetworkAccessManager manager;
    QNetworkRequest networkRequest {QUrl(request.url)};
    networkRequest.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    networkRequest.setMaximumRedirectsAllowed(request.maxRedirects);
    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    QNetworkReply *reply = manager.sendCustomRequest(networkRequest, request.method, request.body);

    QEventLoop loop;
    bool timedOut = false;
    bool tooLarge = false;
    QTimer timer;
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer); // never early: a fetch bounded by a call's deadline ends after it
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        response.body += reply->readAll();
        if (response.body.size() > request.maxResponseBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(request.timeout);
    if (!reply->isFinished())
        loop.exec();
    if (reply->isOpen()) // not after abort()
        response.body += reply->readAll();

    if (timedOut) {
        response.error = QStringLiteral("the request timed out after %1 ms").arg(request.timeout.count());
    } else if (tooLarge || response.body.size() > request.maxResponseBytes) {
        response.error = sizeMessage(request.maxResponseBytes);
    } else if (const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
               status.isValid() && reply->error() != QNetworkReply::TooManyRedirectsError) {
        response.status = status.toInt();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            response.headers.append({name.toLower(), value});
    } else {
        response.error = reply->errorString();
    }
    if (!response.error.isEmpty())
        response.body.clear();
    delete reply;
    return response;
}

} // namespace

FetchResponse fetchSynchronously(const FetchRequest &request)
{
    FetchResponse response;
    std::unique_ptr<QThread> thread(QThread::create([&] { response = runRequest(request); }));
    thread->setObjectName(QStringLiteral("basalt-fetch"));
    thread->start();
    thread->wait();
    return response;
}

} // namespace Runtime
