// SPDX-License-Identifier: GPL-3.0-or-later
// FileActions: the File menu: new from a template, open, open recent, save, save as, autosave, recovery.
#include "fileactions.h"

#include "document/projectdocument.h"
#include "io/projectreader.h"
#include "io/projectwriter.h"
#include "mainwindow.h"
#include "newprojectdialog.h"

#include <QAction>
#include <QApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

namespace Designer {

namespace {
const QString s_recentKey = QStringLiteral("recentFiles");
const QString s_fileFilter = QStringLiteral("*.basalt");
// More problems than this go to the message box's details, so the box stays on screen.
constexpr qsizetype s_maxProblemsShown = 15;

QString recoveryDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/recovery");
}

} // namespace

FileActions::FileActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_autosaveTimer(new QTimer(this))
{
    createActions();
    m_autosaveTimer->setInterval(autosaveInterval);
    connect(m_autosaveTimer, &QTimer::timeout, this, &FileActions::autosaveNow);
    m_autosaveTimer->start();
}

FileActions::~FileActions() = default;

void FileActions::createActions()
{
    m_new = new QAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New..."), this);
    m_new->setShortcut(QKeySequence::New);
    m_new->setToolTip(tr("New project, blank or from a template"));
    connect(m_new, &QAction::triggered, this, &FileActions::newRequested);
    m_open = new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open..."), this);
    m_open->setShortcut(QKeySequence::Open);
    connect(m_open, &QAction::triggered, this, &FileActions::openRequested);
    m_save = new QAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Save"), this);
    m_save->setShortcut(QKeySequence::Save);
    connect(m_save, &QAction::triggered, this, &FileActions::save);
    m_saveAs = new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Save &As..."), this);
    m_saveAs->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAs, &QAction::triggered, this, [this]() { saveAs(); });
    m_close = new QAction(tr("&Close"), this);
    m_close->setShortcut(QKeySequence::Close);
    connect(m_close, &QAction::triggered, m_window, &QWidget::close);
    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, m_window, &QWidget::close);
}

void FileActions::populateMenu(QMenu *menu)
{
    menu->addAction(m_new);
    menu->addAction(m_open);
    m_recentMenu = menu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &FileActions::updateRecentMenu);
    updateRecentMenu();
    menu->addSeparator();
    menu->addAction(m_save);
    menu->addAction(m_saveAs);
    menu->addSeparator();
    menu->addAction(m_close);
    menu->addAction(m_quit);
}

std::unique_ptr<Runtime::Project> FileActions::readTemplate(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    Runtime::Result<std::unique_ptr<Runtime::Project>> project = Runtime::readProject(file.readAll());
    return project ? std::move(project).value() : nullptr;
}

QStringList FileActions::templatePaths()
{
    return {QStringLiteral(":/templates/ecommerce.basalt"), QStringLiteral(":/templates/saas.basalt"),
        QStringLiteral(":/templates/social.basalt"), QStringLiteral(":/templates/chat.basalt")};
}

void FileActions::newRequested()
{
    if (!maybeSave())
        return;
    NewProjectDialog dialog(m_window);
    if (dialog.exec() == QDialog::Accepted)
        createProject(dialog.templatePath());
}

bool FileActions::newProject(const QString &templatePath)
{
    return maybeSave() && createProject(templatePath);
}

bool FileActions::createProject(const QString &templatePath)
{
    std::unique_ptr<Runtime::Project> project
        = templatePath.isEmpty() ? std::make_unique<Runtime::Project>() : readTemplate(templatePath);
    if (!project) {
        showError(tr("Cannot Create Project"), tr("The template %1 cannot be read.").arg(templatePath), {});
        return false;
    }
    setProject(std::move(project), {}, false);
    return true;
}

void FileActions::setProject(std::unique_ptr<Runtime::Project> project, const QString &originalFileName, bool modified)
{
    documentClosing();
    auto document = std::make_unique<ProjectDocument>(std::move(project));
    if (modified)
        document->undoStack()->resetClean();
    m_window->setDocument(std::move(document));
    m_restoredFileName = originalFileName;
}

