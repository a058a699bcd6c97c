// SPDX-License-Identifier: GPL-3.0-or-later
// HttpRequest and RequestContext: what a route handler is given.
#include "requestcontext.h"

namespace Runtime {

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace Runtime
