// SPDX-License-Identifier: GPL-3.0-or-later
// NewProjectDialog: File > New: a blank project or one of the built-in templates.
#pragma once

#include <QDialog>

class QLabel;
class QListWidget;

namespace Designer {

/** Picks what a new project starts from: blank or a built-in template, showing each template's description
    and its tables. Shown modally by FileActions, on the stack. */
class NewProjectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewProjectDialog(QWidget *parent = nullptr);

    /** Returns the resource path of the chosen template, or an empty string for a blank project. */
    QString templatePath() const;

private:
    void showDetails(int row);

    QListWidget *m_list = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_preview = nullptr;
    QStringList m_descriptions;
    QStringList m_previews;
};

} // namespace Designer
