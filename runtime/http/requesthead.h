// SPDX-License-Identifier: GPL-3.0-or-later
// parseRequestHead(): the head of a GET request, parsed by http-parser without consuming the socket's bytes.
#pragma once

#include "requestcontext.h"

#include <QByteArray>

#include <optional>

namespace Runtime {

/** Returns the GET request whose head (request line, headers and the blank line) is \a head, parsed by
    http-parser as every request is; nothing when it is not a valid HTTP/1.1 GET. HttpConnection reads an
    upgrade request's head with it while the bytes stay in the socket for QtWebSockets. */
std::optional<HttpRequest> parseRequestHead(const QByteArray &head);

} // namespace Runtime
