// Bodies of the questionnaire scoring functions declared in <diligence/risk/questionnaire.hpp>.
//
// The math (docs/questionnaires.md): an answer v on the scale [min, max] is normalised to
// a = (v − min) / (max − min) ∈ [0,1]; yes / true count as max, no / false as min, an unanswered
// item as min. A pillar's score is the weighted mean Σ w·a / Σ w over the items counted toward it
// (0 for a pillar without items, or whose weights sum to 0). The overall score is the plain mean of
// the three pillar scores, so each pillar counts the same however many items it has. Every item
// with a < 0.5 gets advice, ranked by its gap w·(1 − a): the points the overall weighted sum would
// gain if the item were answered at the top of the scale.
#pragma once

#include <algorithm>
#include <charconv>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>

namespace diligence::risk {
namespace detail {

[[nodiscard]] inline bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

[[nodiscard]] inline std::string_view trim_blanks(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

inline void check_scale(const Questionnaire& q) {
  if (q.scale_min >= q.scale_max)
    throw UsageError(errc::kParameter,
                     "questionnaire '" + q.id + "' has scale min " + std::to_string(q.scale_min) +
                         " ≥ max " + std::to_string(q.scale_max),
                     "scale");
}

}  // namespace detail

inline double answer_value(const Questionnaire& questionnaire, std::string_view item,
                           std::string_view value) {
  const std::string key = "answers." + std::string(item);
  if (questionnaire.item(item) == nullptr)
    throw ValidationError(
        errc::kUnknownItem,
        "questionnaire '" + questionnaire.id + "' has no item '" + std::string(item) + "'", key);
  detail::check_scale(questionnaire);
  const int lo = questionnaire.scale_min, hi = questionnaire.scale_max;
  const std::string_view t = detail::trim_blanks(value);
  const auto span = static_cast<double>(hi) - static_cast<double>(lo);
  if (detail::iequals_ascii(t, "yes") || detail::iequals_ascii(t, "true")) return 1.0;
  if (detail::iequals_ascii(t, "no") || detail::iequals_ascii(t, "false")) return 0.0;
  const std::string scale = std::to_string(lo) + ".." + std::to_string(hi);
  std::string_view digits = t;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  long long v = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (digits.empty() || end != digits.data() + digits.size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range))
    throw ParseError(errc::kType,
                     "expected an integer on the scale " + scale + " or yes/no, got '" +
                         std::string(value) + "'",
                     key);
  if (ec == std::errc::result_out_of_range || v < lo || v > hi)
    throw ValidationError(
        errc::kRange,
        "expected an answer on the scale " + scale + ", got '" + std::string(value) + "'", key);
  return (static_cast<double>(v) - lo) / span;
}

inline const MaturityStage& stage_of(const Questionnaire& questionnaire, double overall) {
  static const MaturityStage kNoStage{};
  for (const auto& s : questionnaire.stages)
    if (!s.below || overall < *s.below) return s;
  return questionnaire.stages.empty() ? kNoStage : questionnaire.stages.back();
}

inline AssessmentResult score_answers(
    const Questionnaire& questionnaire,
    const std::vector<std::pair<std::string, std::string>>& answers) {
  detail::check_scale(questionnaire);
  // Normalised answer per item (questionnaire order); unanswered items stay at 0 (= scale min).
  std::vector<double> a(questionnaire.items.size(), 0.0);
  std::set<std::string_view> seen;
  for (const auto& [item, value] : answers) {
    const double v = answer_value(questionnaire, item, value);
    if (!seen.insert(item).second)
      throw ValidationError(errc::kDuplicateKey, "item '" + item + "' answered twice",
                            "answers." + item);
    const auto pos =
        static_cast<std::size_t>(questionnaire.item(item) - questionnaire.items.data());
    a[pos] = v;
  }

  AssessmentResult r;
  r.items = questionnaire.items.size();
  r.answered = seen.size();
  double sum[3] = {0, 0, 0}, weights[3] = {0, 0, 0};
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto& it = questionnaire.items[i];
    const auto p = static_cast<std::size_t>(it.pillar);
    sum[p] += it.weight * a[i];
    weights[p] += it.weight;
    if (a[i] < 0.5) r.advice.push_back(Advice{it.id, it.area, it.advice, it.weight * (1.0 - a[i])});
  }
  auto pillar = [&](Pillar p) {
    const auto k = static_cast<std::size_t>(p);
    return weights[k] > 0.0 ? sum[k] / weights[k] : 0.0;
  };
  r.scores.e = pillar(Pillar::kE);
  r.scores.s = pillar(Pillar::kS);
  r.scores.g = pillar(Pillar::kG);
  r.overall = r.scores.overall();
  r.stage = stage_of(questionnaire, r.overall).id;
  std::stable_sort(r.advice.begin(), r.advice.end(), [](const Advice& x, const Advice& y) {
    if (x.gap != y.gap) return x.gap > y.gap;
    return x.item < y.item;
  });
  return r;
}

}  // namespace diligence::risk
