// SPDX-License-Identifier: GPL-3.0-or-later
// CsvWriter: writes RFC 4180 CSV rows to a device.
#include "csvwriter.h"

#include <QIODevice>

namespace Runtime {

CsvWriter::CsvWriter(QIODevice *device, QChar delimiter)
    : m_device(device)
    , m_delimiter(delimiter)
{
}

namespace {
bool needsQuotes(const QString &field, QChar delimiter)
{
    if (field.isEmpty())
        return false;
    if (field.front() == QLatin1Char(' ') || field.back() == QLatin1Char(' '))
        return true;
    for (const QChar c : field) {
        if (c == delimiter || c == QLatin1Char('"') || c == QLatin1Char('\r') || c == QLatin1Char('\n'))
            return true;
    }
    return false;
}
} // namespace

void CsvWriter::writeRow(const QStringList &fields)
{
    if (!m_ok)
        return;
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += m_delimiter;
        const QString &field = fields.at(i);
        if (needsQuotes(field, m_delimiter)) {
            QString quoted = field;
            quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
            line += QLatin1Char('"') + quoted + QLatin1Char('"');
        } else {
            line += field;
        }
    }
    line += QLatin1String("\r\n");
    const QByteArray bytes = line.toUtf8();
    if (!m_device || m_device->write(bytes) != bytes.size())
        m_ok = false;
}

} // namespace Runtime
