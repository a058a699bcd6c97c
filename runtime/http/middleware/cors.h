// SPDX-License-Identifier: GPL-3.0-or-later
// CORS: the headers that let browsers (supabase-js in a web page) call the API from another origin.
#pragma once

#include "http/httpresponse.h"
#include "http/requestcontext.h"
#include "model/projectparts.h"

#include <QByteArrayList>

namespace Runtime::Cors {

/** Returns the answer to the preflight `OPTIONS` \a request: 204 allowing \a allowedMethods and the
    headers supabase-js sends, with the origin headers of addHeaders(). \a allowedMethods is empty when
    nothing is served at the path: the answer is then 404, so a typo fails in the browser's console. */
HttpResponse preflight(
    const HttpRequest &request, const QByteArrayList &allowedMethods, const Settings &settings);

/** Adds `Access-Control-Allow-Origin` (and the headers clients may read) to \a response when the
    request's origin is allowed: any origin when settings.corsOrigins is empty, else only those listed
    (echoed, with `Vary: Origin`). */
void addHeaders(HttpResponse &response, const HttpRequest &request, const Settings &settings);

} // namespace Runtime::Cors
