// SPDX-License-Identifier: GPL-3.0-or-later
// FunctionCallContext: what a function's `db` runs on, and as whom.
#pragma once

#include "auth/caller.h"

namespace Runtime {

class RecordStore;
struct ServerConfig;

/** Where and as whom a function call's `db` builder runs: through the data API's own handlers on \c store
    (the calling thread's RecordStore) with the permission rules of \c caller; `db.asService()` runs as the
    service role. Without a config and a store, `db` answers every request with an error. */
struct FunctionCallContext
{
    const ServerConfig *config = nullptr;
    RecordStore *store = nullptr;
    Caller caller = Caller::anon();
    bool readOnly = false; ///< the function is read-only: `db` refuses inserts, updates and deletes
};

} // namespace Runtime
