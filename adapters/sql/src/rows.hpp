// Helpers for reading rows with SOCI without repeating its statement dance.
#pragma once

#include <string>

#include <soci/soci.h>

namespace bistime::sql::detail {

// Runs `query`; `bind_columns(statement)` binds the columns with into(),
// `params` are bound in order with use(), and `take()` is called once per
// row fetched, after the bound variables hold that row.
template <typename BindColumns, typename Take, typename... Params>
void for_each_row(soci::session& sql, const std::string& query, BindColumns&& bind_columns,
                  Take&& take, Params&... params) {
    soci::statement statement(sql);
    bind_columns(statement);
    (statement.exchange(soci::use(params)), ...);
    statement.alloc();
    statement.prepare(query);
    statement.define_and_bind();
    statement.execute(false);
    while (statement.fetch()) {
        take();
    }
}

// Runs a statement that changes rows and returns how many it changed.
template <typename... Params>
long long execute_counting(soci::session& sql, const std::string& query, Params&... params) {
    soci::statement statement(sql);
    (statement.exchange(soci::use(params)), ...);
    statement.alloc();
    statement.prepare(query);
    statement.define_and_bind();
    statement.execute(true);
    return statement.get_affected_rows();
}

}  // namespace bistime::sql::detail
