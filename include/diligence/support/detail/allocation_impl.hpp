// Definitions of the allocation functions (see allocation.hpp for the model and the guarantees).
#pragma once

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>
#include <string>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/risk/adjoint.hpp>

namespace diligence::support {

namespace detail {

inline Eigen::Index row(model::FirmIndex i) { return static_cast<Eigen::Index>(i); }

/// The firms programme p may serve, in index order.
inline std::vector<model::FirmIndex> eligible_firms(const ResolvedProgramme& p,
                                                    const Classification& classes) {
  std::vector<model::FirmIndex> out;
  for (model::FirmIndex i = 0; i < classes.classes.size(); ++i)
    if (p.serves(classes.classes[i])) out.push_back(i);
  return out;
}

/// Serves firm i by programme p: records the marginal gain and multiplies its own risk.
inline void serve(const risk::RiskMatrix& gradient, risk::RiskMatrix& own,
                  std::span<const ResolvedProgramme> programmes, std::uint32_t p,
                  model::FirmIndex i, std::vector<Assignment>& out) {
  const ResolvedProgramme& prog = programmes[p];
  out.push_back({p, i, marginal_gain(gradient, own, prog, i), 1});
  for (std::size_t k = 0; k < prog.effect.size(); ++k)
    own(row(i), static_cast<Eigen::Index>(k)) *= 1.0 - prog.effect[k];
}

inline double mean_own(const risk::RiskMatrix& own, model::FirmIndex i) {
  return own.cols() == 0 ? 0.0 : own.row(row(i)).mean();
}

/// Lazy greedy (see allocation.hpp).
inline void select_greedy(const risk::RiskMatrix& gradient, risk::RiskMatrix& own,
                          std::span<const ResolvedProgramme> programmes,
                          const Classification& classes, std::vector<Assignment>& out) {
  struct Candidate {
    double gain;
    std::uint32_t programme;
    model::FirmIndex firm;
    std::uint32_t version;  // the firm's number of programmes when `gain` was computed
  };
  // Max-heap on gain; ties: the programme listed first, then the lower firm index.
  auto lower = [](const Candidate& a, const Candidate& b) {
    if (a.gain != b.gain) return a.gain < b.gain;
    if (a.programme != b.programme) return a.programme > b.programme;
    return a.firm > b.firm;
  };
  std::vector<Candidate> heap;
  std::vector<std::uint64_t> left(programmes.size());
  for (std::uint32_t p = 0; p < programmes.size(); ++p) {
    left[p] = programmes[p].slots;
    if (left[p] == 0) continue;
    for (const model::FirmIndex i : eligible_firms(programmes[p], classes)) {
      const double g = marginal_gain(gradient, own, programmes[p], i);
      if (g > 0.0) heap.push_back({g, p, i, 0});
    }
  }
  std::priority_queue<Candidate, std::vector<Candidate>, decltype(lower)> queue(lower,
                                                                                std::move(heap));
  std::vector<std::uint32_t> version(classes.classes.size(), 0);
  std::uint64_t slots_left = std::accumulate(left.begin(), left.end(), std::uint64_t{0});
  while (!queue.empty() && slots_left > 0) {
    Candidate c = queue.top();
    queue.pop();
    if (left[c.programme] == 0) continue;
    if (c.version != version[c.firm]) {
      // Stale: the firm was served by another programme since. Gains only fall: re-queue.
      c.gain = marginal_gain(gradient, own, programmes[c.programme], c.firm);
      c.version = version[c.firm];
      if (c.gain > 0.0) queue.push(c);
      continue;
    }
    serve(gradient, own, programmes, c.programme, c.firm, out);
    ++version[c.firm];
    --left[c.programme];
    --slots_left;
  }
}

/// Each programme in turn takes the first `slots` of its eligible firms, ranked by `better`
/// (larger first; ties by index).
template <typename Better>
void select_ranked(const risk::RiskMatrix& gradient, risk::RiskMatrix& own,
                   std::span<const ResolvedProgramme> programmes, const Classification& classes,
                   std::vector<Assignment>& out, Better better) {
  for (std::uint32_t p = 0; p < programmes.size(); ++p) {
    std::vector<model::FirmIndex> firms = eligible_firms(programmes[p], classes);
    // Rank on the values before this programme serves anyone (own risk changes as it does).
    std::vector<std::pair<model::FirmIndex, std::pair<double, double>>> keyed;
    keyed.reserve(firms.size());
    for (const model::FirmIndex i : firms) keyed.push_back({i, better(i)});
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
      if (a.second != b.second) return a.second > b.second;
      return a.first < b.first;
    });
    const std::size_t take =
        static_cast<std::size_t>(std::min<std::uint64_t>(programmes[p].slots, keyed.size()));
    for (std::size_t j = 0; j < take; ++j) serve(gradient, own, programmes, p, keyed[j].first, out);
  }
}

