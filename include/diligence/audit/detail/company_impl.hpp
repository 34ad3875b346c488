// Implementation of company.hpp: the chain of activities, priorities, the obligation checks (one
// function per network check), the seeded verification sample, findings, score and penalty.
// The sampling helpers here are shared with the Monte Carlo (monte_carlo.hpp).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/core/random.hpp>
#include <diligence/directive/evidence.hpp>
#include <diligence/directive/scope.hpp>
#include <diligence/model/size_class.hpp>
#include <diligence/risk/tiers.hpp>

namespace diligence::audit {
namespace detail {

/// `v` with `decimals` decimals.
inline std::string fixed(double v, int decimals = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

/// `EUR 2 600 000 000`: rounded to the euro, digits in groups of three.
inline std::string eur(double v) {
  return "EUR " + directive::detail::format_number(std::round(v));
}

/// True when the `parent` chain of firm `i` reaches `focal` (i is a subsidiary of focal).
inline bool is_subsidiary(const model::SupplyNetwork& net, model::FirmIndex i,
                          model::FirmIndex focal) {
  model::FirmIndex cur = i;
  for (std::size_t steps = 0; steps < net.num_firms(); ++steps) {
    const std::string& parent = net.firm(cur).parent;
    if (parent.empty()) return false;
    const auto p = net.find(parent);
    if (!p) return false;
    if (*p == focal) return true;
    cur = *p;
  }
  return false;
}

/// Tiers of the focal firm's chain: breadth-first upstream from the focal firm (tier 0), where
/// the focal firm's subsidiaries count as its tier-1 suppliers whether or not they supply it (a
/// parent's chain of activities includes its subsidiaries' chains). Firms outside the chain get
/// risk::kNotUpstream. O(n + m).
inline std::vector<std::int32_t> chain_tiers(const model::SupplyNetwork& net,
                                             model::FirmIndex focal,
                                             const std::vector<std::uint8_t>& own_ops) {
  std::vector<std::int32_t> tier(net.num_firms(), risk::kNotUpstream);
  tier[focal] = 0;
  std::vector<model::FirmIndex> frontier, next;
  for (const model::FirmIndex s : net.suppliers(focal)) frontier.push_back(s);
  for (model::FirmIndex i = 0; i < net.num_firms(); ++i)
    if (own_ops[i] && i != focal) frontier.push_back(i);
  std::int32_t depth = 1;
  while (!frontier.empty()) {
    next.clear();
    for (const model::FirmIndex f : frontier) {
      if (tier[f] != risk::kNotUpstream) continue;
      tier[f] = depth;
      for (const model::FirmIndex s : net.suppliers(f))
        if (tier[s] == risk::kNotUpstream) next.push_back(s);
    }
    frontier.swap(next);
    ++depth;
  }
  return tier;
}

/// Argmax over k of s_k · row_k (the first on ties) and its value.
inline std::pair<double, std::size_t> weighted_max(const std::vector<double>& severity,
                                                   const risk::RiskMatrix& m, model::FirmIndex i) {
  double best = -1.0;
  std::size_t arg = 0;
  const auto r = static_cast<Eigen::Index>(i);
  for (std::size_t k = 0; k < severity.size(); ++k) {
    const double v = severity[k] * m(r, static_cast<Eigen::Index>(k));
    if (v > best) {
      best = v;
      arg = k;
    }
  }
  return {std::max(best, 0.0), arg};
}

/// The sampling population: chain positions of the covered firms, their weights and the prefix
/// sums of the weights. All weights 0 (or the uniform weighting): every firm weighs 1.
struct SamplePlan {
  std::vector<std::uint32_t> population;  ///< positions in CompanyAuditResult::chain
  std::vector<double> weight;             ///< parallel to population
  std::vector<double> cumulative;         ///< cumulative[j] = Σ_{i ≤ j} weight[i]
  std::size_t positive = 0;               ///< weights > 0
  std::size_t last_positive = 0;          ///< index of the last weight > 0
};

inline SamplePlan sample_plan(const std::vector<ChainFirm>& chain) {
  SamplePlan p;
  for (std::size_t c = 0; c < chain.size(); ++c)
    if (chain[c].covered) {
      p.population.push_back(static_cast<std::uint32_t>(c));
      p.weight.push_back(chain[c].sample_weight);
    }
  double total = 0.0;
  for (const double w : p.weight) total += w;
  if (!(total > 0.0)) std::fill(p.weight.begin(), p.weight.end(), 1.0);
  double acc = 0.0;
  p.cumulative.reserve(p.weight.size());
  for (std::size_t j = 0; j < p.weight.size(); ++j) {
    acc += p.weight[j];
    p.cumulative.push_back(acc);
    if (p.weight[j] > 0.0) {
      ++p.positive;
      p.last_positive = j;
    }
  }
  return p;
}

/// Draws min(size, positive weights) members of the population without replacement, each draw
/// with probability proportional to its weight among those not yet drawn (sequential weighted
/// sampling). A draw proposes from the full distribution (binary search in the prefix sums) and
/// rejects members already drawn; after 32 rejections it draws exactly from the remaining
/// weight. Both give the same distribution; the sequence of Rng calls is fixed by the seed.
/// `out` receives population indices in the order drawn; `taken` must be all zero and
/// population-sized, and is left all zero.
inline void draw_sample(const SamplePlan& plan, std::size_t size, Rng& rng,
                        std::vector<std::uint32_t>& out, std::vector<std::uint8_t>& taken) {
  out.clear();
  const std::size_t n = plan.population.size();
  if (n == 0) return;
  const std::size_t s = std::min(size, plan.positive);
  const double total = plan.cumulative.back();
  double drawn_weight = 0.0;
  for (std::size_t t = 0; t < s; ++t) {
    std::size_t pick = n;
    for (int attempt = 0; attempt < 32 && pick == n; ++attempt) {
      const double u = rng.uniform() * total;
      auto j = static_cast<std::size_t>(
          std::upper_bound(plan.cumulative.begin(), plan.cumulative.end(), u) -
          plan.cumulative.begin());
      if (j >= n) j = plan.last_positive;  // u rounded up to the total
      if (!taken[j]) pick = j;
    }
    if (pick == n) {
      const double u = rng.uniform() * (total - drawn_weight);
      double acc = 0.0;
      std::size_t last = n;
      for (std::size_t j = 0; j < n; ++j) {
        if (taken[j] || !(plan.weight[j] > 0.0)) continue;
        last = j;
        acc += plan.weight[j];
        if (u < acc) {
          pick = j;
          break;
        }
      }
      if (pick == n) pick = last;  // rounding: the last member left
    }
    taken[pick] = 1;
    drawn_weight += plan.weight[pick];
    out.push_back(static_cast<std::uint32_t>(pick));
  }
  for (const std::uint32_t j : out) taken[j] = 0;
}

/// `An unannounced visit`, `An announced visit`, `A desk review`.
inline std::string visit_phrase(VisitType v) {
  switch (v) {
    case VisitType::kDeskReview:
      return "A desk review";
    case VisitType::kAnnounced:
      return "An announced visit";
    case VisitType::kUnannounced:
      return "An unannounced visit";
  }
  return "A visit";
}

/// What the obligation checks share.
struct AuditContext {
  const model::SupplyNetwork& net;
  const directive::DirectiveProfile& profile;
  const AuditConfig& config;
  const model::DueDiligence* evidence;
  Date as_of;
  model::FirmIndex focal;
  const std::vector<std::string>& categories;
  const std::vector<ChainFirm>& chain;
  std::uint32_t mapped = 0;  ///< mapped_tiers, 0 when not shown
  bool mapped_given = false;
  /// Known incidents at the focal firm and the covered chain: (firm, tier, incident).
  struct Known {
    model::FirmIndex firm;
    std::int32_t tier;
    const model::Incident* incident;
  };
  std::vector<Known> known;
  std::vector<const ChainFirm*> sme_partners;   ///< direct SME partners with high own risk
  std::vector<const ChainFirm*> substantiated;  ///< indirect suppliers on substantiated knowledge

  [[nodiscard]] const std::string& id(model::FirmIndex i) const { return net.firm(i).id; }
  [[nodiscard]] std::string threshold() const { return fixed(config.high_risk_threshold); }
  [[nodiscard]] std::string mapped_text() const {
    return mapped_given ? "mapped_tiers " + std::to_string(mapped)
                        : std::string("mapped_tiers not shown (taken as 0)");
  }
  /// Firms the mapping and risk analysis answer for: the covered chain, except indirect firms
  /// covered only on substantiated knowledge under LkSG coverage (the substantiated_knowledge
  /// check handles those).
  [[nodiscard]] bool analysed(const ChainFirm& c) const {
    return c.covered && !(profile.chain.coverage == directive::Coverage::kDirectPlusSubstantiated &&
                          c.substantiated);
  }
};

/// `A (tier 5, forced_labour 1.00), B (...), and 3 more`: at most `limit` firms.
inline std::string firm_list(const AuditContext& ctx, const std::vector<const ChainFirm*>& firms,
                             bool chain_priority, std::size_t limit = 5) {
  std::string s;
  for (std::size_t i = 0; i < firms.size() && i < limit; ++i) {
    const ChainFirm& c = *firms[i];
    const std::size_t k = chain_priority ? c.chain_category : c.own_category;
    const double v = chain_priority ? c.chain_priority : c.own_priority;
    s += (i ? ", " : "") + ctx.id(c.firm) + " (tier " + std::to_string(c.tier) + ", " +
         ctx.categories[k] + " " + fixed(v) + ")";
  }
  if (firms.size() > limit) s += ", and " + std::to_string(firms.size() - limit) + " more";
  return s;
}

inline void by_own_priority(std::vector<const ChainFirm*>& v) {
  std::stable_sort(v.begin(), v.end(), [](const ChainFirm* a, const ChainFirm* b) {
    if (a->own_priority != b->own_priority) return a->own_priority > b->own_priority;
    if (a->tier != b->tier) return a->tier < b->tier;
    return a->firm < b->firm;
  });
}

inline std::vector<model::FirmIndex> firms_of(const std::vector<const ChainFirm*>& v) {
  std::vector<model::FirmIndex> out;
  for (const ChainFirm* c : v) out.push_back(c->firm);
  return out;
}

// --- network checks -------------------------------------------------------------------------

/// High-risk firms of the analysed chain beyond the tiers the firm mapped.
inline CheckOutcome check_beyond_mapped_tiers(const AuditContext& ctx) {
  CheckOutcome o{"network beyond_mapped_tiers", true, false, {}, {}, {}};
  std::vector<const ChainFirm*> beyond;
  for (const ChainFirm& c : ctx.chain)
    if (ctx.analysed(c) && c.high_risk && c.tier > static_cast<std::int32_t>(ctx.mapped))
      beyond.push_back(&c);
  by_own_priority(beyond);
  const std::string where = "beyond tier " + std::to_string(ctx.mapped);
  if (beyond.empty()) {
    o.evidence = ctx.mapped_text() + "; no high-risk firm (own priority >= " + ctx.threshold() +
                 ") " + where;
    return o;
  }
  std::int32_t deepest = 0;
  for (const ChainFirm* c : beyond) deepest = std::max(deepest, c->tier);
  o.passed = false;
  o.evidence = ctx.mapped_text() + "; " + std::to_string(beyond.size()) +
               (beyond.size() == 1 ? " high-risk firm" : " high-risk firms") +
               " (own priority >= " + ctx.threshold() + ") " + where + ", down to tier " +
               std::to_string(deepest) + ": " + firm_list(ctx, beyond, false);
  o.firms = firms_of(beyond);
  o.summary = std::to_string(beyond.size()) +
              (beyond.size() == 1 ? " high-risk firm lies" : " high-risk firms lie") +
              " beyond the " + std::to_string(ctx.mapped) + " mapped tiers";
  return o;
}

/// Prevention plans, taken in order of priority, must reach every high-priority firm mapped.
inline CheckOutcome check_prioritisation(const AuditContext& ctx) {
  CheckOutcome o{"network prioritisation", true, false, {}, {}, {}};
  if (ctx.evidence == nullptr || !ctx.evidence->risk_assessment) {
    o.passed = false;
    o.evidence = "risk_assessment not shown: no identified risks to prioritise";
    o.summary = "no risk assessment to prioritise";
    return o;
  }
  const double share = ctx.evidence->prevention_plans.value_or(0.0);
  std::vector<const ChainFirm*> mapped;
  for (const ChainFirm& c : ctx.chain)
    if (ctx.analysed(c) && c.tier <= static_cast<std::int32_t>(ctx.mapped)) mapped.push_back(&c);
  by_own_priority(mapped);
  std::size_t high = 0;
  for (const ChainFirm* c : mapped) high += c->high_risk ? 1 : 0;
  const double reach = share * static_cast<double>(mapped.size());
  const std::string plans = ctx.evidence->prevention_plans
                                ? "prevention_plans " + directive::detail::format_share(share)
                                : std::string("prevention_plans not shown (taken as 0)");
  o.passed = reach + 1e-9 >= static_cast<double>(high);
  o.evidence = plans + " x " + std::to_string(mapped.size()) +
               " firms within the mapped tiers = " + fixed(reach, 1) + (o.passed ? " >= " : " < ") +
               std::to_string(high) +
               " high-priority firms there (own priority >= " + ctx.threshold() + ")";
  if (!o.passed) {
    // The high-priority firms a plan of that reach, in priority order, leaves out.
    std::vector<const ChainFirm*> left;
    const auto covered = static_cast<std::size_t>(std::floor(reach + 1e-9));
    for (std::size_t r = covered; r < mapped.size(); ++r)
      if (mapped[r]->high_risk) left.push_back(mapped[r]);
    o.evidence += "; left without a plan: " + firm_list(ctx, left, false);
    o.firms = firms_of(left);
    o.summary = "prevention plans taken in priority order reach " + fixed(reach, 1) + " of " +
                std::to_string(high) + " high-priority firms";
  }
  return o;
}

/// True when a link from `c` to the focal firm or one of its subsidiaries has a code of conduct.
inline bool has_code_of_conduct(const AuditContext& ctx, const ChainFirm& c,
                                const std::vector<std::uint8_t>& own_ops) {
  const auto buyers = ctx.net.buyers(c.firm);
  for (std::size_t j = 0; j < buyers.size(); ++j) {
    if (!own_ops[buyers[j]]) continue;
    const auto link = static_cast<model::LinkIndex>(ctx.net.first_buyer_link(c.firm) + j);
    if (ctx.net.contract(link).code_of_conduct.value_or(false)) return true;
  }
  return false;
}

/// High-risk direct business partners (by chain priority) without a code of conduct in their
/// contract with the focal firm or a subsidiary.
inline CheckOutcome check_direct_supplier_contracts(const AuditContext& ctx,
                                                    const std::vector<std::uint8_t>& own_ops) {
  CheckOutcome o{"network direct_supplier_contracts", true, false, {}, {}, {}};
  std::size_t partners = 0, with_code = 0;
  std::vector<const ChainFirm*> high, missing;
  for (const ChainFirm& c : ctx.chain) {
    if (!c.direct) continue;
    ++partners;
    const bool code = has_code_of_conduct(ctx, c, own_ops);
    with_code += code ? 1 : 0;
    if (c.chain_priority >= ctx.config.high_risk_threshold) {
      high.push_back(&c);
      if (!code) missing.push_back(&c);
    }
  }
  if (partners == 0) {
    o.evidence = "no direct business partner in the scenario";
    return o;
  }
  std::string claimed;
  if (ctx.evidence != nullptr && ctx.evidence->contractual_assurances)
    claimed = " (contractual_assurances claims " +
              directive::detail::format_share(*ctx.evidence->contractual_assurances) + ")";
  const std::string counts = std::to_string(with_code) + " of " + std::to_string(partners) +
                             " direct business partners have a code of conduct in their contract" +
                             claimed;
  std::stable_sort(missing.begin(), missing.end(), [](const ChainFirm* a, const ChainFirm* b) {
    return a->chain_priority > b->chain_priority;
  });
  if (missing.empty()) {
    o.evidence = counts + "; every one of the " + std::to_string(high.size()) +
                 " high-risk partners (chain priority >= " + ctx.threshold() + ") has one";
    return o;
  }
  o.passed = false;
  o.evidence = counts + "; high-risk partners (chain priority >= " + ctx.threshold() +
               ") without one: " + firm_list(ctx, missing, true);
  o.firms = firms_of(missing);
  o.summary = std::to_string(missing.size()) +
              (missing.size() == 1 ? " high-risk direct business partner has"
                                   : " high-risk direct business partners have") +
              " no code of conduct in the contract";
  return o;
}

inline std::string flag_text(const AuditContext& ctx, std::optional<bool> model::DueDiligence::*key,
                             const char* name) {
  if (ctx.evidence == nullptr || !(ctx.evidence->*key)) return std::string(name) + " not shown";
  return std::string(name) + ((ctx.evidence->*key).value() ? " true" : " false");
}

inline bool flag_true(const AuditContext& ctx, std::optional<bool> model::DueDiligence::*key) {
  return ctx.evidence != nullptr && (ctx.evidence->*key).value_or(false);
}

/// High-risk direct SME partners need targeted support (`sme_support`).
inline CheckOutcome check_sme_support(const AuditContext& ctx) {
  CheckOutcome o{"network sme_support", true, false, {}, {}, {}};
  const std::string flag = flag_text(ctx, &model::DueDiligence::sme_support, "sme_support");
  if (ctx.sme_partners.empty()) {
    o.evidence = flag + "; no direct SME business partner with high own risk";
    return o;
  }
  std::string list;
  for (std::size_t i = 0; i < ctx.sme_partners.size() && i < 5; ++i) {
    const ChainFirm& c = *ctx.sme_partners[i];
    list += (i ? ", " : "") + ctx.id(c.firm) + " (" +
            std::string(model::to_string(ctx.net.size_class(c.firm))) + ", " +
            ctx.categories[c.own_category] + " " + fixed(c.own_priority) + ")";
  }
  if (ctx.sme_partners.size() > 5)
    list += ", and " + std::to_string(ctx.sme_partners.size() - 5) + " more";
  o.passed = flag_true(ctx, &model::DueDiligence::sme_support);
  o.evidence = flag + "; " + std::to_string(ctx.sme_partners.size()) +
               (ctx.sme_partners.size() == 1 ? " direct SME business partner"
                                             : " direct SME business partners") +
               " with high own risk (own priority >= " + ctx.threshold() + "): " + list;
  if (!o.passed) {
    o.firms = firms_of(ctx.sme_partners);
    o.summary = std::to_string(ctx.sme_partners.size()) +
                (ctx.sme_partners.size() == 1 ? " high-risk direct SME partner gets"
                                              : " high-risk direct SME partners get") +
                " no targeted support";
  }
  return o;
}

inline std::string known_list(const AuditContext& ctx, std::size_t limit = 5) {
  std::string s;
  for (std::size_t i = 0; i < ctx.known.size() && i < limit; ++i) {
    const auto& k = ctx.known[i];
    s += (i ? ", " : "") + ctx.id(k.firm) + " (" +
         (k.tier == 0 ? std::string("own operations") : "tier " + std::to_string(k.tier)) + ", " +
         k.incident->category + ", " + model::to_string(k.incident->severity) + ")";
  }
  if (ctx.known.size() > limit) s += ", and " + std::to_string(ctx.known.size() - limit) + " more";
  return s;
}

/// Known actual impacts in the covered chain need corrective action (`remediation`).
inline CheckOutcome check_known_incidents(const AuditContext& ctx) {
  CheckOutcome o{"network known_incidents", true, false, {}, {}, {}};
  const std::string flag = flag_text(ctx, &model::DueDiligence::remediation, "remediation");
  if (ctx.known.empty()) {
    o.evidence = flag + "; no known actual adverse impact in the covered chain";
    return o;
  }
  o.passed = flag_true(ctx, &model::DueDiligence::remediation);
  o.evidence = flag + "; " + std::to_string(ctx.known.size()) +
               (ctx.known.size() == 1 ? " known actual impact" : " known actual impacts") +
               " in the covered chain: " + known_list(ctx);
  if (!o.passed) {
    for (const auto& k : ctx.known)
      if (std::find(o.firms.begin(), o.firms.end(), k.firm) == o.firms.end())
        o.firms.push_back(k.firm);
    o.summary = std::to_string(ctx.known.size()) +
                (ctx.known.size() == 1 ? " known actual impact" : " known actual impacts") +
                " in the chain without corrective action";
  }
  return o;
}

/// Each indirect supplier on substantiated knowledge needs a risk analysis that reaches it
/// (mapped_tiers ≥ its tier) and preventive measures (prevention_plans > 0).
inline CheckOutcome check_substantiated_knowledge(const AuditContext& ctx) {
  CheckOutcome o{"network substantiated_knowledge", true, false, {}, {}, {}};
  if (ctx.substantiated.empty()) {
    o.evidence = "no substantiated knowledge of a possible violation at an indirect supplier";
    return o;
  }
  const double plans = ctx.evidence != nullptr ? ctx.evidence->prevention_plans.value_or(0.0) : 0.0;
  std::vector<const ChainFirm*> open;
  for (const ChainFirm* c : ctx.substantiated)
    if (c->tier > static_cast<std::int32_t>(ctx.mapped) || !(plans > 0.0)) open.push_back(c);
  const std::string head =
      std::to_string(ctx.substantiated.size()) +
      (ctx.substantiated.size() == 1 ? " indirect supplier" : " indirect suppliers") +
      " on substantiated knowledge; " + ctx.mapped_text() + ", prevention_plans " +
      directive::detail::format_share(plans);
  if (open.empty()) {
    o.evidence = head + "; the risk analysis reaches each and prevention plans exist";
    return o;
  }
  o.passed = false;
  o.evidence =
      head + "; not analysed or without preventive measures: " + firm_list(ctx, open, false);
  o.firms = firms_of(open);
  o.summary = std::to_string(open.size()) +
              (open.size() == 1 ? " indirect supplier" : " indirect suppliers") +
              " on substantiated knowledge without risk analysis or preventive measures";
  return o;
}

inline std::string check_name(const directive::EvidenceCheck& c) {
  std::string s =
      std::string(directive::to_string(c.evidence)) + " " + directive::to_string(c.kind);
  switch (c.kind) {
    case directive::CheckKind::kGiven:
      break;
    case directive::CheckKind::kIs:
      s += c.expected ? " true" : " false";
      break;
    default:
      s += " " + directive::detail::format_share(c.value);
  }
  return s;
}

/// One obligation: relevance, evidence checks, network checks.
inline ObligationResult audit_obligation(const AuditContext& ctx, const directive::Obligation& ob,
                                         const std::vector<std::uint8_t>& own_ops) {
  ObligationResult r;
  r.id = ob.id;
  r.article = ob.article;
  r.title = ob.title;
  r.grade = ob.grade;
  r.verified = ob.verified;
  const auto has = [&](directive::NetworkCheck c) {
    return std::find(ob.network_checks.begin(), ob.network_checks.end(), c) !=
           ob.network_checks.end();
  };
  if (ob.checks.empty() && ob.network_checks.empty()) {
    r.status = ObligationStatus::kNotAssessed;
    r.reason = "no scenario evidence key or network check shows it";
    return r;
  }
  if (has(directive::NetworkCheck::kSmeSupport) && ctx.sme_partners.empty()) {
    r.status = ObligationStatus::kNotApplicable;
    r.reason =
        "no direct SME business partner with high own risk (own priority >= " + ctx.threshold() +
        ")";
    return r;
  }
  if (has(directive::NetworkCheck::kKnownIncidents) && ctx.known.empty()) {
    r.status = ObligationStatus::kNotApplicable;
    r.reason = "no known actual adverse impact in the covered chain";
    return r;
  }
  if (has(directive::NetworkCheck::kSubstantiatedKnowledge) && ctx.substantiated.empty()) {
    r.status = ObligationStatus::kNotApplicable;
    r.reason = "no substantiated knowledge of a possible violation at an indirect supplier";
    return r;
  }
  for (const directive::EvidenceCheck& c : ob.checks) {
    const directive::EvidenceResult e = directive::check_evidence(c, ctx.evidence, ctx.as_of);
    r.checks.push_back({check_name(c), e.passed, c.verified, e.text, {}, e.text});
  }
  for (const directive::NetworkCheck c : ob.network_checks) {
    switch (c) {
      case directive::NetworkCheck::kBeyondMappedTiers:
        r.checks.push_back(check_beyond_mapped_tiers(ctx));
        break;
      case directive::NetworkCheck::kPrioritisation:
        r.checks.push_back(check_prioritisation(ctx));
        break;
      case directive::NetworkCheck::kDirectSupplierContracts:
        r.checks.push_back(check_direct_supplier_contracts(ctx, own_ops));
        break;
      case directive::NetworkCheck::kSmeSupport:
        r.checks.push_back(check_sme_support(ctx));
        break;
      case directive::NetworkCheck::kKnownIncidents:
        r.checks.push_back(check_known_incidents(ctx));
        break;
      case directive::NetworkCheck::kSubstantiatedKnowledge:
        r.checks.push_back(check_substantiated_knowledge(ctx));
        break;
    }
  }
  const bool ok =
      std::all_of(r.checks.begin(), r.checks.end(), [](const CheckOutcome& o) { return o.passed; });
  r.status = ok ? ObligationStatus::kPassed : ObligationStatus::kFailed;
  return r;
}

/// The finding of a failed obligation.
inline Finding obligation_finding(const ObligationResult& r, const directive::Obligation& ob) {
  Finding f;
  f.obligation = r.id;
  f.article = r.article;
  f.grade = r.grade;
  f.corrective_action = ob.corrective_action;
  std::vector<const CheckOutcome*> failed;
  for (const CheckOutcome& o : r.checks)
    if (!o.passed) failed.push_back(&o);
  f.message = r.title + ": ";
  for (std::size_t i = 0; i < failed.size(); ++i) f.message += (i ? "; " : "") + failed[i]->summary;
  for (std::size_t i = 0; i < failed.size(); ++i) {
    f.evidence += (i ? "; " : "") + failed[i]->check + ": " + failed[i]->evidence;
    for (const model::FirmIndex x : failed[i]->firms)
      if (std::find(f.firms.begin(), f.firms.end(), x) == f.firms.end()) f.firms.push_back(x);
  }
  return f;
}

/// Why a firm was not audited, in one sentence.
inline std::string not_audited_text(const model::SupplyNetwork& net,
                                    const directive::DirectiveProfile& profile,
                                    const directive::ScopeDecision& d, Date as_of) {
  const std::string who = net.firm(d.firm).id;
  if (!d.in_scope)
    return who + " is not audited: it is not in scope of " + profile.id + " on " +
           as_of.to_string() + " (" + d.reason + ")";
  if (!d.applies_from)
    return who + " is not audited: it is in scope of " + profile.id +
           " but no application phase covers it (" + d.reason + ")";
  return who + " is not audited: it is in scope of " + profile.id + " (rule " + d.rule +
         "), but the obligations apply only from " + d.applies_from->to_string() + " (phase " +
         d.phase + "), after " + as_of.to_string();
}

/// Checks the pointers and sizes of the input. @throws UsageError.
inline void check_input(const CompanyAuditInput& in) {
  if (in.network == nullptr || in.profile == nullptr || in.own == nullptr)
    throw UsageError(errc::kParameter, "company_audit: network, profile and own risk are required");
  const std::size_t n = in.network->num_firms();
  if (in.focal >= n)
    throw UsageError(errc::kIndexRange, "company_audit: focal firm index " +
                                            std::to_string(in.focal) + " is out of range (" +
                                            std::to_string(n) + " firms)");
  const auto K = static_cast<Eigen::Index>(in.own->categories.size());
  if (static_cast<std::size_t>(in.own->own.rows()) != n || in.own->own.cols() != K)
    throw UsageError(errc::kParameter,
                     "company_audit: the own-risk matrix does not fit the "
                     "network and its categories");
  if (in.exposure != nullptr &&
      (static_cast<std::size_t>(in.exposure->rows()) != n || in.exposure->cols() != K))
    throw UsageError(errc::kParameter,
                     "company_audit: the exposure matrix does not fit the network and categories");
}

}  // namespace detail

inline PenaltyExposure penalty_exposure(const model::SupplyNetwork& net,
                                        const directive::DirectiveProfile& profile,
                                        const directive::ScopeDecision& decision) {
  using detail::eur;
  PenaltyExposure p;
  const directive::PenaltyRule& rule = profile.penalty;
  p.bound = rule.share_bound;
  const model::Firm& firm = net.firm(decision.firm);
  bool lower_bound = false;
  if (decision.in_scope && decision.basis == directive::Basis::kGroup) {
    const model::GroupFigures& g = net.group(decision.firm);
    p.group_turnover = true;
    p.turnover_eur = g.turnover_eur;
    lower_bound = !g.turnover_complete;
  } else if (firm.turnover_eur) {
    p.turnover_eur = *firm.turnover_eur;
  }
  const std::string basis_name = rule.turnover_basis == directive::TurnoverBasis::kAverageAnnual
                                     ? "average annual turnover"
                                     : "net worldwide turnover";
  const std::string whose = p.group_turnover ? "the group's consolidated " : "the firm's ";
  std::string text;
  if (rule.turnover_share) {
    const double share = *rule.turnover_share;
    const std::string pct = directive::detail::format_number(share * 100.0) + " %";
    const bool above = !rule.share_above_turnover_eur ||
                       (p.turnover_eur && *p.turnover_eur > *rule.share_above_turnover_eur);
    if (p.turnover_eur && above) {
      p.share_applies = true;
      p.max_eur = share * *p.turnover_eur;
      text = (rule.share_bound == directive::ShareBound::kFloor ? "at least " : "up to ") +
             eur(*p.max_eur) + ": " + pct + " of " + whose + basis_name + " " +
             eur(*p.turnover_eur) +
             (lower_bound ? " (a lower bound: not every member gave it)" : "");
      if (rule.share_above_turnover_eur)
        text += ", which is above " + eur(*rule.share_above_turnover_eur);
      text += rule.share_bound == directive::ShareBound::kFloor
                  ? " (the law sets the floor of the maximum fine member states must provide)"
                  : " (the law caps the fine at this share)";
    } else if (!p.turnover_eur) {
      text = "the " + basis_name + " is not given, so the " + pct + " rule cannot be applied";
    } else {
      text = "the " + basis_name + " " + eur(*p.turnover_eur) + " is not above " +
             eur(*rule.share_above_turnover_eur) + ", so the " + pct + " rule does not apply";
    }
  }
  if (!p.share_applies && !rule.fixed_maxima.empty()) {
    double m = 0.0;
    for (const auto& f : rule.fixed_maxima) m = std::max(m, f.max_eur);
    p.max_eur = m;
    text += (text.empty() ? "" : "; ") + std::string("up to ") + eur(m) +
            ", the largest fixed maximum by offence (which offence carries which maximum is not "
            "encoded)";
  }
  if (p.max_eur && rule.exclusion_min_fine_eur && *p.max_eur >= *rule.exclusion_min_fine_eur) {
    p.exclusion_possible = true;
    text += "; a fine of at least " + eur(*rule.exclusion_min_fine_eur) +
            " can exclude the firm from public contracts" +
            (rule.exclusion_max_years
                 ? " for up to " + directive::detail::format_number(*rule.exclusion_max_years) +
                       " years"
                 : std::string());
  }
  p.explanation =
      text + " (" + rule.reference + (rule.verified ? "" : ", an editable default") + ")";
  return p;
}

inline CompanyAuditResult company_audit(const CompanyAuditInput& input, const AuditConfig& config,
                                        const CompanyAuditOptions& options) {
  detail::check_input(input);
  check(config);
  const model::SupplyNetwork& net = *input.network;
  const directive::DirectiveProfile& profile = *input.profile;
  const model::FirmIndex focal = input.focal;
  CompanyAuditResult r;
  r.focal = focal;
  r.directive = profile.id;
  r.as_of = input.as_of;
  r.seed = options.seed;
  r.categories = input.own->categories;
  r.coverage = profile.chain.coverage;

  // 1. Scope.
  r.scope = directive::scope_of(net, profile, focal, input.as_of);
  if (!r.scope.applies) {
    r.summary = detail::not_audited_text(net, profile, r.scope, input.as_of);
    return r;
  }
  r.audited = true;

  // Exposure (given, or linear).
  risk::RiskMatrix computed;
  if (input.exposure == nullptr)
    computed = risk::linear_exposure(net, input.own->own, options.linear).exposure;
  const risk::RiskMatrix& x = input.exposure != nullptr ? *input.exposure : computed;
  const risk::RiskMatrix& own = input.own->own;
  const std::size_t K = r.categories.size();
  std::vector<double> severity(K);
  for (std::size_t k = 0; k < K; ++k) severity[k] = profile.severity.of(r.categories[k], 0.0);

  // 2. Chain of activities.
  const std::size_t n = net.num_firms();
  std::vector<std::uint8_t> own_ops(n, 0);
  own_ops[focal] = 1;
  for (model::FirmIndex i = 0; i < n; ++i)
    if (i != focal && detail::is_subsidiary(net, i, focal)) own_ops[i] = 1;
  const std::vector<std::int32_t> tier = detail::chain_tiers(net, focal, own_ops);
  std::vector<std::uint8_t> direct(n, 0);
  for (model::FirmIndex b = 0; b < n; ++b) {
    if (!own_ops[b]) continue;
    for (const model::FirmIndex s : net.suppliers(b))
      if (!own_ops[s]) direct[s] = 1;
  }
  for (model::FirmIndex i = 0; i < n; ++i) {
    if (tier[i] <= 0) continue;
    ChainFirm c;
    c.firm = i;
    c.tier = tier[i];
    c.own_operations = own_ops[i] != 0;
    c.direct = direct[i] != 0;
    std::tie(c.own_priority, c.own_category) = detail::weighted_max(severity, own, i);
    std::tie(c.chain_priority, c.chain_category) = detail::weighted_max(severity, x, i);
    c.overall_exposure = K ? x.row(static_cast<Eigen::Index>(i)).maxCoeff() : 0.0;
    c.high_risk = c.own_priority >= config.high_risk_threshold;
    if (!c.own_operations && !c.direct) {
      bool known = false;
      for (const model::Incident& inc : net.firm(i).incidents) known = known || inc.known;
      c.substantiated = known || (config.substantiated_priority &&
                                  c.own_priority >= *config.substantiated_priority);
    }
    c.covered = r.coverage == directive::Coverage::kAllUpstream || c.own_operations || c.direct ||
                c.substantiated;
    switch (config.sample_weight) {
      case SampleWeight::kSeverityExposure:
        c.sample_weight = c.chain_priority;
        break;
      case SampleWeight::kExposure:
        c.sample_weight = c.overall_exposure;
        break;
      case SampleWeight::kUniform:
        c.sample_weight = 1.0;
        break;
    }
    c.visit = c.high_risk                      ? config.visit_high_risk
              : (c.direct || c.own_operations) ? config.visit_direct
                                               : config.visit_other;
    r.chain.push_back(c);
  }
  std::stable_sort(r.chain.begin(), r.chain.end(), [](const ChainFirm& a, const ChainFirm& b) {
    return a.tier < b.tier || (a.tier == b.tier && a.firm < b.firm);
  });
  const model::DueDiligence* evidence =
      net.firm(focal).due_diligence ? &*net.firm(focal).due_diligence : nullptr;
  if (evidence != nullptr) r.mapped_tiers = evidence->mapped_tiers;

  // 3. Risk identification.
  {
    double best = -1.0;
    for (std::size_t k = 0; k < K; ++k) {
      const double v = severity[k] * x(focal, static_cast<Eigen::Index>(k));
      if (v > best) {
        best = v;
        r.focal_category = k;
      }
    }
    if (K) {
      r.focal_exposure = x(focal, static_cast<Eigen::Index>(r.focal_category));
      risk::PathOptions po;
      po.top = options.top_paths;
      po.linear = options.linear;
      r.paths = risk::top_paths(net, own, focal, r.focal_category, po);
    }
  }

  // 4. Prioritisation.
  const std::uint32_t mapped = r.mapped_tiers.value_or(0);
  {
    std::vector<PrioritisedRisk> all;
    for (const ChainFirm& c : r.chain) {
      if (!c.covered) continue;
      r.high_risk_firms += c.high_risk ? 1 : 0;
      for (std::size_t k = 0; k < K; ++k) {
        const double l = own(c.firm, static_cast<Eigen::Index>(k));
        const double p = severity[k] * l;
        if (!(p > 0.0)) continue;
        all.push_back({c.firm, k, c.tier, severity[k], l, p,
                       c.tier <= static_cast<std::int32_t>(mapped),
                       p >= config.high_risk_threshold});
      }
    }
    const auto order = [](const PrioritisedRisk& a, const PrioritisedRisk& b) {
      if (a.priority != b.priority) return a.priority > b.priority;
      if (a.tier != b.tier) return a.tier < b.tier;
      if (a.firm != b.firm) return a.firm < b.firm;
      return a.category < b.category;
    };
    const std::size_t top = std::min(options.top_risks, all.size());
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(top), all.end(),
                      order);
    all.resize(top);
    r.priorities = std::move(all);
  }

