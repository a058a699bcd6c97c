// SPDX-License-Identifier: GPL-3.0-or-later
// CurlCommand: a console request as a curl command line, and a curl command line read back into one.
#pragma once

#include "consolerequest.h"

#include "core/result.h"

#include <QCoreApplication>
#include <QString>

namespace Designer {

/** Converts between console requests and curl command lines (copy as curl, paste a curl command).
    Stateless; all functions are static. */
class CurlCommand
{
    Q_DECLARE_TR_FUNCTIONS(Designer::CurlCommand)

public:
    /** Returns \a resolved (an absolute URL, variables substituted, auth headers included) as a curl
        command: every argument shell-quoted, one option per line, lines joined with " \\\n". */
    static QString toCurl(const ConsoleRequest &resolved);

    /** Returns the request described by the curl command \a command. Understands -X/--request,
        -H/--header, -d/--data/--data-raw/--data-binary/--data-ascii, --json, --url, -G/--get, single
        and double quotes, backslash escapes and backslash-newline continuations; output-only options
        (-s, -S, -v, -i, -L, -k, --compressed) and comment lines before the command are ignored. The
        request's auth is None (every header as given). Fails with InvalidArgument naming an unknown
        option, an unterminated quote or a missing value or URL. */
    static Runtime::Result<ConsoleRequest> parse(const QString &command);

    /** Returns true if \a text looks like a curl command (starts with "curl ", after any comment lines). */
    static bool looksLikeCurl(const QString &text);

    /** Returns \a argument quoted for a POSIX shell (unquoted when it needs no quotes). */
    static QString shellQuote(const QString &argument);
};

} // namespace Designer
