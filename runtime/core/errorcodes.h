// SPDX-License-Identifier: GPL-3.0-or-later
// The catalogue of error codes and their default messages.
#pragma once

#include <QString>

namespace Runtime {

enum class ErrorCode {
    Internal,
    InvalidArgument,
    FileNotFound,
    FileReadFailed,
    FileWriteFailed,
    InvalidJson,
    InvalidProject,
    UnsupportedFormatVersion,
    DatabaseOpenFailed,
    DatabaseQueryFailed,
    DatabaseDrift,
    MigrationRefused,
    DestructiveChangesNotConfirmed,
    MigrationFailed,
    ServerListenFailed,
    NotFound,
    MethodNotAllowed,
    // The data API (/rest/v1). Each is sent with PostgREST's code, see runtime/http/apierror.cpp.
    BadQuery,
    InvalidBody,
    InvalidRange,
    UnknownTable,
    UnknownColumn,
    UnknownBodyColumn,
    UnknownRelationship,
    AmbiguousRelationship,
    NotSingleObject,
    InvalidValue,
    NotNullViolation,
    CheckViolation,
    UniqueViolation,
    ForeignKeyViolation,
    AutoManagedField,
    UnfilteredWrite,
    PayloadTooLarge,
    HeadersTooLarge,
    RequestTimeout,
    ServiceUnavailable,
    EmbedNotSelected,
    InvalidConflictTarget,
    NotAcceptable,
    InvalidToken,
};

/** Returns the stable, untranslated name of \a code (e.g. "invalid-project"), for logs and APIs. */
QString errorCodeName(ErrorCode code);

/** Returns the default English message of \a code; translate it with QCoreApplication::translate("ErrorCode", ...). */
const char *errorCodeMessage(ErrorCode code);

} // namespace Runtime
