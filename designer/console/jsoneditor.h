// SPDX-License-Identifier: GPL-3.0-or-later
// JsonEditor: a highlighted JSON editor that checks its text as you type, or shows a response read-only.
#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QTimer;
class QsciScintilla;
class QsciLexerJSON;

namespace Designer {

/** A QScintilla editor with the JSON lexer in a monospace font, coloured from the widget's palette (so it
    reads well in dark themes), and a message line under it. While editable, the text is checked 200 ms
    after each change: a syntax error is underlined and described ("line 3, column 7: missing comma").
    Empty text is valid (a request without a body). Read-only mode shows a response; it is not checked.
    Owned by its parent widget. */
class JsonEditor : public QWidget
{
    Q_OBJECT

public:
    explicit JsonEditor(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);
    void setReadOnly(bool readOnly);
    bool isReadOnly() const;
    /** Switches JSON highlighting on or off (off for a response that is not JSON). */
    void setHighlighting(bool on);

    /** Checks the text now. Returns the error message shown, or an empty string if it is valid JSON. */
    QString check();
    /** Returns the message of the last check, empty if the text was valid. */
    QString errorMessage() const { return m_error; }

    QsciScintilla *editor() const { return m_editor; }

    /** Returns \a json re-indented with two spaces, keys in their original order (QJsonDocument would
        sort them), or \a json unchanged if it is not valid JSON. */
    static QString prettyPrinted(const QByteArray &json);

signals:
    void textChanged();
    /** Emitted after each check with the message shown (empty when valid). */
    void checked(const QString &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QsciScintilla *m_editor = nullptr;
    QsciLexerJSON *m_lexer = nullptr;
    QLabel *m_message = nullptr;
    QTimer *m_checkTimer = nullptr;
    QString m_error;
};

} // namespace Designer