  // 5. Obligation checks.
  detail::AuditContext ctx{net,   profile,      config,  evidence, input.as_of,
                           focal, r.categories, r.chain, mapped,   r.mapped_tiers.has_value(),
                           {},    {},           {}};
  for (const model::Incident& inc : net.firm(focal).incidents)
    if (inc.known) ctx.known.push_back({focal, 0, &inc});
  for (const ChainFirm& c : r.chain) {
    if (!c.covered) continue;
    for (const model::Incident& inc : net.firm(c.firm).incidents)
      if (inc.known) ctx.known.push_back({c.firm, c.tier, &inc});
    if (c.direct && c.high_risk && model::is_sme(net.size_class(c.firm)))
      ctx.sme_partners.push_back(&c);
    if (c.substantiated && c.covered) ctx.substantiated.push_back(&c);
  }
  detail::by_own_priority(ctx.sme_partners);
  detail::by_own_priority(ctx.substantiated);
  for (const directive::Obligation& ob : profile.obligations) {
    ObligationResult o = detail::audit_obligation(ctx, ob, own_ops);
    if (o.status == ObligationStatus::kPassed || o.status == ObligationStatus::kFailed)
      ++r.obligation_checks;
    if (o.status == ObligationStatus::kFailed) {
      ++r.obligation_failed;
      r.findings.push_back(detail::obligation_finding(o, ob));
    }
    r.obligations.push_back(std::move(o));
  }
  r.obligation_grades = count_grades(r.findings);

