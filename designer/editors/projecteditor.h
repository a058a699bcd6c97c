// SPDX-License-Identifier: GPL-3.0-or-later
// ProjectEditor: the properties pane of the project itself: name, description, users settings and roles.
#pragma once

#include "commands/projectcommands.h"
#include "document/changeevent.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace Designer {

class ProjectDocument;

/** Edits the project's name, description, user settings (users table, role field, token claims, token
    lifetime, password length) and custom roles. Each change is one ChangeProjectProperties with a translated
    text; typing in the name or description merges into one step. Shows the validator's messages about
    settings and roles. Owned by the properties dock, which shows it when nothing is selected. */
class ProjectEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ProjectEditor(ProjectDocument *document, QWidget *parent = nullptr);

private:
    void documentChanged(const ChangeEvent &event);
    void refresh();
    void refreshUsersTable(const ProjectProperties &shown);
    void refreshRoleField(const ProjectProperties &shown);
    void refreshClaims(const ProjectProperties &shown);
    void refreshRoles(const ProjectProperties &shown);
    void refreshProblems();
    void apply(const ProjectProperties &after, const QString &text, const QString &mergeKey = {});
    ProjectProperties current() const;
    void nameEdited(const QString &name);
    void descriptionEdited();
    void usersTableActivated(int index);
    void roleFieldActivated(int index);
    void claimChanged(QListWidgetItem *item);
    void tokenLifetimeChanged(int seconds);
    void passwordLengthChanged(int length);
    void roleChanged(QListWidgetItem *item);
    void addRole();
    void removeRole();

    QPointer<ProjectDocument> m_document;
    bool m_refreshing = false;
    QLineEdit *m_nameEdit = nullptr;
    QPlainTextEdit *m_descriptionEdit = nullptr;
    QComboBox *m_usersTableCombo = nullptr;
    QComboBox *m_roleFieldCombo = nullptr;
    QListWidget *m_claimsList = nullptr;
    QSpinBox *m_tokenLifetimeSpin = nullptr;
    QSpinBox *m_passwordLengthSpin = nullptr;
    QListWidget *m_rolesList = nullptr;
    QPushButton *m_addRoleButton = nullptr;
    QPushButton *m_removeRoleButton = nullptr;
    QLabel *m_problemLabel = nullptr;
    QToolButton *m_advancedToggle = nullptr; ///< folds the advanced sign-in settings away
    QWidget *m_advanced = nullptr;
};

} // namespace Designer
