// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: the designer's top-level window.
#include "mainwindow.h"

#include "document/projectdocument.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTreeWidget>

namespace Designer {

namespace {
// More problems than this go to the message box's details, so the box stays on screen.
constexpr qsizetype s_maxProblemsShown = 15;

QString fieldOptions(const Runtime::Field &field)
{
    QStringList options;
    if (field.primaryKey == Runtime::PrimaryKeyKind::AutoIncrement)
        options << MainWindow::tr("primary key, auto-increment");
    else if (field.primaryKey == Runtime::PrimaryKeyKind::Uuid)
        options << MainWindow::tr("primary key, UUID");
    if (field.required)
        options << MainWindow::tr("required");
    if (field.unique)
        options << MainWindow::tr("unique");
    if (field.hidden)
        options << MainWindow::tr("hidden");
    if (field.readOnly)
        options << MainWindow::tr("read-only");
    if (field.autoTimestamp == Runtime::AutoTimestamp::CreatedAt)
        options << MainWindow::tr("set on insert");
    else if (field.autoTimestamp == Runtime::AutoTimestamp::UpdatedAt)
        options << MainWindow::tr("set on update");
    return options.join(MainWindow::tr(", "));
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    auto *splitter = new QSplitter(this);
    m_tableList = new QTreeWidget(splitter);
    m_tableList->setObjectName(QStringLiteral("tableList"));
    m_tableList->setHeaderLabels({tr("Table"), tr("Fields")});
    m_tableList->setRootIsDecorated(false);
    m_tableList->setUniformRowHeights(true);
    m_tableList->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tableList->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tableList->header()->setStretchLastSection(false);

    m_fieldList = new QTreeWidget(splitter);
    m_fieldList->setObjectName(QStringLiteral("fieldList"));
    m_fieldList->setHeaderLabels({tr("Field"), tr("Type"), tr("Options")});
    m_fieldList->setRootIsDecorated(false);
    m_fieldList->setUniformRowHeights(true);

    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);
    connect(m_tableList, &QTreeWidget::currentItemChanged, this, &MainWindow::showFields);

    createMenus();
    updateTitle();
    statusBar()->showMessage(tr("Open a project with File > Open."));
    resize(1100, 700);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open..."), this, &MainWindow::openRequested);
    open->setShortcut(QKeySequence::Open);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
}

bool MainWindow::openFile(const QString &fileName)
{
    Runtime::Result<std::unique_ptr<ProjectDocument>> document = ProjectDocument::load(fileName);
    if (!document) {
        showOpenError(fileName, document.error());
        return false;
    }
    setDocument(std::move(document).value());
    const int tableCount = int(m_document->project().tables.size());
    statusBar()->showMessage(
        tr("Opened %1. Tables: %2.").arg(QDir::toNativeSeparators(m_document->fileName())).arg(tableCount));
    return true;
}

void MainWindow::openRequested()
{
    const QString directory = m_document ? QFileInfo(m_document->fileName()).absolutePath() : QString();
    const QString fileName = QFileDialog::getOpenFileName(
        this, tr("Open Project"), directory, tr("Basalt projects (*.basalt);;All files (*)"));
    if (!fileName.isEmpty())
        openFile(fileName);
}

void MainWindow::showOpenError(const QString &fileName, const Runtime::Error &error)
{
    QStringList all;
    for (const Runtime::Problem &problem : error.problems)
        all << problem.toString();
    QStringList lines {error.message};
    if (!all.isEmpty())
        lines << QString() << all.mid(0, s_maxProblemsShown);
    if (all.size() > s_maxProblemsShown)
        lines << tr("More problems: %1 (see Show Details).").arg(all.size() - s_maxProblemsShown);

    QMessageBox box(QMessageBox::Warning, tr("Cannot Open Project"),
        tr("Basalt could not open %1.").arg(QDir::toNativeSeparators(fileName)), QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("openErrorBox"));
    box.setInformativeText(lines.join(QLatin1Char('\n')));
    if (all.size() > s_maxProblemsShown)
        box.setDetailedText(all.join(QLatin1Char('\n')));
    box.exec();
}

void MainWindow::setDocument(std::unique_ptr<ProjectDocument> document)
{
    m_document = std::move(document);
    connect(m_document.get(), &ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document.get(), &ProjectDocument::fileNameChanged, this, &MainWindow::updateTitle);
    updateTitle();
    fillTableList();
}

void MainWindow::updateTitle()
{
    if (!m_document) {
        setWindowTitle(QApplication::applicationDisplayName());
        setWindowModified(false);
        return;
    }
    setWindowTitle(
        tr("%1[*] \u2014 %2").arg(m_document->displayName(), QApplication::applicationDisplayName()));
    setWindowFilePath(m_document->fileName());
    setWindowModified(m_document->isModified());
}

void MainWindow::fillTableList()
{
    m_tableList->clear();
    m_fieldList->clear();
    if (!m_document)
        return;
    for (const Runtime::Table &table : m_document->project().tables) {
        auto *item = new QTreeWidgetItem(m_tableList, {table.name, QString::number(table.fields.size())});
        item->setData(0, Qt::UserRole, table.id);
        item->setToolTip(0, table.description);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_tableList->setCurrentItem(m_tableList->topLevelItem(0));
}

void MainWindow::showFields(QTreeWidgetItem *tableItem)
{
    m_fieldList->clear();
    if (!m_document || !tableItem)
        return;
    const Runtime::Table *table = m_document->project().table(tableItem->data(0, Qt::UserRole).toString());
    if (!table)
        return;
    for (const Runtime::Field &field : table->fields) {
        auto *item = new QTreeWidgetItem(
            m_fieldList, {field.name, Runtime::fieldTypeName(field.type), fieldOptions(field)});
        item->setToolTip(0, field.description);
    }
    for (int column = 0; column < m_fieldList->columnCount() - 1; ++column)
        m_fieldList->resizeColumnToContents(column);
}

} // namespace Designer
