// SPDX-License-Identifier: GPL-3.0-or-later
// RowWriter: serialises result rows straight into the response body (JSON array, object or CSV).
#pragma once

#include "storage/recordstore.h"
#include "storage/selectbuilder.h"

#include <QByteArray>

class QSqlQuery;

namespace Runtime {

/** Writes the rows of a read into a QByteArray in the request's format, in select order, without
    building any intermediate JSON objects. Embedded resources arrive as JSON text and are spliced in. */
class RowWriter
{
public:
    /** \a compactJson: whether JSON text from the database needs no compacting. */
    RowWriter(const std::vector<OutputColumn> &columns, ResultFormat format, bool compactJson)
        : m_columns(columns), m_format(format), m_compact(compactJson) {}

    /** Appends what comes before the rows: `[` or the CSV header line. */
    void begin(QByteArray &out) const;
    /** Appends the current row of \a query; \a first says whether a separator is needed. */
    void appendRow(QByteArray &out, const QSqlQuery &query, bool first) const;
    /** Appends what comes after the rows. */
    void end(QByteArray &out) const;

private:
    const std::vector<OutputColumn> &m_columns;
    ResultFormat m_format;
    bool m_compact;
};

} // namespace Runtime
