// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleStore: the request console's history, collections, environments and test users of one project.
#include "consolestore.h"

#include "auth/projectsecret.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace Designer {

namespace {

constexpr int s_formatVersion = 1;

const QString authNames[] = {QStringLiteral("none"), QStringLiteral("anon"), QStringLiteral("service"), QStringLiteral("user")};

// Reads the JSON object in \a path into \a object. Returns "" on success or when the file does not
// exist (\a object stays empty), else a message saying what is wrong with which file.
QString readObject(const QString &path, QJsonObject *object)
{
    QFile file(path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return ConsoleStore::tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject())
        return ConsoleStore::tr("%1 is not a JSON object (%2 at byte %3); it is left as it is until you fix or move it.")
            .arg(QDir::toNativeSeparators(path), error.errorString()).arg(error.offset);
    *object = document.object();
    return {};
}

bool writeObject(const QString &path, const QJsonObject &object, bool privateFolder, QString *error)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = ConsoleStore::tr("The folder %1 cannot be created.").arg(QDir::toNativeSeparators(info.absolutePath()));
        return false;
    }
    if (privateFolder)
        QFile::setPermissions(info.absolutePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(object).toJson(QJsonDocument::Indented)) < 0
        || !file.commit()) {
        if (error)
            *error = ConsoleStore::tr("%1 cannot be written: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace

QString consoleAuthName(ConsoleAuth auth)
{
    return authNames[int(auth)];
}

std::optional<ConsoleAuth> consoleAuthFromName(const QString &name)
{
    for (int i = 0; i < 4; ++i) {
        if (authNames[i] == name)
            return ConsoleAuth(i);
    }
    return std::nullopt;
}

QJsonObject ConsoleRequest::toJson() const
{
    QJsonObject object {{QStringLiteral("method"), method}, {QStringLiteral("url"), url},
        {QStringLiteral("auth"), consoleAuthName(auth)}};
    if (!name.isEmpty())
        object.insert(QStringLiteral("name"), name);
    if (!headers.isEmpty()) {
        QJsonArray list;
        for (const auto &[key, value] : headers)
            list.append(QJsonObject {{QStringLiteral("name"), key}, {QStringLiteral("value"), value}});
        object.insert(QStringLiteral("headers"), list);
    }
    if (!body.isEmpty())
        object.insert(QStringLiteral("body"), body);
    if (!user.isEmpty())
        object.insert(QStringLiteral("user"), user);
    if (explain)
        object.insert(QStringLiteral("explain"), true);
    return object;
}

ConsoleRequest ConsoleRequest::fromJson(const QJsonObject &object)
{
    ConsoleRequest request;
    request.name = object.value(QStringLiteral("name")).toString();
    request.method = object.value(QStringLiteral("method")).toString(request.method);
    request.url = object.value(QStringLiteral("url")).toString();
    for (const QJsonValue &header : object.value(QStringLiteral("headers")).toArray())
        request.headers.append({header[QStringLiteral("name")].toString(), header[QStringLiteral("value")].toString()});
    request.body = object.value(QStringLiteral("body")).toString();
    request.auth = consoleAuthFromName(object.value(QStringLiteral("auth")).toString()).value_or(ConsoleAuth::Anon);
    request.user = object.value(QStringLiteral("user")).toString();
    request.explain = object.value(QStringLiteral("explain")).toBool();
    return request;
}

ConsoleStore::ConsoleStore(QObject *parent)
    : QObject(parent)
{ }

void ConsoleStore::setProject(const QString &projectFile, const QByteArrayList &keys)
{
    m_projectFile = projectFile;
    m_keys = keys;
    load();
    emit historyChanged();
    emit collectionsChanged();
    emit usersChanged();
}

QString ConsoleStore::historyPath() const
{
    if (m_projectFile.isEmpty())
        return {};
    return QDir(Runtime::projectLocalFolder(m_projectFile)).filePath(QStringLiteral("console-history.json"));
}

QString ConsoleStore::usersPath() const
{
    if (m_projectFile.isEmpty())
        return {};
    return QDir(Runtime::projectLocalFolder(m_projectFile)).filePath(QStringLiteral("console-users.json"));
}

QString ConsoleStore::collectionsPath() const
{
    if (m_projectFile.isEmpty())
        return {};
    const QFileInfo info(m_projectFile);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".requests.json"));
}

