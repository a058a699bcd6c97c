// SPDX-License-Identifier: GPL-3.0-or-later
// ResponseView: the request console's answer pane: status, time, size, headers, body and explanation.
#pragma once

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QLabel;
class QTabWidget;
class QTreeWidget;

namespace Designer {

class JsonEditor;
class KeyValueTable;
struct ApiReply;

/** Shows one reply: the status (coloured by class), the time and size, the response headers, the body
    (pretty-printed and highlighted when it is JSON, or raw), and the runtime's X-Basalt-Explain header
    as a tree: per table the operation, the access granted, the rules and their SQL condition, and the
    rows matched, allowed and excluded; the decision and the reason a write was refused above it.
    Owned by the RequestConsole. */
class ResponseView : public QWidget
{
    Q_OBJECT

public:
    explicit ResponseView(QWidget *parent = nullptr);

    void showReply(const ApiReply &reply);
    /** Shows \a message in place of a reply (nothing was sent, or no answer came). */
    void showMessage(const QString &message, bool error);
    void showPending();
    /** Shows \a hint (what to do about the reply shown) under the status, until the next reply or message. */
    void showHint(const QString &hint);
    QString hintText() const;

    QString statusText() const;
    QString bodyText() const;
    /** Returns the X-Basalt-Explain object of the shown reply, empty if it had none. */
    QJsonObject explanation() const { return m_explanation; }
    /** Returns the explanation as shown: one line per tree row, columns separated by " | ". */
    QString explanationText() const;
    QTreeWidget *explainTree() const { return m_explainTree; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    void showBody();
    void showExplanation();

    QLabel *m_status = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_size = nullptr;
    QLabel *m_hint = nullptr;
    QCheckBox *m_raw = nullptr;
    QTabWidget *m_tabs = nullptr;
    JsonEditor *m_body = nullptr;
    KeyValueTable *m_headers = nullptr;
    QWidget *m_explainPage = nullptr;
    QLabel *m_explainSummary = nullptr;
    QTreeWidget *m_explainTree = nullptr;
    QByteArray m_rawBody;
    bool m_isJson = false;
    QJsonObject m_explanation;
};

} // namespace Designer
