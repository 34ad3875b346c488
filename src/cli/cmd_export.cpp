// `diligence export SCENARIO --format graphml|dot|csv`: the network with own risk and exposure
// per category (and overall exposure) as attributes, for Gephi, yEd, Graphviz, spreadsheets
// (io/export.hpp). `--json` wraps the document in a JSON object with the counts and warnings.
#include <memory>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include <diligence/io/export.hpp>

#include "command.hpp"
#include "output.hpp"
#include "pipeline.hpp"

namespace diligence::cli {
namespace {

struct State {
  std::string scenario;
  std::string format;
  RiskOptions risk;
  OutputOptions out;
};

int run(const State& s) {
  RiskContext c = load_risk_context(s.scenario, s.risk);
  const Exposure x = compute_exposure(c, s.risk);
  const model::SupplyNetwork& net = c.scenario.network;

  io::RiskAttributes attributes;
  attributes.categories = c.own.categories;
  attributes.own =
      std::span<const double>(c.own.own.data(), static_cast<std::size_t>(c.own.own.size()));
  attributes.exposure =
      std::span<const double>(x.values.data(), static_cast<std::size_t>(x.values.size()));
  io::ExportOptions options;
  options.title = c.scenario.name;
  std::string content;
  if (s.format == "graphml")
    content = io::to_graphml(net, attributes, options);
  else if (s.format == "dot")
    content = io::to_dot(net, attributes, options);
  else
    content = io::to_csv(net, attributes);

  if (s.out.json) {
    emit_json(s.out, {{"format", s.format},
                      {"firms", net.num_firms()},
                      {"links", net.num_links()},
                      {"model", s.risk.model},
                      {"upstream_weight", s.risk.upstream_weight},
                      {"unmapped_risk", s.risk.unmapped_risk},
                      {"risk_model", c.model.id},
                      {"categories", c.own.categories},
                      {"content", content},
                      {"warnings", warnings_json(c.warnings)}});
    return 0;
  }
  print_warnings(c.warnings);
  emit_text(s.out, content);
  return 0;
}

}  // namespace

void add_export_command(Commands& commands) {
  auto state = std::make_shared<State>();
  CLI::App& cmd = commands.add(
      "export", "The network with own risk and exposure as attributes (GraphML, DOT, CSV)",
      [state]() -> int { return run(*state); });
  cmd.add_option("SCENARIO", state->scenario, "Scenario YAML file (format diligence/1)")
      ->required();
  cmd.add_option("--format", state->format,
                 "graphml (attributes on nodes and edges), dot (Graphviz, nodes coloured by "
                 "overall exposure) or csv (one row per firm)")
      ->check(CLI::IsMember({"graphml", "dot", "csv"}))
      ->required();
  add_risk_options(cmd, state->risk, true);
  add_output_options(cmd, state->out);
}

}  // namespace diligence::cli