inline void select_random(const risk::RiskMatrix& gradient, risk::RiskMatrix& own,
                          std::span<const ResolvedProgramme> programmes,
                          const Classification& classes, Rng& rng, std::vector<Assignment>& out) {
  for (std::uint32_t p = 0; p < programmes.size(); ++p) {
    std::vector<model::FirmIndex> firms = eligible_firms(programmes[p], classes);
    const std::size_t take =
        static_cast<std::size_t>(std::min<std::uint64_t>(programmes[p].slots, firms.size()));
    // Partial Fisher–Yates: positions 0..take-1 become a uniform sample without replacement.
    for (std::size_t j = 0; j < take; ++j) {
      const std::size_t pick = j + static_cast<std::size_t>(rng.below(firms.size() - j));
      std::swap(firms[j], firms[pick]);
      serve(gradient, own, programmes, p, firms[j], out);
    }
  }
}

inline void check_sizes(const model::SupplyNetwork& net, const SupportProblem& problem,
                        const AllocationOptions& options) {
  const std::size_t n = net.num_firms();
  const std::size_t K = static_cast<std::size_t>(problem.own.cols());
  auto fail = [](const std::string& what) { throw UsageError(errc::kParameter, what); };
  if (options.years == 0) fail("years must be at least 1");
  if (static_cast<std::size_t>(problem.own.rows()) != n)
    fail("own risk has " + std::to_string(problem.own.rows()) + " rows, the network " +
         std::to_string(n) + " firms");
  if (problem.scores.size() != n)
    fail("scores has " + std::to_string(problem.scores.size()) + " entries, the network " +
         std::to_string(n) + " firms");
  if (options.years > 1 && problem.pillars.size() != K)
    fail("pillars has " + std::to_string(problem.pillars.size()) + " entries, own risk " +
         std::to_string(K) + " categories");
  if (!(problem.pillar_strength >= 0.0 && problem.pillar_strength <= 1.0))
    fail("pillar strength must be in [0,1]");
  for (const auto& p : problem.programmes) {
    if (p.effect.size() != K)
      fail("programme '" + p.id + "' has " + std::to_string(p.effect.size()) +
           " effects, own risk " + std::to_string(K) + " categories");
    for (const double e : p.effect)
      if (!(e >= 0.0 && e <= 1.0)) fail("programme '" + p.id + "' has an effect outside [0,1]");
  }
  for (const model::FirmIndex t : problem.targets)
    if (t >= n) fail("target index " + std::to_string(t) + " is out of range");
}

}  // namespace detail

inline double target_exposure(const model::SupplyNetwork& net, const risk::RiskMatrix& own,
                              std::span<const model::FirmIndex> targets,
                              const risk::LinearOptions& linear, bool* converged) {
  const risk::LinearResult r = risk::linear_exposure(net, own, linear);
  if (converged && !r.converged) *converged = false;
  double j = 0.0;
  for (const model::FirmIndex t : targets) j += r.exposure.row(detail::row(t)).sum();
  return j;
}

inline risk::RiskMatrix target_gradient(const model::SupplyNetwork& net, std::size_t K,
                                        std::span<const model::FirmIndex> targets,
                                        const risk::LinearOptions& linear, bool* converged) {
  risk::RiskMatrix g = risk::RiskMatrix::Zero(static_cast<Eigen::Index>(net.num_firms()),
                                              static_cast<Eigen::Index>(K));
  for (const model::FirmIndex t : targets) g.row(detail::row(t)).setOnes();
  risk::AdjointResult r = risk::exposure_gradient(net, g, linear);
  if (converged && !r.converged) *converged = false;
  return std::move(r.gradient);
}

inline std::vector<double> firm_spend(const model::SupplyNetwork& net) {
  std::vector<double> out(net.num_firms(), 0.0);
  for (model::LinkIndex l = 0; l < net.num_links(); ++l)
    if (const auto s = net.spend_eur(l)) out[net.link_supplier(l)] += *s;
  return out;
}

inline double marginal_gain(const risk::RiskMatrix& gradient, const risk::RiskMatrix& own,
                            const ResolvedProgramme& p, model::FirmIndex i) {
  double g = 0.0;
  for (std::size_t k = 0; k < p.effect.size(); ++k) {
    const auto kk = static_cast<Eigen::Index>(k);
    g += gradient(detail::row(i), kk) * own(detail::row(i), kk) * p.effect[k];
  }
  return g;
}

