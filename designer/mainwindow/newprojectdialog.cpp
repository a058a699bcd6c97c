// SPDX-License-Identifier: GPL-3.0-or-later
// NewProjectDialog: File > New: a blank project or one of the built-in templates, with a preview.
#include "newprojectdialog.h"

#include "canvas/autolayout.h"
#include "canvas/erscene.h"
#include "document/projectdocument.h"
#include "fileactions.h"
#include "model/project.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QVBoxLayout>

namespace Designer {

namespace {

const QSize s_pictureSize(440, 280);
constexpr qreal Margin = 16;

} // namespace

NewProjectDialog::NewProjectDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("newProjectDialog"));
    setWindowTitle(tr("New Project"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("templateList"));
    new QListWidgetItem(tr("Blank project"), m_list);
    m_descriptions << tr("An empty project without tables.");
    m_previews << QString();
    for (const QString &path : FileActions::templatePaths()) {
        const std::unique_ptr<Runtime::Project> project = FileActions::readTemplate(path);
        if (!project)
            continue;
        auto *item = new QListWidgetItem(project->name, m_list);
        item->setData(Qt::UserRole, path);
        QStringList tables;
        for (const Runtime::Table &table : project->tables)
            tables << table.name;
        m_descriptions << project->description;
        m_previews << tr("Tables: %1").arg(tables.join(QLatin1String(", ")));
    }
    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    m_picture = new QLabel(this);
    m_picture->setObjectName(QStringLiteral("templatePicture"));
    m_picture->setAccessibleName(tr("Diagram preview"));
    m_picture->setAlignment(Qt::AlignCenter);
    m_picture->setWordWrap(true);
    m_picture->setFixedSize(s_pictureSize);
    m_picture->setFrameShape(QFrame::StyledPanel);
    m_picture->setMargin(12);
    m_picture->setBackgroundRole(QPalette::Base);
    m_picture->setAutoFillBackground(true);
    m_preview = new QLabel(this);
    m_preview->setWordWrap(true);
    m_preview->setForegroundRole(QPalette::PlaceholderText);

    auto *listLabel = new QLabel(tr("&Start from:"), this);
    listLabel->setBuddy(m_list);
    auto *choice = new QVBoxLayout;
    choice->addWidget(listLabel);
    choice->addWidget(m_list);
    auto *details = new QVBoxLayout;
    details->addWidget(m_description);
    details->addWidget(m_picture);
    details->addWidget(m_preview);
    details->addStretch();
    auto *body = new QHBoxLayout;
    body->addLayout(choice, 1);
    body->addLayout(details, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);
    connect(m_list, &QListWidget::currentRowChanged, this, &NewProjectDialog::showDetails);
    m_list->setCurrentRow(0);
    resize(760, 440);
}

QString NewProjectDialog::templatePath() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

QPixmap NewProjectDialog::renderPreview(
    const Runtime::Project &project, const QSize &size, const QPalette &palette, qreal devicePixelRatio)
{
    if (project.tables.empty() || size.isEmpty())
        return {};
    auto copy = std::make_unique<Runtime::Project>(project);
    // A project whose cards all sit at one spot has never been laid out: arrange it as the canvas would.
    const QPointF first = copy->tables.front().position;
    if (std::all_of(copy->tables.cbegin(), copy->tables.cend(),
            [&first](const Runtime::Table &table) { return table.position == first; })) {
        const QHash<Runtime::ObjectId, QPointF> arranged = arrangeTables(*copy);
        for (Runtime::Table &table : copy->tables)
            table.position = arranged.value(table.id, table.position);
    }
    ProjectDocument document(std::move(copy));
    ErScene scene(&document);
    scene.setPalette(palette);
    const QRectF source = scene.itemsBoundingRect().adjusted(-Margin, -Margin, Margin, Margin);
    // Fit and centre; never enlarge a small diagram past its own size.
    const qreal scale = qMin(1.0, qMin(size.width() / source.width(), size.height() / source.height()));
    const QSizeF drawn = source.size() * scale;
    const QRectF target(
        QPointF((size.width() - drawn.width()) / 2, (size.height() - drawn.height()) / 2), drawn);
    QPixmap pixmap(size * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(palette.color(QPalette::Base));
    QPainter painter(&pixmap);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    scene.render(&painter, target, source);
    return pixmap;
}

QPixmap NewProjectDialog::previewFor(int row)
{
    if (const auto it = m_pictures.constFind(row); it != m_pictures.cend())
        return *it;
    const QListWidgetItem *item = m_list->item(row);
    const QString path = item ? item->data(Qt::UserRole).toString() : QString();
    QPixmap picture;
    if (const std::unique_ptr<Runtime::Project> project = path.isEmpty() ? nullptr : FileActions::readTemplate(path))
        picture = renderPreview(*project, m_picture->contentsRect().size(), palette(), devicePixelRatioF());
    m_pictures.insert(row, picture);
    return picture;
}

void NewProjectDialog::showDetails(int row)
{
    m_description->setText(m_descriptions.value(row));
    m_preview->setText(m_previews.value(row));
    const QPixmap picture = previewFor(row);
    if (picture.isNull()) {
        m_picture->setPixmap({});
        m_picture->setText(tr("A blank canvas. Add tables with Edit > Add Table, or drag them from the "
                              "palette onto the canvas."));
    } else {
        m_picture->setPixmap(picture);
    }
    m_picture->setAccessibleDescription(m_previews.value(row));
}

} // namespace Designer
