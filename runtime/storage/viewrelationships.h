// SPDX-License-Identifier: GPL-3.0-or-later
// The relationships a view takes part in, inferred from the keys its columns show, as PostgREST infers them.
#pragma once

#include "model/project.h"

#include <vector>

namespace Runtime {

/** Returns the relationships of the views of \a served (a project as withViewTables() serves it, views
    among its tables), for embeds from and into views. As PostgREST infers them from a view's source
    columns: for each one-to-many or one-to-one relationship, a view column showing its foreign key stands
    for the table holding the key, and a view showing the referenced table's key (the view's own key, see
    View::asTable()) for the referenced table, view to table, table to view and view to view. Each keeps the
    kind and name of the relationship it comes from; its constraint's name is that of the base table's
    foreign key (EmbedResolver::constraintName() of the column the view shows), as in PostgREST. Returns
    nothing when \a served has no views. Many-to-many relationships are not followed through views yet. */
std::vector<Relationship> viewRelationships(const Project &served);

} // namespace Runtime
