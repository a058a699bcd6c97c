// SPDX-License-Identifier: GPL-3.0-or-later
// The catalogue of error codes and their default messages.
#include "errorcodes.h"

#include <QtGlobal>

namespace Runtime {

namespace {
struct Entry
{
    ErrorCode code;
    const char *name;
    const char *message;
};

constexpr Entry s_entries[] = {
    {ErrorCode::Internal, "internal", QT_TRANSLATE_NOOP("ErrorCode", "Internal error")},
    {ErrorCode::InvalidArgument, "invalid-argument", QT_TRANSLATE_NOOP("ErrorCode", "Invalid argument")},
    {ErrorCode::FileNotFound, "file-not-found", QT_TRANSLATE_NOOP("ErrorCode", "File not found")},
    {ErrorCode::FileReadFailed, "file-read-failed", QT_TRANSLATE_NOOP("ErrorCode", "The file could not be read")},
    {ErrorCode::FileWriteFailed, "file-write-failed", QT_TRANSLATE_NOOP("ErrorCode", "The file could not be written")},
    {ErrorCode::InvalidJson, "invalid-json", QT_TRANSLATE_NOOP("ErrorCode", "The file is not valid JSON")},
    {ErrorCode::InvalidProject, "invalid-project", QT_TRANSLATE_NOOP("ErrorCode", "The project is not valid")},
    {ErrorCode::UnsupportedFormatVersion, "unsupported-format-version",
     QT_TRANSLATE_NOOP("ErrorCode", "The project was saved by a newer version of Basalt")},
    {ErrorCode::DatabaseOpenFailed, "database-open-failed", QT_TRANSLATE_NOOP("ErrorCode", "The database could not be opened")},
    {ErrorCode::DatabaseQueryFailed, "database-query-failed", QT_TRANSLATE_NOOP("ErrorCode", "A database query failed")},
    {ErrorCode::DatabaseDrift, "database-drift",
     QT_TRANSLATE_NOOP("ErrorCode", "The database no longer matches the schema Basalt last applied")},
    {ErrorCode::MigrationRefused, "migration-refused", QT_TRANSLATE_NOOP("ErrorCode", "The schema change cannot be applied")},
    {ErrorCode::DestructiveChangesNotConfirmed, "destructive-changes-not-confirmed",
     QT_TRANSLATE_NOOP("ErrorCode", "The schema change would lose data and was not confirmed")},
    {ErrorCode::MigrationFailed, "migration-failed",
     QT_TRANSLATE_NOOP("ErrorCode", "The migration failed and was rolled back")},
    {ErrorCode::ServerListenFailed, "server-listen-failed", QT_TRANSLATE_NOOP("ErrorCode", "The server could not listen")},
    {ErrorCode::NotFound, "not-found", QT_TRANSLATE_NOOP("ErrorCode", "Not found")},
    {ErrorCode::MethodNotAllowed, "method-not-allowed", QT_TRANSLATE_NOOP("ErrorCode", "Method not allowed")},
};

const Entry &entry(ErrorCode code)
{
    for (const Entry &e : s_entries) {
        if (e.code == code)
            return e;
    }
    return s_entries[0];
}
} // namespace

QString errorCodeName(ErrorCode code)
{
    return QString::fromLatin1(entry(code).name);
}

const char *errorCodeMessage(ErrorCode code)
{
    return entry(code).message;
}

} // namespace Runtime
