// SPDX-License-Identifier: GPL-3.0-or-later
// The JWT secret of a project: from BASALT_JWT_SECRET, or generated once into the project's local folder.
#include "projectsecret.h"

#include "sodium_p.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>

#include <array>

namespace Runtime {

namespace {
class Secret
{
    Q_DECLARE_TR_FUNCTIONS(ProjectSecret)

public:
    static Result<QByteArray> fromEnvironment();
    static Result<QByteArray> read(const QString &fileName);
    static Result<QByteArray> generate();
    static Result<void> write(const QString &fileName, const QByteArray &secret);
    static Result<QByteArray> loadOrCreate(const QString &folder);
};

constexpr QFile::Permissions s_ownerOnlyFile = QFile::ReadOwner | QFile::WriteOwner;
constexpr QFile::Permissions s_ownerOnlyFolder = s_ownerOnlyFile | QFile::ExeOwner;
constexpr int s_randomBytes = 32;

Result<QByteArray> Secret::fromEnvironment()
{
    const QString value = qEnvironmentVariable(s_jwtSecretVariable);
    if (value.size() < s_minimumJwtSecretLength)
        return Error(ErrorCode::InvalidArgument,
            tr("%1 must be at least %2 characters long; it has %3.")
                .arg(QLatin1String(s_jwtSecretVariable))
                .arg(s_minimumJwtSecretLength)
                .arg(value.size()));
    return value.toUtf8();
}

Result<QByteArray> Secret::read(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, tr("The JWT secret could not be read."),
            QStringLiteral("%1: %2").arg(fileName, file.errorString()));
    // Someone may have edited the file and left a newline at the end.
    const QByteArray secret = file.readAll().trimmed();
    if (QString::fromUtf8(secret).size() < s_minimumJwtSecretLength)
        return Error(ErrorCode::FileReadFailed,
            tr("The JWT secret in %1 is shorter than %2 characters. Delete the file to generate a new "
               "secret (tokens issued with the old one stop working).")
                .arg(QDir::toNativeSeparators(fileName))
                .arg(s_minimumJwtSecretLength));
    return secret;
}

Result<QByteArray> Secret::generate()
{
    if (!AuthPrivate::sodiumReady())
        return Error(ErrorCode::Internal, tr("No secure random source is available."),
            QStringLiteral("libsodium could not be initialised"));
    std::array<char, s_randomBytes> bytes {};
    randombytes_buf(bytes.data(), bytes.size());
    const QByteArray random(bytes.data(), s_randomBytes);
    sodium_memzero(bytes.data(), bytes.size());
    return random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<void> Secret::write(const QString &fileName, const QByteArray &secret)
{
    // QSaveFile writes a temporary file beside the target and renames it over the target on commit, so
    // the secret file is either absent or complete. The temporary file is restricted before any byte of
    // the secret is written to it.
    QSaveFile file(fileName);
    const bool written = file.open(QIODevice::WriteOnly) && file.setPermissions(s_ownerOnlyFile)
        && file.write(secret) == secret.size() && file.commit();
    if (!written)
        return Error(ErrorCode::FileWriteFailed, tr("The JWT secret could not be saved."),
            QStringLiteral("%1: %2").arg(fileName, file.errorString()));
    return {};
}

Result<QByteArray> Secret::loadOrCreate(const QString &folder)
{
    const QString fileName = QDir(folder).filePath(QStringLiteral("jwt-secret"));
    if (QFileInfo::exists(fileName))
        return read(fileName);
    Result<QByteArray> secret = generate();
    if (!secret)
        return secret;
    if (Result<void> written = write(fileName, *secret); !written)
        return written.error();
    return secret;
}
} // namespace

QString projectLocalFolder(const QString &projectFile)
{
    const QFileInfo project(projectFile);
    return project.absoluteDir().filePath(project.completeBaseName() + QStringLiteral(".local"));
}

Result<QByteArray> loadProjectSecret(const QString &projectFile)
{
    // Set but empty counts as set: a deployment that meant to configure a secret must not fall back to a
    // generated one silently.
    if (qEnvironmentVariableIsSet(s_jwtSecretVariable))
        return Secret::fromEnvironment();

    const QString folder = projectLocalFolder(projectFile);
    if (!QDir().mkpath(folder) || !QFile::setPermissions(folder, s_ownerOnlyFolder))
        return Error(ErrorCode::FileWriteFailed,
            QCoreApplication::translate(
                "ProjectSecret", "The project's local folder %1 could not be created.")
                .arg(QDir::toNativeSeparators(folder)));
    // Two servers starting at once must not both generate a secret and each keep its own.
    QLockFile lock(QDir(folder).filePath(QStringLiteral("jwt-secret.lock")));
    if (!lock.tryLock(10000))
        return Error(ErrorCode::FileWriteFailed,
            QCoreApplication::translate("ProjectSecret", "The JWT secret is locked by another process."),
            QDir(folder).filePath(QStringLiteral("jwt-secret.lock")));
    return Secret::loadOrCreate(folder);
}

} // namespace Runtime
