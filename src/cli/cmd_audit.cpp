// `diligence audit SCENARIO --focal ID --directive D`: the mock audit of a firm's due-diligence
// process under a directive profile (`--kind company`, the default; audit/company.hpp), or the
// supplier mock due diligence a buyer runs on an SME (`--kind supplier`, optional `--buyer ID`;
// audit/supplier.hpp). `--runs N --seed S` adds the Monte Carlo (run i seeded with S + i); the base
// audit's sample and detections are seeded with S. Reports: text (default), Markdown
// (`--format md`), JSON (`--format json` or `--json`) or one self-contained HTML page with charts
// (`--format html`, best with `-o report.html`).
//
// The risk pipeline options (`--model`, `--upstream-weight`, `--unmapped-risk`, `--risk-model`)
// work as for `risk`; the audit configuration is data/audit/default.yaml or `--audit-config FILE`.
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <diligence/audit/company.hpp>
#include <diligence/audit/monte_carlo.hpp>
#include <diligence/audit/supplier.hpp>
#include <diligence/core/date.hpp>
#include <diligence/core/error.hpp>
#include <diligence/directive/scope.hpp>
#include <diligence/io/audit_config_io.hpp>
#include <diligence/io/directive_io.hpp>

#include "audit_report.hpp"
#include "command.hpp"
#include "output.hpp"
#include "pipeline.hpp"
#include "progress.hpp"