void ConsoleStore::load()
{
    m_history.clear();
    m_collections.clear();
    m_environments.clear();
    m_users.clear();
    m_realtime = {};
    m_loadErrors.clear();
    m_collectionsReadable = m_historyReadable = m_usersReadable = true;
    if (m_projectFile.isEmpty())
        return;
    QJsonObject history;
    if (QString error = readObject(historyPath(), &history); !error.isEmpty()) {
        m_loadErrors << error;
        m_historyReadable = false;
    }
    for (const QJsonValue &value : history.value(QStringLiteral("history")).toArray()) {
        HistoryEntry entry;
        entry.request = ConsoleRequest::fromJson(value[QStringLiteral("request")].toObject());
        entry.status = value[QStringLiteral("status")].toInt();
        entry.elapsedMs = value[QStringLiteral("elapsedMs")].toDouble();
        entry.sentAt = QDateTime::fromString(value[QStringLiteral("sentAt")].toString(), Qt::ISODateWithMs);
        m_history.append(entry);
    }
    QJsonObject saved;
    if (QString error = readObject(collectionsPath(), &saved); !error.isEmpty()) {
        m_loadErrors << error;
        m_collectionsReadable = false;
    }
    for (const QJsonValue &value : saved.value(QStringLiteral("collections")).toArray()) {
        RequestCollection collection;
        collection.name = value[QStringLiteral("name")].toString();
        for (const QJsonValue &request : value[QStringLiteral("requests")].toArray())
            collection.requests.append(ConsoleRequest::fromJson(request.toObject()));
        m_collections.append(collection);
    }
    for (const QJsonValue &value : saved.value(QStringLiteral("environments")).toArray()) {
        ConsoleEnvironment environment;
        environment.name = value[QStringLiteral("name")].toString();
        const QJsonObject variables = value[QStringLiteral("variables")].toObject();
        for (auto it = variables.begin(); it != variables.end(); ++it)
            environment.variables.append({it.key(), it.value().toString()});
        m_environments.append(environment);
    }
    QJsonObject users;
    if (QString error = readObject(usersPath(), &users); !error.isEmpty()) {
        m_loadErrors << error;
        m_usersReadable = false;
    }
    for (const QJsonValue &value : users.value(QStringLiteral("users")).toArray())
        m_users.append({value[QStringLiteral("email")].toString(), value[QStringLiteral("password")].toString(),
            value[QStringLiteral("id")].toString()});
    QJsonObject realtime; // unreadable: the inspector starts empty and overwrites it on its next join
    readObject(realtimePath(), &realtime);
    m_realtime = realtime.value(QStringLiteral("realtime")).toObject();
}

QString ConsoleStore::realtimePath() const
{
    if (m_projectFile.isEmpty())
        return {};
    return QDir(Runtime::projectLocalFolder(m_projectFile)).filePath(QStringLiteral("console-realtime.json"));
}

void ConsoleStore::setRealtimeSettings(const QJsonObject &settings)
{
    m_realtime = settings;
    if (!m_projectFile.isEmpty())
        writeObject(realtimePath(),
            {{QStringLiteral("format"), s_formatVersion}, {QStringLiteral("realtime"), settings}}, true,
            nullptr);
}

void ConsoleStore::addHistory(const HistoryEntry &entry)
{
    HistoryEntry kept = entry;
    kept.request = withoutSecrets(entry.request, m_keys);
    m_history.prepend(kept);
    while (m_history.size() > s_historyLimit)
        m_history.removeLast();
    writeHistory();
    emit historyChanged();
}

void ConsoleStore::clearHistory()
{
    m_history.clear();
    writeHistory();
    emit historyChanged();
}

void ConsoleStore::writeHistory()
{
    if (m_projectFile.isEmpty() || !m_historyReadable)
        return;
    QJsonArray list;
    for (const HistoryEntry &entry : std::as_const(m_history))
        list.append(QJsonObject {{QStringLiteral("request"), entry.request.toJson()},
            {QStringLiteral("status"), entry.status}, {QStringLiteral("elapsedMs"), entry.elapsedMs},
            {QStringLiteral("sentAt"), entry.sentAt.toUTC().toString(Qt::ISODateWithMs)}});
    writeObject(historyPath(), {{QStringLiteral("format"), s_formatVersion}, {QStringLiteral("history"), list}}, true, nullptr);
}

bool ConsoleStore::saveRequest(const QString &collection, const ConsoleRequest &request, QString *error)
{
    const ConsoleRequest kept = withoutSecrets(request, m_keys);
    auto it = std::find_if(m_collections.begin(), m_collections.end(),
        [&collection](const RequestCollection &c) { return c.name == collection; });
    if (it == m_collections.end())
        it = m_collections.insert(m_collections.end(), RequestCollection {collection, {}});
    auto same = std::find_if(it->requests.begin(), it->requests.end(),
        [&kept](const ConsoleRequest &r) { return r.name == kept.name; });
    if (same != it->requests.end())
        *same = kept;
    else
        it->requests.append(kept);
    const bool written = writeCollections(error);
    emit collectionsChanged();
    return written;
}

