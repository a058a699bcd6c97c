// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of runtime/auth: password hashes and HS256 tokens; see tst_auth.h.
#include "tst_auth.h"

#include "auth/jwt.h"
#include "auth/passwordhasher.h"
#include "auth/projectsecret.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace Runtime;
using namespace AuthTest;

namespace {

QByteArray encode(const QByteArray &bytes)
{
    return bytes.toBase64(s_base64Url);
}

// A token built here, not by signJwt: \a header and \a payload are JSON text, signed with HMAC \a algorithm.
QByteArray makeToken(const QByteArray &header, const QByteArray &payload,
    QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256, const QByteArray &key = s_secret)
{
    const QByteArray input = encode(header) + '.' + encode(payload);
    return input + '.' + encode(QMessageAuthenticationCode::hash(input, key, algorithm));
}

const QByteArray s_hs256 = QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})");
const QByteArray s_claims = QByteArrayLiteral(R"({"sub":"u1","role":"authenticated","exp":1700000600})");

// Returns \a token with bit \a bit of byte \a byte of its part \a part flipped.
QByteArray flipBit(const QByteArray &token, int part, int byte, int bit)
{
    QList<QByteArray> parts = token.split('.');
    QByteArray decoded = QByteArray::fromBase64(parts[part], s_base64Url);
    decoded[byte] = char(decoded[byte] ^ (1 << bit));
    parts[part] = encode(decoded);
    return parts.join('.');
}
} // namespace

void TestAuth::init()
{
    m_secretWasSet = qEnvironmentVariableIsSet(s_jwtSecretVariable);
    m_savedSecret = qgetenv(s_jwtSecretVariable);
    qunsetenv(s_jwtSecretVariable);
}

void TestAuth::cleanup()
{
    if (m_secretWasSet)
        qputenv(s_jwtSecretVariable, m_savedSecret);
    else
        qunsetenv(s_jwtSecretVariable);
}

void TestAuth::hashing_data()
{
    QTest::addColumn<QString>("password");
    QTest::newRow("ascii") << QStringLiteral("correct horse battery staple");
    QTest::newRow("empty") << QString();
    QTest::newRow("long unicode") << QStringLiteral("Pässwörd-🔑-密码-").repeated(40);
}

void TestAuth::hashing()
{
    QFETCH(QString, password);
    const Result<QByteArray> hash = hashPassword(password);
    QVERIFY2(hash, qPrintable(hash ? QString() : hash.error().message));
    QVERIFY(hash->startsWith("$argon2id$"));
    QVERIFY(!hash->contains(password.toUtf8()) || password.isEmpty());
    QVERIFY(verifyPassword(password, *hash));
    QVERIFY(!verifyPassword(password + QLatin1Char('x'), *hash));
    QVERIFY(!verifyPassword(QStringLiteral("wrong"), *hash));
    QVERIFY(!passwordNeedsRehash(*hash));

    const Result<QByteArray> again = hashPassword(password);
    QVERIFY(again);
    QVERIFY(*again != *hash); // a fresh salt each time
    QVERIFY(verifyPassword(password, *again));
}

void TestAuth::weakHashNeedsRehash()
{
    // Made by crypto_pwhash_str with OPSLIMIT_MIN and MEMLIMIT_MIN (a small C program, not this code).
    const QByteArray weak = QByteArrayLiteral(
        "$argon2id$v=19$m=8,t=1,p=1$vdemRcTGQOxuhjTA2v73KQ$UP8yplW7ZHg6T+XDPHgTScufuc7fbYRxsyScnD0s2qw");
    QVERIFY(verifyPassword(QStringLiteral("secret"), weak));
    QVERIFY(!verifyPassword(QStringLiteral("Secret"), weak));
    QVERIFY(passwordNeedsRehash(weak));
}

void TestAuth::verifyRejectsNonHashes_data()
{
    QTest::addColumn<QByteArray>("hash");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("plain text") << QByteArrayLiteral("secret");
    QTest::newRow("truncated") << QByteArrayLiteral("$argon2id$v=19$m=65536,t=2,p=1$");
    QTest::newRow("embedded NUL") << QByteArray("$argon2id$\0xx", 13);
}

void TestAuth::verifyRejectsNonHashes()
{
    QFETCH(QByteArray, hash);
    QVERIFY(!verifyPassword(QStringLiteral("secret"), hash));
    QVERIFY(passwordNeedsRehash(hash));
}

