// SPDX-License-Identifier: GPL-3.0-or-later
// CsvReader: a streaming RFC 4180 reader with encoding and delimiter detection.
#include "csvreader.h"

#include <QBuffer>
#include <QCoreApplication>

#include <algorithm>
#include <map>

namespace Runtime {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)
};

constexpr qint64 s_chunkBytes = 64 * 1024;
constexpr int s_detectRecords = 20;

inline bool isLineBreak(QChar c)
{
    return c == QLatin1Char('\n') || c == QLatin1Char('\r');
}

QStringDecoder decoderFor(CsvEncoding encoding)
{
    switch (encoding) {
    case CsvEncoding::Utf8:
        return QStringDecoder(QStringConverter::Utf8);
    case CsvEncoding::Utf16LE:
        return QStringDecoder(QStringConverter::Utf16LE);
    case CsvEncoding::Utf16BE:
        return QStringDecoder(QStringConverter::Utf16BE);
    case CsvEncoding::Windows1252: {
        QStringDecoder decoder("windows-1252");
        if (decoder.isValid())
            return decoder;
        return QStringDecoder(QStringConverter::Latin1);
    }
    case CsvEncoding::Latin1:
        break;
    }
    return QStringDecoder(QStringConverter::Latin1);
}

CsvEncoding detectEncoding(const QByteArray &sample)
{
    if (sample.startsWith("\xEF\xBB\xBF"))
        return CsvEncoding::Utf8;
    if (sample.startsWith("\xFF\xFE"))
        return CsvEncoding::Utf16LE;
    if (sample.startsWith("\xFE\xFF"))
        return CsvEncoding::Utf16BE;
    QStringDecoder utf8(QStringConverter::Utf8);
    const QString decoded = utf8.decode(sample); // a sequence cut at the end stays pending: no error
    if (!utf8.hasError())
        return CsvEncoding::Utf8;
    return QStringDecoder("windows-1252").isValid() ? CsvEncoding::Windows1252 : CsvEncoding::Latin1;
}

// Returns \a sample cut after its last line break, so that a trial read does not see a cut record.
QByteArray wholeLines(const QByteArray &sample, CsvEncoding encoding)
{
    const qsizetype lf = sample.lastIndexOf('\n');
    const qsizetype cr = sample.lastIndexOf('\r');
    const qsizetype pos = std::max(lf, cr);
    if (pos < 0)
        return sample;
    // In UTF-16LE the newline's second byte is the zero after it.
    return sample.left(encoding == CsvEncoding::Utf16LE ? pos + 2 : pos + 1);
}

// Returns the column counts of the first records of \a sample read with \a format; stops at an error.
QList<qsizetype> columnCounts(const QByteArray &sample, const CsvFormat &format)
{
    QByteArray data = sample;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, format);
    QList<qsizetype> counts;
    QStringList fields;
    while (counts.size() < s_detectRecords && reader.readRecord(fields))
        counts << fields.size();
    if (reader.hasError())
        counts.clear(); // a delimiter that makes the quotes malformed is not this file's
    return counts;
}
} // namespace

QString csvEncodingName(CsvEncoding encoding)
{
    switch (encoding) {
    case CsvEncoding::Utf8:
        return QStringLiteral("UTF-8");
    case CsvEncoding::Utf16LE:
        return QStringLiteral("UTF-16LE");
    case CsvEncoding::Utf16BE:
        return QStringLiteral("UTF-16BE");
    case CsvEncoding::Windows1252:
        return QStringLiteral("Windows-1252");
    case CsvEncoding::Latin1:
        break;
    }
    return QStringLiteral("ISO-8859-1");
}

CsvReader::CsvReader(QIODevice *device, const CsvFormat &format)
    : m_device(device), m_delimiter(format.delimiter), m_decoder(decoderFor(format.encoding))
{
}

