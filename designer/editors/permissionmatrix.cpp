// SPDX-License-Identifier: GPL-3.0-or-later
// PermissionMatrix: the grid of the permissions editor: its set-up, cells, colours and legend.
// The texts keep the context of the PermissionEditor they were written for, and so their translations.
#include "permissionmatrix.h"

#include "rules/rulecompiler.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>

namespace Designer::PermissionMatrix {

QColor tint(const QPalette &palette, const QColor &hue)
{
    const QColor base = palette.color(QPalette::Base);
    const qreal a = base.lightnessF() < 0.5 ? 0.38 : 0.22;
    return QColor::fromRgbF(base.redF() * (1 - a) + hue.redF() * a,
        base.greenF() * (1 - a) + hue.greenF() * a, base.blueF() * (1 - a) + hue.blueF() * a);
}

void setUp(QTableWidget *matrix)
{
    matrix->setObjectName(QStringLiteral("permissionMatrix"));
    matrix->setColumnCount(4);
    QStringList headers;
    for (Runtime::Operation op : operations)
        headers << Runtime::operationName(op); // the API's names, as in rules and undo texts
    matrix->setHorizontalHeaderLabels(headers);
    matrix->setEditTriggers(QAbstractItemView::NoEditTriggers);
    matrix->setSelectionMode(QAbstractItemView::SingleSelection);
    matrix->setTabKeyNavigation(false);
    // Rules wrap over two lines, and a longer one ends in "…" (a clipped rule would read as a different
    // rule); its whole text is in the tooltip and in the editor below. Every row is two lines high, so that
    // rows keep their height as rules change and the grid and the rule box under it stay put.
    matrix->setWordWrap(true);
    matrix->setTextElideMode(Qt::ElideRight);
    matrix->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    matrix->horizontalHeader()->setMinimumSectionSize(70);
    matrix->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    matrix->verticalHeader()->setDefaultSectionSize(matrix->fontMetrics().lineSpacing() * 2 + 8);
    matrix->setAccessibleName(
        QCoreApplication::translate("Designer::PermissionEditor", "Permissions by table and operation"));
}

QGridLayout *createLegend(QWidget *parent)
{
    auto *legend = new QGridLayout;
    const QString texts[]
        = {QCoreApplication::translate("Designer::PermissionEditor", "nobody: only the service key"),
            QCoreApplication::translate("Designer::PermissionEditor", "everyone: every caller with the role"),
            QCoreApplication::translate("Designer::PermissionEditor", "rule: only the rows it matches"),
            QCoreApplication::translate("Designer::PermissionEditor", "red: the rule has an error")};
    const QColor hues[]
        = {QColor(), QColor(0x2e, 0xa0, 0x4f), QColor(0x30, 0x70, 0xd8), QColor(0xd8, 0x30, 0x30)};
    for (int i = 0; i < 4; ++i) {
        auto *label = new QLabel(texts[i], parent);
        label->setContentsMargins(4, 1, 4, 1);
        if (hues[i].isValid()) {
            QPalette palette = label->palette();
            palette.setColor(QPalette::Window, tint(palette, hues[i]));
            palette.setColor(QPalette::WindowText, palette.color(QPalette::Text));
            label->setPalette(palette);
            label->setAutoFillBackground(true);
        }
        legend->addWidget(label, i / 2, i % 2);
    }
    return legend;
}

void showRule(QTableWidget *matrix, int row, int column, const Runtime::Project &project,
    const Runtime::Table &table, const Runtime::PermissionRule *rule)
{
    QTableWidgetItem *item = matrix->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        matrix->setItem(row, column, item);
    }
    const QPalette &palette = matrix->palette();
    QFont font = matrix->font();
    QString tip;
    if (!rule) {
        item->setText(QCoreApplication::translate("Designer::PermissionEditor", "nobody"));
        item->setBackground(QBrush());
        item->setForeground(palette.color(QPalette::PlaceholderText));
        font.setItalic(true);
        tip = QCoreApplication::translate("Designer::PermissionEditor", "Only the service key may %1 rows")
                  .arg(Runtime::operationName(operations[column]));
    } else if (rule->expression.trimmed().isEmpty()) {
        item->setText(QCoreApplication::translate("Designer::PermissionEditor", "everyone"));
        item->setBackground(tint(palette, QColor(0x2e, 0xa0, 0x4f)));
        item->setForeground(palette.color(QPalette::Text));
        tip = QCoreApplication::translate(
            "Designer::PermissionEditor", "Everyone with the role, on every row");
    } else {
        // Long paths have no spaces to wrap at: offer a break after each dot.
        QString shown = rule->expression;
        item->setText(shown.replace(u'.', QStringLiteral(".\u200b")));
        const auto problem = Runtime::RuleCompiler::check(project, table, rule->expression);
        item->setBackground(tint(palette, problem ? QColor(0xd8, 0x30, 0x30) : QColor(0x30, 0x70, 0xd8)));
        item->setForeground(palette.color(QPalette::Text));
        tip = problem ? QCoreApplication::translate("Designer::PermissionEditor", "%1\nColumn %2: %3")
                            .arg(rule->expression)
                            .arg(problem->column)
                            .arg(problem->message)
                      : rule->expression;
    }
    item->setFont(font);
    item->setToolTip(tip);
}

void fitHeight(QTableWidget *matrix)
{
    // Rows have a fixed height, but the header's follows the font and style: this runs on resize too.
    int height = matrix->horizontalHeader()->sizeHint().height() + 2 * matrix->frameWidth() + 4;
    for (int row = 0; row < matrix->rowCount(); ++row)
        height += matrix->rowHeight(row);
    matrix->setMaximumHeight(qMax(height, matrix->horizontalHeader()->sizeHint().height() * 5));
}

} // namespace Designer::PermissionMatrix
