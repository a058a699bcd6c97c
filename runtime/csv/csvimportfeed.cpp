// SPDX-License-Identifier: GPL-3.0-or-later
// CsvRowFeed: reads, converts and packs CSV records on a thread of its own, ahead of the import's inserts.
#include "csvimporter_p.h"

#include <iterator>
#include <system_error>

namespace Runtime {

namespace {
constexpr size_t s_chunkRows = 1024;
constexpr size_t s_queuedChunks = 8; // about 8,000 rows ahead: enough to ride out a commit
} // namespace

void csvPackSqliteValues(const QVariantList &values, QByteArray &out)
{
    out.clear();
    out.reserve(values.size() * 16);
    for (const QVariant &value : values)
        out += value.isNull() ? '0' : '1';
    const auto append = [&out](char type, const void *data, qsizetype size) {
        out += type;
        out.append(static_cast<const char *>(data), size);
    };
    const auto appendBytes = [&out](char type, const QByteArray &bytes) {
        const qint32 size = qint32(bytes.size());
        out += type;
        out.append(reinterpret_cast<const char *>(&size), sizeof size);
        out += bytes;
    };
    for (const QVariant &value : values) {
        if (value.isNull())
            continue;
        switch (value.metaType().id()) {
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong: {
            const qint64 integer = value.toLongLong();
            append('i', &integer, sizeof integer);
            break;
        }
        case QMetaType::Double: {
            const double number = value.toDouble();
            append('d', &number, sizeof number);
            break;
        }
        case QMetaType::QByteArray:
            appendBytes('b', value.toByteArray());
            break;
        default:
            appendBytes('t', value.toString().toUtf8());
            break;
        }
    }
}

CsvRowFeed::CsvRowFeed(CsvReader &reader, CsvRowConverter &converter, qsizetype expected, bool pack, bool threaded)
    : m_reader(reader), m_converter(converter), m_expected(expected), m_pack(pack)
{
    if (!threaded)
        return;
    try {
        m_thread = std::thread(&CsvRowFeed::produce, this);
    } catch (const std::system_error &) {
        // No thread to be had: next() reads on the caller's thread instead.
    }
}

CsvRowFeed::~CsvRowFeed()
{
    (void)finish();
}

void CsvRowFeed::fill(Chunk &chunk)
{
    chunk.rows.reserve(s_chunkRows);
    QStringList record;
    while (chunk.rows.size() < s_chunkRows) {
        if (!m_reader.readRecord(record)) {
            chunk.end = true;
            if (m_reader.hasError())
                chunk.error = m_reader.error();
            break;
        }
        CsvConvertedRow row {m_reader.recordLine(), record, {}, {}};
        if (m_expected < 0)
            m_expected = record.size();
        if (record.size() != m_expected)
            row.problems << CsvRowProblem {-1, {}, ErrorCode::InvalidArgument,
                QStringLiteral("has %1 columns, the file has %2").arg(record.size()).arg(m_expected)};
        else
            row.problems = m_converter.convert(record, row.values);
        if (m_pack && row.problems.isEmpty())
            csvPackSqliteValues(row.values, row.packed);
        chunk.rows.push_back(std::move(row));
    }
    chunk.bytesRead = m_reader.bytesRead();
}

void CsvRowFeed::produce()
{
    std::vector<CsvPendingRow> spent;
    for (bool end = false; !end;) {
        {
            std::lock_guard lock(m_mutex);
            spent.swap(m_spent); // hands back the capacity freed last time
        }
        spent.clear();
        Chunk chunk;
        fill(chunk);
        end = chunk.end;
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_stop || m_queue.size() < s_queuedChunks; });
        m_queue.push_back(std::move(chunk)); // after a stop too: finish() hands its rows back
        m_changed.notify_all();
        if (m_stop)
            break;
    }
}

void CsvRowFeed::next(Chunk &chunk)
{
    chunk = Chunk();
    if (!m_thread.joinable()) {
        fill(chunk);
        return;
    }
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_queue.empty(); });
    chunk = std::move(m_queue.front());
    m_queue.pop_front();
    m_changed.notify_all();
}

void CsvRowFeed::recycle(std::vector<CsvPendingRow> &rows)
{
    if (m_thread.joinable()) {
        std::lock_guard lock(m_mutex);
        if (!m_stop)
            std::move(rows.begin(), rows.end(), std::back_inserter(m_spent));
    }
    rows.clear();
}

std::vector<CsvConvertedRow> CsvRowFeed::finish()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    std::vector<CsvConvertedRow> rest;
    for (Chunk &chunk : m_queue) {
        for (CsvConvertedRow &row : chunk.rows)
            rest.push_back(std::move(row));
    }
    m_queue.clear();
    m_spent.clear();
    return rest;
}

} // namespace Runtime