void FileActions::openRequested()
{
    const ProjectDocument *document = m_window->document();
    const QString directory = document ? QFileInfo(document->fileName()).absolutePath() : QString();
    const QString fileName = QFileDialog::getOpenFileName(m_window, tr("Open Project"), directory,
        tr("Basalt projects (%1);;All files (*)").arg(s_fileFilter));
    if (!fileName.isEmpty())
        openFile(fileName);
}

bool FileActions::openFile(const QString &fileName)
{
    if (!maybeSave())
        return false;
    Runtime::Result<std::unique_ptr<ProjectDocument>> document = ProjectDocument::load(fileName);
    if (!document) {
        QStringList all;
        for (const Runtime::Problem &problem : document.error().problems)
            all << problem.toString();
        QStringList lines {document.error().message};
        if (!all.isEmpty())
            lines << QString() << all.mid(0, s_maxProblemsShown);
        if (all.size() > s_maxProblemsShown)
            lines << tr("More problems: %1 (see Show Details).").arg(all.size() - s_maxProblemsShown);
        showError(tr("Cannot Open Project"), tr("Basalt could not open %1.").arg(QDir::toNativeSeparators(fileName)),
            lines.join(QLatin1Char('\n')));
        return false;
    }
    documentClosing();
    m_window->setDocument(std::move(document).value());
    m_restoredFileName.clear();
    addRecentFile(m_window->document()->fileName());
    return true;
}

bool FileActions::save()
{
    ProjectDocument *document = m_window->document();
    if (!document)
        return false;
    if (document->fileName().isEmpty())
        return saveAs(m_restoredFileName);
    const QString recovery = recoveryFileName();
    Runtime::Result<void> saved = document->save();
    if (!saved) {
        showError(tr("Cannot Save Project"), saved.error().message, saved.error().detail);
        return false;
    }
    QFile::remove(recovery);
    return true;
}

bool FileActions::saveAs(const QString &fileName)
{
    ProjectDocument *document = m_window->document();
    if (!document)
        return false;
    QString target = fileName;
    if (target.isEmpty()) {
        target = QFileDialog::getSaveFileName(m_window, tr("Save Project As"), document->fileName(),
            tr("Basalt projects (%1)").arg(s_fileFilter));
        if (target.isEmpty())
            return false;
        if (QFileInfo(target).suffix().isEmpty())
            target += QStringLiteral(".basalt");
    }
    const QString recovery = recoveryFileName();
    Runtime::Result<void> saved = document->saveAs(target);
    if (!saved) {
        showError(tr("Cannot Save Project"), saved.error().message, saved.error().detail);
        return false;
    }
    QFile::remove(recovery);
    m_restoredFileName.clear();
    addRecentFile(document->fileName());
    return true;
}

void FileActions::setSaveDecisionHook(std::function<QMessageBox::StandardButton()> hook)
{
    m_saveDecisionHook = std::move(hook);
}

