// Tests of classify_size at every boundary of Recommendation 2003/361/EC as implemented
// (headcount < 10 / < 50 / < 250, turnover ≤ 2m / 10m / 50m; missing figures → unknown).
#include <cstdint>
#include <iterator>
#include <optional>

#include <gtest/gtest.h>

#include <diligence/model/size_class.hpp>

namespace diligence::model {
namespace {

constexpr double kM = 1'000'000.0;

TEST(SizeClass, Micro) {
  EXPECT_EQ(classify_size(0, 0.0), SizeClass::kMicro);
  EXPECT_EQ(classify_size(9, 2 * kM), SizeClass::kMicro);
  EXPECT_EQ(classify_size(1, 0.5 * kM), SizeClass::kMicro);
}

TEST(SizeClass, MicroSmallBoundary) {
  EXPECT_EQ(classify_size(10, 2 * kM), SizeClass::kSmall);
  EXPECT_EQ(classify_size(10, 1.0), SizeClass::kSmall);
  EXPECT_EQ(classify_size(9, 2 * kM + 1), SizeClass::kSmall);
  EXPECT_EQ(classify_size(9, 10 * kM), SizeClass::kSmall);
}

TEST(SizeClass, SmallMediumBoundary) {
  EXPECT_EQ(classify_size(49, 10 * kM), SizeClass::kSmall);
  EXPECT_EQ(classify_size(49, 10 * kM + 1), SizeClass::kMedium);
  EXPECT_EQ(classify_size(50, 10 * kM), SizeClass::kMedium);
  EXPECT_EQ(classify_size(50, 0.0), SizeClass::kMedium);
  EXPECT_EQ(classify_size(9, 10 * kM + 1), SizeClass::kMedium);
}

TEST(SizeClass, MediumLargeBoundary) {
  EXPECT_EQ(classify_size(249, 50 * kM), SizeClass::kMedium);
  EXPECT_EQ(classify_size(249, 50 * kM + 1), SizeClass::kLarge);
  EXPECT_EQ(classify_size(250, 0.0), SizeClass::kLarge);
  EXPECT_EQ(classify_size(250, 50 * kM), SizeClass::kLarge);
  EXPECT_EQ(classify_size(0, 50 * kM + 1), SizeClass::kLarge);
  EXPECT_EQ(classify_size(5000, 1e12), SizeClass::kLarge);
}

TEST(SizeClass, MissingFigures) {
  EXPECT_EQ(classify_size(std::nullopt, std::nullopt), SizeClass::kUnknown);
  EXPECT_EQ(classify_size(std::nullopt, 1.0), SizeClass::kUnknown);
  EXPECT_EQ(classify_size(std::nullopt, 100 * kM), SizeClass::kUnknown);
  EXPECT_EQ(classify_size(0, std::nullopt), SizeClass::kUnknown);
  EXPECT_EQ(classify_size(249, std::nullopt), SizeClass::kUnknown);
  EXPECT_EQ(classify_size(250, std::nullopt), SizeClass::kLarge);
  EXPECT_EQ(classify_size(std::uint64_t{1} << 40, std::nullopt), SizeClass::kLarge);
}

TEST(SizeClass, NamesAndSme) {
  EXPECT_EQ(to_string(SizeClass::kMicro), "micro");
  EXPECT_EQ(to_string(SizeClass::kSmall), "small");
  EXPECT_EQ(to_string(SizeClass::kMedium), "medium");
  EXPECT_EQ(to_string(SizeClass::kLarge), "large");
  EXPECT_EQ(to_string(SizeClass::kUnknown), "unknown");
  EXPECT_TRUE(is_sme(SizeClass::kMicro));
  EXPECT_TRUE(is_sme(SizeClass::kSmall));
  EXPECT_TRUE(is_sme(SizeClass::kMedium));
  EXPECT_FALSE(is_sme(SizeClass::kLarge));
  EXPECT_FALSE(is_sme(SizeClass::kUnknown));
  EXPECT_EQ(std::size(kAllSizeClasses), 5u);
}

TEST(SizeClass, UsableAtCompileTime) {
  static_assert(classify_size(9, 2'000'000.0) == SizeClass::kMicro);
  static_assert(classify_size(250, std::nullopt) == SizeClass::kLarge);
  SUCCEED();
}

}  // namespace
}  // namespace diligence::model
