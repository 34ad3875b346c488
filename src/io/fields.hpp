// Scalar conversions shared by the YAML and CSV loaders: text → number, integer, bool, date,
// with errors that carry the key path and the position of the value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <diligence/core/date.hpp>
#include <diligence/core/error.hpp>

namespace diligence::io::detail {

/// Where a value came from: key path and position, for error messages.
struct ValueRef {
  const std::string& key;
  const Location& where;
};

/// A number: decimal, optional sign and exponent; `.inf`/`.nan` forms parse (and then fail the
/// range checks of the model). @throws ParseError (input.type).
[[nodiscard]] double parse_number(std::string_view text, const ValueRef& ref);
/// A number that must be finite and ≥ 0. @throws ParseError / ValidationError (input.range).
[[nodiscard]] double parse_amount(std::string_view text, const ValueRef& ref);
/// A number in [0,1]. @throws ParseError / ValidationError (input.range).
[[nodiscard]] double parse_unit(std::string_view text, const ValueRef& ref);
/// A non-negative integer (no sign, no fraction, no exponent). @throws ParseError /
/// ValidationError.
[[nodiscard]] std::uint64_t parse_count(std::string_view text, const ValueRef& ref);
/// true/false, yes/no (any case), 1/0. @throws ParseError (input.type).
[[nodiscard]] bool parse_bool(std::string_view text, const ValueRef& ref);
/// YYYY-MM-DD. @throws ValidationError (input.bad_date).
[[nodiscard]] Date parse_date(std::string_view text, const ValueRef& ref);
/// One of a fixed set of words; `allowed` is a comma-separated list for the message.
[[noreturn]] void bad_enum(std::string_view text, std::string_view allowed, const ValueRef& ref);

/// Splits a list cell at `;`, trimming blanks around items; empty items are errors.
[[nodiscard]] std::vector<std::string> split_list(std::string_view text, const ValueRef& ref);

}  // namespace diligence::io::detail
