// The risk pipeline the sub-commands `risk`, `paths` and `export` share: the common options
// (`--model`, `--upstream-weight`, `--unmapped-risk`, `--risk-model`), loading the risk model and
// the shipped questionnaires, loading the scenario against the model's categories, own risk,
// exposure by the chosen model, the warnings of every step and the time each phase took.
// Plus small helpers for the reports: firm lookup with a clear message, number formatting,
// phase timings.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <diligence/core/date.hpp>
#include <diligence/core/diagnostics.hpp>
#include <diligence/model/scenario.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/risk/matrix.hpp>
#include <diligence/risk/own_risk.hpp>
#include <diligence/risk/questionnaire.hpp>
#include <diligence/risk/risk_model.hpp>

namespace diligence::cli {

/// The exposure models `--model` accepts.
inline constexpr const char* kLinearModel = "linear";
inline constexpr const char* kNoisyOrModel = "noisy-or";

/// The risk options of `risk`, `paths` and `export` (defaults as in spec/scenario.md).
struct RiskOptions {
  std::string model = kLinearModel;  ///< `--model linear|noisy-or`
  double upstream_weight = 0.5;      ///< `--upstream-weight L`, λ in [0,1)
  double unmapped_risk = 0.5;        ///< `--unmapped-risk U`, in [0,1]
  std::string risk_model_file;       ///< `--risk-model FILE`; empty = the shipped default

  [[nodiscard]] risk::LinearOptions linear() const {
    risk::LinearOptions o;
    o.upstream_weight = upstream_weight;
    o.unmapped_risk = unmapped_risk;
    return o;
  }
};

/// Declares `--upstream-weight`, `--unmapped-risk`, `--risk-model` and, when `with_model`,
/// `--model` on `cmd`. Values out of range are usage errors (exit status 2).
void add_risk_options(CLI::App& cmd, RiskOptions& options, bool with_model);

/// A CLI11 validator for a number in [0,1] (`upper_open`: [0,1)); NaN is rejected.
[[nodiscard]] CLI::Validator unit_interval(bool upper_open);

/// A CLI11 validator for a date YYYY-MM-DD that exists (`--as-of DATE`).
[[nodiscard]] CLI::Validator date_validator();

/// The date of `--as-of` when given (already validated), else `fallback` (the scenario's date).
[[nodiscard]] Date as_of_or(const std::string& as_of, Date fallback);

/// A CLI11 validator for a count ≥ 1 (`--top N`).
[[nodiscard]] CLI::Validator positive_count();

/// A CLI11 validator for a seed: a non-negative integer below 2^64, no sign (`--seed S`).
[[nodiscard]] CLI::Validator seed_validator();

/// Wall-clock seconds per phase, in the order they ran.
class Timings {
 public:
  Timings() : start_(Clock::now()), last_(start_) {}
  /// Ends the current phase: records the time since the previous lap under `name`.
  void lap(std::string name);
  /// `{"<phase>_s": seconds, ..., "total_s": seconds}`.
  [[nodiscard]] nlohmann::json to_json() const;
  /// One aligned line per phase, and the total.
  [[nodiscard]] std::string to_text() const;

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_, last_;
  std::vector<std::pair<std::string, double>> phases_;
};

/// A scenario loaded against a risk model, with own risk.
struct RiskContext {
  risk::RiskModel model;
  std::vector<risk::Questionnaire> questionnaires;
  model::Scenario scenario;
  risk::OwnRiskResult own;
  std::vector<Diagnostic> warnings;  ///< loading, then own risk
  Timings timings;                   ///< phases `risk_model`, `load`, `own_risk`
};

/// Loads the risk model (`options.risk_model_file` or the default) and the shipped
/// questionnaires, the scenario (its categories checked against the model's) and computes own
/// risk. Large CSV files show the progress bar (progress.hpp). @throws diligence::Error for bad
/// input (the command exits 1).
[[nodiscard]] RiskContext load_risk_context(const std::string& scenario_path,
                                            const RiskOptions& options);

/// Solver figures of an exposure computation.
struct SolverStats {
  std::uint32_t sweeps = 0;
  std::optional<double> residual;  ///< ‖x − F(x)‖∞; not reported by the noisy-OR kernel
  bool converged = true;
  std::size_t cyclic_components = 0;
  std::size_t firms_in_cycles = 0;
};

/// Exposure of every firm in every category by the chosen model.
struct Exposure {
  risk::RiskMatrix values;  ///< n × K
  SolverStats solver;
};

/// Computes the exposure with `options.model` (linear or noisy-OR).
[[nodiscard]] Exposure compute_exposure(const RiskContext& context, const RiskOptions& options);

/// `overall` of firm i: the maximum over categories of its exposure.
[[nodiscard]] double overall(const risk::RiskMatrix& exposure, model::FirmIndex i);
/// The column of firm i's largest exposure (the first on ties).
[[nodiscard]] std::size_t top_category(const risk::RiskMatrix& exposure, model::FirmIndex i);

/// The index of firm `id`. @throws UsageError (`usage.unknown_firm`, exit status 1) naming the
/// option, the id and the scenario file.
[[nodiscard]] model::FirmIndex firm_index(const model::Scenario& scenario, std::string_view id,
                                          std::string_view option);

/// `{"solver": ...}` value: sweeps, residual (or null), converged, cyclic_components,
/// firms_in_cycles.
[[nodiscard]] nlohmann::json solver_json(const SolverStats& s);
/// One line describing the solver run, for text reports.
[[nodiscard]] std::string solver_text(const SolverStats& s);

/// The JSON array of `warnings`.
[[nodiscard]] nlohmann::json warnings_json(const std::vector<Diagnostic>& warnings);

/// `v` with `decimals` decimals (`%.*f`).
[[nodiscard]] std::string fixed(double v, int decimals = 3);
/// `v` in the shortest form that reads back to the same double.
[[nodiscard]] std::string shortest(double v);

/// The header line of the risk reports: model, λ, u and the risk model.
[[nodiscard]] std::string parameters_text(const RiskContext& context, const RiskOptions& options);

}  // namespace diligence::cli
