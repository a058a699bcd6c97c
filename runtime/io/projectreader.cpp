// SPDX-License-Identifier: GPL-3.0-or-later
// Reads .basalt project files (JSON, formatVersion 1) into the model, validating as it goes.
#include "projectreader.h"

#include "projectreader_p.h"
#include "projectvalidator.h"
#include "projectvalidator_p.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <algorithm>
#include <cctype>
#include <limits>

namespace Runtime {

namespace {
using Presence = JsonObjectReader::Presence;

QString parseErrorText(QJsonParseError::ParseError error)
{
    switch (error) {
    case QJsonParseError::UnterminatedObject:
        return QCoreApplication::translate("ProjectReader", "an object is not closed, or a comma is missing "
                                                            "between two of its members");
    case QJsonParseError::MissingNameSeparator:
        return QCoreApplication::translate("ProjectReader", "a colon is missing after a key");
    case QJsonParseError::UnterminatedArray:
        return QCoreApplication::translate("ProjectReader", "an array is not closed, or a comma is missing "
                                                            "between two of its elements");
    case QJsonParseError::MissingValueSeparator:
        return QCoreApplication::translate("ProjectReader", "a comma is missing between two values");
    case QJsonParseError::IllegalValue:
        return QCoreApplication::translate("ProjectReader", "this is not a valid value (strings need double "
                                                            "quotes; true, false and null are lowercase)");
    case QJsonParseError::TerminationByNumber:
    case QJsonParseError::IllegalNumber:
        return QCoreApplication::translate("ProjectReader", "this is not a valid number");
    case QJsonParseError::IllegalEscapeSequence:
        return QCoreApplication::translate("ProjectReader", "a string contains an invalid escape sequence");
    case QJsonParseError::IllegalUTF8String:
        return QCoreApplication::translate("ProjectReader", "the text is not valid UTF-8");
    case QJsonParseError::UnterminatedString:
        return QCoreApplication::translate("ProjectReader", "a string is not closed with a double quote");
    case QJsonParseError::MissingObject:
        return QCoreApplication::translate("ProjectReader", "a value is missing after a comma (remove the "
                                                            "trailing comma)");
    case QJsonParseError::DeepNesting:
        return QCoreApplication::translate("ProjectReader", "the data is nested too deeply");
    case QJsonParseError::DocumentTooLarge:
        return QCoreApplication::translate("ProjectReader", "the file is too large");
    case QJsonParseError::GarbageAtEnd:
        return QCoreApplication::translate("ProjectReader",
                                           "there is more text after the end of the project");
    case QJsonParseError::NoError:
        break;
    }
    return QCoreApplication::translate("ProjectReader", "syntax error");
}

// Returns the position of the last quote before \a end that is not escaped by a backslash: the start of an
// unterminated string, which Qt reports at the end of the file.
qsizetype openingQuote(const QByteArray &json, qsizetype end)
{
    for (qsizetype i = std::min(end, json.size()) - 1; i >= 0; --i) {
        if (json.at(i) != '"')
            continue;
        qsizetype backslashes = 0;
        while (i - backslashes > 0 && json.at(i - backslashes - 1) == '\\')
            ++backslashes;
        if (backslashes % 2 == 0)
            return i;
    }
    return end;
}

Error syntaxError(const QByteArray &json, const QJsonParseError &parseError)
{
    // Qt reports the offset just past the character it could not use (except for trailing text), which for
    // some errors is the blank before the offending token: point at the next character that is not blank.
    qsizetype offset = parseError.offset;
    if (parseError.error != QJsonParseError::GarbageAtEnd)
        --offset;
    offset = std::clamp<qsizetype>(offset, 0, json.size());
    if (parseError.error == QJsonParseError::UnterminatedString)
        offset = openingQuote(json, offset);
    qsizetype next = offset;
    while (next < json.size() && std::isspace(uchar(json.at(next))))
        ++next;
    if (next < json.size())
        offset = next;
    const QByteArray before = json.left(offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = QString::fromUtf8(before.mid(lineStart)).size() + 1;
    // An unquoted word reaches Qt's number parser first; the useful hint is about quotes.
    QJsonParseError::ParseError kind = parseError.error;
    if (kind == QJsonParseError::IllegalNumber && offset < json.size()
        && std::isalpha(uchar(json.at(offset))))
        kind = QJsonParseError::IllegalValue;
    const QString message
        = QCoreApplication::translate("ProjectReader", "Not valid JSON at line %1, column %2: %3.")
              .arg(line)
              .arg(column)
              .arg(parseErrorText(kind));
    return Error(
        ErrorCode::InvalidJson, message,
        QStringLiteral("QJsonParseError %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
}

int readSettingInt(JsonObjectReader &r, const char *key, int fallback, IntegerRange range)
{
    const std::optional<qint64> value = r.integer(key);
    if (!value)
        return fallback;
    if (*value < std::numeric_limits<int>::min() || *value > std::numeric_limits<int>::max()) {
        r.report(r.pathOf(key), outOfRangeMessage(*value, range));
        return fallback;
    }
    return int(*value);
}

Settings readSettings(JsonObjectReader &root, QList<Problem> &problems)
{
    Settings s;
    const QJsonValue value = root.value("settings");
    if (value.isUndefined())
        return s;
    JsonObjectReader r(value, root.pathOf("settings"), problems);
    s.accessTokenLifetimeSeconds = readSettingInt(r, "accessTokenLifetimeSeconds",
                                                  s.accessTokenLifetimeSeconds, accessTokenLifetimeRange);
    s.minimumPasswordLength
        = readSettingInt(r, "minimumPasswordLength", s.minimumPasswordLength, minimumPasswordLengthRange);
    s.maxRequestBodyBytes = r.integer("maxRequestBodyBytes").value_or(s.maxRequestBodyBytes);
    s.usersTable = r.string("usersTable");
    s.roleField = r.string("roleField");
    s.jwtClaimFields = r.stringList("jwtClaimFields");
    s.corsOrigins = r.stringList("corsOrigins");
    r.finish();
    return s;
}

// Returns an error if the file's formatVersion is newer than this build reads; other version problems
// are reported as problems, like any other member.
std::optional<Error> checkFormatVersion(const QJsonObject &root, QList<Problem> &problems)
{
    const std::optional<qint64> version
        = JsonObjectReader::toInteger(root.value(QLatin1String("formatVersion")));
    if (version && *version > Project::FormatVersion) {
        return Error(ErrorCode::UnsupportedFormatVersion,
                     QCoreApplication::translate(
                         "ProjectReader", "This project uses file format %1, but this version of Basalt "
                                          "reads format %2 only: update Basalt to open it.")
                         .arg(*version)
                         .arg(Project::FormatVersion),
                     QStringLiteral("formatVersion %1").arg(*version));
    }
    if (version && *version < Project::FormatVersion) {
        problems.append(
            {Problem::Severity::Error,
             QStringLiteral("formatVersion"),
             QCoreApplication::translate("ProjectReader", "unknown format version %1 (expected %2)")
                 .arg(*version)
                 .arg(Project::FormatVersion),
             {}});
    }
    return std::nullopt;
}

void readRoot(const QJsonObject &object, Project &project, QList<Problem> &problems)
{
    JsonObjectReader r(object, QString(), problems);
    r.integer("formatVersion", Presence::Required);
    project.name = r.string("name", Presence::Required);
    project.description = r.string("description");
    project.settings = readSettings(r, problems);
    project.roles = readArray<Role>(r, "roles", problems, readRole);
    project.tables = readArray<Table>(r, "tables", problems, readTable);
    project.relationships = readArray<Relationship>(r, "relationships", problems, readRelationship);
    project.views = readArray<View>(r, "views", problems, readView);
    project.functions = readArray<ScriptFunction>(r, "functions", problems, readFunction);
    project.endpoints = readArray<Endpoint>(r, "endpoints", problems, readEndpoint);
    project.triggers = readArray<Trigger>(r, "triggers", problems, readTrigger);
    project.schedules = readArray<Schedule>(r, "schedules", problems, readSchedule);
    project.integrations = readArray<Integration>(r, "integrations", problems, readIntegration);
    project.channelRules = readArray<ChannelRule>(r, "channelRules", problems, readChannelRule);
    r.finish();
}

Error invalidProject(QList<Problem> problems)
{
    Error error(ErrorCode::InvalidProject,
                QCoreApplication::translate("ErrorCode", errorCodeMessage(ErrorCode::InvalidProject)));
    error.problems = std::move(problems);
    return error;
}
} // namespace

Result<std::unique_ptr<Project>> readProject(const QByteArray &json)
{
    if (json.trimmed().isEmpty()) {
        return Error(ErrorCode::InvalidJson,
                     QCoreApplication::translate("ProjectReader", "The file is empty: it holds no project."));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return syntaxError(json, parseError);

    QList<Problem> problems;
    if (!document.isObject()) {
        problems.append(
            {Problem::Severity::Error,
             QString(),
             QCoreApplication::translate("ProjectReader", "the file must hold a JSON object, found %1")
                 .arg(JsonObjectReader::describeType(document.isArray() ? QJsonValue(document.array())
                                                                        : QJsonValue())),
             {}});
        return invalidProject(problems);
    }
    if (std::optional<Error> error = checkFormatVersion(document.object(), problems))
        return *error;
    auto project = std::make_unique<Project>();
    readRoot(document.object(), *project, problems);
    // A structurally broken model would only add follow-on findings: check meaning once the shape is right.
    if (problems.isEmpty())
        problems = validateProject(*project);
    const bool hasErrors = std::any_of(problems.begin(), problems.end(), [](const Problem &p) {
        return p.severity == Problem::Severity::Error;
    });
    if (hasErrors)
        return invalidProject(problems);
    return project;
}

Result<std::unique_ptr<Project>> readProjectFile(const QString &path)
{
    QFile file(path);
    if (!file.exists()) {
        return Error(ErrorCode::FileNotFound,
                     QCoreApplication::translate("ProjectReader", "The project file %1 does not exist.")
                         .arg(QDir::toNativeSeparators(path)),
                     path);
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(ErrorCode::FileReadFailed,
                     QCoreApplication::translate("ProjectReader", "The project file %1 could not be read: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString()),
                     path);
    }
    const QByteArray json = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return Error(ErrorCode::FileReadFailed,
                     QCoreApplication::translate("ProjectReader", "The project file %1 could not be read: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString()),
                     path);
    }
    return readProject(json);
}

} // namespace Runtime
