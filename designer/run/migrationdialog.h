// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationDialog: asks whether to apply schema changes that would lose data while the project runs.
#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace Designer {

/** Shows a migration's summary (each step; the destructive ones with what they would lose) and asks
    whether to apply it: "Apply and lose this data" accepts, "Not now" rejects (the running API keeps the
    old schema and the change keeps waiting). Made by the RunStatusWidget when the RunController asks. */
class MigrationDialog : public QDialog
{
    Q_OBJECT

public:
    explicit MigrationDialog(const QString &summary, QWidget *parent = nullptr);

    /** Returns the summary shown. */
    QString summary() const;

private:
    QPlainTextEdit *m_summary = nullptr;
};

} // namespace Designer