bool ConsoleStore::removeRequest(const QString &collection, const QString &name, QString *error)
{
    for (qsizetype i = 0; i < m_collections.size(); ++i) {
        if (m_collections.at(i).name != collection)
            continue;
        m_collections[i].requests.removeIf([&name](const ConsoleRequest &r) { return r.name == name; });
        if (m_collections.at(i).requests.isEmpty())
            m_collections.removeAt(i);
        break;
    }
    const bool written = writeCollections(error);
    emit collectionsChanged();
    return written;
}

bool ConsoleStore::setEnvironments(const QList<ConsoleEnvironment> &environments, QString *error)
{
    m_environments = environments;
    const bool written = writeCollections(error);
    emit collectionsChanged();
    return written;
}

bool ConsoleStore::writeCollections(QString *error)
{
    if (m_projectFile.isEmpty())
        return true;
    if (!m_collectionsReadable) {
        if (error)
            *error = tr("%1 could not be read when the project was opened; fix or move it, then reopen the project. "
                        "Your change is kept until the console is closed.").arg(QDir::toNativeSeparators(collectionsPath()));
        return false;
    }
    QJsonArray collections;
    for (const RequestCollection &collection : std::as_const(m_collections)) {
        QJsonArray requests;
        for (const ConsoleRequest &request : collection.requests)
            requests.append(request.toJson());
        collections.append(QJsonObject {{QStringLiteral("name"), collection.name}, {QStringLiteral("requests"), requests}});
    }
    QJsonArray environments;
    for (const ConsoleEnvironment &environment : std::as_const(m_environments)) {
        QJsonObject variables;
        for (const auto &[name, value] : environment.variables)
            variables.insert(name, value);
        environments.append(QJsonObject {{QStringLiteral("name"), environment.name}, {QStringLiteral("variables"), variables}});
    }
    return writeObject(collectionsPath(),
        {{QStringLiteral("format"), s_formatVersion}, {QStringLiteral("collections"), collections},
            {QStringLiteral("environments"), environments}},
        false, error);
}

const TestUser *ConsoleStore::user(const QString &email) const
{
    for (const TestUser &user : m_users) {
        if (user.email.compare(email, Qt::CaseInsensitive) == 0)
            return &user;
    }
    return nullptr;
}

void ConsoleStore::rememberUser(const TestUser &user)
{
    m_users.removeIf([&user](const TestUser &u) { return u.email.compare(user.email, Qt::CaseInsensitive) == 0; });
    m_users.append(user);
    if (!m_projectFile.isEmpty() && m_usersReadable) {
        QJsonArray list;
        for (const TestUser &u : std::as_const(m_users))
            list.append(QJsonObject {{QStringLiteral("email"), u.email}, {QStringLiteral("password"), u.password},
                {QStringLiteral("id"), u.id}});
        writeObject(usersPath(), {{QStringLiteral("format"), s_formatVersion}, {QStringLiteral("users"), list}}, true, nullptr);
    }
    emit usersChanged();
}

QString ConsoleStore::substitute(const QString &text, const QHash<QString, QString> &variables, QStringList *unknown)
{
    static const QRegularExpression variable(QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*\\}\\}"));
    QString result;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = variable.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        result += QStringView(text).mid(last, match.capturedStart() - last);
        const QString name = match.captured(1);
        if (variables.contains(name)) {
            result += variables.value(name);
        } else {
            result += match.captured(0);
            if (unknown && !unknown->contains(name))
                unknown->append(name);
        }
        last = match.capturedEnd();
    }
    result += QStringView(text).mid(last);
    return result;
}

ConsoleRequest ConsoleStore::withoutSecrets(ConsoleRequest request, const QByteArrayList &keys)
{
    static const QStringList names {QStringLiteral("{{anonKey}}"), QStringLiteral("{{serviceKey}}")};
    static const QRegularExpression jwt(QStringLiteral("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"));
    auto clean = [&keys](QString text) {
        for (qsizetype i = 0; i < keys.size() && i < names.size(); ++i) {
            if (!keys.at(i).isEmpty())
                text.replace(QString::fromLatin1(keys.at(i)), names.at(i));
        }
        text.replace(jwt, QStringLiteral("{{accessToken}}"));
        return text;
    };
    request.url = clean(request.url);
    request.body = clean(request.body);
    for (auto &header : request.headers)
        header.second = clean(header.second);
    return request;
}

} // namespace Designer
