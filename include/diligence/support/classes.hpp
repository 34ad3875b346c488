// SME classes of the support programmes (spec/support.md): every firm gets exactly one class.
//
//   - A firm that is not an SME (micro, small or medium by Recommendation 2003/361/EC, read from
//     `SupplyNetwork::size_class`, which uses group figures) is `large`, or `unknown` when its size
//     cannot be determined. Neither is ever eligible for support.
//   - An SME is `urgent` when it lies within `urgent_within_tiers` tiers upstream of a target (a
//     direct supplier of a target is tier 1) or is an exporter;
//   - otherwise `beginner` when its overall self-assessment score (mean of its E, S and G pillar
//     scores; 0 when it has no assessment) is below `beginner_below`;
//   - otherwise `established`.
//
// Pillar scores come from the scenario's `assessment`: given directly as `scores`, or as
// questionnaire answers scored with `risk::score_answers` (the scoring own risk uses).
//
// Tiers: one breadth-first search over the supplier links from all targets at once, O(n + m).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/model/firm.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/questionnaire.hpp>

namespace diligence::support {

/// The class of a firm. The first three are the SME classes a programme may serve.
enum class FirmClass : std::uint8_t { kUrgent, kBeginner, kEstablished, kLarge, kUnknown };

inline constexpr std::size_t kNumClasses = 5;
/// The classes a programme can list in `eligible`.
inline constexpr FirmClass kSmeClasses[] = {FirmClass::kUrgent, FirmClass::kBeginner,
                                            FirmClass::kEstablished};
inline constexpr FirmClass kAllClasses[] = {FirmClass::kUrgent, FirmClass::kBeginner,
                                            FirmClass::kEstablished, FirmClass::kLarge,
                                            FirmClass::kUnknown};

/// `urgent`, `beginner`, `established`, `large`, `unknown`.
[[nodiscard]] constexpr std::string_view to_string(FirmClass c) noexcept {
  switch (c) {
    case FirmClass::kUrgent:
      return "urgent";
    case FirmClass::kBeginner:
      return "beginner";
    case FirmClass::kEstablished:
      return "established";
    case FirmClass::kLarge:
      return "large";
    case FirmClass::kUnknown:
      return "unknown";
  }
  return "unknown";
}

/// The class named `name` (exact spelling), or nullopt.
[[nodiscard]] constexpr std::optional<FirmClass> parse_class(std::string_view name) noexcept {
  for (const FirmClass c : kAllClasses)
    if (to_string(c) == name) return c;
  return std::nullopt;
}

/// True for urgent, beginner and established.
[[nodiscard]] constexpr bool is_sme_class(FirmClass c) noexcept {
  return c == FirmClass::kUrgent || c == FirmClass::kBeginner || c == FirmClass::kEstablished;
}

/// The `classes` block of a programme file (defaults as in spec/support.md).
struct ClassOptions {
  double beginner_below = 0.4;            ///< overall score below this = beginner
  std::uint32_t urgent_within_tiers = 3;  ///< SME within this many tiers upstream = urgent
};

/// Classes of every firm.
struct Classification {
  std::vector<FirmClass> classes;  ///< per firm
  std::vector<double> overall;     ///< per firm: mean of E, S, G; 0 without an assessment
  /// Per firm: the fewest supplier links from it to a target (1 = direct supplier of a target),
  /// or -1 when it is not upstream of any target within the searched depth.
  std::vector<std::int32_t> tier;
  std::array<std::size_t, kNumClasses> counts{};  ///< firms per class (index = FirmClass)

