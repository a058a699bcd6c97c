// SPDX-License-Identifier: GPL-3.0-or-later
// QueryScanner: reads one decoded query parameter character by character and reports where parsing failed.
#pragma once

#include "core/error.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace Runtime {

/** A cursor over the decoded value of one query parameter (or header), owned by the parse function
    that reads it. The first failure is kept; later ones are ignored, so parse functions can simply
    return false after calling fail(). Positions in messages count from 1, like PostgREST's columns. */
class QueryScanner
{
public:
    QueryScanner(QString parameter, QString text)
        : m_parameter(std::move(parameter))
        , m_text(std::move(text))
    { }

    const QString &parameter() const { return m_parameter; }
    const QString &text() const { return m_text; }
    qsizetype position() const { return m_pos; }
    void setPosition(qsizetype pos) { m_pos = pos; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    /** Returns the current character, or a null QChar at the end. */
    QChar peek(qsizetype ahead = 0) const;
    /** Returns true if the text at the current position starts with \a word. */
    bool lookingAt(QStringView word) const;
    /** Consumes \a c if it is the current character; returns whether it did. */
    bool accept(QChar c);
    /** Consumes \a word if the text continues with it; returns whether it did. */
    bool accept(QStringView word);
    void skipSpaces();
    /** Consumes and returns a run of ASCII letters, digits and '_' (empty if there is none). */
    QString identifier();
    /** Consumes and returns a name: an identifier, or a double-quoted name as postgrest-js writes column
        names (`"name"`, with `\"` and `\\` escaping a quote and a backslash). Empty if there is none;
        an unclosed quote records a failure. */
    QString name();
    /** Consumes and returns everything up to the end. */
    QString rest();

    /** Records `unexpected <token> at position <n> (expected <expected>)` for the current position;
        returns false. */
    bool unexpected(const QString &expected);
    bool unexpectedAt(qsizetype pos, const QString &expected);
    /** Records `<what> at position <n> is not supported` (\a why, if any, in parentheses); returns false. */
    bool unsupportedAt(qsizetype pos, const QString &what, const QString &why = {});
    /** Records a failure with a ready-made problem text (no position); returns false. */
    bool fail(const QString &problem);

    bool hasFailed() const { return m_error.has_value(); }
    /** Returns the BadQuery error: message `"<parameter>": <problem>`, and one Problem whose path is the
        parameter. */
    Error error() const;

private:
    QString tokenAt(qsizetype pos) const;

    QString m_parameter;
    QString m_text;
    qsizetype m_pos = 0;
    std::optional<QString> m_error;
};

/** Returns true for the characters of identifiers: ASCII letters, digits and '_'. */
bool isIdentifierChar(QChar c);

} // namespace Runtime