inline std::vector<Assignment> select(Strategy strategy, const risk::RiskMatrix& gradient,
                                      risk::RiskMatrix& own,
                                      std::span<const ResolvedProgramme> programmes,
                                      const Classification& classes, std::span<const double> spend,
                                      Rng& rng) {
  std::vector<Assignment> out;
  switch (strategy) {
    case Strategy::kGreedy:
      detail::select_greedy(gradient, own, programmes, classes, out);
      break;
    case Strategy::kRandom:
      detail::select_random(gradient, own, programmes, classes, rng, out);
      break;
    case Strategy::kOwnRisk:
      detail::select_ranked(gradient, own, programmes, classes, out, [&](model::FirmIndex i) {
        return std::pair<double, double>{detail::mean_own(own, i), 0.0};
      });
      break;
    case Strategy::kSpend:
      detail::select_ranked(gradient, own, programmes, classes, out, [&](model::FirmIndex i) {
        return std::pair<double, double>{i < spend.size() ? spend[i] : 0.0,
                                         detail::mean_own(own, i)};
      });
      break;
  }
  return out;
}

inline void improve_scores(std::vector<std::optional<model::PillarScores>>& scores,
                           std::span<const Assignment> allocation,
                           std::span<const ResolvedProgramme> programmes,
                           std::span<const risk::Pillar> pillars, double pillar_strength) {
  const double s = pillar_strength;
  for (const Assignment& a : allocation) {
    const ResolvedProgramme& p = programmes[a.programme];
    model::PillarScores cur = scores[a.firm].value_or(model::PillarScores{});
    for (const risk::Pillar q : {risk::Pillar::kE, risk::Pillar::kS, risk::Pillar::kG}) {
      double factor = 0.0;
      std::size_t count = 0;
      for (std::size_t k = 0; k < pillars.size() && k < p.effect.size(); ++k)
        if (pillars[k] == q) {
          factor += 1.0 - p.effect[k];
          ++count;
        }
      if (count == 0) continue;
      factor /= static_cast<double>(count);
      double& score = q == risk::Pillar::kE ? cur.e : q == risk::Pillar::kS ? cur.s : cur.g;
      const double next =
          s > 0.0 ? (1.0 - factor * (1.0 - s * score)) / s : 1.0 - factor * (1.0 - score);
      score = std::clamp(next, score, 1.0);
    }
    scores[a.firm] = cur;
  }
}

inline AllocationResult allocate(const model::SupplyNetwork& net, const SupportProblem& problem,
                                 const AllocationOptions& options) {
  detail::check_sizes(net, problem, options);
  const std::size_t K = static_cast<std::size_t>(problem.own.cols());
  AllocationResult out;
  out.strategy = options.strategy;
  out.seed = options.seed;
  const risk::RiskMatrix gradient =
      target_gradient(net, K, problem.targets, options.linear, &out.converged);
  const std::vector<std::int32_t> tiers =
      upstream_tiers(net, problem.targets, problem.classes.urgent_within_tiers);
  const std::vector<double> spend =
      options.strategy == Strategy::kSpend ? firm_spend(net) : std::vector<double>{};
  risk::RiskMatrix own = problem.own;
  std::vector<std::optional<model::PillarScores>> scores = problem.scores;
  out.exposure_before = target_exposure(net, own, problem.targets, options.linear, &out.converged);
  for (model::FirmIndex i = 0; i < net.num_firms(); ++i)
    if (model::is_sme(net.size_class(i)))
      out.exposure_from_smes += gradient.row(detail::row(i)).dot(own.row(detail::row(i)));
  double before = out.exposure_before;
  if (options.progress) options.progress(Progress{"support_years", 0, options.years});
  for (std::uint32_t year = 1; year <= options.years; ++year) {
    YearResult y;
    y.year = year;
    y.classes = classify_with_tiers(net, tiers, scores, problem.classes);
    for (const auto& p : problem.programmes) {
      std::size_t count = 0;
      for (const FirmClass c : y.classes.classes) count += p.serves(c) ? 1 : 0;
      y.eligible.push_back(count);
    }
    Rng rng(options.seed + year - 1);
    y.allocation =
        select(options.strategy, gradient, own, problem.programmes, y.classes, spend, rng);
    y.used.assign(problem.programmes.size(), 0);
    for (Assignment& a : y.allocation) {
      a.year = year;
      ++y.used[a.programme];
      y.estimated_gain += a.gain;
    }
    improve_scores(scores, y.allocation, problem.programmes, problem.pillars,
                   problem.pillar_strength);
    y.exposure_before = before;
    y.exposure_after = target_exposure(net, own, problem.targets, options.linear, &out.converged);
    y.gain = y.exposure_before - y.exposure_after;
    before = y.exposure_after;
    out.estimated_gain += y.estimated_gain;
    out.years.push_back(std::move(y));
    if (options.progress) options.progress(Progress{"support_years", year, options.years});
  }
  out.exposure_after = before;
  out.total_gain = out.exposure_before - out.exposure_after;
  out.own_after = std::move(own);
  out.scores_after = std::move(scores);
  return out;
}

}  // namespace diligence::support
