// SPDX-License-Identifier: GPL-3.0-or-later
// GET /health: tells monitors the server is up and which project and schema version it serves.
#pragma once

#include "core/result.h"
#include "httpresponse.h"
#include "requestcontext.h"

namespace Runtime {

/** Returns 200 `{"status": "ok", "project": <name>, "schemaVersion": <version>}`. */
Result<HttpResponse> handleHealth(const RequestContext &context);

} // namespace Runtime
