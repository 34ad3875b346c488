// The risk pipeline shared by `risk`, `paths` and `export` (see pipeline.hpp).
#include "pipeline.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <sstream>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/io/questionnaire_io.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/io/scenario_io.hpp>
#include <diligence/model/structure.hpp>
#include <diligence/risk/noisy_or.hpp>

#include "output.hpp"
#include "progress.hpp"
#include "table.hpp"

namespace diligence::cli {

CLI::Validator unit_interval(bool upper_open) {
  const std::string range = upper_open ? "[0,1)" : "[0,1]";
  return CLI::Validator(
      [upper_open, range](std::string& value) -> std::string {
        double v = 0.0;
        if (!CLI::detail::lexical_cast(value, v)) return "'" + value + "' is not a number";
        const bool ok = v >= 0.0 && (upper_open ? v < 1.0 : v <= 1.0);  // false for NaN
        if (!ok) return "must be in " + range + ", got " + value;
        return {};
      },
      "in " + range);
}

CLI::Validator date_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        return Date::parse(value) ? std::string()
                                  : "expected a date YYYY-MM-DD, got '" + value + "'";
      },
      "", "date");
}

Date as_of_or(const std::string& as_of, Date fallback) {
  return as_of.empty() ? fallback : *Date::parse(as_of);
}

CLI::Validator positive_count() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        std::size_t v = 0;
        // strtoull would read "-1" as the largest count: no sign allowed.
        if (value.find_first_not_of("0123456789") != std::string::npos ||
            !CLI::detail::lexical_cast(value, v) || v == 0)
          return "must be a positive integer, got " + value;
        return {};
      },
      "POSITIVE");
}

CLI::Validator seed_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        std::uint64_t v = 0;
        if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos ||
            !CLI::detail::lexical_cast(value, v))
          return "must be a non-negative integer, got " + value;
        return {};
      },
      "SEED");
}

void add_risk_options(CLI::App& cmd, RiskOptions& options, bool with_model) {
  if (with_model)
    cmd.add_option("--model", options.model,
                   "Exposure model: linear (exact linear exposure, the default) or noisy-or")
        ->check(CLI::IsMember({kLinearModel, kNoisyOrModel}))
        ->capture_default_str();
  cmd.add_option("--upstream-weight", options.upstream_weight,
                 "Upstream weight λ in [0,1): the part of exposure that comes from suppliers")
      ->type_name("L")
      ->check(unit_interval(true))
      ->capture_default_str();
  cmd.add_option("--unmapped-risk", options.unmapped_risk,
                 "Risk in [0,1] assumed for the unmapped part of a firm's procurement")
      ->type_name("U")
      ->check(unit_interval(false))
      ->capture_default_str();
  cmd.add_option("--risk-model", options.risk_model_file,
                 "Risk model file (format diligence-risk-model/1); default: the shipped "
                 "data/risk/default.yaml")
      ->type_name("FILE");
}

// --- timings -------------------------------------------------------------------------------------

void Timings::lap(std::string name) {
  const Clock::time_point now = Clock::now();
  phases_.emplace_back(std::move(name), std::chrono::duration<double>(now - last_).count());
  last_ = now;
}

nlohmann::json Timings::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, seconds] : phases_) out[name + "_s"] = seconds;
  out["total_s"] = std::chrono::duration<double>(last_ - start_).count();
  return out;
}

std::string Timings::to_text() const {
  Table t;
  for (const auto& [name, seconds] : phases_) t.row({name, fixed(seconds, 6) + " s"});
  t.row({"total", fixed(std::chrono::duration<double>(last_ - start_).count(), 6) + " s"});
  std::ostringstream out;
  out << "Timings\n";
  t.print(out);
  return out.str();
}

// --- pipeline ------------------------------------------------------------------------------------

RiskContext load_risk_context(const std::string& scenario_path, const RiskOptions& options) {
  RiskContext c;
  c.model = options.risk_model_file.empty() ? io::default_risk_model()
                                            : io::load_risk_model(options.risk_model_file);
  c.questionnaires = io::default_questionnaires();
  c.timings.lap("risk_model");

  io::LoadOptions load;
  load.categories = c.model.category_ids();
  load.questionnaires = &c.questionnaires;
  load.progress = progress_callback();
  c.scenario = io::load_scenario(scenario_path, load);
  c.warnings = c.scenario.warnings;
  c.timings.lap("load");

  risk::OwnRiskOptions own_options;
  own_options.questionnaires = &c.questionnaires;
  c.own = risk::own_risk(c.scenario.network, c.model, own_options);
  c.warnings.insert(c.warnings.end(), c.own.warnings.begin(), c.own.warnings.end());
  c.timings.lap("own_risk");
  return c;
}

