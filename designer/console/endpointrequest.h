// SPDX-License-Identifier: GPL-3.0-or-later
// endpointRequest(): the console request that tries a custom endpoint ("Try it" of the endpoint editor).
#pragma once

#include "consolerequest.h"

#include "model/projectparts.h"

#include <QJsonValue>

namespace Designer {

/** Returns the request that tries \a endpoint in the console: its method, `/api/<path>` with each path
    parameter replaced by a sample value of its type and every query parameter appended, a JSON object with
    a sample value for each body parameter (with Content-Type), and the auth its access calls for: the anon
    key for anyone (and for listed roles that include anon), the service key for the service role only, a
    test user otherwise. */
ConsoleRequest endpointRequest(const Runtime::Endpoint &endpoint);

/** Returns a plausible value of a parameter of \a type ("text", 1, 1.5, true, a uuid, {}). */
QJsonValue sampleParameterValue(Runtime::ParameterType type);

} // namespace Designer
