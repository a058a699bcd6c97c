// SPDX-License-Identifier: GPL-3.0-or-later
// The values functions read with env.get(): the process environment and the project's local secrets.
#include "functionenvironment.h"

#include "auth/projectsecret.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>

namespace Runtime {

QString functionSecretsFile(const QString &projectFile)
{
    return QDir(projectLocalFolder(projectFile)).filePath(QStringLiteral("secrets.env"));
}

FunctionEnvironment loadFunctionEnvironment(const QString &projectFile)
{
    FunctionEnvironment environment;
    QFile file(functionSecretsFile(projectFile));
    if (file.open(QIODevice::ReadOnly)) {
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
            environment.insert(line.left(equals).trimmed(), value);
        }
    }
    const QProcessEnvironment process = QProcessEnvironment::systemEnvironment();
    for (const QString &name : process.keys())
        environment.insert(name, process.value(name));
    return environment;
}

} // namespace Runtime
