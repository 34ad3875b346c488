// Scalar conversions for the loaders (see fields.hpp).
#include "io/fields.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <vector>

#include <diligence/core/error_ids.hpp>

namespace diligence::io::detail {
namespace {

std::string quoted(std::string_view text) {
  std::string s = "'";
  if (text.size() > 40) {
    s.append(text.substr(0, 40));
    s += "...";
  } else {
    s.append(text);
  }
  return s + "'";
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

double parse_number(std::string_view text, const ValueRef& ref) {
  std::string_view t = trim(text);
  if (iequals(t, ".inf") || iequals(t, "+.inf")) return std::numeric_limits<double>::infinity();
  if (iequals(t, "-.inf")) return -std::numeric_limits<double>::infinity();
  if (iequals(t, ".nan")) return std::numeric_limits<double>::quiet_NaN();
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  double v = 0.0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || end != t.data() + t.size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range) || iequals(t, "inf") ||
      iequals(t, "nan") || iequals(t, "infinity"))
    throw ParseError(errc::kType, "expected a number, got " + quoted(text), ref.key, ref.where);
  if (ec == std::errc::result_out_of_range)
    throw ValidationError(errc::kRange, "number " + quoted(text) + " is out of range", ref.key,
                          ref.where);
  return v;
}

double parse_amount(std::string_view text, const ValueRef& ref) {
  const double v = parse_number(text, ref);
  if (!std::isfinite(v))
    throw ValidationError(errc::kRange, "expected a finite number ≥ 0, got " + quoted(text),
                          ref.key, ref.where);
  if (v < 0)
    throw ValidationError(errc::kRange, "expected a number ≥ 0, got " + quoted(text), ref.key,
                          ref.where);
  return v;
}

double parse_unit(std::string_view text, const ValueRef& ref) {
  const double v = parse_number(text, ref);
  if (!std::isfinite(v) || v < 0.0 || v > 1.0)
    throw ValidationError(errc::kRange, "expected a number in [0,1], got " + quoted(text), ref.key,
                          ref.where);
  return v;
}

std::uint64_t parse_count(std::string_view text, const ValueRef& ref) {
  std::string_view t = trim(text);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  if (!t.empty() && t.front() == '-') {
    // A negative integer is a range error; anything else is a type error.
    bool digits = t.size() > 1;
    for (std::size_t i = 1; i < t.size(); ++i) digits = digits && t[i] >= '0' && t[i] <= '9';
    if (digits)
      throw ValidationError(errc::kRange, "expected an integer ≥ 0, got " + quoted(text), ref.key,
                            ref.where);
  }
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || end != t.data() + t.size() || ec == std::errc::invalid_argument)
    throw ParseError(errc::kType, "expected an integer ≥ 0, got " + quoted(text), ref.key,
                     ref.where);
  if (ec == std::errc::result_out_of_range)
    throw ValidationError(errc::kRange, "integer " + quoted(text) + " is out of range", ref.key,
                          ref.where);
  return v;
}

bool parse_bool(std::string_view text, const ValueRef& ref) {
  const std::string_view t = trim(text);
  if (iequals(t, "true") || iequals(t, "yes") || t == "1") return true;
  if (iequals(t, "false") || iequals(t, "no") || t == "0") return false;
  throw ParseError(errc::kType, "expected true or false, got " + quoted(text), ref.key, ref.where);
}

Date parse_date(std::string_view text, const ValueRef& ref) {
  if (const auto d = Date::parse(trim(text))) return *d;
  throw ValidationError(errc::kBadDate, "expected a date YYYY-MM-DD, got " + quoted(text), ref.key,
                        ref.where);
}

void bad_enum(std::string_view text, std::string_view allowed, const ValueRef& ref) {
  throw ValidationError(errc::kBadEnum,
                        "expected one of " + std::string(allowed) + ", got " + quoted(text),
                        ref.key, ref.where);
}

std::vector<std::string> split_list(std::string_view text, const ValueRef& ref) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t semi = text.find(';', start);
    const std::string_view item = trim(
        text.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start));
    if (item.empty())
      throw ValidationError(
          errc::kType, "empty item in the list " + quoted(text) + " (items are separated by ';')",
          ref.key, ref.where);
    out.emplace_back(item);
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
  return out;
}

}  // namespace diligence::io::detail
