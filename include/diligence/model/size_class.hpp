// EU enterprise size classes of Commission Recommendation 2003/361/EC (Annex, Art. 2):
//   micro  : fewer than 10 employees and turnover ≤ EUR 2m
//   small  : fewer than 50 employees and turnover ≤ EUR 10m
//   medium : fewer than 250 employees and turnover ≤ EUR 50m
// The Recommendation also accepts a balance-sheet total (≤ 2m / 10m / 43m) in place of
// turnover; the scenario format has no balance sheet, so turnover alone decides here.
// A firm with 250 or more employees is large whatever its turnover. A firm whose class the
// figures cannot decide (employees missing, or fewer than 250 with turnover missing) is
// `unknown`, and an unknown firm is never treated as an SME.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace diligence::model {

enum class SizeClass : std::uint8_t { kMicro, kSmall, kMedium, kLarge, kUnknown };

inline constexpr SizeClass kAllSizeClasses[] = {SizeClass::kMicro, SizeClass::kSmall,
                                                SizeClass::kMedium, SizeClass::kLarge,
                                                SizeClass::kUnknown};

[[nodiscard]] constexpr std::string_view to_string(SizeClass c) noexcept {
  switch (c) {
    case SizeClass::kMicro:
      return "micro";
    case SizeClass::kSmall:
      return "small";
    case SizeClass::kMedium:
      return "medium";
    case SizeClass::kLarge:
      return "large";
    case SizeClass::kUnknown:
      return "unknown";
  }
  return "unknown";
}

/// True for micro, small and medium enterprises.
[[nodiscard]] constexpr bool is_sme(SizeClass c) noexcept {
  return c == SizeClass::kMicro || c == SizeClass::kSmall || c == SizeClass::kMedium;
}

/// Size class from headcount and turnover (EUR), as described at the top of this file.
[[nodiscard]] constexpr SizeClass classify_size(std::optional<std::uint64_t> employees,
                                                std::optional<double> turnover_eur) noexcept {
  if (!employees) return SizeClass::kUnknown;
  if (*employees >= 250) return SizeClass::kLarge;
  if (!turnover_eur) return SizeClass::kUnknown;
  const double t = *turnover_eur;
  if (*employees < 10 && t <= 2'000'000.0) return SizeClass::kMicro;
  if (*employees < 50 && t <= 10'000'000.0) return SizeClass::kSmall;
  if (t <= 50'000'000.0) return SizeClass::kMedium;
  return SizeClass::kLarge;
}

}  // namespace diligence::model
