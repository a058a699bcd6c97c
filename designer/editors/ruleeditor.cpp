// SPDX-License-Identifier: GPL-3.0-or-later
// RuleEditor: a one-line editor for a permission rule that completes names and underlines errors.
#include "ruleeditor.h"

#include "document/projectdocument.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QStringListModel>
#include <QTimer>

namespace Designer {

namespace {
bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'.';
}

/** The path segments that leave \a table and the table each leads to, as the runtime's rule checker
    follows them (RuleCompiler::pathSegments()): completion offers exactly what the checker accepts. */
QList<QPair<QString, Runtime::ObjectId>> segmentsFrom(
    const Runtime::Project &project, const Runtime::Table &table)
{
    QList<QPair<QString, Runtime::ObjectId>> segments;
    for (const Runtime::RuleCompiler::PathSegment &segment : Runtime::RuleCompiler::pathSegments(project, table))
        segments.append({segment.name, segment.tableId});
    return segments;
}
} // namespace

RuleEditor::RuleEditor(QWidget *parent)
    : QLineEdit(parent)
    , m_completer(new QCompleter(this))
    , m_completionModel(new QStringListModel(this))
    , m_checkTimer(new QTimer(this))
{
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(font().pointSizeF());
    setFont(mono);
    setPlaceholderText(tr("e.g. owner_id = auth.uid"));
    m_completer->setModel(m_completionModel);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(this);
    connect(
        m_completer, qOverload<const QString &>(&QCompleter::activated), this, &RuleEditor::insertCompletion);
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(200);
    connect(m_checkTimer, &QTimer::timeout, this, &RuleEditor::checkNow);
    connect(this, &QLineEdit::textChanged, m_checkTimer, qOverload<>(&QTimer::start));
    connect(this, &QLineEdit::textEdited, this, &RuleEditor::updateCompletion);
}

void RuleEditor::setContext(ProjectDocument *document, const Runtime::ObjectId &tableId)
{
    m_document = document;
    m_tableId = tableId;
    checkNow();
}

std::optional<Runtime::Table> RuleEditor::contextTable() const
{
    if (!m_document)
        return std::nullopt;
    const Runtime::Project &project = m_document->project();
    if (const Runtime::Table *table = project.table(m_tableId))
        return *table;
    // A view's rules are checked against the table it presents, as the runtime checks them.
    if (const Runtime::View *view = project.view(m_tableId))
        return view->asTable(project);
    return std::nullopt;
}

void RuleEditor::setExpression(const QString &expression)
{
    m_committed = expression;
    if (text() != expression)
        setText(expression);
    checkNow();
}

QPair<int, int> RuleEditor::underlineRange() const
{
    if (!m_diagnostic)
        return {-1, 0};
    return {m_diagnostic->column - 1, qMax(1, m_diagnostic->length)};
}

void RuleEditor::checkNow()
{
    m_checkTimer->stop();
    std::optional<Runtime::RuleDiagnostic> diagnostic;
    if (const std::optional<Runtime::Table> table = contextTable())
        diagnostic = Runtime::RuleCompiler::check(m_document->project(), *table, text());
    const QString message
        = diagnostic ? tr("Column %1: %2").arg(diagnostic->column).arg(diagnostic->message) : QString();
    const bool changed = m_diagnostic.has_value() != diagnostic.has_value()
        || (diagnostic
            && (diagnostic->column != m_diagnostic->column || diagnostic->length != m_diagnostic->length
                || diagnostic->message != m_diagnostic->message));
    m_diagnostic = diagnostic;
    setToolTip(message);
    update();
    if (changed)
        emit diagnosticChanged(message);
}

