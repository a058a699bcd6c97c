// SPDX-License-Identifier: GPL-3.0-or-later
// NewProjectDialog: File > New: a blank project or one of the built-in templates, with a preview.
#pragma once

#include <QDialog>
#include <QHash>
#include <QPixmap>

class QLabel;
class QListWidget;

namespace Runtime {
struct Project;
}

namespace Designer {

/** Picks what a new project starts from: blank or a built-in template, showing each template's description,
    its tables and a picture of its diagram (drawn by the canvas's own ErScene). Shown modally by
    FileActions, on the stack. */
class NewProjectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewProjectDialog(QWidget *parent = nullptr);

    /** Returns the resource path of the chosen template, or an empty string for a blank project. */
    QString templatePath() const;

    /** Returns a picture of the diagram of \a project that fits \a size (in device-independent pixels) at
        \a devicePixelRatio, drawn with \a palette as the canvas draws it; a null pixmap for no tables. */
    static QPixmap renderPreview(const Runtime::Project &project, const QSize &size, const QPalette &palette,
        qreal devicePixelRatio = 1);

private:
    void showDetails(int row);
    QPixmap previewFor(int row);

    QListWidget *m_list = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_picture = nullptr;
    QLabel *m_preview = nullptr;
    QStringList m_descriptions;
    QStringList m_previews;
    QHash<int, QPixmap> m_pictures; ///< made when a row is first shown
};

} // namespace Designer
