// SPDX-License-Identifier: GPL-3.0-or-later
// TableExport: writes a table, or the data browser's current view of it, to a CSV or JSON file.
#include "tableexport.h"

#include "csv/csvwriter.h"
#include "run/apiclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkReply>
#include <QSaveFile>

namespace Designer {

namespace {
// A value standing alone as JSON text ("1", "\"a\"", "{\"k\":1}", "null").
QByteArray jsonText(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QString csvText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == double(qint64(number)) && qAbs(number) < 9.0e15)
            return QString::number(qint64(number));
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    default:
        return QString::fromUtf8(jsonText(value));
    }
}
} // namespace

TableExport::TableExport(ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

TableExport::~TableExport()
{
    if (m_reply)
        m_reply->abort();
    if (m_file)
        m_file->cancelWriting();
}

TableExport::Format TableExport::formatForPath(const QString &path)
{
    return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? Format::Json : Format::Csv;
}

bool TableExport::start(const QString &table, const QByteArray &query, const QStringList &columns,
    Format format, const QString &path)
{
    if (m_file) {
        m_error = tr("An export is already running.");
        return false;
    }
    auto file = std::make_unique<QSaveFile>(path);
    if (!file->open(QIODevice::WriteOnly)) {
        m_error = tr("Cannot write %1: %2. Choose another folder or file name.").arg(path, file->errorString());
        return false;
    }
    m_file = std::move(file);
    m_table = table;
    m_query = query;
    m_columns = columns;
    m_format = format;
    m_written = 0;
    m_total = -1;
    m_error.clear();
    bool ok = true;
    if (format == Format::Csv) {
        Runtime::CsvWriter writer(m_file.get());
        writer.writeRow(columns);
        ok = writer.ok();
    } else {
        ok = m_file->write("[") == 1;
    }
    if (!ok) {
        m_error = tr("Cannot write %1: %2.").arg(path, m_file->errorString());
        m_file->cancelWriting();
        m_file.reset();
        return false;
    }
    requestNextPage();
    return true;
}

void TableExport::cancel()
{
    if (!m_file)
        return;
    if (m_reply)
        m_reply->abort();
    finish(false, QString());
}

void TableExport::requestNextPage()
{
    ApiRequest request;
    request.url = QUrl(QStringLiteral("/rest/v1/") + QString::fromUtf8(QUrl::toPercentEncoding(m_table))
        + QLatin1Char('?') + QString::fromLatin1(m_query)
        + QStringLiteral("&limit=%1&offset=%2").arg(m_pageSize).arg(m_written));
    request.headers = m_client->serviceHeaders();
    if (m_total < 0)
        request.headers.append({QByteArrayLiteral("Prefer"), QByteArrayLiteral("count=exact")});
    m_reply = m_client->send(request, this, [this](const ApiReply &reply) { pageArrived(reply); });
}

void TableExport::pageArrived(const ApiReply &reply)
{
    m_reply = nullptr;
    if (!m_file)
        return;
    if (reply.status != 200 && reply.status != 206 && reply.status != 416) {
        const QJsonObject error = QJsonDocument::fromJson(reply.body).object();
        QString message = reply.networkError;
        if (message.isEmpty())
            message = error.value(QLatin1String("message")).toString();
        finish(false, tr("Reading %1 failed after %n rows: %2", nullptr, int(m_written)).arg(m_table, message));
        return;
    }
    const QByteArray range = reply.header("Content-Range");
    if (m_total < 0 && range.contains('/'))
        m_total = range.mid(range.indexOf('/') + 1).toLongLong();
    const qint64 before = m_written;
    if (reply.status != 416 && !writeRows(reply.body)) {
        finish(false, tr("Writing %1 failed: %2").arg(m_file->fileName(), m_file->errorString()));
        return;
    }
    emit progressChanged(m_written, m_total);
    if (m_written - before < m_pageSize)
        finish(true, QString());
    else
        requestNextPage();
}

bool TableExport::writeRows(const QByteArray &body)
{
    const QJsonArray rows = QJsonDocument::fromJson(body).array();
    if (m_format == Format::Csv) {
        Runtime::CsvWriter writer(m_file.get());
        QStringList fields;
        for (const QJsonValue &row : rows) {
            const QJsonObject object = row.toObject();
            fields.clear();
            for (const QString &column : std::as_const(m_columns))
                fields << csvText(object.value(column));
            writer.writeRow(fields);
            ++m_written;
        }
        return writer.ok();
    }
    QByteArray text;
    for (const QJsonValue &row : rows) {
        const QJsonObject object = row.toObject();
        text += m_written == 0 ? "\n{" : ",\n{";
        for (qsizetype c = 0; c < m_columns.size(); ++c) {
            if (c > 0)
                text += ',';
            text += jsonText(m_columns.at(c)) + ':' + jsonText(object.value(m_columns.at(c)));
        }
        text += '}';
        ++m_written;
    }
    return m_file->write(text) == text.size();
}

void TableExport::finish(bool ok, const QString &message)
{
    QString reason = message;
    if (ok && m_format == Format::Json && m_file->write("\n]\n") != 3) {
        ok = false;
        reason = tr("Writing %1 failed: %2").arg(m_file->fileName(), m_file->errorString());
    }
    if (ok && !m_file->commit()) {
        ok = false;
        m_error = tr("Saving %1 failed: %2").arg(m_file->fileName(), m_file->errorString());
    } else if (!ok) {
        m_file->cancelWriting();
        m_error = reason;
    }
    m_file.reset();
    emit finished(ok, ok ? QString() : m_error);
}

} // namespace Designer