bool FileActions::maybeSave()
{
    const ProjectDocument *document = m_window->document();
    if (!document || !document->isModified())
        return true;
    QMessageBox::StandardButton decision = QMessageBox::Cancel;
    if (m_saveDecisionHook) {
        decision = m_saveDecisionHook();
    } else {
        decision = QMessageBox::warning(m_window, tr("Unsaved Changes"),
            tr("%1 has unsaved changes. Do you want to save them?").arg(document->displayName()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    }
    if (decision == QMessageBox::Save)
        return save();
    return decision == QMessageBox::Discard;
}

void FileActions::documentClosing()
{
    if (m_window->document())
        QFile::remove(recoveryFileName());
    if (!m_lastRecoveryFile.isEmpty())
        QFile::remove(m_lastRecoveryFile);
    m_lastRecoveryFile.clear();
}

QStringList FileActions::recentFiles() const
{
    QStringList files = QSettings().value(s_recentKey).toStringList();
    files.removeIf([](const QString &file) { return !QFileInfo::exists(file); });
    return files.mid(0, maxRecentFiles);
}

void FileActions::addRecentFile(const QString &fileName)
{
    if (fileName.isEmpty())
        return;
    QStringList files = recentFiles();
    files.removeAll(fileName);
    files.prepend(fileName);
    QSettings().setValue(s_recentKey, files.mid(0, maxRecentFiles));
    updateRecentMenu();
}

void FileActions::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString label = tr("&%1 %2").arg(i + 1).arg(QFileInfo(files[i]).fileName());
        QAction *action = m_recentMenu->addAction(label);
        action->setToolTip(QDir::toNativeSeparators(files[i]));
        const QString file = files[i];
        connect(action, &QAction::triggered, this, [this, file]() { openFile(file); });
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

QString FileActions::recoveryFileName() const
{
    const ProjectDocument *document = m_window->document();
    if (!document)
        return {};
    const QString original = document->fileName().isEmpty() ? m_restoredFileName : document->fileName();
    const QString key = original.isEmpty()
        ? QStringLiteral("untitled-%1").arg(QCoreApplication::applicationPid())
        : QString::fromLatin1(QCryptographicHash::hash(original.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
    return recoveryDirectory() + QLatin1Char('/') + key + QStringLiteral(".basalt");
}

QString FileActions::autosaveNow()
{
    const ProjectDocument *document = m_window->document();
    if (!document || !document->isModified())
        return {};
    const QString file = recoveryFileName();
    QDir().mkpath(recoveryDirectory());
    if (!Runtime::saveProjectFile(document->project(), file))
        return {};
    // The original path sits next to the recovery file, since its name is a hash.
    QFile pathFile(file + QStringLiteral(".path"));
    const QString original = document->fileName().isEmpty() ? m_restoredFileName : document->fileName();
    if (pathFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
        pathFile.write(original.toUtf8());
    if (!m_lastRecoveryFile.isEmpty() && m_lastRecoveryFile != file)
        QFile::remove(m_lastRecoveryFile);
    m_lastRecoveryFile = file;
    return file;
}

QStringList FileActions::recoveryFiles()
{
    QStringList files;
    const QFileInfoList infos = QDir(recoveryDirectory())
        .entryInfoList({s_fileFilter}, QDir::Files, QDir::Time);
    for (const QFileInfo &info : infos)
        files << info.absoluteFilePath();
    return files;
}

bool FileActions::restoreRecovery(const QString &recoveryFile)
{
    Runtime::Result<std::unique_ptr<Runtime::Project>> project = Runtime::readProjectFile(recoveryFile);
    if (!project) {
        showError(tr("Cannot Restore Project"), project.error().message, project.error().toString());
        return false;
    }
    QFile pathFile(recoveryFile + QStringLiteral(".path"));
    const QString original
        = pathFile.open(QIODevice::ReadOnly) ? QString::fromUtf8(pathFile.readAll()) : QString();
    pathFile.close();
    QFile::remove(recoveryFile);
    QFile::remove(recoveryFile + QStringLiteral(".path"));
    setProject(std::move(project).value(), original, true);
    return true;
}

void FileActions::offerRecovery()
{
    const QStringList files = recoveryFiles();
    if (files.isEmpty())
        return;
    const QMessageBox::StandardButton answer = QMessageBox::question(m_window, tr("Restore Unsaved Work"),
        tr("Basalt was closed with unsaved changes. Restore the project saved on %1?")
            .arg(QLocale().toString(QFileInfo(files.constFirst()).lastModified(), QLocale::ShortFormat)),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer == QMessageBox::Yes)
        restoreRecovery(files.constFirst());
}

void FileActions::showError(const QString &title, const QString &text, const QString &details)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
    box.setObjectName(QStringLiteral("fileErrorBox"));
    box.setInformativeText(details);
    box.exec();
}

} // namespace Designer