namespace diligence::cli {
namespace {

constexpr const char* kCompany = "company";
constexpr const char* kSupplier = "supplier";

struct State {
  std::string scenario;
  std::string focal;
  std::string directive;
  std::string kind = kCompany;
  std::string buyer;
  std::uint32_t runs = 0;  ///< 0: no Monte Carlo
  std::uint64_t seed = 1;
  std::string format;  ///< text | md | html | json; empty = text (or json with --json)
  std::string audit_config;
  std::string as_of;
  RiskOptions risk;
  OutputOptions out;
};

/// A usage error found after parsing: the message on standard error, exit status 2.
int usage(const std::string& message) {
  std::cerr << "audit: " << message << "\nRun with --help for more information." << std::endl;
  return 2;
}

/// `--directive D`: the profile; nullopt after printing the message of an unknown id (exit 2).
std::optional<directive::DirectiveProfile> find_directive(const std::string& d) {
  try {
    return io::find_profile(d);
  } catch (const UsageError& e) {
    std::cerr << e.what() << std::endl;
    return std::nullopt;
  }
}

/// `--format`: text, md or html (json is handled apart).
Format report_format(const State& s) {
  if (s.format == "md") return Format::kMarkdown;
  if (s.format == "html") return Format::kHtml;
  return Format::kText;
}

void emit(const State& s, bool json, const nlohmann::json& doc, const std::string& text,
          const std::vector<Diagnostic>& warnings) {
  if (json) {
    emit_json(s.out, doc);
    return;
  }
  print_warnings(warnings);
  emit_text(s.out, text);
}

int run_company(const State& s, bool json) {
  if (s.directive.empty()) return usage("--directive is required for --kind company");
  if (!s.buyer.empty()) return usage("--buyer is only for --kind supplier");
  const std::optional<directive::DirectiveProfile> profile = find_directive(s.directive);
  if (!profile) return 2;
  const audit::AuditConfig config =
      s.audit_config.empty() ? io::default_audit_config() : io::load_audit_config(s.audit_config);
  const RiskContext c = load_risk_context(s.scenario, s.risk);
  const model::FirmIndex focal = firm_index(c.scenario, s.focal, "--focal");
  const Exposure exposure = compute_exposure(c, s.risk);
  const Date as_of = as_of_or(s.as_of, c.scenario.as_of);

  const audit::CompanyAuditInput input{&c.scenario.network, focal, &*profile, &c.own,
                                       &exposure.values,    as_of};
  audit::CompanyAuditOptions options;
  options.linear = s.risk.linear();
  options.seed = s.seed;
  const audit::CompanyAuditResult result = audit::company_audit(input, config, options);
  std::optional<audit::CompanyMonteCarloResult> mc;
  if (s.runs > 0) {
    audit::MonteCarloOptions mo;
    mo.runs = s.runs;
    mo.seed = s.seed;
    mo.keep_runs = report_format(s) == Format::kHtml;  // the histograms
    mo.progress = progress_callback();
    mc = audit::company_monte_carlo(input, result, config, mo);
  }
  CompanyReport report;
  report.scenario = &c.scenario;
  report.profile = &*profile;
  report.config = &config;
  report.result = &result;
  report.monte_carlo = mc ? &*mc : nullptr;
  report.exposure_model = s.risk.model;
  report.upstream_weight = s.risk.upstream_weight;
  report.unmapped_risk = s.risk.unmapped_risk;
  report.risk_model = c.model.id;
  report.warnings = &c.warnings;
  report.exposure = &exposure.values;
  emit(s, json, json ? company_json(report) : nlohmann::json(),
       json ? std::string() : company_report(report, report_format(s)), c.warnings);
  return 0;
}

int run_supplier(const State& s, bool json) {
  if (!s.audit_config.empty())
    return usage(
        "--audit-config is only for --kind company (the supplier audit's rules are "
        "audit::SupplierAuditConfig)");
  std::optional<directive::DirectiveProfile> profile;
  if (!s.directive.empty()) {
    profile = find_directive(s.directive);
    if (!profile) return 2;
  }
  const RiskContext c = load_risk_context(s.scenario, s.risk);
  const model::FirmIndex focal = firm_index(c.scenario, s.focal, "--focal");
  std::optional<model::FirmIndex> buyer;
  if (!s.buyer.empty()) buyer = firm_index(c.scenario, s.buyer, "--buyer");
  const Date as_of = as_of_or(s.as_of, c.scenario.as_of);

  audit::SupplierAuditInput input;
  input.network = &c.scenario.network;
  input.supplier = focal;
  input.buyer = buyer;
  input.risk_model = &c.model;
  input.own = &c.own;
  input.questionnaires = &c.questionnaires;
  input.as_of = as_of;
  audit::SupplierAuditConfig config;
  const audit::SupplierAuditResult result = audit::supplier_audit(input, config);
  std::optional<audit::SupplierMonteCarloResult> mc;
  if (s.runs > 0) {
    config.progress = progress_callback();
    config.keep_runs = report_format(s) == Format::kHtml;  // the histograms
    mc = audit::supplier_monte_carlo(input, config, s.runs, s.seed);
  }
  SupplierReport report;
  report.scenario = &c.scenario;
  report.result = &result;
  report.monte_carlo = mc ? &*mc : nullptr;
  report.profile = profile ? &*profile : nullptr;
  if (profile && buyer)
    report.buyer_scope = directive::scope_of(c.scenario.network, *profile, *buyer, as_of);
  report.as_of = as_of;
  report.seed = s.seed;
  report.warnings = &c.warnings;
  emit(s, json, json ? supplier_json(report) : nlohmann::json(),
       json ? std::string() : supplier_report(report, report_format(s)), c.warnings);
  return 0;
}

int run(const State& s) {
  if (s.out.json && !s.format.empty() && s.format != "json")
    return usage("--json conflicts with --format " + s.format);
  const bool json = s.out.json || s.format == "json";
  return s.kind == kSupplier ? run_supplier(s, json) : run_company(s, json);
}

}  // namespace

void add_audit_command(Commands& commands) {
  auto state = std::make_shared<State>();
  CLI::App& cmd = commands.add(
      "audit",
      "Mock audit of a firm's due diligence under a directive (--kind company), or the supplier "
      "mock due diligence of an SME (--kind supplier)",
      [state]() -> int { return run(*state); });
  cmd.add_option("SCENARIO", state->scenario, "Scenario YAML file (format diligence/1)")
      ->required();
  cmd.add_option("--focal", state->focal, "The audited firm (company), or the SME (supplier)")
      ->type_name("ID")
      ->required();
  cmd.add_option("-d,--directive", state->directive,
                 "Directive profile: a shipped id (csddd-2024, csddd-2026, lksg) or a profile "
                 "file; required for --kind company")
      ->type_name("D");
  cmd.add_option("--kind", state->kind, "company (the default) or supplier")
      ->check(CLI::IsMember({kCompany, kSupplier}))
      ->capture_default_str();
  cmd.add_option("--buyer", state->buyer,
                 "--kind supplier: the buyer whose code of conduct applies")
      ->type_name("ID");
  cmd.add_option("--runs", state->runs, "Monte Carlo runs (none without it)")
      ->type_name("N")
      ->check(positive_count());
  cmd.add_option("--seed", state->seed,
                 "Seed of the audit's sample and detections; Monte Carlo run i uses S + i")
      ->type_name("S")
      ->check(seed_validator())
      ->capture_default_str();
  cmd.add_option("--format", state->format, "Report format: text (default), md, html or json")
      ->check(CLI::IsMember({"text", "md", "html", "json"}))
      ->type_name("F");
  cmd.add_option("--audit-config", state->audit_config,
                 "Audit configuration (format diligence-audit-config/1); default: the shipped "
                 "data/audit/default.yaml")
      ->type_name("FILE");
  cmd.add_option("--as-of", state->as_of, "Audit on this date instead of the scenario's as_of")
      ->check(date_validator())
      ->type_name("DATE");
  add_risk_options(cmd, state->risk, true);
  add_output_options(cmd, state->out);
}

}  // namespace diligence::cli
