// Tests of the identifier checks of the scenario format: firm ids, ISO 3166-1 alpha-2 shape and
// NACE Rev. 2 codes (section letter, division in that section, group and class digits).
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <diligence/model/codes.hpp>

namespace diligence::model {
namespace {

TEST(FirmId, Length) {
  EXPECT_FALSE(is_valid_firm_id(""));
  EXPECT_TRUE(is_valid_firm_id("a"));
  EXPECT_TRUE(is_valid_firm_id(std::string(63, 'x')));
  EXPECT_TRUE(is_valid_firm_id(std::string(64, 'x')));
  EXPECT_FALSE(is_valid_firm_id(std::string(65, 'x')));
  EXPECT_FALSE(is_valid_firm_id(std::string(200, 'x')));
  EXPECT_EQ(kMaxIdLength, 64u);
}

TEST(FirmId, EveryByteAlone) {
  const std::string_view allowed =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-";
  int accepted = 0;
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const std::string id(1, c);
    const bool expected = allowed.find(c) != std::string_view::npos;
    EXPECT_EQ(is_valid_firm_id(id), expected) << "byte " << b;
    accepted += is_valid_firm_id(id) ? 1 : 0;
  }
  EXPECT_EQ(accepted, 66);
}

TEST(FirmId, Examples) {
  EXPECT_TRUE(is_valid_firm_id("noksan-cells_01"));
  EXPECT_TRUE(is_valid_firm_id("KR:ulsan.smelter-2"));
  EXPECT_TRUE(is_valid_firm_id("..."));
  EXPECT_TRUE(is_valid_firm_id("0"));
  EXPECT_FALSE(is_valid_firm_id("has space"));
  EXPECT_FALSE(is_valid_firm_id("slash/id"));
  EXPECT_FALSE(is_valid_firm_id("at@firm"));
  EXPECT_FALSE(is_valid_firm_id("comma,id"));
  EXPECT_FALSE(is_valid_firm_id("tab\tid"));
  EXPECT_FALSE(is_valid_firm_id("caf\xc3\xa9"));  // é in UTF-8
  EXPECT_FALSE(is_valid_firm_id(std::string_view("nul\0id", 6)));
  EXPECT_FALSE(is_valid_firm_id("trailing "));
  EXPECT_FALSE(is_valid_firm_id(std::string(63, 'x') + "+"));
  EXPECT_TRUE(is_valid_firm_id(std::string(63, 'x') + "-"));
}

TEST(Country, Shape) {
  EXPECT_TRUE(is_valid_country("DE"));
  EXPECT_TRUE(is_valid_country("KR"));
  EXPECT_TRUE(is_valid_country("AA"));
  EXPECT_TRUE(is_valid_country("ZZ"));  // shape only: unassigned codes pass
  EXPECT_FALSE(is_valid_country(""));
  EXPECT_FALSE(is_valid_country("D"));
  EXPECT_FALSE(is_valid_country("DEU"));
  EXPECT_FALSE(is_valid_country("de"));
  EXPECT_FALSE(is_valid_country("De"));
  EXPECT_FALSE(is_valid_country("dE"));
  EXPECT_FALSE(is_valid_country("D1"));
  EXPECT_FALSE(is_valid_country("1D"));
  EXPECT_FALSE(is_valid_country(" D"));
  EXPECT_FALSE(is_valid_country("D-"));
  EXPECT_FALSE(is_valid_country("@["));  // the bytes just outside A..Z
}

TEST(Country, EveryPairOfPrintableBytes) {
  int accepted = 0;
  for (int a = 32; a < 127; ++a) {
    for (int b = 32; b < 127; ++b) {
      const std::string code{static_cast<char>(a), static_cast<char>(b)};
      const bool expected = a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z';
      ASSERT_EQ(is_valid_country(code), expected) << "'" << code << "'";
      accepted += expected ? 1 : 0;
    }
  }
  EXPECT_EQ(accepted, 26 * 26);
}

// NACE Rev. 2 divisions of each section, written out from the classification itself
// (Regulation (EC) No 1893/2006, Annex I), independently of the table in codes.hpp.
struct Section {
  char letter;
  int first;
  int last;
};
constexpr Section kNace[] = {
    {'A', 1, 3},   {'B', 5, 9},   {'C', 10, 33}, {'D', 35, 35}, {'E', 36, 39}, {'F', 41, 43},
    {'G', 45, 47}, {'H', 49, 53}, {'I', 55, 56}, {'J', 58, 63}, {'K', 64, 66}, {'L', 68, 68},
    {'M', 69, 75}, {'N', 77, 82}, {'O', 84, 84}, {'P', 85, 85}, {'Q', 86, 88}, {'R', 90, 93},
    {'S', 94, 96}, {'T', 97, 98}, {'U', 99, 99}};

std::string two_digits(int d) {
  return std::string{static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10)};
}

