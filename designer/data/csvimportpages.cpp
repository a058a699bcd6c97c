// SPDX-License-Identifier: GPL-3.0-or-later
// The CSV import wizard's file, mapping and preview pages.
#include "csvimportpages.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Designer {

namespace {
constexpr qint64 s_detectBytes = 64 * 1024;
constexpr int s_fileSampleRows = 10;

QLabel *errorLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(QStringLiteral("color: #b3261e;"));
    label->hide();
    return label;
}

QTableWidget *readOnlyTable(QWidget *parent, const QString &objectName)
{
    auto *table = new QTableWidget(parent);
    table->setObjectName(objectName);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    return table;
}

void showError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}
} // namespace

CsvFilePage::CsvFilePage(CsvImportState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state)
{
    setTitle(tr("Choose a CSV File"));
    setSubTitle(tr("The rows will be imported into the table %1.").arg(state.tableName));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto *fileRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("filePath"));
    m_path->setPlaceholderText(tr("Path of a .csv file"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("browseButton"));
    fileRow->addWidget(m_path);
    fileRow->addWidget(browse);
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, fileRow);
    m_encoding = new QComboBox(this);
    m_encoding->setObjectName(QStringLiteral("encoding"));
    for (Runtime::CsvEncoding e : {Runtime::CsvEncoding::Utf8, Runtime::CsvEncoding::Utf16LE, Runtime::CsvEncoding::Utf16BE,
             Runtime::CsvEncoding::Windows1252, Runtime::CsvEncoding::Latin1})
        m_encoding->addItem(Runtime::csvEncodingName(e), int(e));
    form->addRow(tr("&Encoding:"), m_encoding);
    m_delimiter = new QComboBox(this);
    m_delimiter->setObjectName(QStringLiteral("delimiter"));
    m_delimiter->addItem(tr("Comma ( , )"), QStringLiteral(","));
    m_delimiter->addItem(tr("Semicolon ( ; )"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("Vertical bar ( | )"), QStringLiteral("|"));
    form->addRow(tr("&Delimiter:"), m_delimiter);
    m_header = new QCheckBox(tr("The first row holds the column &names"), this);
    m_header->setObjectName(QStringLiteral("headerRow"));
    m_header->setChecked(true);
    form->addRow(QString(), m_header);
    layout->addLayout(form);
    m_detected = new QLabel(this);
    m_detected->setObjectName(QStringLiteral("detected"));
    layout->addWidget(m_detected);
    m_error = errorLabel(this, QStringLiteral("fileError"));
    layout->addWidget(m_error);
    m_table = readOnlyTable(this, QStringLiteral("fileSample"));
    m_table->setAccessibleName(tr("First rows of the file"));
    layout->addWidget(m_table, 1);
    if (!state.table)
        showError(m_error, tr("The project has no table %1 any more.").arg(state.tableName));

    connect(browse, &QPushButton::clicked, this, &CsvFilePage::browse);
    connect(m_path, &QLineEdit::editingFinished, this, [this] {
        if (m_path->text() != m_state.filePath)
            chooseFile(m_path->text());
    });
    connect(m_encoding, &QComboBox::currentIndexChanged, this, &CsvFilePage::formatChanged);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, &CsvFilePage::formatChanged);
    connect(m_header, &QCheckBox::toggled, this, &CsvFilePage::formatChanged);
}

void CsvFilePage::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import CSV File"), m_state.filePath,
        tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
    if (!path.isEmpty())
        chooseFile(path);
}

void CsvFilePage::chooseFile(const QString &path)
{
    m_state.filePath = path;
    m_path->setText(path);
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray sample = file.read(s_detectBytes);
        m_state.detected = Runtime::CsvReader::detect(sample, file.atEnd());
        m_state.format = m_state.detected;
        m_updating = true;
        m_encoding->setCurrentIndex(m_encoding->findData(int(m_state.format.encoding)));
        m_delimiter->setCurrentIndex(m_delimiter->findData(QString(m_state.format.delimiter)));
        m_updating = false;
        m_detected->setText(tr("Detected: %1, %2.").arg(Runtime::csvEncodingName(m_state.detected.encoding),
            m_delimiter->currentText()));
    } else {
        m_detected->clear();
    }
    m_state.columnFields.clear();
    m_state.loadSample();
    showSample();
}

