// SPDX-License-Identifier: GPL-3.0-or-later
// RunTarget: where the designer's running runtime answers, and with which keys.
#pragma once

#include "model/project.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <memory>

namespace Runtime {
class ChangeFeed;
class RealtimeHub;
}

namespace Designer {

/** What the panes that talk to the running runtime (request console, data browser, CSV import) need to
    know about it: its base URL, the project's two keys and the project it serves (the schema of the
    last applied migration, not necessarily the document's unsaved edits). Made by the RunController when
    the runtime starts or follows a schema change; a default-constructed target means "not running". */
struct RunTarget
{
    QUrl baseUrl; ///< e.g. http://127.0.0.1:8765, without a trailing slash
    QByteArray anonKey;
    QByteArray serviceKey;
    std::shared_ptr<const Runtime::Project> project;
    QString projectFile; ///< the project's file, empty while untitled (history and collections live beside it)
    QString databasePath; ///< the local SQLite database the runtime serves
    /** Where the runtime announces committed writes; what writes beside it (the CSV import) announces
        there too, so that triggers and realtime see them. */
    std::shared_ptr<Runtime::ChangeFeed> changeFeed;
    /** The realtime channels of the in-process server: open sockets and channels (the request log), and why
        changes were withheld from a subscriber (the realtime inspector). */
    std::shared_ptr<Runtime::RealtimeHub> realtimeHub;

    bool isRunning() const { return baseUrl.isValid() && !baseUrl.isEmpty() && project; }
};

} // namespace Designer
