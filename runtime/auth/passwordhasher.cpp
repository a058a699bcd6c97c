// SPDX-License-Identifier: GPL-3.0-or-later
// Password hashing for the auth API: Argon2id through libsodium.
#include "passwordhasher.h"

#include "sodium_p.h"

#include <array>

namespace Runtime {

namespace {
constexpr unsigned long long s_opsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t s_memLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

// Returns the hash of 32 random bytes, made once: the same cost as a real hash, and no password matches it.
const QByteArray &dummyHash()
{
    static const QByteArray hash = [] {
        if (!AuthPrivate::sodiumReady())
            return QByteArray();
        std::array<unsigned char, 32> secret {};
        randombytes_buf(secret.data(), secret.size());
        const QString password = QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(secret.data()), int(secret.size())).toHex());
        const Result<QByteArray> made = hashPassword(password);
        return made ? *made : QByteArray();
    }();
    return hash;
}
} // namespace

Result<QByteArray> hashPassword(const QString &password)
{
    if (!AuthPrivate::sodiumReady())
        return Error(ErrorCode::Internal, QStringLiteral("The password could not be hashed."),
            QStringLiteral("libsodium could not be initialised"));
    const QByteArray utf8 = password.toUtf8();
    std::array<char, crypto_pwhash_STRBYTES> out {};
    if (crypto_pwhash_str(out.data(), utf8.constData(), quint64(utf8.size()), s_opsLimit, s_memLimit) != 0)
        return Error(ErrorCode::Internal, QStringLiteral("The password could not be hashed."),
            QStringLiteral("crypto_pwhash_str failed (out of memory)"));
    return QByteArray(out.data());
}

bool verifyPassword(const QString &password, const QByteArray &hash)
{
    // crypto_pwhash_str_verify reads a NUL-terminated string: an embedded NUL would cut the hash short.
    if (!AuthPrivate::sodiumReady() || hash.isEmpty() || hash.contains('\0')
        || hash.size() >= qsizetype(crypto_pwhash_STRBYTES))
        return false;
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(hash.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

bool passwordNeedsRehash(const QByteArray &hash)
{
    if (!AuthPrivate::sodiumReady() || hash.contains('\0')
        || hash.size() >= qsizetype(crypto_pwhash_STRBYTES))
        return true;
    return crypto_pwhash_str_needs_rehash(hash.constData(), s_opsLimit, s_memLimit) != 0;
}

void verifyAgainstDummy(const QString &password)
{
    // The outcome is irrelevant (it is false); only the time spent matters.
    const bool matched = verifyPassword(password, dummyHash());
    Q_UNUSED(matched);
}

} // namespace Runtime
