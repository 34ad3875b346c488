// The reports of `diligence audit`: the company mock audit and the supplier mock due diligence,
// each as plain text, Markdown or JSON (spec/cli.md fixes the JSON keys `focal`, `directive`,
// `as_of`, `in_scope`, `applies`, `findings[{obligation, article, grade, message}]`, `score`,
// `max_penalty_eur`, `sample`, `monte_carlo`; docs/audits.md lists every key).
//
// Text, Markdown and HTML come from one Document (document.hpp), so they always say the same;
// the HTML page adds charts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <diligence/audit/company.hpp>
#include <diligence/audit/config.hpp>
#include <diligence/audit/monte_carlo.hpp>
#include <diligence/audit/supplier.hpp>
#include <diligence/core/diagnostics.hpp>
#include <diligence/directive/profile.hpp>
#include <diligence/directive/scope.hpp>
#include <diligence/model/scenario.hpp>
#include <diligence/risk/matrix.hpp>

#include "document.hpp"

namespace diligence::cli {

/// What the company report shows.
struct CompanyReport {
  const model::Scenario* scenario = nullptr;
  const directive::DirectiveProfile* profile = nullptr;
  const audit::AuditConfig* config = nullptr;
  const audit::CompanyAuditResult* result = nullptr;
  const audit::CompanyMonteCarloResult* monte_carlo = nullptr;  ///< null: not run
  std::string exposure_model;                                   ///< `linear` or `noisy-or`
  double upstream_weight = 0.5;
  double unmapped_risk = 0.5;
  std::string risk_model;  ///< the risk model's id
  const std::vector<Diagnostic>* warnings = nullptr;
  /// Exposure of every firm (n × K), for the charts of the HTML report; null: no charts.
  const risk::RiskMatrix* exposure = nullptr;
};

/// What the supplier report shows.
struct SupplierReport {
  const model::Scenario* scenario = nullptr;
  const audit::SupplierAuditResult* result = nullptr;
  const audit::SupplierMonteCarloResult* monte_carlo = nullptr;  ///< null: not run
  const directive::DirectiveProfile* profile = nullptr;          ///< `--directive`, if given
  /// The buyer's scope under `profile` (when both a buyer and a directive were given).
  std::optional<directive::ScopeDecision> buyer_scope;
  Date as_of;
  std::uint64_t seed = 1;
  const std::vector<Diagnostic>* warnings = nullptr;
};

/// The company report as plain text, Markdown or HTML (with charts: exposure by tier ×
/// category, the upstream network, the top paths and, with outcomes kept, Monte Carlo
/// histograms).
[[nodiscard]] std::string company_report(const CompanyReport& r, Format format);
/// The company report as one JSON document.
[[nodiscard]] nlohmann::json company_json(const CompanyReport& r);

/// The supplier report as plain text, Markdown or HTML (with Monte Carlo histograms when the
/// outcomes were kept).
[[nodiscard]] std::string supplier_report(const SupplierReport& r, Format format);
/// The supplier report as one JSON document.
[[nodiscard]] nlohmann::json supplier_json(const SupplierReport& r);

}  // namespace diligence::cli
