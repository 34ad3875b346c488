// Own residual risk of every firm in every category of a risk model (docs/algorithms.md, "Own
// risk"). Four steps, in this order:
//   1. inherent risk: r⁰_k = 1 − (1 − country_k)(1 − sector_k) Π_m (1 − commodity_{m,k}), over the
//      distinct commodities the firm supplies (on its links to its buyers) that the model knows;
//      a country or sector the model lacks uses the model's fallback row, with one warning per
//      code;
//   2. mitigation: r_k = r⁰_k · (1 − s · p(k)) · Π_c (1 − e_{c,k}), with s the model's pillar
//      strength, p(k) the firm's self-assessment score of the pillar that category k belongs to
//      (0 without an assessment; questionnaire answers are scored first) and e_{c,k} the effect of
//      each certification c the firm holds that the model knows;
//   3. the firm's explicit `risk:` values replace r_k for the categories they name;
//   4. an incident at the firm sets r_k = 1 for its category.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <diligence/core/diagnostics.hpp>
#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/matrix.hpp>
#include <diligence/risk/questionnaire.hpp>
#include <diligence/risk/risk_model.hpp>

namespace diligence::risk {

struct OwnRiskOptions {
  /// Questionnaires that `assessment.questionnaire` may name; without them a firm that gives
  /// answers instead of scores is an error.
  const std::vector<Questionnaire>* questionnaires = nullptr;
  /// Receives the fallback warnings as they arise (they are also in the result).
  LogSink sink;
};

/// Where each firm's own risk came from, for reports.
struct OwnRiskResult {
  std::vector<std::string> categories;  ///< column ids
  RiskMatrix inherent;                  ///< n × K, step 1
  RiskMatrix own;                       ///< n × K, after steps 2–4
  /// Pillar scores used for mitigation (from scores or scored answers); nullopt = no assessment.
  std::vector<std::optional<model::PillarScores>> pillar_scores;
  std::vector<Diagnostic> warnings;
};

/// Computes own risk. O(n·K + m) plus the questionnaire scoring.
/// @throws ValidationError `input.unknown_category` for a `risk:` or incident category the model
///   lacks, `input.unknown_questionnaire` for an unknown questionnaire id, and the scoring errors
///   of `score_answers`, each with the key path `firms[i]...`.
[[nodiscard]] OwnRiskResult own_risk(const model::SupplyNetwork& net, const RiskModel& model,
                                     const OwnRiskOptions& options = {});

}  // namespace diligence::risk

#include <diligence/risk/detail/own_risk_impl.hpp>
