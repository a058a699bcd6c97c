// SPDX-License-Identifier: GPL-3.0-or-later
// CsvReader: a streaming RFC 4180 reader with encoding and delimiter detection.
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QString>
#include <QStringDecoder>
#include <QStringList>

class QIODevice;

namespace Runtime {

/** The text encodings a CSV file may be read in. */
enum class CsvEncoding { Utf8, Utf16LE, Utf16BE, Windows1252, Latin1 };

/** Returns the display name of \a encoding ("UTF-8", "Windows-1252", ...); not translated. */
QString csvEncodingName(CsvEncoding encoding);

/** How a CSV file is written: its encoding and delimiter. */
struct CsvFormat
{
    CsvEncoding encoding = CsvEncoding::Utf8;
    QChar delimiter = QLatin1Char(',');
    bool operator==(const CsvFormat &) const = default;
};

/** Reads RFC 4180 records from a device one at a time, without loading the whole file: quoted fields
    may hold delimiters, doubled quotes and line breaks; lines end in CRLF, LF or CR; the last line may
    lack its line break; a byte order mark is skipped. Empty lines are skipped. Malformed input (a quote
    inside an unquoted field, text after a closing quote, a quoted field still open at the end of the
    file) stops the reader with an error naming the line. The caller owns the device, which must be open
    for reading and outlive the reader. Used on one thread. */
class CsvReader
{
public:
    CsvReader(QIODevice *device, const CsvFormat &format);

    /** Reads the next record into \a fields. Returns false at the end of the input or on an error
        (hasError() tells which). */
    bool readRecord(QStringList &fields);

    /** Returns the line (1-based) on which the last record read started. */
    qint64 recordLine() const { return m_recordLine; }
    /** Returns how many bytes were read from the device so far (for progress). */
    qint64 bytesRead() const { return m_bytesRead; }
    bool hasError() const { return !m_error.message.isEmpty(); }
    /** Returns the error that stopped the reader (InvalidArgument, with the line and a fix). */
    const Error &error() const { return m_error; }

    /** Returns the format \a sample (the first bytes of a file) is most likely written in: the
        encoding from its byte order mark, else UTF-8 if it is valid UTF-8, else Windows-1252 (Latin-1
        where Qt has no Windows-1252 codec); the delimiter among , ; tab | that gives the same number of
        columns (more than one) on the first records, outside quotes. \a complete says whether \a sample
        is the whole file (otherwise its last, possibly cut, record is not counted). */
    static CsvFormat detect(const QByteArray &sample, bool complete);

private:
    enum class State { FieldStart, Unquoted, Quoted, AfterQuote };
    enum class Step { More, Record, Failed };
    /** Where the parse of a record stands. */
    struct Parse
    {
        State state = State::FieldStart;
        QString field;
        qint64 quoteLine = 0;
    };

    bool fill();
    void fail(const QString &message);
    /** Parses from m_pos up to \a size (exclusive) as far as one field or line break. */
    Step advance(Parse &parse, QStringList &fields, qsizetype size);
    /** Starts a field at m_pos. Returns false if this step is done: a quoted field was opened or an
        empty line skipped; true if the field is unquoted and is to be read now. */
    bool startField(Parse &parse, const QStringList &fields);
    /** Reads an unquoted field up to \a size; ends it at a delimiter or line break, fails at a quote. */
    Step readUnquoted(Parse &parse, QStringList &fields, qsizetype size);
    /** Reads a quoted field up to its next quote or \a size, counting the line breaks inside it. */
    void readQuoted(Parse &parse, qsizetype size);
    /** Handles the character after a quote in a quoted field: a doubled quote, or the field's end. */
    Step afterQuote(Parse &parse, QStringList &fields);
    /** Ends the field at the delimiter or line break at m_pos. */
    Step endField(Parse &parse, QStringList &fields);
    /** Consumes the line break (CRLF, LF or CR) at m_pos and counts the line. */
    void takeBreak();

    QIODevice *m_device;
    QChar m_delimiter;
    QStringDecoder m_decoder;
    QString m_buffer;
    qsizetype m_pos = 0;
    bool m_eof = false;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    qint64 m_bytesRead = 0;
    Error m_error;
};

} // namespace Runtime
