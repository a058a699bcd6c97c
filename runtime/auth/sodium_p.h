// SPDX-License-Identifier: GPL-3.0-or-later
// Private: libsodium, initialised once before its first use.
#pragma once

#include <sodium.h>

namespace Runtime::AuthPrivate {

/** Initialises libsodium on first call; the function-local static makes that thread-safe. Returns false if
    libsodium could not be initialised (no usable random source), in which case nothing may use it. */
inline bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace Runtime::AuthPrivate
