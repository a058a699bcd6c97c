// SPDX-License-Identifier: GPL-3.0-or-later
// The values functions read with env.get(): the process environment and the project's local secrets.
#include "functionenvironment.h"

#include "auth/projectsecret.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

namespace Runtime {

QString functionSecretsFile(const QString &projectFile)
{
    return QDir(projectLocalFolder(projectFile)).filePath(QStringLiteral("secrets.env"));
}

FunctionSecrets readFunctionSecrets(const QString &projectFile)
{
    FunctionSecrets secrets;
    QFile file(functionSecretsFile(projectFile));
    if (!file.open(QIODevice::ReadOnly))
        return secrets;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || equals <= 0)
            continue;
        QString value = line.mid(equals + 1).trimmed();
        if (value.size() >= 2 && (value.front() == QLatin1Char('"') || value.front() == QLatin1Char('\''))
            && value.back() == value.front())
            value = value.mid(1, value.size() - 2);
        secrets.append({line.left(equals).trimmed(), value});
    }
    return secrets;
}

Result<void> saveFunctionSecrets(const QString &projectFile, const FunctionSecrets &secrets)
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QSet<QString> seen;
    QByteArray text = "# Secrets of this project's functions (env.get). Never commit this file.\n";
    for (const auto &[key, value] : secrets) {
        if (!name.match(key).hasMatch())
            return Error(ErrorCode::InvalidArgument,
                QCoreApplication::translate("FunctionSecrets",
                    "\"%1\" is not a valid secret name; use letters, digits and _, not starting with a digit, "
                    "e.g. STRIPE_KEY").arg(key));
        if (seen.contains(key))
            return Error(ErrorCode::InvalidArgument,
                QCoreApplication::translate("FunctionSecrets", "The secret %1 is listed twice; remove one.").arg(key));
        if (value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r')))
            return Error(ErrorCode::InvalidArgument,
                QCoreApplication::translate("FunctionSecrets", "The value of %1 has a line break; secrets are one line.").arg(key));
        seen.insert(key);
        // Quoted, so that surrounding spaces and a value that starts with a quote or # survive reading.
        text += key.toUtf8() + "=\"" + value.toUtf8() + "\"\n";
    }
    const QString path = functionSecretsFile(projectFile);
    const auto failed = [&path](const QString &reason) {
        return Error(ErrorCode::FileWriteFailed,
            QCoreApplication::translate("FunctionSecrets", "The secrets could not be saved to %1: %2").arg(path, reason));
    };
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return failed(QCoreApplication::translate("FunctionSecrets", "the folder cannot be created"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failed(file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(text) != text.size() || !file.commit())
        return failed(file.errorString());
    return {};
}

FunctionEnvironment loadFunctionEnvironment(const QString &projectFile)
{
    FunctionEnvironment environment;
    for (const auto &[key, value] : readFunctionSecrets(projectFile))
        environment.insert(key, value);
    const QProcessEnvironment process = QProcessEnvironment::systemEnvironment();
    for (const QString &name : process.keys())
        environment.insert(name, process.value(name));
    return environment;
}

} // namespace Runtime