void TestAuth::dummyVerifyTakesAsLong()
{
    const Result<QByteArray> hash = hashPassword(QStringLiteral("the real password"));
    QVERIFY(hash);
    verifyAgainstDummy(QStringLiteral("warm-up")); // makes the dummy hash once
    qint64 wrongPassword = 0;
    qint64 unknownEmail = 0;
    QElapsedTimer timer;
    for (int i = 0; i < 3; ++i) {
        timer.start();
        QVERIFY(!verifyPassword(QStringLiteral("a guess"), *hash));
        wrongPassword += timer.nsecsElapsed();
        timer.start();
        verifyAgainstDummy(QStringLiteral("a guess"));
        unknownEmail += timer.nsecsElapsed();
    }
    const double ratio = double(unknownEmail) / double(wrongPassword);
    QVERIFY2(ratio > 0.5 && ratio < 2.0, qPrintable(QString::number(ratio)));
}

void TestAuth::jwtKnownAnswer()
{
    // The jwt.io example claims plus an exp, in QJsonObject's (sorted) key order, signed by Python's hmac.
    const QByteArray expected = QByteArrayLiteral(
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE1MTYyNDI2MjIsImlhdCI6MTUxNjIzOTAyMiwibmFtZSI6IkpvaG4"
        "gRG9lIiwic3ViIjoiMTIzNDU2Nzg5MCJ9.LtDmkuKZdFuQ6iyvq3pt3z-M_D3yT4Ob-AmVfeQ2MpA");
    const QByteArray secret = QByteArrayLiteral("your-256-bit-secret");
    const QJsonObject claims {{QStringLiteral("sub"), QStringLiteral("1234567890")},
        {QStringLiteral("name"), QStringLiteral("John Doe")}, {QStringLiteral("iat"), 1516239022},
        {QStringLiteral("exp"), 1516242622}};
    QCOMPARE(signJwt(claims, secret), expected);
    const Result<QJsonObject> verified = verifyJwt(expected, secret, JwtCheck {.now = 1516239022});
    QVERIFY2(verified, qPrintable(verified ? QString() : verified.error().message));
    QCOMPARE(*verified, claims);
}

void TestAuth::jwtRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("claims");
    QTest::newRow("gotrue access token") << QJsonObject {{QStringLiteral("sub"), QStringLiteral("1d6f")},
        {QStringLiteral("role"), QStringLiteral("authenticated")},
        {QStringLiteral("aud"), QStringLiteral("authenticated")}, {QStringLiteral("exp"), s_now + 3600}};
    QTest::newRow("unicode") << QJsonObject {{QStringLiteral("名前"), QStringLiteral("Zoë 🚀 \"quoted\"\n")},
        {QStringLiteral("exp"), s_now + 1},
        {QStringLiteral("user_metadata"),
            QJsonObject {{QStringLiteral("tags"), QJsonArray {1, QStringLiteral("ü")}}}}};
}

void TestAuth::jwtRoundTrip()
{
    QFETCH(QJsonObject, claims);
    const QByteArray token = signJwt(claims, s_secret);
    QCOMPARE(token, signJwt(claims, s_secret));
    QCOMPARE(QByteArray::fromBase64(token.split('.').constFirst(), s_base64Url), s_hs256);
    const Result<QJsonObject> verified = verifyJwt(token, s_secret, JwtCheck {.now = s_now});
    QVERIFY2(verified, qPrintable(verified ? QString() : verified.error().message));
    QCOMPARE(*verified, claims);
}

void TestAuth::jwtAccepted_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<int>("leeway");
    const QByteArray aud = QByteArrayLiteral(R"({"aud":["x","authenticated"],"exp":1700000001})");
    QTest::newRow("aud array") << makeToken(s_hs256, aud) << QStringLiteral("authenticated") << 0;
    QTest::newRow("expired within leeway") << makeToken(s_hs256, R"({"exp":1699999995})") << QString() << 10;
    QTest::newRow("nbf now") << makeToken(s_hs256, R"({"exp":1700000001,"nbf":1700000000})") << QString()
                             << 0;
    QTest::newRow("no typ, keys unsorted")
        << makeToken(R"({"alg":"HS256"})", R"({"z":1,"exp":1700000001.5,"a":2})") << QString() << 0;
}

void TestAuth::jwtAccepted()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, audience);
    QFETCH(int, leeway);
    const Result<QJsonObject> verified
        = verifyJwt(token, s_secret, JwtCheck {.now = s_now, .audience = audience, .leewaySeconds = leeway});
    QVERIFY2(verified, qPrintable(verified ? QString() : verified.error().message));
}

