// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of runtime/auth: password hashes, HS256 tokens, the project secret and `basalt-server keys`.
#pragma once

#include <QByteArray>
#include <QObject>

namespace AuthTest {
inline const QByteArray s_secret = QByteArrayLiteral("a-test-secret-of-at-least-32-characters");
inline constexpr qint64 s_now = 1700000000;
inline constexpr auto s_base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
} // namespace AuthTest

/** Hashing and tokens (tst_auth.cpp); API keys, the project secret and the keys subcommand
    (secrettests.cpp). Every test starts with BASALT_JWT_SECRET unset and ends with it restored. */
class TestAuth : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void hashing_data();
    void hashing();
    void weakHashNeedsRehash();
    void verifyRejectsNonHashes_data();
    void verifyRejectsNonHashes();
    void dummyVerifyTakesAsLong();

    void jwtKnownAnswer();
    void jwtRoundTrip_data();
    void jwtRoundTrip();
    void jwtAccepted_data();
    void jwtAccepted();
    void jwtRejected_data();
    void jwtRejected();

    void apiKeys();

    void secretFromEnvironment_data();
    void secretFromEnvironment();
    void secretGeneratedOnce();
    void secretFileProblems_data();
    void secretFileProblems();

    void keysCommand();
    void keysCommandFails_data();
    void keysCommandFails();

private:
    QByteArray m_savedSecret;
    bool m_secretWasSet = false;
};
