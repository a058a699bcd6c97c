// SPDX-License-Identifier: GPL-3.0-or-later
// CallersWidget: who may call a function or an endpoint (Runtime::CallPermission), as radio buttons and
// roles.
#pragma once

#include "model/projectparts.h"

#include <QWidget>

class QButtonGroup;
class QListWidget;

namespace Runtime {
class Project;
}

namespace Designer {

/** Shows and edits a CallPermission: "Anyone with the anon key", "Signed-in users", "These roles:" with a
    checkable list of the project's roles (anon, authenticated and the custom roles) and "Service role only".
    Emits edited() with the whole new permission on each user change; never edits the model itself (its
    editor passes the permission to the document). Owned by the endpoint and function editors. */
class CallersWidget : public QWidget
{
    Q_OBJECT

public:
    explicit CallersWidget(QWidget *parent = nullptr);

    /** Shows \a permission, offering the roles of \a project (a listed role the project lacks is shown
        too, so that it can be unchecked). Emits nothing. */
    void setPermission(const Runtime::Project &project, const Runtime::CallPermission &permission);
    /** Returns the permission shown. */
    Runtime::CallPermission permission() const;

    /** Chooses \a access as a click would (emits edited() when it changes). */
    void chooseAccess(Runtime::CallAccess access);
    /** Returns the list of roles (enabled while "These roles:" is chosen). */
    QListWidget *rolesList() const { return m_roles; }

signals:
    void edited(const Runtime::CallPermission &permission);

private:
    void emitEdited();

    QButtonGroup *m_access = nullptr;
    QListWidget *m_roles = nullptr;
    bool m_filling = false;
};

} // namespace Designer
