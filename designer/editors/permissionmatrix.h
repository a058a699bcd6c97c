// SPDX-License-Identifier: GPL-3.0-or-later
// PermissionMatrix: the grid of the permissions editor: its set-up, cells, colours and legend.
#pragma once

#include "model/project.h"

class QColor;
class QGridLayout;
class QPalette;
class QTableWidget;
class QWidget;

namespace Designer::PermissionMatrix {

/** The operations of the grid's columns, in order. */
inline constexpr Runtime::Operation operations[] = {Runtime::Operation::Select, Runtime::Operation::Insert,
    Runtime::Operation::Update, Runtime::Operation::Delete};

/** Returns \a hue laid over the palette's base colour: readable with the palette's text colour. */
QColor tint(const QPalette &palette, const QColor &hue);
/** Sets up \a matrix: one column per operation, single selection, wrapped rules. */
void setUp(QTableWidget *matrix);
/** Returns the colour legend of the grid, its labels children of \a parent. */
QGridLayout *createLegend(QWidget *parent);
/** Shows in the cell \a row, \a column of \a matrix the rule of \a table, or "nobody" if \a rule is null. */
void showRule(QTableWidget *matrix, int row, int column, const Runtime::Project &project,
    const Runtime::Table &table, const Runtime::PermissionRule *rule);
/** Limits the height of \a matrix to its rows, so a short project leaves no empty grid. */
void fitHeight(QTableWidget *matrix);

} // namespace Designer::PermissionMatrix
