// SPDX-License-Identifier: GPL-3.0-or-later
// The request console's small dialogs: a new test user, and the environments' variables.
#pragma once

#include "consolestore.h"

#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Designer {

class JsonEditor;
class KeyValueTable;

/** Asks for a new test user's email, password and optional profile data (a JSON object). "Sign Up" is
    enabled only when the email and password are filled in and the data is an object or empty; it emits
    signUpRequested() and keeps the dialog open: the owner signs the user up, then accept()s, or shows the
    server's refusal with showError() so nothing typed is lost. */
class NewTestUserDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewTestUserDialog(QWidget *parent = nullptr);

    QString email() const;
    QString password() const;
    QJsonObject data() const;
    /** Puts \a json (a JSON object's text, e.g. RequestSamples::signUpData()) in the profile data. */
    void setProfileData(const QString &json);
    /** Shows \a message (why signing up failed) and lets the user edit and try again. */
    void showError(const QString &message);

signals:
    /** Emitted when "Sign Up" is pressed with valid input. */
    void signUpRequested();

private:
    void updateState();
    void requestSignUp();

    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    JsonEditor *m_data = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_ok = nullptr;
};

/** Edits the environments: add, rename or remove one, and its variables as a name/value table. The
    built-in variables ({{baseUrl}}, {{anonKey}}, {{serviceKey}}) are listed, not editable. */
class EnvironmentDialog : public QDialog
{
    Q_OBJECT

public:
    EnvironmentDialog(const QList<ConsoleEnvironment> &environments, const QString &current, QWidget *parent = nullptr);

    QList<ConsoleEnvironment> environments() const { return m_environments; }
    QString current() const;

private:
    void keepTable();
    void showEnvironment(int index);
    void addEnvironment();
    void removeEnvironment();

    QList<ConsoleEnvironment> m_environments;
    QComboBox *m_names = nullptr;
    KeyValueTable *m_variables = nullptr;
    int m_shown = -1;
};

} // namespace Designer
