// SPDX-License-Identifier: GPL-3.0-or-later
// RowsModel's helpers shared by its page loading and its writes (private).
#pragma once

#include "run/apiclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace Designer::RowsModelText {

/** Returns \a text percent-encoded for a query string. */
inline QByteArray encoded(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

/** Returns the runtime's error as one line for the user: its message, then its details. */
inline QString errorText(const ApiReply &reply)
{
    if (!reply.networkError.isEmpty())
        return reply.networkError;
    const QJsonObject error = QJsonDocument::fromJson(reply.body).object();
    QString message = error.value(QLatin1String("message")).toString();
    const QString details = error.value(QLatin1String("details")).toString();
    if (message.isEmpty())
        message = QStringLiteral("HTTP %1 %2").arg(reply.status).arg(QString::fromUtf8(reply.reason));
    return details.isEmpty() ? message : message + QStringLiteral(" (") + details + QLatin1Char(')');
}

} // namespace Designer::RowsModelText
