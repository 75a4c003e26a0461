// Reading a request's JSON body: parse once, then typed access to fields.
//
// Each accessor answers nullopt for an absent (or null) field, the value for
// one of the right type, and Error{invalid} naming the field for the wrong
// type, so a route reads its fields in a few lines and every type error gets
// the same clear message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "bistime/core/result.hpp"

namespace bistime::http::detail {

class JsonBody {
  public:
    // An empty body reads as {}. Errors: invalid (not JSON, not an object,
    // not UTF-8), with the parser's reason and offset.
    static Result<JsonBody> parse(std::string_view text);

    Result<std::optional<std::string>> string_field(const char* name) const;
    // A string field that must be present. Errors: invalid ("<name> is required").
    Result<std::string> required_string(const char* name) const;
    Result<std::optional<std::vector<std::string>>> string_array_field(const char* name) const;
    // A day's availability: a string, or an array of one-character strings
    // (the original web client's form), joined into one string.
    Result<std::optional<std::string>> day_field(const char* name) const;
    // An array of days, each in either form.
    Result<std::optional<std::vector<std::string>>> days_field(const char* name) const;
    // An integer (not a float, not a string).
    Result<std::optional<std::int64_t>> int_field(const char* name) const;
    // True when the field is present with the value null.
    bool is_null(const char* name) const;
    // A database id: a positive integer, or a string of digits.
    Result<std::optional<std::int64_t>> id_field(const char* name) const;

  private:
    const rapidjson::Value* find(const char* name) const;
    rapidjson::Document document_;
};

}  // namespace bistime::http::detail