TEST(Nace, SectionLetters) {
  for (char c = 'A'; c <= 'U'; ++c) EXPECT_TRUE(is_valid_nace(std::string(1, c))) << c;
  for (const char* s : {"V", "W", "Z", "a", "c", "u", "@", "0", "", " "})
    EXPECT_FALSE(is_valid_nace(s)) << "'" << s << "'";
}

TEST(Nace, EveryDivisionBelongsToItsSection) {
  int accepted = 0;
  for (char c = 'A'; c <= 'Z'; ++c) {
    for (int d = 0; d <= 99; ++d) {
      bool expected = false;
      for (const auto& s : kNace)
        if (s.letter == c && d >= s.first && d <= s.last) expected = true;
      const std::string code = std::string(1, c) + two_digits(d);
      EXPECT_EQ(is_valid_nace(code), expected) << code;
      EXPECT_EQ(is_valid_nace(code + ".1"), expected) << code << ".1";
      EXPECT_EQ(is_valid_nace(code + ".10"), expected) << code << ".10";
      accepted += expected ? 1 : 0;
    }
  }
  EXPECT_EQ(accepted, 88);  // NACE Rev. 2 has 88 divisions
}

TEST(Nace, Examples) {
  EXPECT_TRUE(is_valid_nace("C"));
  EXPECT_TRUE(is_valid_nace("C27"));
  EXPECT_TRUE(is_valid_nace("C27.2"));
  EXPECT_TRUE(is_valid_nace("C27.20"));
  EXPECT_TRUE(is_valid_nace("A01"));
  EXPECT_TRUE(is_valid_nace("A01.11"));
  EXPECT_TRUE(is_valid_nace("B07.29"));
  EXPECT_TRUE(is_valid_nace("U99"));
  EXPECT_TRUE(is_valid_nace("D35.1"));
  EXPECT_FALSE(is_valid_nace("C01"));
  EXPECT_FALSE(is_valid_nace("A10"));
  EXPECT_FALSE(is_valid_nace("C34"));  // gap between C and D
  EXPECT_FALSE(is_valid_nace("A04"));  // gap between A and B
  EXPECT_FALSE(is_valid_nace("U98"));
  EXPECT_FALSE(is_valid_nace("V99"));
}

TEST(Nace, WrongShapes) {
  for (const char* s : {"C27.200", "C27.",  "c27",    "c27.2",  "C2",    "C2.7",   "C027",
                        "C27-2",   "C27.x", "C27.2x", "C27..2", "C27 ",  " C27",   "C27.2.0",
                        "C 27",    "CC27",  "C2a",    "Ca7",    "C27,2", "C27.20 "}) {
    EXPECT_FALSE(is_valid_nace(s)) << "'" << s << "'";
  }
}

TEST(Nace, SectionOf) {
  EXPECT_EQ(nace_section("C27.20"), 'C');
  EXPECT_EQ(nace_section("A"), 'A');
  EXPECT_EQ(nace_section(""), '?');
}

TEST(Codes, UsableAtCompileTime) {
  static_assert(is_valid_firm_id("A-1"));
  static_assert(!is_valid_country("de"));
  static_assert(is_valid_nace("C27.20"));
  static_assert(!is_valid_nace("C01"));
  SUCCEED();
}

}  // namespace
}  // namespace diligence::model
