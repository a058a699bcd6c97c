// SPDX-License-Identifier: GPL-3.0-or-later
// GET /health: tells monitors the server is up and which project and schema version it serves.
#include "healthhandler.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Runtime {

Result<HttpResponse> handleHealth(const RequestContext &context)
{
    const QJsonObject body {
        {QStringLiteral("status"), QStringLiteral("ok")},
        {QStringLiteral("project"), context.project().name},
        {QStringLiteral("schemaVersion"), context.config.schemaVersion},
    };
    return HttpResponse::json(QJsonDocument(body));
}

} // namespace Runtime
