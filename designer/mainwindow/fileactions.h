// SPDX-License-Identifier: GPL-3.0-or-later
// FileActions: the File menu: new from a template, open, open recent, save, save as, autosave, recovery.
#pragma once

#include <QMessageBox>
#include <QObject>

#include <functional>
#include <memory>

class QAction;
class QMenu;
class QTimer;

namespace Runtime {
class Project;
}

namespace Designer {

class MainWindow;
class ProjectDocument;

/** The main window's file handling. Owns the File menu's actions, the list of recent files (QSettings,
    at most maxRecentFiles, missing files dropped) and the autosave timer, which every autosaveInterval
    writes a modified project to a recovery file that is removed again when the project is saved or closed.
    Owned by the MainWindow, whose document it replaces through MainWindow::setDocument(). */
class FileActions : public QObject
{
    Q_OBJECT

public:
    static constexpr int maxRecentFiles = 8;
    static constexpr int autosaveInterval = 60 * 1000;

    explicit FileActions(MainWindow *window);
    ~FileActions() override;

    /** Adds the File menu's actions to \a menu. */
    void populateMenu(QMenu *menu);
    QAction *newAction() const { return m_new; }
    QAction *openAction() const { return m_open; }
    QAction *saveAction() const { return m_save; }
    QAction *saveAsAction() const { return m_saveAs; }

    /** Returns the resource paths of the built-in templates (":/templates/saas.basalt", ...). */
    static QStringList templatePaths();
    /** Returns the project of the template at \a path, or nullptr if it cannot be read. */
    static std::unique_ptr<Runtime::Project> readTemplate(const QString &path);

    /** Opens \a fileName in place of the current project (asking first to save it if modified). Shows the
        reader's problems and returns false if the file cannot be opened. */
    bool openFile(const QString &fileName);
    /** Replaces the project by a new, unsaved one: blank when \a templatePath is empty, else a copy of the
        template. Returns false if the user cancelled or the template cannot be read. */
    bool newProject(const QString &templatePath = {});
    /** Saves to the document's file, or asks for one. Returns true on success. */
    bool save();
    /** Saves to \a fileName, or to a file the user picks when it is empty. Returns true on success. */
    bool saveAs(const QString &fileName = {});
    /** Asks whether to save a modified project (Save / Discard / Cancel) and saves if wanted. Returns false
        when the user cancelled or saving failed; true otherwise, also when nothing was modified. */
    bool maybeSave();
    /** Called when the current document goes away: removes its recovery file. */
    void documentClosing();

    /** Replaces the Save / Discard / Cancel message box of maybeSave(), e.g. in tests. */
    void setSaveDecisionHook(std::function<QMessageBox::StandardButton()> hook);

    QStringList recentFiles() const;

    /** Writes a modified project to its recovery file now (what the autosave timer does). Returns the
        recovery file's path, or an empty string when nothing was written. */
    QString autosaveNow();
    /** Returns the recovery file of the current document (it may not exist). */
    QString recoveryFileName() const;
    /** Returns the recovery files that exist, newest first. */
    static QStringList recoveryFiles();
    /** Opens the recovery file \a recoveryFile as a modified project with its original file name and
        removes it. Returns false if it cannot be read. */
    bool restoreRecovery(const QString &recoveryFile);
    /** If recovery files exist, asks whether to restore the newest one; other ones are kept. */
    void offerRecovery();

private:
    void createActions();
    void newRequested();
    bool createProject(const QString &templatePath);
    void openRequested();
    void addRecentFile(const QString &fileName);
    void updateRecentMenu();
    void showError(const QString &title, const QString &text, const QString &details);
    void setProject(std::unique_ptr<Runtime::Project> project, const QString &originalFileName, bool modified);

    MainWindow *m_window;
    QAction *m_new = nullptr;
    QAction *m_open = nullptr;
    QAction *m_save = nullptr;
    QAction *m_saveAs = nullptr;
    QAction *m_close = nullptr;
    QAction *m_quit = nullptr;
    QMenu *m_recentMenu = nullptr;
    QTimer *m_autosaveTimer = nullptr;
    QString m_lastRecoveryFile;
    /** The file a restored recovery file belongs to, saved to by save() (the document has no file yet). */
    QString m_restoredFileName;
    std::function<QMessageBox::StandardButton()> m_saveDecisionHook;
};

} // namespace Designer
