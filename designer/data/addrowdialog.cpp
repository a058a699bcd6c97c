// SPDX-License-Identifier: GPL-3.0-or-later
// AddRowDialog: the data browser's form that adds a row to the shown table.
#include "addrowdialog.h"

#include "cellvalues.h"
#include "databrowser.h"
#include "rowsmodel.h"
#include "widgets/palettecolors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace Designer {

namespace {
// Integers up to 2^53 are exact in a double, and so in JSON.
constexpr double s_largestExact = 9007199254740992.0;

/** A number box whose lowest value stands for "no value" (shown as its special text), and that shows
    numbers in their shortest form rather than with a fixed count of decimals. */
class NumberBox : public QDoubleSpinBox
{
public:
    NumberBox(bool integer, const QString &unset, QWidget *parent)
        : QDoubleSpinBox(parent)
    {
        setDecimals(integer ? 0 : 9);
        setRange(-s_largestExact, s_largestExact);
        setSpecialValueText(unset);
        setValue(minimum());
        setAccelerated(true);
        setKeyboardTracking(false);
    }
    bool isUnset() const { return value() == minimum(); }
    QString textFromValue(double value) const override
    {
        return locale().toString(value, 'g', QLocale::FloatingPointShortest);
    }
    void stepBy(int steps) override
    {
        if (isUnset()) // from "default", the arrows start at 0, not at -2^53
            setValue(0);
        else
            QDoubleSpinBox::stepBy(steps);
    }

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if (lineEdit()->text() == specialValueText() && !event->text().isEmpty() && event->text().front().isPrint())
            selectAll(); // the first key typed replaces "default", wherever a click put the cursor
        QDoubleSpinBox::keyPressEvent(event);
    }
};

/** A date or date-time box whose lowest value stands for "no value"; a click or a key on it starts from
    today rather than from that lowest date. */
class DateBox : public QDateTimeEdit
{
public:
    DateBox(bool withTime, const QString &unset, QWidget *parent)
        : QDateTimeEdit(parent)
        , m_withTime(withTime)
    {
        setDisplayFormat(withTime ? QStringLiteral("yyyy-MM-dd HH:mm:ss") : QStringLiteral("yyyy-MM-dd"));
        setCalendarPopup(true);
        setMinimumDate(QDate(100, 1, 1));
        setSpecialValueText(unset);
        setDateTime(minimumDateTime());
    }
    bool isUnset() const { return dateTime() == minimumDateTime(); }
    QString valueText() const
    {
        if (isUnset())
            return {};
        return m_withTime ? dateTime().toUTC().toString(Qt::ISODate) : date().toString(Qt::ISODate);
    }

protected:
    void mousePressEvent(QMouseEvent *event) override
    {
        startFromNow();
        QDateTimeEdit::mousePressEvent(event);
    }
    void keyPressEvent(QKeyEvent *event) override
    {
        const bool moves = event->key() == Qt::Key_Tab || event->key() == Qt::Key_Backtab
            || event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Escape;
        if (!moves)
            startFromNow();
        QDateTimeEdit::keyPressEvent(event);
    }

private:
    void startFromNow()
    {
        if (isUnset())
            setDateTime(m_withTime ? QDateTime::currentDateTime() : QDateTime(QDate::currentDate(), QTime()));
    }
    bool m_withTime;
};
} // namespace