namespace {
// One row of jwtRejected: \a token must fail with a message containing \a reason.
void reject(const char *name, const QByteArray &token, const char *reason,
    const QByteArray &secret = s_secret, const QString &audience = {})
{
    QTest::newRow(name) << token << secret << audience << QString::fromLatin1(reason);
}

void addHeaderRows(const QByteArray &good)
{
    const QByteArray none = encode(R"({"alg":"none","typ":"JWT"})") + '.' + encode(s_claims);
    const QByteArray noneSigned
        = none + '.' + encode(QMessageAuthenticationCode::hash(none, s_secret, QCryptographicHash::Sha256));
    reject("alg none, no signature", none + '.', "algorithm");
    reject("alg none, signed", noneSigned, "algorithm");
    reject("alg hs256 lower case", makeToken(R"({"alg":"hs256"})", s_claims), "algorithm");
    reject("no alg", makeToken(R"({"typ":"JWT"})", s_claims), "algorithm");
    reject("alg HS512", makeToken(R"({"alg":"HS512","typ":"JWT"})", s_claims, QCryptographicHash::Sha512),
        "algorithm");
    // The RS256 confusion: the HMAC secret used as if it were the RSA public key.
    reject("alg RS256, HMAC with the secret", makeToken(R"({"alg":"RS256","typ":"JWT"})", s_claims),
        "algorithm");
    reject("crit header", makeToken(R"({"alg":"HS256","crit":["exp"]})", s_claims), "critical");
    reject("typ not JWT", makeToken(R"({"alg":"HS256","typ":"at+jwt"})", s_claims), "type");
    reject("garbage base64", "!!!." + good.mid(good.indexOf('.') + 1), "header");
    reject("header not JSON", makeToken("not json", s_claims), "header");
    reject("header an array", makeToken(R"(["HS256"])", s_claims), "header");
}

void addSignatureRows(const QByteArray &good)
{
    // 43 characters carry 258 bits for 256: flipping the last character's lowest bit keeps the bytes.
    const QByteArray alphabet
        = QByteArrayLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    QByteArray strayBits = good;
    strayBits.back() = alphabet.at(alphabet.indexOf(good.back()) ^ 1);
    const char *signature = "signature is invalid";
    reject("another secret",
        makeToken(s_hs256, s_claims, QCryptographicHash::Sha256, "another-secret-of-at-least-32-chars!"),
        signature);
    reject("payload bit flipped", flipBit(good, 1, 10, 0), signature);
    reject("signature bit flipped", flipBit(good, 2, 31, 7), signature);
    reject("signature stray low bits", strayBits, signature);
    reject("signature truncated", good.chopped(11), signature);
    reject("signature padded", good + "=", signature);
    reject("empty", QByteArray(), "3 parts");
    reject("two parts", good.left(good.lastIndexOf('.')), "3 parts");
    reject("four parts", good + ".e30", "3 parts");
    reject("payload not JSON, signed", makeToken(s_hs256, "{\"exp\":"), "payload");
}

void addClaimRows(const QByteArray &good)
{
    reject("expired", makeToken(s_hs256, R"({"exp":1699999999})"), "expired");
    reject("expires now", makeToken(s_hs256, R"({"exp":1700000000})"), "expired");
    reject("nbf ahead", makeToken(s_hs256, R"({"exp":1700000600,"nbf":1700000001})"), "not yet valid");
    reject("missing exp (jwt.io token)",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
        "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2Mj"
        "M5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "no expiry", "your-256-bit-secret");
    reject("exp a string", makeToken(s_hs256, R"({"exp":"1700000600"})"), "not a number");
    reject("wrong aud", makeToken(s_hs256, R"({"aud":"anon","exp":1700000600})"), "audience", s_secret,
        QStringLiteral("authenticated"));
    reject("no aud", good, "audience", s_secret, QStringLiteral("authenticated"));
}
} // namespace

void TestAuth::jwtRejected_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<QString>("reason");
    const QByteArray good = makeToken(s_hs256, s_claims);
    addHeaderRows(good);
    addSignatureRows(good);
    addClaimRows(good);
}

void TestAuth::jwtRejected()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, secret);
    QFETCH(QString, audience);
    QFETCH(QString, reason);
    const Result<QJsonObject> verified
        = verifyJwt(token, secret, JwtCheck {.now = s_now, .audience = audience});
    QVERIFY(!verified);
    QCOMPARE(verified.error().code, ErrorCode::InvalidToken);
    QVERIFY2(verified.error().message.contains(reason), qPrintable(verified.error().message));
}

QTEST_GUILESS_MAIN(TestAuth)
