// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationDialog: asks whether to apply schema changes that would lose data while the project runs.
#include "migrationdialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Designer {

MigrationDialog::MigrationDialog(const QString &summary, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Apply Schema Changes?"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Bringing the local database to the project's schema would lose the data "
                                "listed below. Nothing changes until you apply it; meanwhile a running API "
                                "keeps serving the previous schema."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_summary = new QPlainTextEdit(summary, this);
    m_summary->setReadOnly(true);
    m_summary->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_summary->setAccessibleName(tr("Schema changes"));
    layout->addWidget(m_summary);
    auto *hint = new QLabel(
        tr("To keep the data, choose Not now and undo the edit (Ctrl+Z) or restore what was removed."), this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *apply = buttons->addButton(tr("Apply and Lose This Data"), QDialogButtonBox::AcceptRole);
    QPushButton *later = buttons->addButton(tr("Not Now"), QDialogButtonBox::RejectRole);
    later->setDefault(true);
    apply->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 340);
}

QString MigrationDialog::summary() const
{
    return m_summary->toPlainText();
}

} // namespace Designer
