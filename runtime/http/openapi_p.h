// SPDX-License-Identifier: GPL-3.0-or-later
// Pieces of the OpenAPI document shared by openapi.cpp and openapischema.cpp.
#pragma once

#include "model/project.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Runtime {

/** Returns `{"$ref": "#/components/<section>/<name>"}`. */
QJsonObject openApiRef(const QString &section, const QString &name);

/** Returns the JSON schema of one row of \a table (components/schemas/<table>): its visible fields,
    `required` for fields an insert must give, readOnly for fields the runtime fills. */
QJsonObject openApiRowSchema(const Project &project, const Table &table);

/** Returns the schema of a PATCH body for \a table (components/schemas/<table>.update): the row's
    properties, none required. */
QJsonObject openApiUpdateSchema(const Project &project, const Table &table);

/** Returns the schema of the error body `{code, message, details, hint}` (components/schemas/Error). */
QJsonObject openApiErrorSchema();

/** Adds to \a paths the routes that call the project's functions (`/rest/v1/rpc/<name>`,
    `/functions/v1/<name>`) and its endpoints (`/api/...`, with their declared parameters), and their tags
    to \a tags. */
void addOpenApiFunctionPaths(const Project &project, QJsonObject &paths, QJsonArray &tags);

} // namespace Runtime
