// SPDX-License-Identifier: GPL-3.0-or-later
// Shared pieces of tst_postgrestparser's data-driven rows.
#pragma once

#include <QByteArray>

/** The request headers of one test row; empty: absent. */
struct Headers
{
    QByteArray prefer;
    QByteArray range;
    QByteArray rangeUnit;
};

/** Adds the columns (query, prefer, range, rangeUnit, code, message) and every error row. */
void addErrorRows();
