// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenAPI 3.0.3 description of a project's data API (/rest/v1), served at GET /rest/v1/.
#pragma once

#include "model/project.h"

#include <QByteArray>
#include <QString>

namespace Runtime {

/** Returns the OpenAPI 3.0.3 document (compact JSON) describing the data API of \a project as served
    under \a serverUrl (e.g. "http://localhost:8090"): one path `/rest/v1/<table>` per table with GET,
    HEAD, POST, PATCH and DELETE, the PostgREST query parameters and headers, one filter parameter per
    visible column, a schema per table in components/schemas (hidden fields left out), the error body
    `{code, message, details, hint}` and the security schemes (apikey header, bearer JWT).
    Like PostgREST's root document, but in OpenAPI 3.0 rather than Swagger 2.0. */
QByteArray openApiDocument(const Project &project, const QString &serverUrl);

} // namespace Runtime
