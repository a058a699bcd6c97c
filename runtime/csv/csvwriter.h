// SPDX-License-Identifier: GPL-3.0-or-later
// CsvWriter: writes RFC 4180 CSV rows to a device.
#pragma once

#include <QStringList>

class QIODevice;

namespace Runtime {

/** Writes RFC 4180 CSV to \a device in UTF-8: a field is quoted when it holds the delimiter, a quote, CR
    or LF (or starts or ends with a space), quotes inside are doubled, rows end with CRLF. Used for data
    export and for the rejected rows of a CSV import. The device must be open for writing. */
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice *device, QChar delimiter = QLatin1Char(','));

    /** Writes one row. */
    void writeRow(const QStringList &fields);
    /** Returns false once a write to the device failed. */
    bool ok() const { return m_ok; }

private:
    QIODevice *m_device;
    QChar m_delimiter;
    bool m_ok = true;
};

} // namespace Runtime