  // 6. Verification.
  const directive::Obligation* identification = nullptr;
  const directive::Obligation* ending = nullptr;
  for (const directive::Obligation& ob : profile.obligations) {
    const auto has = [&](directive::NetworkCheck c) {
      return std::find(ob.network_checks.begin(), ob.network_checks.end(), c) !=
             ob.network_checks.end();
    };
    if (!identification && has(directive::NetworkCheck::kBeyondMappedTiers)) identification = &ob;
    if (!ending && has(directive::NetworkCheck::kKnownIncidents)) ending = &ob;
  }
  if (!ending) ending = identification;
  const detail::SamplePlan plan = detail::sample_plan(r.chain);
  Rng rng(options.seed);
  std::vector<std::uint32_t> drawn;
  std::vector<std::uint8_t> taken(plan.population.size(), 0);
  detail::draw_sample(plan, config.sample_size, rng, drawn, taken);
  std::size_t failed_visits = 0;
  for (const std::uint32_t j : drawn) {
    const ChainFirm& c = r.chain[plan.population[j]];
    Visit v;
    v.firm = c.firm;
    v.tier = c.tier;
    v.type = c.visit;
    v.detection = config.detection_of(c.visit);
    v.weight = plan.weight[j];
    const model::Firm& f = net.firm(c.firm);
    for (std::size_t k = 0; k < K; ++k) {
      bool present = false, known = false;
      for (const model::Incident& inc : f.incidents)
        if (inc.category == r.categories[k]) {
          present = true;
          known = known || inc.known;
        }
      if (!present) continue;
      if (!rng.bernoulli(v.detection)) {
        v.missed.push_back(k);
        continue;
      }
      v.found.push_back(k);
      if (known) continue;
      v.found_unknown.push_back(k);
      Finding fd;
      fd.obligation = identification ? identification->id : "verification";
      fd.article = identification ? identification->article : "verification";
      fd.grade = config.grade_for_severity(severity[k]);
      fd.message = detail::visit_phrase(v.type) + " at " + f.id +
                   " found an actual adverse impact (" + r.categories[k] +
                   ") that the firm's risk identification had not reported";
      fd.evidence = f.id + " (tier " + std::to_string(c.tier) + "): " + r.categories[k] +
                    " incident present and not known to its buyers; found by the " +
                    std::string(to_string(v.type)) + " visit (detection probability " +
                    detail::fixed(v.detection) + "); severity " + detail::fixed(severity[k]);
      fd.corrective_action =
          ending ? ending->corrective_action : "Bring the actual adverse impact to an end.";
      fd.firms = {c.firm};
      r.findings.push_back(std::move(fd));
    }
    failed_visits += v.found_unknown.empty() ? 0 : 1;
    r.sample.push_back(std::move(v));
  }

  // 7. Score and penalty.
  sort_findings(r.findings);
  r.checks = r.obligation_checks + r.sample.size();
  r.failed = r.obligation_failed + failed_visits;
  r.score = audit_score(r.checks, r.failed, r.findings);
  r.penalty = penalty_exposure(net, profile, r.scope);
  const bool fined = std::any_of(r.findings.begin(), r.findings.end(),
                                 [&](const Finding& f) { return f.grade <= config.penalty_from; });
  r.penalty_exposure_eur = fined ? r.penalty.max_eur.value_or(0.0) : 0.0;
  const GradeCounts g = count_grades(r.findings);
  r.summary = std::to_string(r.findings.size()) +
              (r.findings.size() == 1 ? " finding (" : " findings (") + std::to_string(g.critical) +
              " critical, " + std::to_string(g.major) + " major, " + std::to_string(g.minor) +
              " minor) from " + std::to_string(r.obligation_checks) + " obligations checked and " +
              std::to_string(r.sample.size()) +
              (r.sample.size() == 1 ? " supplier visited" : " suppliers visited") + "; score " +
              detail::fixed(r.score, 1) + " of 200";
  return r;
}

}  // namespace diligence::audit
