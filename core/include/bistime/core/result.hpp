// Result<T>: the return type of every fallible core operation.
//
// A Result holds either a value or an Error. Errors carry a kind, so that the
// driving adapters can translate them (the HTTP adapter maps kinds to status
// codes in exactly one place) without parsing messages. The core throws no
// exceptions of its own; adapters translate theirs into Errors at the boundary.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace bistime {

enum class ErrorKind {
    invalid,            // the input breaks a rule of the contract
    not_found,          // the resource does not exist
    conflict,           // the input clashes with something already stored
    unauthorized,       // a secret is required and was not given
    forbidden,          // a secret was given and is wrong
    too_many_attempts,  // too many failed secret checks; try later
    unavailable,        // storage could not be reached or failed
    locked,             // the resource accepts no changes now (an event locked by its organiser)
};

// One invalid field and why, for validation errors ("errors" on the wire).
struct FieldError {
    std::string field;
    std::string message;
};

struct Error {
    ErrorKind kind = ErrorKind::invalid;
    std::string message;
    std::vector<FieldError> field_errors;
    // For too_many_attempts: seconds until an attempt would be counted again.
    long long retry_after_seconds = 0;

    static Error invalid(std::string message) {
        return {ErrorKind::invalid, std::move(message), {}};
    }
    // A validation error about one field; the message doubles as the field's.
    static Error invalid_field(std::string field, std::string message) {
        Error e{ErrorKind::invalid, message, {}};
        e.field_errors.push_back({std::move(field), std::move(message)});
        return e;
    }
    static Error not_found(std::string message) {
        return {ErrorKind::not_found, std::move(message), {}};
    }
    static Error conflict(std::string message) {
        return {ErrorKind::conflict, std::move(message), {}};
    }
    static Error unauthorized(std::string message) {
        return {ErrorKind::unauthorized, std::move(message), {}};
    }
    static Error forbidden(std::string message) {
        return {ErrorKind::forbidden, std::move(message), {}};
    }
    static Error unavailable(std::string message) {
        return {ErrorKind::unavailable, std::move(message), {}};
    }
};

// Holds a T or an Error. Accessing the wrong alternative is a programming
// error (std::bad_variant_access), so callers test ok() first.
template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
    Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<1>(state_); }

  private:
    std::variant<T, Error> state_;
};

// The value-less form: success, or an Error.
template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const { return error_; }

  private:
    Error error_;
    bool ok_ = true;
};

}  // namespace bistime

// Early returns for Results, in the spirit of SerenityOS's TRY and Abseil's
// ASSIGN_OR_RETURN: the function's own return type must be constructible
// from an Error (any Result is). Statement macros, not expressions, so that
// they stay standard C++ (no GNU statement expressions).
//
//   BISTIME_TRY(storage.delete_date(id));            // a Result<void> or Result<T>
//   BISTIME_ASSIGN(auto event, require_event(uuid)); // declares `event` as the value
#define BISTIME_CONCAT_INNER(a, b) a##b
#define BISTIME_CONCAT(a, b) BISTIME_CONCAT_INNER(a, b)
// NOLINTBEGIN(bugprone-macro-parentheses): `result` and `declaration` are
// names and declarations, not expressions.
#define BISTIME_TRY(expression) \
    BISTIME_TRY_IMPL(BISTIME_CONCAT(bistime_try_result_, __LINE__), expression)
#define BISTIME_TRY_IMPL(result, expression)       \
    do {                                           \
        if (auto result = (expression); !result) { \
            return result.error();                 \
        }                                          \
    } while (false)
#define BISTIME_ASSIGN(declaration, expression) \
    BISTIME_ASSIGN_IMPL(BISTIME_CONCAT(bistime_assign_result_, __LINE__), declaration, expression)
#define BISTIME_ASSIGN_IMPL(result, declaration, expression) \
    auto result = (expression);                              \
    if (!result) {                                           \
        return result.error();                               \
    }                                                        \
    declaration = std::move(result).value()
// NOLINTEND(bugprone-macro-parentheses)
