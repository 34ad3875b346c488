// The default adverse-impact categories (spec/scenario.md, "Categories"). The set is data: a
// risk model may define more, and the scenario loader accepts whatever list it is given.
#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace diligence::model {

inline constexpr std::array<std::string_view, 11> kDefaultCategories = {
    "child_labour",           "forced_labour",  "health_safety", "wages_hours",
    "freedom_of_association", "discrimination", "land_rights",   "pollution",
    "biodiversity",           "climate",        "governance"};

/// The default category ids as strings.
[[nodiscard]] inline std::vector<std::string> default_categories() {
  return {kDefaultCategories.begin(), kDefaultCategories.end()};
}

/// True when `id` is in `categories`.
[[nodiscard]] inline bool contains_category(const std::vector<std::string>& categories,
                                            std::string_view id) {
  return std::find(categories.begin(), categories.end(), id) != categories.end();
}

}  // namespace diligence::model
