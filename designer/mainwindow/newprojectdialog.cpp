// SPDX-License-Identifier: GPL-3.0-or-later
// NewProjectDialog: File > New: a blank project or one of the built-in templates.
#include "newprojectdialog.h"

#include "fileactions.h"
#include "model/project.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace Designer {

NewProjectDialog::NewProjectDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("newProjectDialog"));
    setWindowTitle(tr("New Project"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("templateList"));
    new QListWidgetItem(tr("Blank project"), m_list);
    m_descriptions << tr("An empty project without tables.");
    m_previews << QString();
    for (const QString &path : FileActions::templatePaths()) {
        const std::unique_ptr<Runtime::Project> project = FileActions::readTemplate(path);
        if (!project)
            continue;
        auto *item = new QListWidgetItem(project->name, m_list);
        item->setData(Qt::UserRole, path);
        QStringList tables;
        for (const Runtime::Table &table : project->tables)
            tables << table.name;
        m_descriptions << project->description;
        m_previews << tr("Tables: %1").arg(tables.join(QLatin1String(", ")));
    }
    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    m_preview = new QLabel(this);
    m_preview->setWordWrap(true);
    m_preview->setForegroundRole(QPalette::PlaceholderText);

    auto *listLabel = new QLabel(tr("&Start from:"), this);
    listLabel->setBuddy(m_list);
    auto *choice = new QVBoxLayout;
    choice->addWidget(listLabel);
    choice->addWidget(m_list);
    auto *details = new QVBoxLayout;
    details->addWidget(m_description);
    details->addWidget(m_preview);
    details->addStretch();
    auto *body = new QHBoxLayout;
    body->addLayout(choice, 1);
    body->addLayout(details, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);
    connect(m_list, &QListWidget::currentRowChanged, this, &NewProjectDialog::showDetails);
    m_list->setCurrentRow(0);
    resize(640, 360);
}

QString NewProjectDialog::templatePath() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void NewProjectDialog::showDetails(int row)
{
    m_description->setText(m_descriptions.value(row));
    m_preview->setText(m_previews.value(row));
}

} // namespace Designer
