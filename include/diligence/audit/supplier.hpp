// Supplier mock due diligence (`audit --kind supplier`): the rehearsal of the audit an EU
// customer runs on one of its suppliers under its own due-diligence duties, in the style of RBA
// and SMETA audits. This is what industrial-complex agencies offer their SME tenants.
//
// Interface fixed by the lead; the definitions and the documentation of every check live in
// detail/supplier_impl.hpp and docs/audits.md ("Supplier mock due diligence").
//
// What it does, in short. Per impact category of the risk model the audit asks whether the SME
// shows controls strong enough for its own risk (questionnaire answers mapped to the category, or
// a certification the risk model credits there); forced and child labour are zero-tolerance and
// always checked; a health-and-safety gap at hazardous work is life-threatening. Beside the
// categories it checks actual incidents at the SME, the buyer's code of conduct (signed on the
// supply link?), audit rights, a grievance channel, a supplier code for the SME's own suppliers,
// and the self-assessment itself. Findings are graded critical / major / minor, carry a corrective
// action and a deadline, and are ordered in the order to fix them. The Monte Carlo repeats the
// audit with answers the on-site visit may find overstated.
//
// Every number in SupplierAuditConfig is an illustrative judgement, not a fact from a source: an
// editable default.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <diligence/audit/finding.hpp>
#include <diligence/audit/statistics.hpp>
#include <diligence/core/date.hpp>
#include <diligence/core/diagnostics.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/own_risk.hpp>
#include <diligence/risk/questionnaire.hpp>
#include <diligence/risk/risk_model.hpp>

namespace diligence::audit {

/// What the supplier audit looks at.
struct SupplierAuditInput {
  const model::SupplyNetwork* network = nullptr;
  model::FirmIndex supplier = model::kNoFirm;
  std::optional<model::FirmIndex> buyer;  ///< whose code of conduct applies (`--buyer ID`)
  const risk::RiskModel* risk_model = nullptr;
  const risk::OwnRiskResult* own = nullptr;  ///< own risk of every firm (own_risk())
  const std::vector<risk::Questionnaire>* questionnaires = nullptr;
  Date as_of;  ///< audit date; deadlines count from it
};

/// One check of a supplier audit and its outcome (for reports; the findings say what failed).
struct SupplierCheck {
  std::string id;        ///< category id (`forced_labour`) or obligation id (`grievance-mechanism`)
  std::string category;  ///< the impact category checked; empty for cross-category checks
  bool passed = false;
  /// The most severe grade a failure of this check can raise for this SME; weighs the check in
  /// the readiness score.
  Grade stake = Grade::kMinor;
  double own_risk = 0.0;  ///< category checks: own risk of the category
  double required = 0.0;  ///< control-score checks: the level required, in [0,1]
  double control = 0.0;   ///< control-score checks: the control score found, in [0,1]
  std::string evidence;   ///< what was checked, with the values found
};

/// One entry of the fix-first plan: why a finding sits where it does.
struct SupplierFix {
  std::string obligation;  ///< the finding's obligation (category id or obligation id)
  Grade grade = Grade::kMinor;
  /// Σ over categories of the own risk the fix removes (the own-risk rule recomputed as if the
  /// corrective action were done); 0 for fixes that change no input of the risk model.
  double risk_reduction = 0.0;
  /// Steps of work: answer points to climb on the questionnaire scale, or 1 for one document,
  /// contract clause or remediation.
  double effort = 1.0;
  double priority = 0.0;  ///< risk_reduction / effort
};

/// Result of one supplier audit.
struct SupplierAuditResult {
  model::FirmIndex supplier = model::kNoFirm;
  std::optional<model::FirmIndex> buyer;
  std::vector<Finding> findings;       ///< critical first
  std::size_t checks = 0;              ///< checks run
  std::size_t failed = 0;              ///< checks that raised a finding
  double score = 0.0;                  ///< audit_score(checks, failed, findings), 0..200
  double readiness = 0.0;              ///< 0..100: how ready the SME is for its buyer's audit
  std::vector<std::string> fix_first;  ///< obligations / categories in the order to fix them

