// The reports of `diligence support` as text and as one self-contained HTML page: classes,
// programmes, target exposure before and after, the chosen strategy against the baselines, the
// year-by-year path and the allocation. The tables come from one set of row builders, so text and
// HTML show the same figures; the page adds charts (gains against the baselines, the path of
// target exposure of every strategy, the gain of each programme by class).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <diligence/core/diagnostics.hpp>
#include <diligence/model/scenario.hpp>
#include <diligence/support/support.hpp>

namespace diligence::cli {

struct SupportView {
  const model::Scenario* scenario = nullptr;
  std::string scenario_label;   ///< the scenario's name, or its file
  std::string programme_label;  ///< the programme set's name, or its file
  std::string parameters;       ///< parameters_text
  const support::ProgrammeSet* set = nullptr;
  const support::SupportProblem* problem = nullptr;
  const std::map<support::Strategy, support::AllocationResult>* results = nullptr;
  support::Strategy chosen = support::Strategy::kGreedy;
  std::string strategy;  ///< as given
  std::uint64_t seed = 1;
  std::uint32_t years = 1;
  std::size_t top = 20;  ///< assignments listed
  bool converged = true;
  const std::vector<Diagnostic>* warnings = nullptr;
};

[[nodiscard]] std::string support_text(const SupportView& v);
[[nodiscard]] std::string support_html(const SupportView& v);

}  // namespace diligence::cli