CsvFormat CsvReader::detect(const QByteArray &sample, bool complete)
{
    CsvFormat format;
    format.encoding = detectEncoding(sample);
    const QByteArray lines = complete ? sample : wholeLines(sample, format.encoding);
    qsizetype bestColumns = 1;
    for (const QChar candidate : {QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t'), QLatin1Char('|')}) {
        const QList<qsizetype> counts = columnCounts(lines, {format.encoding, candidate});
        if (counts.isEmpty())
            continue;
        const bool consistent = std::all_of(counts.begin(), counts.end(),
            [&counts](qsizetype c) { return c == counts.front(); });
        if (consistent && counts.front() > bestColumns) {
            bestColumns = counts.front();
            format.delimiter = candidate;
        }
    }
    return format;
}

void CsvReader::fail(const QString &message)
{
    m_error = Error(ErrorCode::InvalidArgument, message);
}

bool CsvReader::fill()
{
    m_buffer = m_buffer.mid(m_pos); // keeps what is not consumed yet: a held-back CR
    m_pos = 0;
    while (!m_eof) {
        const QByteArray chunk = m_device->read(s_chunkBytes);
        if (chunk.isEmpty()) {
            m_eof = true;
            break;
        }
        m_bytesRead += chunk.size();
        const QString text = m_decoder.decode(chunk);
        if (m_decoder.hasError()) {
            fail(Text::tr("Line %1: the file is not valid %2 text. Choose the encoding it was saved in.")
                     .arg(m_line)
                     .arg(QString::fromLatin1(m_decoder.name())));
            m_eof = true;
            return false;
        }
        if (!text.isEmpty()) {
            m_buffer += text;
            return true;
        }
    }
    return false;
}

bool CsvReader::readRecord(QStringList &fields)
{
    // Records usually have as many fields as the one before (whose list the caller may have kept).
    const qsizetype previous = fields.size();
    fields.clear();
    fields.reserve(previous);
    if (hasError())
        return false;
    Parse parse;
    m_recordLine = m_line;
    for (;;) {
        // Until the end of the file, a CR ending the buffer is held back so that a CRLF split between
        // two chunks is seen whole.
        const bool heldCr = !m_eof && m_buffer.endsWith(QLatin1Char('\r'));
        const qsizetype size = m_buffer.size() - (heldCr ? 1 : 0);
        if (m_pos < size) {
            const Step step = advance(parse, fields, size);
            if (step == Step::More)
                continue;
            return step == Step::Record;
        }
        if (fill())
            continue;
        if (hasError())
            return false;
        if (m_pos < m_buffer.size())
            continue; // the end of the file: a held-back CR is a line break now
        if (parse.state == State::Quoted) {
            fail(Text::tr("Line %1: a quoted field starts here but its closing quote is missing before the "
                          "end of the file. Close the quote, or double any quote inside the field (\"\").")
                     .arg(parse.quoteLine));
            return false;
        }
        if (parse.state == State::FieldStart && fields.isEmpty())
            return false;
        fields << parse.field;
        return true;
    }
}

void CsvReader::takeBreak()
{
    if (m_buffer.at(m_pos) == QLatin1Char('\r') && m_pos + 1 < m_buffer.size() && m_buffer.at(m_pos + 1) == QLatin1Char('\n'))
        ++m_pos;
    ++m_pos;
    ++m_line;
}

CsvReader::Step CsvReader::advance(Parse &parse, QStringList &fields, qsizetype size)
{
    switch (parse.state) {
    case State::FieldStart:
        if (!startField(parse, fields))
            return Step::More;
        [[fallthrough]];
    case State::Unquoted:
        return readUnquoted(parse, fields, size);
    case State::Quoted:
        readQuoted(parse, size);
        return Step::More;
    case State::AfterQuote:
        return afterQuote(parse, fields);
    }
    return Step::Failed;
}

bool CsvReader::startField(Parse &parse, const QStringList &fields)
{
    const QChar c = m_buffer.at(m_pos);
    if (c == QLatin1Char('"')) {
        parse.state = State::Quoted;
        parse.quoteLine = m_line;
        ++m_pos;
        return false;
    }
    if (isLineBreak(c) && fields.isEmpty()) {
        takeBreak(); // an empty line holds no record
        m_recordLine = m_line;
        return false;
    }
    parse.state = State::Unquoted;
    return true;
}

CsvReader::Step CsvReader::readUnquoted(Parse &parse, QStringList &fields, qsizetype size)
{
    const QChar quote = QLatin1Char('"');
    const QChar *data = m_buffer.constData();
    const qsizetype start = m_pos;
    while (m_pos < size && data[m_pos] != m_delimiter && data[m_pos] != quote && !isLineBreak(data[m_pos]))
        ++m_pos;
    parse.field.append(data + start, m_pos - start);
    if (m_pos >= size)
        return Step::More;
    if (data[m_pos] == quote) {
        fail(Text::tr("Line %1, column %2: a quote inside an unquoted field. Put the whole field in "
                      "quotes and double the quotes inside it (\"a \"\"b\"\" c\").")
                 .arg(m_line)
                 .arg(fields.size() + 1));
        return Step::Failed;
    }
    return endField(parse, fields);
}

void CsvReader::readQuoted(Parse &parse, qsizetype size)
{
    const QChar quote = QLatin1Char('"');
    const QChar *data = m_buffer.constData();
    const qsizetype start = m_pos;
    while (m_pos < size && data[m_pos] != quote) {
        // A CR counts as a line only when no LF follows (the buffer holds the next character, or its
        // terminating null at the end of the file).
        if (data[m_pos] == QLatin1Char('\n') || (data[m_pos] == QLatin1Char('\r') && data[m_pos + 1] != QLatin1Char('\n')))
            ++m_line;
        ++m_pos;
    }
    parse.field.append(data + start, m_pos - start);
    if (m_pos < size) {
        ++m_pos;
        parse.state = State::AfterQuote;
    }
}

CsvReader::Step CsvReader::afterQuote(Parse &parse, QStringList &fields)
{
    const QChar c = m_buffer.at(m_pos);
    if (c == QLatin1Char('"')) {
        parse.field.append(c);
        ++m_pos;
        parse.state = State::Quoted;
        return Step::More;
    }
    if (c != m_delimiter && !isLineBreak(c)) {
        fail(Text::tr("Line %1, column %2: text after the closing quote of a quoted field. Put the whole "
                      "field in quotes and double the quotes inside it.")
                 .arg(m_line)
                 .arg(fields.size() + 1));
        return Step::Failed;
    }
    return endField(parse, fields);
}

CsvReader::Step CsvReader::endField(Parse &parse, QStringList &fields)
{
    // At m_pos: a delimiter or a line break.
    fields << parse.field;
    parse.field.clear();
    if (m_buffer.at(m_pos) == m_delimiter) {
        ++m_pos;
        parse.state = State::FieldStart;
        return Step::More;
    }
    takeBreak();
    return Step::Record;
}

} // namespace Runtime
