// Tests of diligence::Date: parsing, validity (leap years), the days-since-epoch mapping against
// a naive day-by-day calendar, formatting round trips, month arithmetic and ordering.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/date.hpp>

namespace diligence {
namespace {

// A slow, obviously correct calendar: the days of each month, stepped one by one.
bool naive_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned naive_month_length(int y, unsigned m) {
  switch (m) {
    case 2:
      return naive_leap(y) ? 29u : 28u;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30u;
    default:
      return 31u;
  }
}
std::string naive_format(int y, unsigned m, unsigned d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

TEST(Date, EpochAndKnownDays) {
  EXPECT_EQ(Date(1970, 1, 1).days(), 0);
  EXPECT_EQ(Date(1969, 12, 31).days(), -1);
  EXPECT_EQ(Date(1970, 1, 2).days(), 1);
  EXPECT_EQ(Date(2000, 1, 1).days(), 10957);
  EXPECT_EQ(Date(2000, 3, 1).days(), 11017);  // 2000 is a leap year: Jan 31 + Feb 29
  EXPECT_EQ(Date(2024, 2, 29).days(), 19782);
  EXPECT_EQ(Date().days(), 0);
  EXPECT_EQ(Date().to_string(), "1970-01-01");
  EXPECT_EQ(Date::from_days(19782), Date(2024, 2, 29));
}

TEST(Date, FieldAccessors) {
  const Date d(2029, 9, 1);
  EXPECT_EQ(d.year(), 2029);
  EXPECT_EQ(d.month(), 9u);
  EXPECT_EQ(d.day(), 1u);
  const Date e = Date::from_days(-1);
  EXPECT_EQ(e.year(), 1969);
  EXPECT_EQ(e.month(), 12u);
  EXPECT_EQ(e.day(), 31u);
}

TEST(Date, ValidLeapYears) {
  EXPECT_TRUE(Date::valid(2024, 2, 29));
  EXPECT_FALSE(Date::valid(2023, 2, 29));
  EXPECT_FALSE(Date::valid(1900, 2, 29));
  EXPECT_TRUE(Date::valid(2000, 2, 29));
  EXPECT_FALSE(Date::valid(2100, 2, 29));
  EXPECT_TRUE(Date::valid(1600, 2, 29));
  EXPECT_FALSE(Date::valid(2024, 2, 30));
}

TEST(Date, ValidRejectsOutOfRangeFields) {
  EXPECT_FALSE(Date::valid(2024, 0, 1));
  EXPECT_FALSE(Date::valid(2024, 13, 1));
  EXPECT_FALSE(Date::valid(2024, 1, 0));
  EXPECT_FALSE(Date::valid(2024, 1, 32));
  EXPECT_FALSE(Date::valid(2024, 4, 31));
  EXPECT_FALSE(Date::valid(2024, 6, 31));
  EXPECT_FALSE(Date::valid(2024, 9, 31));
  EXPECT_FALSE(Date::valid(2024, 11, 31));
  EXPECT_TRUE(Date::valid(2024, 12, 31));
  EXPECT_TRUE(Date::valid(2024, 1, 31));
  EXPECT_TRUE(Date::valid(2024, 4, 30));
}

TEST(Date, ValidMatchesNaiveCalendar) {
  for (int y : {1899, 1900, 1996, 2000, 2023, 2024, 2100, 2400}) {
    for (unsigned m = 0; m <= 13; ++m) {
      for (unsigned d = 0; d <= 32; ++d) {
        const bool expected = m >= 1 && m <= 12 && d >= 1 && d <= naive_month_length(y, m);
        EXPECT_EQ(Date::valid(y, m, d), expected) << y << "-" << m << "-" << d;
      }
    }
  }
}

TEST(Date, ParseValid) {
  const auto d = Date::parse("2029-09-01");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, Date(2029, 9, 1));
  EXPECT_EQ(Date::parse("2024-02-29"), Date(2024, 2, 29));
  EXPECT_EQ(Date::parse("2000-02-29"), Date(2000, 2, 29));
  EXPECT_EQ(Date::parse("1970-01-01"), Date(1970, 1, 1));
  EXPECT_EQ(Date::parse("0000-01-01"), Date(0, 1, 1));
  EXPECT_EQ(Date::parse("9999-12-31"), Date(9999, 12, 31));
  EXPECT_EQ(Date::parse("0999-03-05")->to_string(), "0999-03-05");
}

TEST(Date, ParseInvalidDays) {
  EXPECT_FALSE(Date::parse("2023-02-29"));
  EXPECT_FALSE(Date::parse("1900-02-29"));
  EXPECT_FALSE(Date::parse("2100-02-29"));
  EXPECT_FALSE(Date::parse("2024-02-30"));
  EXPECT_FALSE(Date::parse("2024-04-31"));
  EXPECT_FALSE(Date::parse("2024-13-01"));
  EXPECT_FALSE(Date::parse("2024-00-10"));
  EXPECT_FALSE(Date::parse("2024-01-00"));
  EXPECT_FALSE(Date::parse("2024-01-32"));
}

TEST(Date, ParseWrongShapes) {
  for (const char* s : {"",
                        "2024",
                        "2024-1-01",
                        "2024-01-1",
                        "24-01-01",
                        "2024/01/01",
                        "2024.01.01",
                        "20240101",
                        "2024-01-010",
                        "02024-01-01",
                        " 2024-01-01",
                        "2024-01-01 ",
                        "2024-0a-01",
                        "2024-01-0x",
                        "abcd-01-01",
                        "+024-01-01",
                        "-024-01-01",
                        "2024--1-01",
                        "2024-01-01T00:00",
                        "2024-01-01Z",
                        "2024_01_01",
                        "2024-01 01",
                        "２０２４-01-01"}) {
    EXPECT_FALSE(Date::parse(s).has_value()) << "'" << s << "'";
  }
  // A view that is not NUL-terminated and a prefix of a longer valid text.
  const std::string text = "2024-01-015";
  EXPECT_EQ(Date::parse(std::string_view(text).substr(0, 10)), Date(2024, 1, 1));
  EXPECT_FALSE(Date::parse(text));
}

TEST(Date, UsableAtCompileTime) {
  static_assert(Date::parse("2024-02-29").has_value());
  static_assert(!Date::parse("2023-02-29").has_value());
  static_assert(Date(1970, 1, 2).days() == 1);
  static_assert(Date(2024, 1, 31).add_months(1) == Date(2024, 2, 29));
  SUCCEED();
}

// Every day from 1600-01-01 to 2400-12-31, stepped with the naive calendar: the serial number
// counts up by one, the fields come back, and to_string / parse round trip.
TEST(Date, MatchesNaiveCalendarDayByDay) {
  int y = 1600;
  unsigned m = 1, d = 1;
  std::int32_t serial = Date(1600, 1, 1).days();
  EXPECT_EQ(serial, -135140);  // 370 years of 365 days + 90 leap days before 1970
  for (;;) {
    const Date date(y, m, d);
    ASSERT_EQ(date.days(), serial) << naive_format(y, m, d);
    const Date back = Date::from_days(serial);
    ASSERT_EQ(back.year(), y);
    ASSERT_EQ(back.month(), m);
    ASSERT_EQ(back.day(), d);
    const std::string text = back.to_string();
    ASSERT_EQ(text, naive_format(y, m, d));
    ASSERT_EQ(Date::parse(text), date) << text;
    if (y == 2400 && m == 12 && d == 31) break;
    ++serial;
    if (++d > naive_month_length(y, m)) {
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }
}

// The whole four-digit range, sampled: format, parse, same day.
TEST(Date, RoundTripOverFourDigitYears) {
  const std::int32_t first = Date(0, 1, 1).days();
  const std::int32_t last = Date(9999, 12, 31).days();
  for (std::int32_t s = first; s <= last; s += 7) {
    const Date d = Date::from_days(s);
    const auto back = Date::parse(d.to_string());
    ASSERT_TRUE(back.has_value()) << d.to_string();
    ASSERT_EQ(back->days(), s) << d.to_string();
  }
  EXPECT_EQ(Date::from_days(last).to_string(), "9999-12-31");
  EXPECT_EQ(Date::from_days(first).to_string(), "0000-01-01");
  EXPECT_EQ(Date::from_days(last + 1).year(), 10000);
}

TEST(Date, AddMonthsSimple) {
  EXPECT_EQ(Date(2024, 1, 15).add_months(1), Date(2024, 2, 15));
  EXPECT_EQ(Date(2024, 1, 15).add_months(0), Date(2024, 1, 15));
  EXPECT_EQ(Date(2024, 1, 15).add_months(12), Date(2025, 1, 15));
  EXPECT_EQ(Date(2024, 11, 15).add_months(2), Date(2025, 1, 15));
  EXPECT_EQ(Date(2024, 1, 15).add_months(-1), Date(2023, 12, 15));
  EXPECT_EQ(Date(2024, 1, 15).add_months(-13), Date(2022, 12, 15));
  EXPECT_EQ(Date(2024, 1, 15).add_months(-24), Date(2022, 1, 15));
  EXPECT_EQ(Date(2026, 7, 26).add_months(36), Date(2029, 7, 26));
  EXPECT_EQ(Date(0, 1, 15).add_months(-1), Date(-1, 12, 15));
}

TEST(Date, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(Date(2024, 1, 31).add_months(1), Date(2024, 2, 29));
  EXPECT_EQ(Date(2023, 1, 31).add_months(1), Date(2023, 2, 28));
  EXPECT_EQ(Date(1900, 1, 31).add_months(1), Date(1900, 2, 28));
  EXPECT_EQ(Date(2000, 1, 31).add_months(1), Date(2000, 2, 29));
  EXPECT_EQ(Date(2024, 3, 31).add_months(-1), Date(2024, 2, 29));
  EXPECT_EQ(Date(2024, 3, 31).add_months(1), Date(2024, 4, 30));
  EXPECT_EQ(Date(2024, 5, 31).add_months(4), Date(2024, 9, 30));
  EXPECT_EQ(Date(2024, 2, 29).add_months(12), Date(2025, 2, 28));
  EXPECT_EQ(Date(2024, 2, 29).add_months(48), Date(2028, 2, 29));
  EXPECT_EQ(Date(2024, 2, 29).add_months(-12), Date(2023, 2, 28));
  EXPECT_EQ(Date(2024, 1, 31).add_months(-25), Date(2021, 12, 31));
  // Clamping is not sticky: the day of the original date is what counts.
  EXPECT_EQ(Date(2024, 1, 31).add_months(1).add_months(1), Date(2024, 3, 29));
  EXPECT_EQ(Date(2024, 1, 31).add_months(2), Date(2024, 3, 31));
}

TEST(Date, Ordering) {
  const Date a(2024, 1, 1), b(2024, 1, 2), c(2025, 1, 1), a2(2024, 1, 1);
  EXPECT_TRUE(a < b);
  EXPECT_TRUE(b < c);
  EXPECT_TRUE(a == a2);
  EXPECT_TRUE(a != b);
  EXPECT_TRUE(c > a);
  EXPECT_TRUE(a <= a2);
  EXPECT_TRUE(b >= a);
  EXPECT_FALSE(b < a);
  EXPECT_TRUE((a <=> b) < 0);
  EXPECT_TRUE((c <=> b) > 0);
  EXPECT_TRUE((a <=> a2) == 0);
  EXPECT_TRUE(Date(1969, 12, 31) < Date(1970, 1, 1));
  std::vector<Date> v = {c, a, Date(1999, 12, 31), b};
  std::sort(v.begin(), v.end());
  EXPECT_EQ(v, (std::vector<Date>{Date(1999, 12, 31), a, b, c}));
}

TEST(Date, TodayIsPlausible) {
  const Date t = Date::today();
  EXPECT_GE(t, Date(2024, 1, 1));
  EXPECT_LT(t, Date(2200, 1, 1));
  EXPECT_EQ(Date::parse(t.to_string()), t);
}

}  // namespace
}  // namespace diligence
