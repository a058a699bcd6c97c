// SPDX-License-Identifier: GPL-3.0-or-later
// SecretsDialog: edits the secrets functions read with env.get(), kept beside the project, never in it.
#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QTableWidget;

namespace Designer {

/** Edits the project's function secrets (Runtime::readFunctionSecrets(): `<project>.local/secrets.env`) as a
    table of names and values, values hidden until asked. Saving writes the file atomically
    (Runtime::saveFunctionSecrets()); a bad name or a value with a line break is explained and nothing is
    written. The project file never holds them, so they stay out of git and out of exported bundles. */
class SecretsDialog : public QDialog
{
    Q_OBJECT

public:
    /** Edits the secrets of \a projectFile (which must have been saved). */
    explicit SecretsDialog(const QString &projectFile, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QCheckBox *showValuesBox() const { return m_showValues; }
    QLabel *problemLabel() const { return m_problem; }
    /** Adds an empty row and starts editing its name. */
    void addSecret();
    /** Saves; returns false (and shows why) if nothing could be written. */
    bool save();

private:
    void addRow(const QString &name, const QString &value);
    void updateMasks();

    QString m_projectFile;
    QTableWidget *m_table = nullptr;
    QCheckBox *m_showValues = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace Designer
