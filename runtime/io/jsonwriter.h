// SPDX-License-Identifier: GPL-3.0-or-later
// JsonWriter: writes JSON with keys in the order given, a 2-space indent and stable number formatting.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <vector>

namespace Runtime {

/** Writes JSON text one token at a time, keeping keys in the order they are written (QJsonDocument
    sorts them and indents by 4). Output: one member or element per line, a 2-space indent, arrays of
    strings on one line, and a final newline. Owned by whoever writes; used by the project writer.

    \code
    JsonWriter w;
    w.beginObject();
    w.member("name", project.name);
    w.endObject();
    QByteArray text = w.data();
    \endcode */
class JsonWriter
{
public:
    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    /** Starts the member \a key of the current object; the next value written is its value. */
    void key(const char *key);

    void value(const QString &text);
    void value(bool flag);
    void value(qint64 number);
    void value(int number) { value(qint64(number)); }
    void value(double number);
    /** Writes a string, number or boolean JSON value; integers stay integers. Other kinds write null. */
    void value(const QJsonValue &scalar);
    /** Writes \a strings as an array on one line: ["a", "b"]. */
    void value(const QStringList &strings);

    template<typename T>
    void member(const char *name, const T &v)
    {
        key(name);
        value(v);
    }

    /** Returns the text written so far, with the final newline once the outermost value is closed. */
    QByteArray data() const;

    /** Returns \a text as a JSON string literal: quotes, backslashes and control characters escaped,
        everything else kept as UTF-8. */
    static QByteArray quoted(const QString &text);
    /** Returns \a number in the shortest form that reads back to the same double; whole numbers (below
        2^53) without a decimal point or exponent. JSON has no NaN or infinity: those write 0. */
    static QByteArray formatNumber(double number);

private:
    void beforeValue();
    void open(char bracket, bool isArray);
    void close(char bracket);
    void newline();

    struct Level
    {
        bool isArray = false;
        int count = 0;
    };
    QByteArray m_out;
    std::vector<Level> m_levels;
    bool m_afterKey = false;
};

} // namespace Runtime
