// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of RowRule and RowVisibility: permission rules decided in memory exactly as their SQL decides them.
#pragma once

#include <QObject>

class tst_RowRules : public QObject
{
    Q_OBJECT

private slots:
    void evaluate_data();
    void evaluate();
    void engines_data();
    void engines();
    void textOrderOf_data();
    void textOrderOf();
    void compileErrorsMatchTheCompiler_data();
    void compileErrorsMatchTheCompiler();
    void visibility_data();
    void visibility();
    void columns();
    void threads();
    // differential.cpp: the verdicts against RecordStore::read on real databases
    void differential_data();
    void differential();
};