Exposure compute_exposure(const RiskContext& context, const RiskOptions& options) {
  const model::SupplyNetwork& net = context.scenario.network;
  Exposure out;
  if (options.model == kNoisyOrModel) {
    risk::NoisyOrResult r = risk::noisy_or_exposure(net, context.own.own, options.linear());
    out.values = std::move(r.probability);
    out.solver.sweeps = r.sweeps;
    out.solver.converged = r.converged;
    // The noisy-OR result does not count the cycles; the condensation does.
    const model::Condensation order = model::condensation(net);
    for (std::size_t comp = 0; comp < order.count(); ++comp)
      if (order.cyclic(comp)) {
        ++out.solver.cyclic_components;
        out.solver.firms_in_cycles += order.members(comp).size();
      }
    return out;
  }
  risk::LinearResult r = risk::linear_exposure(net, context.own.own, options.linear());
  out.values = std::move(r.exposure);
  out.solver.sweeps = r.sweeps;
  out.solver.residual = r.residual;
  out.solver.converged = r.converged;
  out.solver.cyclic_components = r.cyclic_components;
  out.solver.firms_in_cycles = r.firms_in_cycles;
  return out;
}

double overall(const risk::RiskMatrix& exposure, model::FirmIndex i) {
  if (exposure.cols() == 0) return 0.0;
  return exposure.row(static_cast<Eigen::Index>(i)).maxCoeff();
}

std::size_t top_category(const risk::RiskMatrix& exposure, model::FirmIndex i) {
  std::size_t best = 0;
  const auto r = static_cast<Eigen::Index>(i);
  for (Eigen::Index k = 1; k < exposure.cols(); ++k)
    if (exposure(r, k) > exposure(r, static_cast<Eigen::Index>(best)))
      best = static_cast<std::size_t>(k);
  return best;
}

model::FirmIndex firm_index(const model::Scenario& scenario, std::string_view id,
                            std::string_view option) {
  if (const auto i = scenario.network.find(id)) return *i;
  std::string where = scenario.source.empty() ? "the scenario" : scenario.source;
  throw UsageError(errc::kUnknownFirmId,
                   std::string(option) + ": no firm with id '" + std::string(id) + "' in " + where);
}

// --- reports -------------------------------------------------------------------------------------

nlohmann::json solver_json(const SolverStats& s) {
  return {{"sweeps", s.sweeps},
          {"residual", s.residual ? nlohmann::json(*s.residual) : nlohmann::json(nullptr)},
          {"converged", s.converged},
          {"cyclic_components", s.cyclic_components},
          {"firms_in_cycles", s.firms_in_cycles}};
}

std::string solver_text(const SolverStats& s) {
  std::string out = "solver: ";
  if (s.cyclic_components == 0) {
    out += "no cycles, one exact pass in topological order";
  } else {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1e", s.residual.value_or(0.0));
    out += std::to_string(s.cyclic_components) + (s.cyclic_components == 1 ? " cycle" : " cycles") +
           " (" + std::to_string(s.firms_in_cycles) + " firms), " + std::to_string(s.sweeps) +
           " Gauss-Seidel sweeps";
    if (s.residual) out += std::string(", residual ") + buf;
    out += s.converged ? ", converged" : ", NOT converged";
  }
  return out;
}

nlohmann::json warnings_json(const std::vector<Diagnostic>& warnings) {
  nlohmann::json out = nlohmann::json::array();
  for (const Diagnostic& d : warnings) out.push_back(diagnostic_json(d));
  return out;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string shortest(double v) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string parameters_text(const RiskContext& context, const RiskOptions& options) {
  const std::size_t k = context.model.num_categories();
  return "model " + options.model + ", upstream weight " + shortest(options.upstream_weight) +
         ", unmapped risk " + shortest(options.unmapped_risk) + ", risk model " +
         (context.model.id.empty() ? std::string("(no id)") : context.model.id) + " (" +
         std::to_string(k) + (k == 1 ? " category)" : " categories)");
}

}  // namespace diligence::cli
