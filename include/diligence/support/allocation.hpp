// Budgeted allocation of support programmes to SMEs (spec/support.md, docs/support.md).
//
// Model. Serving firm i with programme p multiplies its own risk in category k by (1 − e[p,k]);
// several programmes on one firm multiply. The objective is the reduction of
//   J(r) = Σ_{b ∈ targets} Σ_k x[b,k],
// the linear exposure (spec/scenario.md) of the targets summed over categories. x is linear in
// the own risk r, so with G = ∂J/∂r (one transposed solve, risk::exposure_gradient; G does not
// depend on r) the reduction from any change Δr is exactly −Σ G ⊙ Δr. The gain of serving firm i
// by programme p, when the programmes S already serve it, is therefore
//   gain(p, i | S) = Σ_k G[i,k] · r[i,k] · Π_{q ∈ S} (1 − e[q,k]) · e[p,k],
// independent of every other firm, and non-increasing as S grows.
//
// Strategies. Each programme serves at most `slots` firms of the classes it lists, each firm at
// most once.
//   greedy    Lazy greedy over (programme, firm) pairs: take the pair with the largest gain whose
//             programme has a slot left, recompute a popped gain only when its firm was served
//             since (gains only fall, so a fresh gain on top of the heap is the largest: Minoux's
//             accelerated greedy). Pairs with gain 0 are never taken (slots may stay unused).
//             Guarantee: with one programme the gains are independent, so taking the `slots`
//             largest is optimal; the same holds when no two programmes with a category in common
//             can serve the same firm. In general J's reduction is a monotone submodular function
//             of the set of pairs and the slots form a partition matroid, so greedy reaches at
//             least half of the optimum (Fisher, Nemhauser & Wolsey 1978).
//   random    For each programme in file order, `slots` firms drawn uniformly without
//             replacement from its eligible firms (Rng seeded with seed + year − 1).
//   own-risk  For each programme, the eligible firms with the highest own risk (mean over
//             categories) first.
//   spend     For each programme, the eligible firms with the largest spend first: Σ spend_eur on
//             the firm's links to its buyers (links without spend count 0); ties by own risk.
// The baselines fill every slot they can. Each assignment reports its marginal gain in the order
// it was made; the total gain of every strategy is computed by running `risk::linear_exposure`
// again on the supported own risk, not by summing those gains (the two agree up to rounding,
// which the tests check).
//
// Years. With `years` = N > 1 the allocation repeats N times. Year t classes the firms with the
// scores of year t, allocates, multiplies own risk by the effects (the own risk of year t + 1)
// and improves the pillar scores of every served firm; the targets, tiers and G stay the same.
// A programme with effect e on the categories of pillar P (mean factor f̄ = mean over P's
// categories of 1 − e[k]) moves the firm's pillar score p to the score that the risk model's own
// mitigation (own = inherent · (1 − s · p), s = pillar strength) would need for the same factor:
//   p' = min(1, (1 − f̄ · (1 − s · p)) / s)     (s > 0);     p' = 1 − f̄ · (1 − p)     (s = 0).
// A firm without an assessment starts from 0. Scores only move classes (a beginner can become
// established); own risk is never recomputed from them, so nothing counts twice.
//
// Cost per year: one re-propagation O((n + m)·K) plus O(P·n·K) for the gains and
// O((P·n + A·P) log(P·n)) for the heap (A assignments); G once, O((n + m)·K).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <diligence/core/diagnostics.hpp>
#include <diligence/core/random.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/risk/matrix.hpp>
#include <diligence/risk/risk_model.hpp>
#include <diligence/support/classes.hpp>
#include <diligence/support/programme.hpp>

