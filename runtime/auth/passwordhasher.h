// SPDX-License-Identifier: GPL-3.0-or-later
// Password hashing for the auth API: Argon2id through libsodium.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace Runtime {

/** Returns an Argon2id hash of \a password in libsodium's self-describing string form
    (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`), with a fresh random salt and the "interactive" cost.
    The password is hashed as UTF-8, without Unicode normalisation. Fails with Internal if libsodium cannot
    be initialised or the memory for the hash cannot be allocated. Thread-safe. */
Result<QByteArray> hashPassword(const QString &password);

/** Returns true if \a password matches \a hash (as made by hashPassword()). Returns false for a wrong
    password and for anything that is not a libsodium password hash. Thread-safe. */
bool verifyPassword(const QString &password, const QByteArray &hash);

/** Returns true if \a hash was made with other parameters than hashPassword() uses now (or is not a hash
    at all), so it should be replaced by a new hash after the next successful login. */
bool passwordNeedsRehash(const QByteArray &hash);

/** Verifies \a password against a hash of a random password nobody knows, and discards the result. Call
    it when a login names an unknown email, so that answering takes as long as for a wrong password and
    the response time does not tell which emails have accounts. */
void verifyAgainstDummy(const QString &password);

} // namespace Runtime
