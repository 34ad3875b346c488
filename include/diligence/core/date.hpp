// Calendar dates (proleptic Gregorian), stored as days since 1970-01-01. Used for the scenario
// date, evidence dates and application dates of directives.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace diligence {

class Date {
 public:
  constexpr Date() = default;
  /// The date `year-month-day`; the caller guarantees it exists (see `valid`).
  constexpr Date(int year, unsigned month, unsigned day)
      : days_(days_from_civil(year, month, day)) {}

  [[nodiscard]] static constexpr Date from_days(std::int32_t days) {
    Date d;
    d.days_ = days;
    return d;
  }
  /// True when `year-month-day` names a real day (leap years included).
  [[nodiscard]] static constexpr bool valid(int year, unsigned month, unsigned day) {
    if (month < 1 || month > 12 || day < 1) return false;
    constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= kDays[month - 1] + ((month == 2 && leap) ? 1u : 0u);
  }
  /// Parses exactly `YYYY-MM-DD` (four-digit year); nullopt for anything else or a day that does
  /// not exist.
  [[nodiscard]] static constexpr std::optional<Date> parse(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int v[3] = {0, 0, 0};
    const int start[3] = {0, 5, 8};
    const int len[3] = {4, 2, 2};
    for (int f = 0; f < 3; ++f) {
      for (int i = 0; i < len[f]; ++i) {
        const char c = s[static_cast<std::size_t>(start[f] + i)];
        if (c < '0' || c > '9') return std::nullopt;
        v[f] = v[f] * 10 + (c - '0');
      }
    }
    if (!valid(v[0], static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2]))) return std::nullopt;
    return Date(v[0], static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2]));
  }
  /// Today's date in UTC.
  [[nodiscard]] static Date today() {
    const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return from_days(static_cast<std::int32_t>(now.time_since_epoch().count()));
  }

  [[nodiscard]] constexpr std::int32_t days() const noexcept { return days_; }
  [[nodiscard]] constexpr int year() const noexcept { return civil().y; }
  [[nodiscard]] constexpr unsigned month() const noexcept { return civil().m; }
  [[nodiscard]] constexpr unsigned day() const noexcept { return civil().d; }

  /// The same day `months` months later (or earlier when negative), clamped to the month's end.
  [[nodiscard]] constexpr Date add_months(int months) const {
    const Civil c = civil();
    int total = c.y * 12 + static_cast<int>(c.m) - 1 + months;
    const int y = total >= 0 ? total / 12 : (total - 11) / 12;
    const unsigned m = static_cast<unsigned>(total - y * 12) + 1;
    unsigned d = c.d;
    while (!valid(y, m, d)) --d;
    return Date(y, m, d);
  }

  /// `YYYY-MM-DD`.
  [[nodiscard]] std::string to_string() const {
    const Civil c = civil();
    char buf[16];
    const int y = c.y;
    buf[0] = static_cast<char>('0' + (y / 1000) % 10);
    buf[1] = static_cast<char>('0' + (y / 100) % 10);
    buf[2] = static_cast<char>('0' + (y / 10) % 10);
    buf[3] = static_cast<char>('0' + y % 10);
    buf[4] = '-';
    buf[5] = static_cast<char>('0' + c.m / 10);
    buf[6] = static_cast<char>('0' + c.m % 10);
    buf[7] = '-';
    buf[8] = static_cast<char>('0' + c.d / 10);
    buf[9] = static_cast<char>('0' + c.d % 10);
    return std::string(buf, 10);
  }

  friend constexpr auto operator<=>(const Date&, const Date&) = default;

 private:
  struct Civil {
    int y;
    unsigned m, d;
  };
  // Days from civil and back: the era-based algorithms (400-year cycles of 146097 days).
  static constexpr std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int32_t>(doe) - 719468;
  }
  [[nodiscard]] constexpr Civil civil() const {
    const std::int32_t z = days_ + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2 ? 1 : 0), m, d};
  }

  std::int32_t days_ = 0;
};

}  // namespace diligence