AddRowDialog::AddRowDialog(RowsModel *model, QWidget *parent)
    : QDialog(parent)
    , m_model(model)
{
    setWindowTitle(DataBrowser::tr("Add a row to %1").arg(model->tableName()));
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, errorTextColor(errorPalette));
    m_error->setPalette(errorPalette);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(DataBrowser::tr("Add"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { submit(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createForm(), 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

QWidget *AddRowDialog::createForm()
{
    auto *form = new QWidget;
    auto *formLayout = new QFormLayout(form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (int column = 0; column < m_model->columnCount(); ++column) {
        const Runtime::Field *field = m_model->field(column);
        if (field->isAutoManaged())
            continue;
        const Editor editor = createEditor(*field);
        editor.widget->setObjectName(field->name);
        editor.widget->setToolTip(m_model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString());
        formLayout->addRow(field->name, editor.widget);
        m_editors.append(editor);
    }
    // As tall as the fields need, up to two thirds of the screen; more fields scroll.
    auto *scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidgetResizable(true);
    scroll->setWidget(form);
    const QSize wanted = form->sizeHint();
    const int screenHeight = screen() ? screen()->availableGeometry().height() : 900;
    const int height = qMin(wanted.height(), screenHeight * 2 / 3);
    scroll->setMinimumSize(wanted.width() + (height < wanted.height() ? scroll->verticalScrollBar()->sizeHint().width() : 0),
        height);
    return scroll;
}

AddRowDialog::Editor AddRowDialog::createEditor(const Runtime::Field &field)
{
    const QString type = Runtime::fieldTypeName(field.type);
    const QString unset = field.required ? DataBrowser::tr("required") : DataBrowser::tr("default");
    switch (field.type) {
    case Runtime::FieldType::Boolean: {
        auto *box = new QCheckBox(this);
        box->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed); // no text: only the box takes clicks
        box->setChecked(field.defaultValue.literal.toBool());
        // Untouched, an optional box is left to the field's default (which it shows).
        return {&field, box, [box, &field] {
                    return field.required || box->isChecked() != field.defaultValue.literal.toBool()
                        ? QString::fromLatin1(box->isChecked() ? "true" : "false")
                        : QString();
                }};
    }
    case Runtime::FieldType::Integer:
    case Runtime::FieldType::Number: {
        const bool integer = field.type == Runtime::FieldType::Integer;
        auto *box = new NumberBox(integer, unset, this);
        return {&field, box, [box, integer] {
                    if (box->isUnset())
                        return QString();
                    return integer ? QString::number(qint64(box->value()))
                                   : QString::number(box->value(), 'g', QLocale::FloatingPointShortest);
                }};
    }
    case Runtime::FieldType::Date:
    case Runtime::FieldType::DateTime: {
        auto *box = new DateBox(field.type == Runtime::FieldType::DateTime, unset, this);
        return {&field, box, [box] { return box->valueText(); }};
    }
    case Runtime::FieldType::Enum: {
        auto *box = new QComboBox(this);
        box->addItem(unset, QString());
        for (const QString &value : field.enumValues)
            box->addItem(value, value);
        return {&field, box, [box] { return box->currentData().toString(); }};
    }
    default: {
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(field.required ? DataBrowser::tr("%1, required").arg(type)
                                                : DataBrowser::tr("%1, empty for the default").arg(type));
        // The hint stays whole: the form is as wide as its longest hint.
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + 24);
        return {&field, edit, [edit] { return edit->text(); }};
    }
    }
}

void AddRowDialog::submit()
{
    QJsonObject values;
    for (const Editor &editor : std::as_const(m_editors)) {
        const QString text = editor.text();
        if (text.isEmpty())
            continue; // left to the field's default
        QString problem;
        const QJsonValue value = CellValues::fromText(*editor.field, text, &problem);
        if (!problem.isEmpty())
            return showError(DataBrowser::tr("%1: %2").arg(editor.field->name, problem));
        values.insert(editor.field->name, value);
    }
    // One write at a time while the dialog is open: the answer is the one to this insert.
    m_connection = connect(m_model, &RowsModel::writeFinished, this, [this](bool ok, const QString &message) {
        disconnect(m_connection);
        if (ok)
            accept();
        else
            showError(message);
    });
    m_model->addRow(values);
}

void AddRowDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
    adjustSize(); // taller by the message's lines, which the layout's minimum size does not foresee
}

} // namespace Designer