QStringList RuleEditor::completionsFor(const QString &word) const
{
    const std::optional<Runtime::Table> context = contextTable();
    if (!context)
        return {};
    const Runtime::Table *table = &*context;
    const Runtime::Project &project = m_document->project();
    QStringList segments = word.split(u'.');
    const QString partial = segments.takeLast();
    QStringList names;
    if (segments.isEmpty()) {
        names << QStringLiteral("auth.uid") << QStringLiteral("auth.role") << QStringLiteral("auth.email");
        for (const QString &claim : project.settings.jwtClaimFields)
            names << QStringLiteral("auth.claims.") + claim;
        // Keywords of the rule language: part of the rule text, so never translated.
        names << QStringLiteral("and") << QStringLiteral("or") << QStringLiteral("not")
              << QStringLiteral("in") << QStringLiteral("is null") << QStringLiteral("is not null")
              << QStringLiteral("true") << QStringLiteral("false");
    } else if (segments.first() == QLatin1String("auth")) {
        const QString prefix = segments.join(u'.') + u'.';
        if (segments.size() == 1)
            names << QStringLiteral("auth.uid") << QStringLiteral("auth.role") << QStringLiteral("auth.email")
                  << QStringLiteral("auth.claims.");
        for (const QString &claim : project.settings.jwtClaimFields)
            names << QStringLiteral("auth.claims.") + claim;
        names.removeIf([&prefix](const QString &name) { return !name.startsWith(prefix); });
    }
    // Follow the segments typed so far from the rule's table.
    const QString pathPrefix = segments.isEmpty() ? QString() : segments.join(u'.') + u'.';
    const Runtime::Table *reached = table;
    for (const QString &segment : std::as_const(segments)) {
        const Runtime::Table *next = nullptr;
        for (const auto &[name, target] : segmentsFrom(project, *reached)) {
            if (name == segment)
                next = project.table(target);
        }
        reached = next;
        if (!reached)
            break;
    }
    if (reached) {
        for (const Runtime::Field &field : reached->fields) {
            if (!field.hidden)
                names << pathPrefix + field.name;
        }
        for (const auto &[name, target] : segmentsFrom(project, *reached))
            names << pathPrefix + name + u'.';
    }
    names.removeDuplicates();
    const QString typed = pathPrefix + partial;
    names.removeIf([&typed](const QString &name) { return !name.startsWith(typed, Qt::CaseInsensitive); });
    return names;
}

QString RuleEditor::wordBeforeCursor() const
{
    const QString content = text();
    int start = cursorPosition();
    while (start > 0 && isWordChar(content.at(start - 1)))
        --start;
    // Inside a string literal nothing is completed.
    if (content.left(start).count(u'\'') % 2 == 1)
        return {};
    return content.mid(start, cursorPosition() - start);
}

void RuleEditor::updateCompletion()
{
    const QString word = wordBeforeCursor();
    const QStringList names = word.isEmpty() || word.front().isDigit() ? QStringList() : completionsFor(word);
    if (names.isEmpty() || (names.size() == 1 && names.first() == word)) {
        m_completer->popup()->hide();
        return;
    }
    m_completionModel->setStringList(names);
    m_completer->setCompletionPrefix(word);
    QRect rect = cursorRect();
    rect.setWidth(m_completer->popup()->sizeHintForColumn(0)
        + m_completer->popup()->verticalScrollBar()->sizeHint().width());
    m_completer->complete(rect);
}

void RuleEditor::insertCompletion(const QString &completion)
{
    const QString word = wordBeforeCursor();
    const int end = cursorPosition();
    QString content = text();
    content.replace(end - word.size(), word.size(), completion);
    setText(content);
    setCursorPosition(end - int(word.size()) + int(completion.size()));
    // A completed path segment ("customer.") goes on with the related table's columns.
    if (completion.endsWith(u'.'))
        QTimer::singleShot(0, this, &RuleEditor::updateCompletion);
}

void RuleEditor::commit()
{
    m_committed = text();
    checkNow();
    emit expressionCommitted(text());
}

void RuleEditor::keyPressEvent(QKeyEvent *event)
{
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            event->ignore(); // the completer chooses or closes
            return;
        default:
            break;
        }
    }
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        commit();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::ControlModifier) {
        updateCompletion();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

void RuleEditor::focusOutEvent(QFocusEvent *event)
{
    QLineEdit::focusOutEvent(event);
    if (event->reason() != Qt::PopupFocusReason && text() != m_committed)
        commit();
}

int RuleEditor::xForPosition(int position) const
{
    // QLineEdit does not tell where a character is drawn, but it tells where the cursor is: the
    // scroll offset follows from it.
    const QFontMetrics metrics(font());
    const QString content = displayText();
    const int origin = cursorRect().center().x() - metrics.horizontalAdvance(content.left(cursorPosition()));
    return origin + metrics.horizontalAdvance(content.left(position));
}

void RuleEditor::paintEvent(QPaintEvent *event)
{
    QLineEdit::paintEvent(event);
    if (!m_diagnostic || text().isEmpty())
        return;
    const auto [start, length] = underlineRange();
    const int from = qBound(0, start, int(text().size()) - 1);
    const int to = qBound(from + 1, start + length, int(text().size()));
    int x0 = xForPosition(from);
    int x1 = qMax(xForPosition(to), x0 + 6);
    const QRect inner = contentsRect();
    x0 = qMax(x0, inner.left());
    x1 = qMin(x1, inner.right());
    const int y = cursorRect().bottom() - 1;
    QPainterPath wave;
    wave.moveTo(x0, y);
    for (int x = x0, step = 0; x < x1; x += 2, ++step)
        wave.lineTo(x + 2, step % 2 == 0 ? y - 2 : y);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0xe0, 0x30, 0x30), 1.2));
    painter.drawPath(wave);
}

} // namespace Designer
