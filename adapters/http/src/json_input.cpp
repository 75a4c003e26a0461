#include "json_input.hpp"

#include <rapidjson/error/en.h>

#include <charconv>

namespace bistime::http::detail {
namespace {

Error wrong_type(const char* name, const char* expected) {
    return Error::invalid_field(name, std::string(name) + " must be " + expected);
}

// One day in either wire form, or nullopt when it is neither.
std::optional<std::string> read_day(const rapidjson::Value& value) {
    if (value.IsString()) {
        return std::string(value.GetString(), value.GetStringLength());
    }
    if (!value.IsArray()) {
        return std::nullopt;
    }
    std::string joined;
    for (const auto& slot : value.GetArray()) {
        if (!slot.IsString() || slot.GetStringLength() != 1) {
            return std::nullopt;
        }
        joined.push_back(slot.GetString()[0]);
    }
    return joined;
}

std::optional<std::int64_t> read_id(std::string_view digits) {
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (error != std::errc() || end != digits.data() + digits.size() || id <= 0) {
        return std::nullopt;
    }
    return id;
}

}  // namespace

Result<JsonBody> JsonBody::parse(std::string_view text) {
    JsonBody body;
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        body.document_.SetObject();
        return body;
    }
    // Iterative parsing: a deeply nested body cannot exhaust the stack.
    constexpr unsigned k_flags =
        rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
    body.document_.Parse<k_flags>(text.data(), text.size());
    if (body.document_.HasParseError()) {
        return Error::invalid(std::string("malformed JSON: ") +
                              rapidjson::GetParseError_En(body.document_.GetParseError()) +
                              " at offset " + std::to_string(body.document_.GetErrorOffset()));
    }
    if (!body.document_.IsObject()) {
        return Error::invalid("request body must be a JSON object");
    }
    return body;
}

const rapidjson::Value* JsonBody::find(const char* name) const {
    const auto member = document_.FindMember(name);
    if (member == document_.MemberEnd() || member->value.IsNull()) {
        return nullptr;
    }
    return &member->value;
}

Result<std::optional<std::string>> JsonBody::string_field(const char* name) const {
    const auto* value = find(name);
    if (value == nullptr) {
        return std::optional<std::string>();
    }
    if (!value->IsString()) {
        return wrong_type(name, "a string");
    }
    return std::optional<std::string>(std::string(value->GetString(), value->GetStringLength()));
}

Result<std::string> JsonBody::required_string(const char* name) const {
    BISTIME_ASSIGN(auto value, string_field(name));
    if (!value) {
        return Error::invalid_field(name, std::string(name) + " is required");
    }
    return std::move(*value);
}

Result<std::optional<std::vector<std::string>>> JsonBody::string_array_field(
    const char* name) const {
    const auto* value = find(name);
    if (value == nullptr) {
        return std::optional<std::vector<std::string>>();
    }
    if (!value->IsArray()) {
        return wrong_type(name, "an array of strings");
    }
    std::vector<std::string> items;
    for (const auto& item : value->GetArray()) {
        if (!item.IsString()) {
            return wrong_type(name, "an array of strings");
        }
        items.emplace_back(item.GetString(), item.GetStringLength());
    }
    return std::optional<std::vector<std::string>>(std::move(items));
}

Result<std::optional<std::string>> JsonBody::day_field(const char* name) const {
    const auto* value = find(name);
    if (value == nullptr) {
        return std::optional<std::string>();
    }
    auto day = read_day(*value);
    if (!day) {
        return wrong_type(name, "a string of 48 characters 0/1, or an array of 48 of them");
    }
    return day;
}

Result<std::optional<std::vector<std::string>>> JsonBody::days_field(const char* name) const {
    const auto* value = find(name);
    if (value == nullptr) {
        return std::optional<std::vector<std::string>>();
    }
    if (!value->IsArray()) {
        return wrong_type(name, "an array with one day per event date");
    }
    std::vector<std::string> days;
    for (const auto& item : value->GetArray()) {
        auto day = read_day(item);
        if (!day) {
            return wrong_type(name, "an array of days, each a string of 48 characters 0/1");
        }
        days.push_back(std::move(*day));
    }
    return std::optional<std::vector<std::string>>(std::move(days));
}

Result<std::optional<std::int64_t>> JsonBody::int_field(const char* name) const {
    const auto* value = find(name);
    if (value == nullptr) {
        return std::optional<std::int64_t>();
    }
    if (!value->IsInt64()) {
        return wrong_type(name, "an integer");
    }
    return std::optional<std::int64_t>(value->GetInt64());
}

bool JsonBody::is_null(const char* name) const {
    const auto member = document_.FindMember(name);
    return member != document_.MemberEnd() && member->value.IsNull();
}

Result<std::optional<std::int64_t>> JsonBody::id_field(const char* name) const {
    const auto* value = find(name);
    if (value == nullptr) {
        return std::optional<std::int64_t>();
    }
    std::optional<std::int64_t> id;
    if (value->IsInt64() && value->GetInt64() > 0) {
        id = value->GetInt64();
    } else if (value->IsString()) {
        id = read_id(std::string_view(value->GetString(), value->GetStringLength()));
    }
    if (!id) {
        return wrong_type(name, "a positive integer id");
    }
    return id;
}

}  // namespace bistime::http::detail
