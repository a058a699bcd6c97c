// SPDX-License-Identifier: GPL-3.0-or-later
// FilterHeader: the data browser grid's horizontal header with a filter field under each section.
#include "filterheader.h"

#include "columnfilter.h"
#include "databrowser.h"
#include "rowsmodel.h"

#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

namespace Designer {

namespace {
// Long enough not to query for every key of a word, short enough to feel immediate.
constexpr int s_typingPause = 400;
} // namespace

FilterHeader::FilterHeader(QTableView *view)
    : QHeaderView(Qt::Horizontal, view)
{
    setSectionsClickable(true);
    setSortIndicatorShown(true);
    setSortIndicator(-1, Qt::AscendingOrder);
    setHighlightSections(false);
    // Fitting a column to its contents must not make the model fetch rows nobody looks at.
    setResizeContentsPrecision(0);
    setStretchLastSection(true);
    connect(this, &QHeaderView::sectionResized, this, &FilterHeader::placeEditors);
    connect(this, &QHeaderView::sectionMoved, this, &FilterHeader::placeEditors);
    connect(view->horizontalScrollBar(), &QScrollBar::valueChanged, this, &FilterHeader::placeEditors);
}

void FilterHeader::setFilters(const RowsModel &model)
{
    qDeleteAll(m_editors);
    m_editors.clear();
    for (int column = 0; column < model.columnCount(); ++column) {
        auto *editor = new QLineEdit(this);
        const Runtime::Field *field = model.field(column);
        editor->setPlaceholderText(DataBrowser::tr("Filter"));
        editor->setToolTip(ColumnFilter::help(*field));
        editor->setClearButtonEnabled(true);
        // Applied after a pause in typing (each key restarts the wait), or at once on Return or leaving.
        auto *pause = new QTimer(editor);
        pause->setObjectName(QStringLiteral("filterPause"));
        pause->setSingleShot(true);
        pause->setInterval(s_typingPause);
        const auto apply = [this, editor, column, pause] {
            pause->stop();
            if (editor->text() == editor->property("applied").toString())
                return;
            editor->setProperty("applied", editor->text());
            if (filterChanged)
                filterChanged(column, editor->text());
        };
        connect(editor, &QLineEdit::textEdited, pause, qOverload<>(&QTimer::start));
        connect(pause, &QTimer::timeout, this, apply);
        connect(editor, &QLineEdit::editingFinished, this, apply);
        editor->show();
        m_editors << editor;
    }
    updateGeometries();
}

QSize FilterHeader::sizeHint() const
{
    QSize size = QHeaderView::sizeHint();
    size.setHeight(size.height() + editorHeight());
    return size;
}

void FilterHeader::updateGeometries()
{
    setViewportMargins(0, 0, 0, m_editors.isEmpty() ? 0 : editorHeight());
    QHeaderView::updateGeometries();
    placeEditors();
}

int FilterHeader::editorHeight() const
{
    return m_editors.isEmpty() ? 0 : m_editors.first()->sizeHint().height();
}

void FilterHeader::placeEditors()
{
    const int top = viewport()->height();
    for (int column = 0; column < m_editors.size(); ++column) {
        m_editors.at(column)->setGeometry(sectionViewportPosition(column), top, sectionSize(column), editorHeight());
        m_editors.at(column)->setVisible(!isSectionHidden(column));
    }
}

} // namespace Designer
