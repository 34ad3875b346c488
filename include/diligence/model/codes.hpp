// Checks for the identifier-like fields of the scenario format: firm ids, ISO 3166-1 alpha-2
// country codes and NACE Rev. 2 activity codes.
#pragma once

#include <cstddef>
#include <string_view>

namespace diligence::model {

inline constexpr std::size_t kMaxIdLength = 64;

/// A firm id: 1–64 characters of `A-Z a-z 0-9 . _ : -`.
[[nodiscard]] constexpr bool is_valid_firm_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (const char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

/// Shape of an ISO 3166-1 alpha-2 code: two upper-case letters. (The list of assigned codes
/// changes; the shape does not, so the shape is what is checked.)
[[nodiscard]] constexpr bool is_valid_country(std::string_view c) noexcept {
  return c.size() == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z';
}

namespace detail {
// First and last NACE Rev. 2 division of each section A..U.
inline constexpr int kNaceDivisions[21][2] = {
    {1, 3},   {5, 9},   {10, 33}, {35, 35}, {36, 39}, {41, 43}, {45, 47},
    {49, 53}, {55, 56}, {58, 63}, {64, 66}, {68, 68}, {69, 75}, {77, 82},
    {84, 84}, {85, 85}, {86, 88}, {90, 93}, {94, 96}, {97, 98}, {99, 99}};
}  // namespace detail

/// A NACE Rev. 2 code: a section letter A–U, optionally followed by a two-digit division that
/// belongs to that section, optionally followed by `.` and one (group) or two (class) digits:
/// `C`, `C27`, `C27.2`, `C27.20`.
[[nodiscard]] constexpr bool is_valid_nace(std::string_view code) noexcept {
  if (code.empty() || code[0] < 'A' || code[0] > 'U') return false;
  if (code.size() == 1) return true;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (code.size() < 3 || !digit(code[1]) || !digit(code[2])) return false;
  const int division = (code[1] - '0') * 10 + (code[2] - '0');
  const auto& range = detail::kNaceDivisions[code[0] - 'A'];
  if (division < range[0] || division > range[1]) return false;
  if (code.size() == 3) return true;
  if (code[3] != '.' || code.size() < 5 || code.size() > 6) return false;
  for (std::size_t i = 4; i < code.size(); ++i)
    if (!digit(code[i])) return false;
  return true;
}

/// The section letter of a valid NACE code (`C27.20` → 'C').
[[nodiscard]] constexpr char nace_section(std::string_view code) noexcept {
  return code.empty() ? '?' : code[0];
}

}  // namespace diligence::model
