// The schema, as numbered migrations applied in order at start-up.
//
// Migration N brings the schema from version N-1 to N; the version reached is
// kept in the one-row table schema_version. A migration, once released, is
// never edited: changes come as a new migration.
#pragma once

#include "bistime/core/result.hpp"
#include "database.hpp"

namespace bistime::sql::detail {

// Applies every migration the database lacks. Returns the version reached.
// Errors: unavailable.
Result<int> migrate(Database& database);

}  // namespace bistime::sql::detail