namespace diligence::support {

/// How firms are chosen (see the top of this file).
enum class Strategy : std::uint8_t { kGreedy, kRandom, kOwnRisk, kSpend };

inline constexpr Strategy kAllStrategies[] = {Strategy::kGreedy, Strategy::kRandom,
                                              Strategy::kOwnRisk, Strategy::kSpend};

/// `greedy`, `random`, `own-risk`, `spend`.
[[nodiscard]] constexpr std::string_view to_string(Strategy s) noexcept {
  switch (s) {
    case Strategy::kGreedy:
      return "greedy";
    case Strategy::kRandom:
      return "random";
    case Strategy::kOwnRisk:
      return "own-risk";
    case Strategy::kSpend:
      return "spend";
  }
  return "greedy";
}

/// The strategy named `name`, or nullopt.
[[nodiscard]] constexpr std::optional<Strategy> parse_strategy(std::string_view name) noexcept {
  for (const Strategy s : kAllStrategies)
    if (to_string(s) == name) return s;
  return std::nullopt;
}

/// Everything an allocation needs besides the network.
struct SupportProblem {
  std::vector<model::FirmIndex> targets;  ///< whose exposure counts (resolve_targets)
  risk::RiskMatrix own;                   ///< n × K own residual risk before support
  /// Per firm: pillar scores of its self-assessment (assessment_scores), nullopt = none.
  std::vector<std::optional<model::PillarScores>> scores;
  std::vector<risk::Pillar> pillars;  ///< per category: the pillar it belongs to (for `years`)
  double pillar_strength = 0.5;       ///< the risk model's s (for `years`)
  ClassOptions classes;
  std::vector<ResolvedProgramme> programmes;  ///< effects with K entries each
};

struct AllocationOptions {
  Strategy strategy = Strategy::kGreedy;
  std::uint64_t seed = 1;   ///< `random`: year t draws with Rng(seed + t − 1)
  std::uint32_t years = 1;  ///< ≥ 1
  risk::LinearOptions linear;
  /// May be empty. Called from the calling thread with phase "support_years" and done / total =
  /// years allocated / `years`: once with done = 0 before the first year, then after each year.
  /// Must be cheap and must not throw. The result is the same with or without it.
  ProgressCallback progress;
};

/// Firm `firm` served by programme `programme` (index into SupportProblem::programmes).
struct Assignment {
  std::uint32_t programme = 0;
  model::FirmIndex firm = model::kNoFirm;
  double gain = 0.0;       ///< marginal reduction of J when it was made (adjoint, exact)
  std::uint32_t year = 1;  ///< 1-based
};

/// One year of an allocation.
struct YearResult {
  std::uint32_t year = 1;
  Classification classes;              ///< the classes the year's allocation used
  std::vector<std::size_t> eligible;   ///< per programme: eligible firms
  std::vector<std::uint64_t> used;     ///< per programme: slots used
  std::vector<Assignment> allocation;  ///< in the order made
  double exposure_before = 0.0;        ///< J at the start of the year (re-propagated)
  double exposure_after = 0.0;         ///< J at the end of the year (re-propagated)
  double gain = 0.0;                   ///< exposure_before − exposure_after
  double estimated_gain = 0.0;         ///< Σ of the assignments' gains
};

/// Result of `allocate`.
struct AllocationResult {
  Strategy strategy = Strategy::kGreedy;
  std::uint64_t seed = 1;
  std::vector<YearResult> years;
  double exposure_before = 0.0;  ///< J before any support
  /// The part of exposure_before that comes from the own risk of SMEs, Σ_{i SME} Σ_k G[i,k]·r[i,k]
  /// (exact, J being linear): what support that removed all SME own risk would gain.
  double exposure_from_smes = 0.0;
  double exposure_after = 0.0;  ///< J after the last year
  double total_gain = 0.0;      ///< exposure_before − exposure_after (re-propagated)
  double estimated_gain = 0.0;  ///< Σ of all assignments' gains
  risk::RiskMatrix own_after;   ///< own risk after the last year
  std::vector<std::optional<model::PillarScores>> scores_after;
  /// Every propagation and the adjoint solve met the tolerance (a status, not an exception).
  bool converged = true;
};

/// J = Σ_{b ∈ targets} Σ_k x[b,k] for own risk `own` (risk::linear_exposure).
/// @param converged set to false when the solve did not converge (may be null).
[[nodiscard]] double target_exposure(const model::SupplyNetwork& net, const risk::RiskMatrix& own,
                                     std::span<const model::FirmIndex> targets,
                                     const risk::LinearOptions& linear, bool* converged = nullptr);

/// G = ∂J/∂r, n × K (risk::exposure_gradient with weight 1 on every target's row).
[[nodiscard]] risk::RiskMatrix target_gradient(const model::SupplyNetwork& net, std::size_t K,
                                               std::span<const model::FirmIndex> targets,
                                               const risk::LinearOptions& linear,
                                               bool* converged = nullptr);

/// Per firm: Σ spend_eur over its links to buyers (the `spend` baseline's ranking). O(m).
[[nodiscard]] std::vector<double> firm_spend(const model::SupplyNetwork& net);

/// gain(p, i) for own risk `own` as it stands (see the top of this file). O(K).
[[nodiscard]] double marginal_gain(const risk::RiskMatrix& gradient, const risk::RiskMatrix& own,
                                   const ResolvedProgramme& p, model::FirmIndex i);

/// One year's choice by `strategy`: the assignments in the order made, with their marginal gains,
/// `year` left at 1. `own` is updated in place (the own risk after the year). `spend` is
/// `firm_spend(net)` (only `spend` reads it); `rng` is only used by `random`.
[[nodiscard]] std::vector<Assignment> select(Strategy strategy, const risk::RiskMatrix& gradient,
                                             risk::RiskMatrix& own,
                                             std::span<const ResolvedProgramme> programmes,
                                             const Classification& classes,
                                             std::span<const double> spend, Rng& rng);

/// Moves the pillar scores of every served firm (see "Years" at the top of this file).
void improve_scores(std::vector<std::optional<model::PillarScores>>& scores,
                    std::span<const Assignment> allocation,
                    std::span<const ResolvedProgramme> programmes,
                    std::span<const risk::Pillar> pillars, double pillar_strength);

/// Allocates the programmes of `problem` by `options.strategy` for `options.years` years.
/// @throws UsageError (`usage.parameter`) for years = 0, an own-risk matrix, scores or effect
///   vectors of the wrong size, and the errors of risk::linear_exposure for bad linear options.
[[nodiscard]] AllocationResult allocate(const model::SupplyNetwork& net,
                                        const SupportProblem& problem,
                                        const AllocationOptions& options = {});

}  // namespace diligence::support

#include <diligence/support/detail/allocation_impl.hpp>