  [[nodiscard]] std::size_t count(FirmClass c) const noexcept {
    return counts[static_cast<std::size_t>(c)];
  }
};

/// Tiers upstream of a set of targets: for each firm, the length of the shortest supplier path
/// from it to any target (≥ 1), or -1 when there is none of length ≤ `max_depth` (a target that
/// supplies no other target is -1: a firm is not upstream of itself). Multi-source breadth-first
/// search over the backward CSR. O(n + m).
/// @throws UsageError (`network.index_range`) for a target index that names no firm.
[[nodiscard]] inline std::vector<std::int32_t> upstream_tiers(
    const model::SupplyNetwork& net, std::span<const model::FirmIndex> targets,
    std::uint32_t max_depth) {
  const std::size_t n = net.num_firms();
  std::vector<std::int32_t> tier(n, -1);
  for (const model::FirmIndex t : targets)
    if (t >= n)
      throw UsageError(errc::kIndexRange, "target firm index " + std::to_string(t) +
                                              " is out of range (the network has " +
                                              std::to_string(n) + " firms)");
  if (max_depth == 0) return tier;
  const auto off = net.in_offsets();
  const auto src = net.in_sources();
  // Depth 1: the suppliers of every target (the targets themselves are not marked).
  std::vector<model::FirmIndex> frontier, next;
  for (const model::FirmIndex t : targets)
    for (std::uint32_t e = off[t]; e < off[t + 1]; ++e)
      if (tier[src[e]] < 0) {
        tier[src[e]] = 1;
        frontier.push_back(src[e]);
      }
  for (std::int32_t depth = 2; depth <= static_cast<std::int32_t>(max_depth) && !frontier.empty();
       ++depth) {
    next.clear();
    for (const model::FirmIndex b : frontier)
      for (std::uint32_t e = off[b]; e < off[b + 1]; ++e)
        if (tier[src[e]] < 0) {
          tier[src[e]] = depth;
          next.push_back(src[e]);
        }
    frontier.swap(next);
  }
  return tier;
}

/// Pillar scores of every firm's self-assessment: `scores` as given, or the answers scored with
/// `risk::score_answers` against the questionnaire `assessment.questionnaire` names; nullopt for
/// a firm without an assessment. O(n + answers · items).
/// @throws ValidationError `input.unknown_questionnaire` (key `firms[i].assessment.questionnaire`)
///   when the questionnaire is not in `questionnaires`, and the errors of `score_answers` with
///   the key path `firms[i].assessment.answers.ITEM`.
[[nodiscard]] inline std::vector<std::optional<model::PillarScores>> assessment_scores(
    const model::SupplyNetwork& net, std::span<const risk::Questionnaire> questionnaires) {
  std::vector<std::optional<model::PillarScores>> out(net.num_firms());
  for (model::FirmIndex i = 0; i < net.num_firms(); ++i) {
    const model::Firm& f = net.firm(i);
    if (!f.assessment) continue;
    if (f.assessment->scores) {
      out[i] = *f.assessment->scores;
      continue;
    }
    const std::string key = "firms[" + std::to_string(i) + "].assessment";
    const risk::Questionnaire* q = nullptr;
    for (const auto& candidate : questionnaires)
      if (candidate.id == f.assessment->questionnaire) q = &candidate;
    if (!q)
      throw ValidationError(errc::kUnknownQuestionnaire,
                            "no questionnaire '" + f.assessment->questionnaire + "' is loaded",
                            key + ".questionnaire");
    try {
      out[i] = risk::score_answers(*q, f.assessment->answers).scores;
    } catch (Error& e) {
      e.set_key_path(key + "." + e.key_path());
      throw;
    }
  }
  return out;
}

/// The overall self-assessment score: mean of E, S, G; 0 without an assessment.
[[nodiscard]] inline double overall_score(const std::optional<model::PillarScores>& s) noexcept {
  return s ? s->overall() : 0.0;
}

/// Classes from precomputed tiers (`upstream_tiers` with depth `options.urgent_within_tiers`)
/// and pillar scores (one per firm). O(n).
/// @throws UsageError (`usage.parameter`) when `tier` or `scores` has the wrong length.
[[nodiscard]] inline Classification classify_with_tiers(
    const model::SupplyNetwork& net, std::vector<std::int32_t> tier,
    std::span<const std::optional<model::PillarScores>> scores, const ClassOptions& options) {
  const std::size_t n = net.num_firms();
  if (tier.size() != n || scores.size() != n)
    throw UsageError(errc::kParameter, "classify_with_tiers: expected " + std::to_string(n) +
                                           " tiers and scores, got " + std::to_string(tier.size()) +
                                           " and " + std::to_string(scores.size()));
  Classification out;
  out.classes.resize(n);
  out.overall.resize(n);
  for (model::FirmIndex i = 0; i < n; ++i) {
    out.overall[i] = overall_score(scores[i]);
    const model::SizeClass size = net.size_class(i);
    FirmClass c;
    if (size == model::SizeClass::kUnknown)
      c = FirmClass::kUnknown;
    else if (!model::is_sme(size))
      c = FirmClass::kLarge;
    else if ((tier[i] >= 1 && tier[i] <= static_cast<std::int32_t>(options.urgent_within_tiers)) ||
             net.firm(i).exporter)
      c = FirmClass::kUrgent;
    else if (out.overall[i] < options.beginner_below)
      c = FirmClass::kBeginner;
    else
      c = FirmClass::kEstablished;
    out.classes[i] = c;
    ++out.counts[static_cast<std::size_t>(c)];
  }
  out.tier = std::move(tier);
  return out;
}

/// Classes of every firm relative to `targets`: tiers, then `classify`. O(n + m).
[[nodiscard]] inline Classification classify(
    const model::SupplyNetwork& net, std::span<const model::FirmIndex> targets,
    std::span<const std::optional<model::PillarScores>> scores, const ClassOptions& options) {
  return classify_with_tiers(net, upstream_tiers(net, targets, options.urgent_within_tiers), scores,
                             options);
}

}  // namespace diligence::support