  // Added by the supplier audit (details for reports).
  std::vector<SupplierCheck> check_results;  ///< every check run, in the order run
  std::vector<SupplierFix> fix_plan;  ///< one per finding, parallel to `findings` (same order)
  std::vector<std::string> notes;     ///< checks not run and why (e.g. no buyer code on file)
};

/// Questionnaire items that evidence the controls a check looks for.
struct ControlItems {
  std::string check;               ///< category id (`forced_labour`) or obligation id
  std::string questionnaire;       ///< questionnaire id (`kesg-sme`)
  std::vector<std::string> items;  ///< the control score is their weighted mean normalised answer
  std::string action;  ///< corrective action when no item advice applies (pillar-score evidence)
};

/// The shipped mapping of the `kesg-sme` questionnaire items to the default risk model's
/// categories and to the cross-category checks, with a generic corrective action per check.
/// Judgement (illustrative): which items show which controls (docs/audits.md has the table).
[[nodiscard]] inline std::vector<ControlItems> default_control_items();

/// The rules of the supplier audit. Every number is an illustrative judgement (an editable
/// default), not a value taken from a source; docs/audits.md explains each.
struct SupplierAuditConfig {
  /// Days from the audit date to the deadline of a finding, by grade.
  std::int32_t deadline_days_critical = 30;
  std::int32_t deadline_days_major = 90;
  std::int32_t deadline_days_minor = 180;

  /// Own risk from which a category needs evidence of controls (below it the category is not
  /// checked, unless it is zero-tolerance). 0.15 is where "medium" starts on the default risk
  /// model's scale.
  double evidence_from = 0.15;
  /// Own risk from which a category is high risk ("high" on the default model's scale): it needs
  /// `control_required_high`, and a failure there is major rather than minor. Also the site risk
  /// from which health-and-safety work counts as hazardous.
  double high_risk = 0.35;
  /// Control score required below `high_risk` (0.5 = "partly", 2 on a 0–4 scale).
  double control_required = 0.5;
  /// Control score required at or above `high_risk` (0.75 = "mostly", 3 on a 0–4 scale).
  double control_required_high = 0.75;
  /// Control score required in the zero-tolerance categories, whatever their own risk.
  double zero_tolerance_control = 0.75;
  /// A health-and-safety control score below this at hazardous work is a life-threatening gap
  /// (critical).
  double life_threatening_below = 0.5;
  /// A certification counts as evidence of controls in a category when the risk model credits
  /// it with removing at least this share of own risk there.
  double certification_min_effect = 0.25;
  /// Categories where any gap is critical (buyers' codes allow no exception).
  std::vector<std::string> zero_tolerance = {"child_labour", "forced_labour"};
  /// The category whose gaps at hazardous work are life-threatening.
  std::string life_safety_category = "health_safety";
  /// Questionnaire items per check.
  std::vector<ControlItems> controls = default_control_items();

  /// Readiness: weight of a check by its stake, and points taken off per critical finding.
  double readiness_weight_critical = 3.0;
  double readiness_weight_major = 2.0;
  double readiness_weight_minor = 1.0;
  double readiness_critical_penalty = 10.0;

  /// Fix-first effort of raising a pillar score (evidence without item answers): one step per
  /// this much pillar score (0.25 = one point on a 0–4 scale).
  double pillar_effort_step = 0.25;

  /// Monte Carlo: probability that the on-site visit finds one answered item (above the scale
  /// minimum) overstated, independently per item and run.
  double overstatement_probability = 0.2;
  /// Monte Carlo: scale points an overstated answer is lowered by (not below the scale minimum).
  std::int32_t overstatement_steps = 1;