void CsvFilePage::formatChanged()
{
    if (m_updating)
        return;
    m_state.format.encoding = Runtime::CsvEncoding(m_encoding->currentData().toInt());
    m_state.format.delimiter = m_delimiter->currentData().toString().at(0);
    m_state.headerRow = m_header->isChecked();
    m_state.columnFields.clear();
    if (m_state.filePath.isEmpty())
        return;
    m_state.loadSample();
    showSample();
}

void CsvFilePage::showSample()
{
    if (m_state.table)
        showError(m_error, m_state.sampleError);
    m_table->clear();
    m_table->setColumnCount(int(m_state.header.size()));
    m_table->setHorizontalHeaderLabels(m_state.header);
    const int rows = int(std::min<qsizetype>(m_state.sample.size(), s_fileSampleRows));
    m_table->setRowCount(rows);
    for (int r = 0; r < rows; ++r) {
        const QStringList &record = m_state.sample.at(r);
        m_table->setVerticalHeaderItem(r, new QTableWidgetItem(QString::number(m_state.sampleFirstLine + r)));
        for (int c = 0; c < record.size() && c < m_table->columnCount(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(record.at(c)));
    }
    m_table->resizeColumnsToContents();
    emit completeChanged();
}

bool CsvFilePage::isComplete() const
{
    return m_state.table && !m_state.filePath.isEmpty() && m_state.sampleError.isEmpty() && !m_state.sample.isEmpty();
}

CsvMappingPage::CsvMappingPage(CsvImportState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state)
{
    setTitle(tr("Map Columns to Fields"));
    setSubTitle(tr("Choose the field each column goes into. Fields no column goes into get their default value."));
    auto *layout = new QVBoxLayout(this);
    m_table = readOnlyTable(this, QStringLiteral("mapping"));
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Column"), tr("First value"), tr("Field")});
    m_table->verticalHeader()->hide();
    m_table->setAccessibleName(tr("Column mapping"));
    layout->addWidget(m_table, 1);
    m_problem = errorLabel(this, QStringLiteral("mappingProblem"));
    layout->addWidget(m_problem);
}

void CsvMappingPage::initializePage()
{
    const qsizetype columns = m_state.header.size();
    m_table->setRowCount(int(columns));
    m_combos.clear();
    const bool keep = m_state.columnFields.size() == columns;
    QSet<QString> used;
    for (int c = 0; c < columns; ++c) {
        m_table->setItem(c, 0, new QTableWidgetItem(m_state.header.at(c)));
        const QString first = m_state.sample.isEmpty() ? QString() : m_state.sample.front().value(c);
        m_table->setItem(c, 1, new QTableWidgetItem(first));
        auto *combo = new QComboBox(m_table);
        combo->setObjectName(QStringLiteral("field%1").arg(c));
        combo->setAccessibleName(tr("Field for column %1").arg(m_state.header.at(c)));
        combo->addItem(tr("(ignore)"), QString());
        QString match;
        for (const Runtime::Field &field : m_state.table->fields) {
            if (field.isAutoManaged())
                continue;
            const bool required = field.required && field.defaultValue.isNone();
            combo->addItem(required ? tr("%1 (required)").arg(field.name) : field.name, field.name);
            if (match.isEmpty() && !used.contains(field.name)
                && normalizedColumnName(field.name) == normalizedColumnName(m_state.header.at(c)))
                match = field.name;
        }
        const QString chosen = keep ? m_state.columnFields.at(c) : match;
        used.insert(chosen);
        combo->setCurrentIndex(std::max(0, combo->findData(chosen)));
        connect(combo, &QComboBox::currentIndexChanged, this, &CsvMappingPage::mappingChanged);
        m_table->setCellWidget(c, 2, combo);
        m_combos << combo;
    }
    m_table->resizeColumnToContents(0);
    m_table->resizeColumnToContents(1);
    m_table->setColumnWidth(1, std::min(m_table->columnWidth(1), 260));
    mappingChanged();
}

void CsvMappingPage::mappingChanged()
{
    m_state.columnFields.clear();
    for (QComboBox *combo : std::as_const(m_combos))
        m_state.columnFields << combo->currentData().toString();
    QStringList missing;
    for (const Runtime::Field &field : m_state.table->fields) {
        if (field.required && field.defaultValue.isNone() && !field.isAutoManaged()
            && !m_state.columnFields.contains(field.name))
            missing << field.name;
    }
    const Runtime::CsvRowConverter converter(*m_state.table, m_state.columnFields);
    const std::optional<Runtime::Error> error = converter.mappingError();
    QString text;
    if (!missing.isEmpty())
        text = tr("Required fields without a column and without a default: %1. Choose a column for each.")
                   .arg(missing.join(QStringLiteral(", ")));
    else if (error)
        text = error->message;
    showError(m_problem, text);
    emit completeChanged();
}

bool CsvMappingPage::isComplete() const
{
    return m_state.table && !Runtime::CsvRowConverter(*m_state.table, m_state.columnFields).mappingError();
}

CsvPreviewPage::CsvPreviewPage(CsvImportState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state)
{
    setTitle(tr("Preview"));
    setSubTitle(tr("The first rows as they will be imported. Marked cells would be rejected; unique values and "
                   "references to other tables are checked during the import."));
    setCommitPage(true);
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("previewSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_table = readOnlyTable(this, QStringLiteral("preview"));
    m_table->setAccessibleName(tr("Preview of the converted rows"));
    layout->addWidget(m_table, 1);
}

void CsvPreviewPage::initializePage()
{
    Runtime::CsvRowConverter converter(*m_state.table, m_state.columnFields);
    QList<int> columns;
    QStringList labels;
    for (int c = 0; c < m_state.columnFields.size(); ++c) {
        if (m_state.columnFields.at(c).isEmpty())
            continue;
        columns << c;
        labels << m_state.columnFields.at(c);
    }
    m_table->clear();
    m_table->setColumnCount(int(columns.size()));
    m_table->setHorizontalHeaderLabels(labels);
    m_table->setRowCount(int(m_state.sample.size()));
    int bad = 0;
    QVariantList values;
    const QBrush invalid(QColor(QStringLiteral("#f9dedc")));
    for (int r = 0; r < m_state.sample.size(); ++r) {
        const QStringList &record = m_state.sample.at(r);
        QList<Runtime::CsvRowProblem> problems = converter.convert(record, values);
        if (record.size() != m_state.header.size())
            problems << Runtime::CsvRowProblem {-1, {}, Runtime::ErrorCode::InvalidArgument,
                tr("has %n column(s), the file has %1", nullptr, int(record.size())).arg(m_state.header.size())};
        auto *rowHeader = new QTableWidgetItem(QString::number(m_state.sampleFirstLine + r));
        for (int i = 0; i < columns.size(); ++i)
            m_table->setItem(r, i, new QTableWidgetItem(record.value(columns.at(i))));
        for (const Runtime::CsvRowProblem &problem : std::as_const(problems)) {
            const int i = int(columns.indexOf(problem.column));
            QTableWidgetItem *item = i >= 0 ? m_table->item(r, i) : rowHeader;
            item->setBackground(invalid);
            item->setToolTip(problem.message);
            if (i >= 0 && item->text().isEmpty())
                item->setText(tr("(missing)"));
        }
        m_table->setVerticalHeaderItem(r, rowHeader);
        bad += problems.isEmpty() ? 0 : 1;
    }
    m_table->resizeColumnsToContents();
    m_summary->setText(bad == 0
            ? tr("The first %n rows are all valid.", "", int(m_state.sample.size()))
            : tr("%1 of the first %2 rows would be rejected (hover a marked cell for the reason). Rejected rows "
                 "are listed after the import and can be saved, fixed and imported again.")
                  .arg(bad)
                  .arg(m_state.sample.size()));
}

} // namespace Designer
