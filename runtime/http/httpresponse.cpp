// SPDX-License-Identifier: GPL-3.0-or-later
// HttpResponse: a response as plain data, so it can be built on any thread and written by the transport.
#include "httpresponse.h"

#include <QJsonDocument>

namespace Runtime {

HttpResponse HttpResponse::json(const QByteArray &body, int status)
{
    HttpResponse response;
    response.status = status;
    response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    response.body = body;
    return response;
}

HttpResponse HttpResponse::json(const QJsonDocument &document, int status)
{
    return json(document.toJson(QJsonDocument::Compact), status);
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&name](const QPair<QByteArray, QByteArray> &h) {
        return h.first.compare(name, Qt::CaseInsensitive) == 0;
    });
    headers.append({name, value});
}

} // namespace Runtime