  /// Monte Carlo: threads (0 = the OpenMP default; ignored without OpenMP). Results do not
  /// depend on it.
  std::int32_t threads = 0;
  /// Monte Carlo: called after each block of runs from the calling thread.
  ProgressCallback progress;
  /// Monte Carlo: keep every run's outcome in SupplierMonteCarloResult::outcomes.
  bool keep_runs = false;
};

/// Runs the supplier mock due diligence of `input.supplier` (docs/audits.md).
///
/// @param input the network, the SME, optionally the buyer, the risk model, every firm's own
///   risk (from risk::own_risk with the same model) and the questionnaires the SME may answer.
/// @param config the rules; the defaults are illustrative judgements.
/// @returns findings (in fix-first order: critical first, then by risk reduction per effort),
///   counts, the RBA-style score, the readiness score, the fix-first list and every check run.
/// @throws UsageError `usage.parameter` for a null pointer, an own-risk matrix that does not fit
///   the network and model, or a config value out of range; `network.index_range` for a supplier
///   or buyer index that names no firm (or a buyer equal to the supplier);
///   ValidationError `input.unknown_questionnaire` when the SME answered a questionnaire that is
///   not given, and the errors of risk::score_answers for bad answers.
/// Complexity: O(K·(items + certifications) + buyers + n + m) (n + m only with a buyer that is
/// not a direct buyer: its tiers are searched), K = categories.
[[nodiscard]] SupplierAuditResult supplier_audit(const SupplierAuditInput& input,
                                                 const SupplierAuditConfig& config = {});

/// Result of `supplier_monte_carlo`.
/// What one run of the supplier Monte Carlo gave.
struct SupplierRunOutcome {
  std::uint32_t critical = 0;  ///< findings by grade
  std::uint32_t major = 0;
  std::uint32_t minor = 0;
  std::uint32_t overstated = 0;  ///< answers found overstated
  double readiness = 0.0;
  double score = 0.0;
};

struct SupplierMonteCarloResult {
  /// Mean and percentiles of one quantity over the runs. Percentile q is the nearest-rank value:
  /// the ⌈q·N⌉-th smallest of the N runs' values.
  using Summary = audit::Summary;
  std::uint32_t runs = 0;
  std::uint64_t seed = 0;
  Summary critical;         ///< critical findings per run
  Summary major;            ///< major findings per run
  Summary minor;            ///< minor findings per run
  Summary readiness;        ///< readiness per run
  Summary score;            ///< audit score per run
  double p_critical = 0.0;  ///< share of runs with at least one critical finding
  /// Answered items above the scale minimum: the answers a visit can find overstated.
  std::size_t items_at_risk = 0;
  Summary overstated;         ///< items found overstated per run
  double p_overstated = 0.0;  ///< share of runs in which at least one answer was found overstated
  /// Items found overstated over all runs / (runs × items_at_risk); 0 without items at risk.
  double overstated_share = 0.0;
  /// Share of runs with at least one finding on each obligation that had one in some run, most
  /// frequent first (ties by id).
  std::vector<std::pair<std::string, double>> finding_frequency;
  std::vector<SupplierRunOutcome> outcomes;  ///< with config.keep_runs only, in run order
};

/// Repeats the supplier audit `runs` times. In run i (seeded with `seed + i`, diligence::Rng), the
/// visit finds each answered item above the scale minimum overstated with probability
/// `config.overstatement_probability`, in the order the answers are given; an overstated answer is
/// lowered by `config.overstatement_steps` points; the answers are re-scored, the SME's own risk
/// recomputed and the checks re-run. An SME that gave pillar scores only has nothing to overstate.
/// Runs are independent and reduced in run order, so results do not depend on the thread count.
/// @throws the errors of `supplier_audit`; UsageError `usage.parameter` for runs = 0.
/// Complexity: runs × the audit's cost, spread over the threads.
[[nodiscard]] SupplierMonteCarloResult supplier_monte_carlo(const SupplierAuditInput& input,
                                                            const SupplierAuditConfig& config,
                                                            std::uint32_t runs, std::uint64_t seed);

}  // namespace diligence::audit

#include <diligence/audit/detail/supplier_impl.hpp>
