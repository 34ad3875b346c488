// Supplier mock due diligence: a passing and a failing case for every check, the grading
// (zero-tolerance and life-threatening gaps critical), exact deadlines, the buyer's code of
// conduct with and without a buyer, readiness and fix-first order on hand-computed examples, the
// Monte Carlo (determinism across seeds and thread counts, a hand-computed expectation), and a
// run on the korea-battery example's SME tenants.
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/audit/supplier.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/core/random.hpp>
#include <diligence/io/questionnaire_io.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/io/scenario_io.hpp>
#include <diligence/model/network_builder.hpp>
#include <diligence/risk/own_risk.hpp>

namespace diligence::audit {
namespace {

// ── A hand-built world ──────────────────────────────────────────────────────────────────────
//
// Five categories (pillar): child_labour S, forced_labour S, health_safety S, wages_hours S,
// pollution E. The SME (KR, NACE C25) supplies copper to BUY (DE, C29):
//
//     SME (KR, C25) ──copper──▶ BUY (DE, C29)
//
// Inherent risk of SME, 1 − (1 − country)(1 − sector)(1 − copper):
//   child_labour   1 − 0.98 · 1.0 · 0.85 = 0.167
//   forced_labour  1 − 0.90 · 1.0 · 0.90 = 0.19
//   health_safety  1 − 0.90 · 0.8 · 0.65 = 0.532   (site: 1 − 0.9 · 0.8 = 0.28, not hazardous)
//   wages_hours    1 − 0.80 · 0.9 · 0.80 = 0.424
//   pollution      1 − 0.90 · 0.8 · 0.55 = 0.604
// With every answer at 4 (pillars S = E = 1), own = inherent / 2: 0.0835, 0.095, 0.266, 0.212,
// 0.302. Checks run: child and forced labour (zero tolerance, always), health_safety, wages_hours
// and pollution (own ≥ 0.15, medium: required 0.5), incidents, grievance, supplier code (major
// stake: copper's pollution 0.45 ≥ 0.35), self-assessment. The buyer has no code on file.
// Stakes and readiness weights: 3 + 3 + 1 + 1 + 1 + 3 + 2 + 2 + 2 = 18.

risk::RiskModel test_model() {
  risk::RiskModel m;
  m.id = "test";
  m.categories = {{"child_labour", "Child labour", risk::Pillar::kS, "ref child"},
                  {"forced_labour", "Forced labour", risk::Pillar::kS, "ref forced"},
                  {"health_safety", "Health and safety", risk::Pillar::kS, "ref hs"},
                  {"wages_hours", "Wages and working hours", risk::Pillar::kS, "ref wages"},
                  {"pollution", "Pollution", risk::Pillar::kE, "ref pollution"}};
  m.country_fallback = {{0, 0, 0, 0, 0}, ""};
  m.sector_fallback = {{0, 0, 0, 0, 0}, ""};
  m.countries = {{"DE", {{0.01, 0.01, 0.05, 0.05, 0.05}, ""}},
                 {"KR", {{0.02, 0.1, 0.1, 0.2, 0.1}, ""}}};
  m.sectors = {{"C25", {{0.0, 0.0, 0.2, 0.1, 0.2}, ""}},
               {"C25.61", {{0.0, 0.0, 0.5, 0.1, 0.5}, ""}},
               {"C29", {{0.0, 0.0, 0.1, 0.1, 0.1}, ""}}};
  m.commodities = {{"copper", {{0.15, 0.1, 0.35, 0.2, 0.45}, ""}},
                   {"gravel", {{0.0, 0.0, 0.0, 0.0, 0.1}, ""}}};
  m.pillar_strength = 0.5;
  m.certifications = {{"ISO14001", {0, 0, 0, 0, 0.25}, ""},
                      {"ISO45001", {0, 0, 0.3, 0, 0}, ""},
                      {"SA8000", {0.4, 0.35, 0.3, 0.3, 0}, ""},
                      {"WEAK", {0, 0, 0, 0, 0.1}, ""}};
  return m;
}

/// `kesg-sme`-shaped: the default mapping applies to the items it has.
risk::Questionnaire test_questionnaire() {
  risk::Questionnaire q;
  q.id = "kesg-sme";
  q.scale_min = 0;
  q.scale_max = 4;
  q.scale_labels = {{0, "none"}, {1, "planned"}, {2, "partly"}, {3, "mostly"}, {4, "fully"}};
  q.stages = {{"beginner", 0.5}, {"leading", std::nullopt}};
  for (const char* id : {"S1", "S2", "S3", "S4", "S7", "S8", "S9"})
    q.items.push_back({id, "social", risk::Pillar::kS, 1.0, "", std::string("advice ") + id});
  for (const char* id : {"E5", "E6", "E7"})
    q.items.push_back({id, "environment", risk::Pillar::kE, 1.0, "", std::string("advice ") + id});
  return q;
}

using Answers = std::vector<std::pair<std::string, std::string>>;

Answers full_answers() {
  return {{"S1", "4"}, {"S2", "4"}, {"S3", "4"}, {"S4", "4"}, {"S7", "4"},
          {"S8", "4"}, {"S9", "4"}, {"E5", "4"}, {"E6", "4"}, {"E7", "4"}};
}

Answers with(Answers a, const std::string& item, const std::string& value) {
  for (auto& [id, v] : a)
    if (id == item) v = value;
  return a;
}

model::Firm firm(std::string id, std::string country, std::string sector) {
  model::Firm f;
  f.id = std::move(id);
  f.country = std::move(country);
  f.sector = std::move(sector);
  return f;
}

model::Firm sme(Answers answers = full_answers()) {
  model::Firm f = firm("SME", "KR", "C25");
  f.assessment = model::Assessment{std::nullopt, "kesg-sme", std::move(answers)};
  return f;
}

model::SupplyLink link(std::string s, std::string b, std::vector<std::string> commodities = {},
                       model::Contract contract = {}) {
  model::SupplyLink l;
  l.supplier = std::move(s);
  l.buyer = std::move(b);
  l.spend_eur = 1000.0;
  l.commodities = std::move(commodities);
  l.contract = contract;
  return l;
}

model::DueDiligence code_of_conduct() {
  model::DueDiligence dd;
  dd.code_of_conduct = true;
  return dd;
}

/// The network, own risk and questionnaires an audit reads (kept in place: the input points in).
struct World {
  World(std::vector<model::Firm> firms, std::vector<model::SupplyLink> links,
        risk::RiskModel m = test_model(),
        std::vector<risk::Questionnaire> q = {test_questionnaire()})
      : model(std::move(m)), questionnaires(std::move(q)) {
    model::NetworkBuilder nb;
    for (auto& f : firms) nb.add_firm(std::move(f));
    for (auto& l : links) nb.add_link(std::move(l));
    net = std::make_unique<model::SupplyNetwork>(nb.build());
    risk::OwnRiskOptions o;
    o.questionnaires = &questionnaires;
    own = risk::own_risk(*net, model, o);
  }
  [[nodiscard]] SupplierAuditInput input(const std::string& supplier = "SME",
                                         std::optional<std::string> buyer = std::nullopt) const {
    SupplierAuditInput in;
    in.network = net.get();
    in.supplier = net->index_of(supplier);
    if (buyer) in.buyer = net->index_of(*buyer);
    in.risk_model = &model;
    in.own = &own;
    in.questionnaires = &questionnaires;
    in.as_of = Date(2029, 9, 1);
    return in;
  }
  [[nodiscard]] SupplierAuditResult audit(const std::string& supplier = "SME",
                                          std::optional<std::string> buyer = std::nullopt,
                                          const SupplierAuditConfig& cfg = {}) const {
    return supplier_audit(input(supplier, std::move(buyer)), cfg);
  }
  [[nodiscard]] double own_of(const std::string& id, const std::string& category) const {
    return own.own(static_cast<Eigen::Index>(net->index_of(id)),
                   static_cast<Eigen::Index>(*model.category_index(category)));
  }
  risk::RiskModel model;
  std::vector<risk::Questionnaire> questionnaires;
  std::unique_ptr<model::SupplyNetwork> net;
  risk::OwnRiskResult own;
};

/// The baseline: SME with every answer at 4, supplying copper to BUY (no code on file).
World baseline(model::Firm s = sme(), model::Firm buyer = firm("BUY", "DE", "C29"),
               model::Contract contract = {}) {
  return World({std::move(s), std::move(buyer)}, {link("SME", "BUY", {"copper"}, contract)});
}

const Finding* find(const SupplierAuditResult& r, const std::string& obligation) {
  for (const auto& f : r.findings)
    if (f.obligation == obligation) return &f;
  return nullptr;
}

const SupplierCheck* check(const SupplierAuditResult& r, const std::string& id) {
  for (const auto& c : r.check_results)
    if (c.id == id) return &c;
  return nullptr;
}

std::vector<std::string> check_ids(const SupplierAuditResult& r) {
  std::vector<std::string> ids;
  for (const auto& c : r.check_results) ids.push_back(c.id);
  return ids;
}

// ── The baseline passes everything ──────────────────────────────────────────────────────────

TEST(SupplierAudit, BaselinePassesEveryCheck) {
  const World w = baseline();
  EXPECT_NEAR(w.own_of("SME", "health_safety"), 0.266, 1e-12);
  EXPECT_NEAR(w.own_of("SME", "pollution"), 0.302, 1e-12);
  const auto r = w.audit();
  EXPECT_EQ(check_ids(r), (std::vector<std::string>{
                              "child_labour", "forced_labour", "health_safety", "wages_hours",
                              "pollution", "incidents", "grievance-mechanism",
                              "supplier-code-of-conduct", "self-assessment"}));
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.checks, 9u);
  EXPECT_EQ(r.failed, 0u);
  EXPECT_DOUBLE_EQ(r.score, 200.0);
  EXPECT_DOUBLE_EQ(r.readiness, 100.0);
  EXPECT_TRUE(r.fix_first.empty());
  ASSERT_EQ(r.notes.size(), 1u);  // the buyer has no code on file
  EXPECT_NE(r.notes[0].find("no direct buyer of SME has a code of conduct"), std::string::npos);
  EXPECT_EQ(check(r, "child_labour")->stake, Grade::kCritical);
  EXPECT_EQ(check(r, "health_safety")->stake, Grade::kMinor);  // site 0.28: not hazardous
  EXPECT_EQ(check(r, "supplier-code-of-conduct")->stake, Grade::kMajor);
}

// ── Category checks ─────────────────────────────────────────────────────────────────────────

TEST(SupplierAudit, ForcedLabourGapIsCritical) {
  // Pass at 3 (mostly = the zero-tolerance level 0.75); fail at 2, critical.
  EXPECT_EQ(find(baseline(sme(with(full_answers(), "S4", "3"))).audit(), "forced_labour"), nullptr);
  const auto r = baseline(sme(with(full_answers(), "S4", "2"))).audit();
  const Finding* f = find(r, "forced_labour");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->grade, Grade::kCritical);
  EXPECT_EQ(f->article, "ref forced");
  EXPECT_EQ(f->corrective_action, "advice S4");  // the item's advice
  EXPECT_NE(f->evidence.find("S4 = 2 (partly)"), std::string::npos) << f->evidence;
  EXPECT_NE(f->evidence.find("control score 0.50 < required 0.75 (zero tolerance)"),
            std::string::npos)
      << f->evidence;
  EXPECT_EQ(f->firms, std::vector<model::FirmIndex>{0});
}

TEST(SupplierAudit, ChildLabourGapIsCriticalEvenAtLowOwnRisk) {
  // own child_labour risk 0.167 · (1 − 0.5 · S) < 0.15: a zero-tolerance category is checked all
  // the same.
  const World w = baseline(sme(with(full_answers(), "S3", "1")));
  EXPECT_LT(w.own_of("SME", "child_labour"), 0.15);
  const auto r = w.audit();
  const Finding* f = find(r, "child_labour");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->grade, Grade::kCritical);
  EXPECT_EQ(find(baseline(sme(with(full_answers(), "S3", "yes"))).audit(), "child_labour"),
            nullptr);
}

TEST(SupplierAudit, MediumRiskCategoryNeedsPartlyAndFailsMinor) {
  // wages_hours: own 0.424 · (1 − 0.5 · S) ≈ 0.22–0.25: medium, required 0.5.
  EXPECT_EQ(find(baseline(sme(with(full_answers(), "S2", "2"))).audit(), "wages_hours"), nullptr);
  const auto r = baseline(sme(with(full_answers(), "S2", "1"))).audit();
  const Finding* f = find(r, "wages_hours");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->grade, Grade::kMinor);
  EXPECT_EQ(check(r, "wages_hours")->required, 0.5);
  EXPECT_NE(f->message.find("medium own risk"), std::string::npos);
}

TEST(SupplierAudit, HighRiskCategoryNeedsMostlyAndFailsMajor) {
  // An explicit wages_hours risk of 0.5 replaces the computed one: high, required 0.75.
  auto pass = sme(with(full_answers(), "S2", "3"));
  pass.risk = {{"wages_hours", 0.5}};
  EXPECT_EQ(find(baseline(pass).audit(), "wages_hours"), nullptr);
  auto fail = sme(with(full_answers(), "S2", "2"));
  fail.risk = {{"wages_hours", 0.5}};
  const auto r = baseline(fail).audit();
  const Finding* f = find(r, "wages_hours");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->grade, Grade::kMajor);
  EXPECT_EQ(check(r, "wages_hours")->stake, Grade::kMajor);
  EXPECT_NE(f->evidence.find("(high own risk)"), std::string::npos);
}

TEST(SupplierAudit, CategoryBelowEvidenceLevelIsNotChecked) {
  auto s = sme(with(full_answers(), "S2", "0"));
  s.risk = {{"wages_hours", 0.1}};
  const auto r = baseline(s).audit();
  EXPECT_EQ(check(r, "wages_hours"), nullptr);
  EXPECT_EQ(find(r, "wages_hours"), nullptr);
  EXPECT_EQ(r.checks, 8u);
}

TEST(SupplierAudit, CertificationTheModelCreditsIsEvidence) {
  // E items at 0: pollution own 0.604 (high), required 0.75, control 0.
  const Answers no_e = with(with(with(full_answers(), "E5", "0"), "E6", "0"), "E7", "0");
  const auto fail = baseline(sme(no_e)).audit();
  ASSERT_NE(find(fail, "pollution"), nullptr);
  EXPECT_EQ(find(fail, "pollution")->grade, Grade::kMajor);
  auto weak = sme(no_e);
  weak.certifications = {"WEAK"};  // effect 0.1 < 0.25: no credit
  EXPECT_NE(find(baseline(weak).audit(), "pollution"), nullptr);
  auto certified = sme(no_e);
  certified.certifications = {"ISO14001"};  // effect 0.25: credited
  const auto r = baseline(certified).audit();
  EXPECT_EQ(find(r, "pollution"), nullptr);
  EXPECT_NE(check(r, "pollution")->evidence.find("certified ISO14001"), std::string::npos);
}

TEST(SupplierAudit, LifeThreateningSafetyGapIsCritical) {
  // Plating (C25.61): site health_safety 1 − 0.9 · 0.5 = 0.55 ≥ 0.35, hazardous work.
  auto plating = [](Answers a) {
    model::Firm f = sme(std::move(a));
    f.sector = "C25.61";
    return f;
  };
  const Answers weak = with(with(full_answers(), "S1", "1"), "S9", "1");  // control 0.25
  const auto r = baseline(plating(weak)).audit();
  ASSERT_NE(find(r, "health_safety"), nullptr);
  EXPECT_EQ(find(r, "health_safety")->grade, Grade::kCritical);
  EXPECT_NE(find(r, "health_safety")->message.find("life-threatening"), std::string::npos);
  EXPECT_EQ(find(r, "health_safety")->corrective_action, "advice S1 advice S9");
  EXPECT_EQ(check(r, "health_safety")->stake, Grade::kCritical);
  // Control 0.5: not below the life-threatening bound, but below the 0.75 that own risk
  // 0.7075 · (1 − 0.5 · 6/7) = 0.404 requires: major.
  const auto partly = baseline(plating(with(with(full_answers(), "S1", "2"), "S9", "2"))).audit();
  ASSERT_NE(find(partly, "health_safety"), nullptr);
  EXPECT_EQ(find(partly, "health_safety")->grade, Grade::kMajor);
  // Control 0.75: passes.
  EXPECT_EQ(find(baseline(plating(with(with(full_answers(), "S1", "3"), "S9", "3"))).audit(),
                 "health_safety"),
            nullptr);
  // The same weak answers at a site that is not hazardous (C25, site 0.28): minor.
  const auto site_ok = baseline(sme(weak)).audit();
  ASSERT_NE(find(site_ok, "health_safety"), nullptr);
  EXPECT_EQ(find(site_ok, "health_safety")->grade, Grade::kMinor);
  // Pillar scores only at hazardous work: evidence missing, not a shown gap: major.
  model::Firm scores = plating({});
  scores.assessment = model::Assessment{model::PillarScores{1.0, 0.3, 1.0}, "", {}};
  const auto pillar = baseline(scores).audit();
  ASSERT_NE(find(pillar, "health_safety"), nullptr);
  EXPECT_EQ(find(pillar, "health_safety")->grade, Grade::kMajor);
  // ISO 45001 is credited in health_safety (effect 0.3).
  auto certified = plating(weak);
  certified.certifications = {"ISO45001"};
  EXPECT_EQ(find(baseline(certified).audit(), "health_safety"), nullptr);
}

TEST(SupplierAudit, SeriousSafetyIncidentMakesTheWorkHazardous) {
  auto s = sme(with(with(full_answers(), "S1", "1"), "S9", "1"));
  s.incidents = {{"health_safety", false, model::IncidentSeverity::kHigh}};
  const auto r = baseline(s).audit();
  // Two critical findings on health_safety: the controls gap and the incident.
  std::size_t critical = 0;
  for (const auto& f : r.findings)
    if (f.obligation == "health_safety" && f.grade == Grade::kCritical) ++critical;
  EXPECT_EQ(critical, 2u);
  EXPECT_NE(check(r, "health_safety")->evidence.find("an incident of severity high"),
            std::string::npos);
}

// ── Incidents ───────────────────────────────────────────────────────────────────────────────

TEST(SupplierAudit, IncidentsAreActualImpacts) {
  EXPECT_TRUE(check(baseline().audit(), "incidents")->passed);
  auto s = sme();
  s.incidents = {{"wages_hours", true, model::IncidentSeverity::kMedium},
                 {"child_labour", false, model::IncidentSeverity::kLow},
                 {"health_safety", true, model::IncidentSeverity::kMedium},
                 {"health_safety", false, model::IncidentSeverity::kSevere}};
  const auto r = baseline(s).audit();
  EXPECT_FALSE(check(r, "incidents")->passed);
  std::vector<std::pair<std::string, Grade>> got;
  for (const auto& f : r.findings)
    if (f.evidence.rfind("incidents[", 0) == 0) got.emplace_back(f.obligation, f.grade);
  // Zero tolerance and severe safety: critical; the others major. In fix-first order.
  EXPECT_EQ(got.size(), 4u);
  auto grade_of = [&](const std::string& evidence_prefix) {
    for (const auto& f : r.findings)
      if (f.evidence.rfind(evidence_prefix, 0) == 0) return f.grade;
    return Grade::kMinor;
  };
  EXPECT_EQ(grade_of("incidents[0]"), Grade::kMajor);
  EXPECT_EQ(grade_of("incidents[1]"), Grade::kCritical);
  EXPECT_EQ(grade_of("incidents[2]"), Grade::kMajor);
  EXPECT_EQ(grade_of("incidents[3]"), Grade::kCritical);
  // One failed check however many incidents (the category checks pass: every answer at 4).
  EXPECT_EQ(r.failed, 1u);
}

// ── Buyer's code of conduct and audit rights ────────────────────────────────────────────────

TEST(SupplierAudit, BuyerCodeWithoutBuyerOption) {
  model::Firm buy = firm("BUY", "DE", "C29");
  buy.due_diligence = code_of_conduct();
  // Signed on the link: passes.
  const auto ok = baseline(sme(), buy, {true, true, std::nullopt}).audit();
  EXPECT_TRUE(check(ok, "buyer-code-of-conduct")->passed);
  EXPECT_TRUE(check(ok, "audit-rights")->passed);
  EXPECT_TRUE(ok.findings.empty());
  // Not stated on the link: a major finding naming the buyer.
  const auto r = baseline(sme(), buy).audit();
  const Finding* f = find(r, "buyer-code-of-conduct");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->grade, Grade::kMajor);
  EXPECT_EQ(f->firms, (std::vector<model::FirmIndex>{0, 1}));
  EXPECT_NE(f->evidence.find("contract.code_of_conduct not stated"), std::string::npos);
  // A second direct buyer without a code adds no requirement.
  World two({sme(), buy, firm("OTHER", "KR", "C29")},
            {link("SME", "BUY", {"copper"}, {true, true, std::nullopt}),
             link("SME", "OTHER", {"copper"})});
  EXPECT_TRUE(check(two.audit(), "buyer-code-of-conduct")->passed);
}

TEST(SupplierAudit, BuyerCodeWithBuyerOption) {
  model::Firm buy = firm("BUY", "DE", "C29");
  buy.due_diligence = code_of_conduct();
  EXPECT_TRUE(check(baseline(sme(), buy, {true, true, std::nullopt}).audit("SME", "BUY"),
                    "buyer-code-of-conduct")
                  ->passed);
  const auto r = baseline(sme(), buy, {false, true, std::nullopt}).audit("SME", "BUY");
  ASSERT_NE(find(r, "buyer-code-of-conduct"), nullptr);
  EXPECT_EQ(r.buyer, std::optional<model::FirmIndex>(1));
  // A buyer without a code (and no group code): the check is not run, and a note says so.
  const auto none = baseline().audit("SME", "BUY");
  EXPECT_EQ(check(none, "buyer-code-of-conduct"), nullptr);
  EXPECT_EQ(check(none, "audit-rights"), nullptr);
  ASSERT_EQ(none.notes.size(), 1u);
  EXPECT_NE(none.notes[0].find("buyer BUY has no code of conduct"), std::string::npos);
}

TEST(SupplierAudit, GroupCodeBindsTheSubsidiarysSuppliers) {
  //   SME ──▶ SUB ··(parent)··▶ PARENT (has the code)
  model::Firm parent = firm("PARENT", "DE", "C29");
  parent.due_diligence = code_of_conduct();
  model::Firm sub = firm("SUB", "DE", "C29");
  sub.parent = "PARENT";
  World w({sme(), sub, parent}, {link("SME", "SUB", {"copper"})});
  const auto r = w.audit("SME", "SUB");
  ASSERT_NE(find(r, "buyer-code-of-conduct"), nullptr);
  EXPECT_NE(find(r, "buyer-code-of-conduct")->evidence.find("the group code of PARENT"),
            std::string::npos);
}

TEST(SupplierAudit, IndirectBuyersCodeReachesThroughTheDirectBuyer) {
  //   SME ──▶ MID ──▶ OEM (has the code)        PROSPECT (has a code, no link)
  model::Firm oem = firm("OEM", "DE", "C29");
  oem.due_diligence = code_of_conduct();
  model::Firm prospect = firm("PROSPECT", "DE", "C29");
  prospect.due_diligence = code_of_conduct();
  auto world = [&](model::Contract c) {
    return std::make_unique<World>(
        std::vector<model::Firm>{sme(), firm("MID", "KR", "C29"), oem, prospect},
        std::vector<model::SupplyLink>{link("SME", "MID", {"copper"}, c), link("MID", "OEM")});
  };
  const auto signed_world = world({true, false, std::nullopt});
  const auto ok = signed_world->audit("SME", "OEM");
  EXPECT_TRUE(check(ok, "buyer-code-of-conduct")->passed);
  EXPECT_NE(check(ok, "buyer-code-of-conduct")->evidence.find("signed through MID"),
            std::string::npos);
  EXPECT_EQ(check(ok, "audit-rights"), nullptr);  // no direct link to OEM
  const auto fail = world({})->audit("SME", "OEM");
  ASSERT_NE(find(fail, "buyer-code-of-conduct"), nullptr);
  EXPECT_NE(find(fail, "buyer-code-of-conduct")->evidence.find("indirect supplier of OEM"),
            std::string::npos);
  // A prospective buyer: the SME is not (yet) in its chain, so its code is not signed.
  const auto prospective = signed_world->audit("SME", "PROSPECT");
  ASSERT_NE(find(prospective, "buyer-code-of-conduct"), nullptr);
  EXPECT_NE(find(prospective, "buyer-code-of-conduct")->evidence.find("not (yet) in the supply"),
            std::string::npos);
}

TEST(SupplierAudit, AuditRights) {
  model::Firm buy = firm("BUY", "DE", "C29");
  buy.due_diligence = code_of_conduct();
  EXPECT_TRUE(
      check(baseline(sme(), buy, {true, true, std::nullopt}).audit("SME", "BUY"), "audit-rights")
          ->passed);
  const auto r = baseline(sme(), buy, {true, false, std::nullopt}).audit("SME", "BUY");
  const Finding* f = find(r, "audit-rights");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->grade, Grade::kMinor);
  EXPECT_NE(f->evidence.find("contract.audit_rights no"), std::string::npos);
}

// ── Grievance channel, supplier code, self-assessment ───────────────────────────────────────

TEST(SupplierAudit, GrievanceMechanism) {
  EXPECT_TRUE(
      check(baseline(sme(with(full_answers(), "S7", "2"))).audit(), "grievance-mechanism")->passed);
  const auto r = baseline(sme(with(full_answers(), "S7", "1"))).audit();
  ASSERT_NE(find(r, "grievance-mechanism"), nullptr);
  EXPECT_EQ(find(r, "grievance-mechanism")->grade, Grade::kMajor);
  EXPECT_EQ(find(r, "grievance-mechanism")->corrective_action, "advice S7");
  // The SME's own due_diligence evidence passes the check whatever the answer.
  auto s = sme(with(full_answers(), "S7", "0"));
  s.due_diligence = model::DueDiligence{};
  s.due_diligence->complaints_procedure = true;
  EXPECT_TRUE(check(baseline(s).audit(), "grievance-mechanism")->passed);
}

TEST(SupplierAudit, SupplierCodeOfConduct) {
  // Copper (pollution 0.45 ≥ 0.35): major.
  const auto r = baseline(sme(with(full_answers(), "S8", "0"))).audit();
  ASSERT_NE(find(r, "supplier-code-of-conduct"), nullptr);
  EXPECT_EQ(find(r, "supplier-code-of-conduct")->grade, Grade::kMajor);
  EXPECT_NE(find(r, "supplier-code-of-conduct")->evidence.find("commodity copper: pollution 0.45"),
            std::string::npos);
  // Gravel (0.1): minor.
  World gravel({sme(with(full_answers(), "S8", "0")), firm("BUY", "DE", "C29")},
               {link("SME", "BUY", {"gravel"})});
  const auto g = gravel.audit();
  ASSERT_NE(find(g, "supplier-code-of-conduct"), nullptr);
  EXPECT_EQ(find(g, "supplier-code-of-conduct")->grade, Grade::kMinor);
  // ... but a high-risk direct supplier makes it major again.
  model::Firm risky = firm("RISKY", "KR", "C25");
  risky.risk = {{"forced_labour", 0.6}};
  World upstream({sme(with(full_answers(), "S8", "0")), firm("BUY", "DE", "C29"), risky},
                 {link("SME", "BUY", {"gravel"}), link("RISKY", "SME")});
  const auto up = upstream.audit();
  const Finding* f = find(up, "supplier-code-of-conduct");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->grade, Grade::kMajor);
  EXPECT_NE(f->evidence.find("supplier RISKY: own forced_labour risk 0.60"), std::string::npos);
  // A code of conduct for its suppliers (due_diligence) passes.
  auto s = sme(with(full_answers(), "S8", "0"));
  s.due_diligence = code_of_conduct();
  EXPECT_TRUE(check(baseline(s).audit(), "supplier-code-of-conduct")->passed);
  EXPECT_TRUE(
      check(baseline(sme(with(full_answers(), "S8", "2"))).audit(), "supplier-code-of-conduct")
          ->passed);
}

TEST(SupplierAudit, SelfAssessment) {
  EXPECT_TRUE(check(baseline().audit(), "self-assessment")->passed);
  Answers nine = full_answers();
  nine.pop_back();  // E7 unanswered
  const auto r = baseline(sme(nine)).audit();
  ASSERT_NE(find(r, "self-assessment"), nullptr);
  EXPECT_EQ(find(r, "self-assessment")->grade, Grade::kMinor);
  EXPECT_EQ(find(r, "self-assessment")->message.rfind("1 questionnaire items unanswered", 0), 0u);
  // Pillar scores only: minor; category checks fall back to the pillar score and the generic
  // action.
  model::Firm scores = firm("SME", "KR", "C25");
  scores.assessment = model::Assessment{model::PillarScores{1.0, 0.6, 1.0}, "", {}};
  const auto s = baseline(scores).audit();
  ASSERT_NE(find(s, "self-assessment"), nullptr);
  EXPECT_EQ(find(s, "self-assessment")->grade, Grade::kMinor);
  const Finding* forced = find(s, "forced_labour");  // S 0.6 < 0.75
  ASSERT_NE(forced, nullptr);
  EXPECT_NE(forced->evidence.find("S pillar score 0.60"), std::string::npos);
  EXPECT_EQ(forced->corrective_action, default_control_items()[1].action);
  // A pillar score shows missing evidence, not a gap: major, not critical ...
  EXPECT_EQ(forced->grade, Grade::kMajor);
  EXPECT_EQ(check(s, "forced_labour")->stake, Grade::kMajor);
  EXPECT_NE(forced->message.find("not evidenced item by item"), std::string::npos);
  // ... unless an incident in the category shows the gap.
  scores.incidents = {{"forced_labour", true, model::IncidentSeverity::kMedium}};
  const auto shown = baseline(scores).audit();
  std::size_t critical = 0;
  for (const auto& f : shown.findings)
    if (f.obligation == "forced_labour" && f.grade == Grade::kCritical) ++critical;
  EXPECT_EQ(critical, 2u);  // the controls gap and the incident
  // None at all: major.
  const auto none = baseline(firm("SME", "KR", "C25")).audit();
  ASSERT_NE(find(none, "self-assessment"), nullptr);
  EXPECT_EQ(find(none, "self-assessment")->grade, Grade::kMajor);
}

// ── Deadlines, readiness, score, fix-first ──────────────────────────────────────────────────

TEST(SupplierAudit, DeadlinesCountFromTheAuditDate) {
  // S4 = 2 (critical), S7 = 1 (major grievance), S2 = 1 (minor wages); audit on 2029-09-01.
  const auto r =
      baseline(sme(with(with(with(full_answers(), "S4", "2"), "S7", "1"), "S2", "1"))).audit();
  ASSERT_EQ(r.findings.size(), 3u);
  EXPECT_EQ(find(r, "forced_labour")->deadline, Date(2029, 10, 1));         // + 30 days
  EXPECT_EQ(find(r, "grievance-mechanism")->deadline, Date(2029, 11, 30));  // + 90 days
  EXPECT_EQ(find(r, "wages_hours")->deadline, Date(2030, 2, 28));           // + 180 days
  SupplierAuditConfig cfg;
  cfg.deadline_days_critical = 0;
  cfg.deadline_days_minor = 1;
  const World w = baseline(sme(with(with(full_answers(), "S4", "2"), "S2", "1")));
  const auto c = w.audit("SME", std::nullopt, cfg);
  EXPECT_EQ(find(c, "forced_labour")->deadline, Date(2029, 9, 1));
  EXPECT_EQ(find(c, "wages_hours")->deadline, Date(2029, 9, 2));
}

TEST(SupplierAudit, ReadinessAndScoreOnAHandComputedExample) {
  // S4 = 2: forced labour fails (critical, weight 3); S2 = 1: wages fails (minor, weight 1).
  // Passed weight 18 − 3 − 1 = 14: readiness 100 · 14/18 − 10 · 1 critical = 67.78.
  // Score: 9 checks, 2 failed: 200 · 7/9 − 20 − 1 = 134.56.
  const auto r = baseline(sme(with(with(full_answers(), "S4", "2"), "S2", "1"))).audit();
  EXPECT_EQ(r.checks, 9u);
  EXPECT_EQ(r.failed, 2u);
  EXPECT_NEAR(r.readiness, 100.0 * 14.0 / 18.0 - 10.0, 1e-12);
  EXPECT_NEAR(r.score, 200.0 * 7.0 / 9.0 - 21.0, 1e-12);
  // Penalties never take readiness below 0.
  SupplierAuditConfig harsh;
  harsh.readiness_critical_penalty = 1000.0;
  EXPECT_EQ(
      baseline(sme(with(full_answers(), "S4", "0"))).audit("SME", std::nullopt, harsh).readiness,
      0.0);
}

TEST(SupplierAudit, FixFirstIsCriticalThenRiskReductionPerEffort) {
  // S2 = 1 (wages minor) alone: the fix raises S2 to 2, one point; the S pillar rises by 0.25/7,
  // so own risk falls by 0.5 · 0.25/7 · Σ inherent over the S categories
  // (0.167 + 0.19 + 0.532 + 0.424 = 1.313).
  const auto one = baseline(sme(with(full_answers(), "S2", "1"))).audit();
  ASSERT_EQ(one.fix_plan.size(), 1u);
  EXPECT_EQ(one.fix_plan[0].obligation, "wages_hours");
  EXPECT_DOUBLE_EQ(one.fix_plan[0].effort, 1.0);
  EXPECT_NEAR(one.fix_plan[0].risk_reduction, 0.5 * 0.25 / 7.0 * 1.313, 1e-12);
  EXPECT_NEAR(one.fix_plan[0].priority, 0.5 * 0.25 / 7.0 * 1.313, 1e-12);

  // Critical forced labour; two majors: grievance (S7 = 0 → 2: two points, lowers the S risks)
  // and the buyer's code (a signature: no risk reduction); minor wages (S2 = 1).
  model::Firm buy = firm("BUY", "DE", "C29");
  buy.due_diligence = code_of_conduct();
  const auto r =
      baseline(sme(with(with(with(full_answers(), "S4", "2"), "S7", "0"), "S2", "1")), buy).audit();
  // Minor: wages (risk reduction > 0) before audit rights (a contract clause: none).
  EXPECT_EQ(r.fix_first,
            (std::vector<std::string>{"forced_labour", "grievance-mechanism",
                                      "buyer-code-of-conduct", "wages_hours", "audit-rights"}));
  ASSERT_EQ(r.fix_plan.size(), r.findings.size());
  for (std::size_t j = 0; j < r.findings.size(); ++j)
    EXPECT_EQ(r.fix_plan[j].obligation, r.findings[j].obligation);
  EXPECT_DOUBLE_EQ(r.fix_plan[1].effort, 2.0);
  EXPECT_GT(r.fix_plan[1].risk_reduction, 0.0);
  EXPECT_EQ(r.fix_plan[2].risk_reduction, 0.0);
}

// ── Errors ──────────────────────────────────────────────────────────────────────────────────

template <typename E>
void expect_error(const std::function<void()>& f, const std::string& id,
                  const std::string& key = {}) {
  try {
    f();
    ADD_FAILURE() << "no exception, expected " << id;
  } catch (const E& e) {
    EXPECT_EQ(e.id(), id) << e.what();
    if (!key.empty()) {
      EXPECT_EQ(e.key_path(), key);
    }
  }
}

TEST(SupplierAudit, Errors) {
  const World w = baseline();
  auto in = w.input();
  in.own = nullptr;
  expect_error<UsageError>([&] { (void)supplier_audit(in); }, errc::kParameter);
  in = w.input();
  in.supplier = 7;
  expect_error<UsageError>([&] { (void)supplier_audit(in); }, errc::kIndexRange);
  in = w.input();
  in.buyer = in.supplier;
  expect_error<UsageError>([&] { (void)supplier_audit(in); }, errc::kIndexRange);
  SupplierAuditConfig cfg;
  cfg.high_risk = 1.5;
  expect_error<UsageError>([&] { (void)supplier_audit(w.input(), cfg); }, errc::kParameter,
                           "config.high_risk");
  expect_error<UsageError>([&] { (void)supplier_monte_carlo(w.input(), {}, 0, 1); },
                           errc::kParameter, "runs");
  in = w.input();
  const std::vector<risk::Questionnaire> none;
  in.questionnaires = &none;
  expect_error<ValidationError>([&] { (void)supplier_audit(in); }, errc::kUnknownQuestionnaire,
                                "firms[0].assessment.questionnaire");
  // An own-risk matrix of another network.
  const World other({firm("A", "KR", "C25")}, {});
  in = w.input();
  in.own = &other.own;
  expect_error<UsageError>([&] { (void)supplier_audit(in); }, errc::kParameter);
}

// ── Monte Carlo ─────────────────────────────────────────────────────────────────────────────

bool same(const SupplierMonteCarloResult::Summary& a, const SupplierMonteCarloResult::Summary& b) {
  return a.mean == b.mean && a.p5 == b.p5 && a.p50 == b.p50 && a.p95 == b.p95;
}

bool same(const SupplierMonteCarloResult& a, const SupplierMonteCarloResult& b) {
  return same(a.critical, b.critical) && same(a.major, b.major) && same(a.minor, b.minor) &&
         same(a.readiness, b.readiness) && same(a.score, b.score) &&
         same(a.overstated, b.overstated) && a.p_critical == b.p_critical &&
         a.p_overstated == b.p_overstated && a.overstated_share == b.overstated_share &&
         a.items_at_risk == b.items_at_risk && a.finding_frequency == b.finding_frequency;
}

TEST(SupplierMonteCarlo, OneAnsweredItemHandComputed) {
  // One category (forced_labour), one item (S4) answered 3 = exactly the zero-tolerance level;
  // the SME's own due_diligence evidence passes grievance and supplier code. Checks and weights:
  // forced_labour 3, incidents 3, grievance 2, supplier code 1 (no sourcing risk), self 2 = 11.
  // A run that finds S4 overstated lowers it to 2: forced labour critical, readiness
  // 100 · 8/11 − 10. So mean critical = P(found) = p, and mean readiness = 100 − p · (100 − R).
  risk::RiskModel m;
  m.id = "tiny";
  m.categories = {{"forced_labour", "Forced labour", risk::Pillar::kS, ""}};
  m.country_fallback = {{0.2}, ""};
  m.sector_fallback = {{0.0}, ""};
  risk::Questionnaire q;
  q.id = "kesg-sme";
  q.stages = {{"all", std::nullopt}};
  q.items = {{"S4", "social", risk::Pillar::kS, 1.0, "", "advice S4"}};
  model::Firm s = firm("SME", "KR", "C25");
  s.assessment = model::Assessment{std::nullopt, "kesg-sme", {{"S4", "3"}}};
  s.due_diligence = model::DueDiligence{};
  s.due_diligence->complaints_procedure = true;
  s.due_diligence->code_of_conduct = true;
  const World w({s}, {}, m, {q});
  const auto base = w.audit();
  EXPECT_TRUE(base.findings.empty());
  EXPECT_EQ(base.checks, 5u);

  SupplierAuditConfig cfg;
  cfg.overstatement_probability = 0.2;
  constexpr std::uint32_t kRuns = 20000;
  constexpr std::uint64_t kSeed = 42;
  const auto mc = supplier_monte_carlo(w.input(), cfg, kRuns, kSeed);
  // Exact: replay the one draw of every run.
  std::uint32_t found = 0;
  for (std::uint32_t i = 0; i < kRuns; ++i) found += Rng(kSeed + i).bernoulli(0.2) ? 1u : 0u;
  const double share = static_cast<double>(found) / kRuns;
  const double fail_readiness = 100.0 * 8.0 / 11.0 - 10.0;
  EXPECT_EQ(mc.items_at_risk, 1u);
  EXPECT_DOUBLE_EQ(mc.critical.mean, share);
  EXPECT_DOUBLE_EQ(mc.p_critical, share);
  EXPECT_DOUBLE_EQ(mc.p_overstated, share);
  EXPECT_DOUBLE_EQ(mc.overstated_share, share);
  EXPECT_DOUBLE_EQ(mc.overstated.mean, share);
  EXPECT_NEAR(mc.readiness.mean, 100.0 - share * (100.0 - fail_readiness), 1e-9);
  // And statistically: share ≈ p within four standard errors.
  EXPECT_NEAR(share, 0.2, 4.0 * std::sqrt(0.2 * 0.8 / kRuns));
  // Percentiles (nearest rank): 20 % of runs critical.
  EXPECT_EQ(mc.critical.p5, 0.0);
  EXPECT_EQ(mc.critical.p50, 0.0);
  EXPECT_EQ(mc.critical.p95, 1.0);
  EXPECT_NEAR(mc.readiness.p5, fail_readiness, 1e-12);
  EXPECT_EQ(mc.readiness.p50, 100.0);
  ASSERT_EQ(mc.finding_frequency.size(), 1u);
  EXPECT_EQ(mc.finding_frequency[0].first, "forced_labour");
  EXPECT_DOUBLE_EQ(mc.finding_frequency[0].second, share);
  // p = 0 reproduces the audit; p = 1 finds every answer overstated.
  cfg.overstatement_probability = 0.0;
  EXPECT_EQ(supplier_monte_carlo(w.input(), cfg, 50, 1).p_critical, 0.0);
  cfg.overstatement_probability = 1.0;
  EXPECT_EQ(supplier_monte_carlo(w.input(), cfg, 50, 1).p_critical, 1.0);
}

/// The korea-battery example with the shipped risk model and questionnaires.
struct Korea {
  Korea() {
    questionnaires = io::default_questionnaires();
    model = io::default_risk_model();
    io::LoadOptions lo;
    lo.questionnaires = &questionnaires;
    scenario = io::load_scenario(
        std::string(DILIGENCE_SOURCE_DIR) + "/examples/scenarios/korea-battery/scenario.yaml", lo);
    risk::OwnRiskOptions o;
    o.questionnaires = &questionnaires;
    own = risk::own_risk(scenario.network, model, o);
  }
  [[nodiscard]] SupplierAuditInput input(const std::string& sme,
                                         std::optional<std::string> buyer = std::nullopt) const {
    SupplierAuditInput in;
    in.network = &scenario.network;
    in.supplier = scenario.network.index_of(sme);
    if (buyer) in.buyer = scenario.network.index_of(*buyer);
    in.risk_model = &model;
    in.own = &own;
    in.questionnaires = &questionnaires;
    in.as_of = scenario.as_of;
    return in;
  }
  std::vector<risk::Questionnaire> questionnaires;
  risk::RiskModel model;
  model::Scenario scenario;
  risk::OwnRiskResult own;
};

const Korea& korea() {
  static const Korea k;
  return k;
}

TEST(SupplierMonteCarlo, DeterministicAcrossSeedsAndThreads) {
  const auto in = korea().input("KR-NOK-04");
  SupplierAuditConfig one, two;
  one.threads = 1;
  two.threads = 2;
  const auto a = supplier_monte_carlo(in, one, 600, 7);
  EXPECT_TRUE(same(a, supplier_monte_carlo(in, one, 600, 7)));
  EXPECT_TRUE(same(a, supplier_monte_carlo(in, two, 600, 7)));
  EXPECT_FALSE(same(a, supplier_monte_carlo(in, one, 600, 8)));
  // Run i uses seed + i: two runs from seed 7 are the runs of seeds 7 and 8.
  const auto pair = supplier_monte_carlo(in, one, 2, 7);
  const auto r7 = supplier_monte_carlo(in, one, 1, 7);
  const auto r8 = supplier_monte_carlo(in, one, 1, 8);
  EXPECT_DOUBLE_EQ(pair.readiness.mean, (r7.readiness.mean + r8.readiness.mean) / 2.0);
  EXPECT_DOUBLE_EQ(pair.major.mean, (r7.major.mean + r8.major.mean) / 2.0);
  // Progress is reported once per block of runs (64 to 1024 runs), ending at the total.
  std::vector<std::uint64_t> done;
  SupplierAuditConfig progress;
  progress.progress = [&](const Progress& p) {
    EXPECT_EQ(p.total, 1500u);
    done.push_back(p.done);
  };
  (void)supplier_monte_carlo(in, progress, 1500, 7);
  ASSERT_EQ(done.size(), 24u);  // ⌈1500 / 64⌉
  EXPECT_EQ(done.front(), 64u);
  EXPECT_EQ(done.back(), 1500u);
}

TEST(SupplierMonteCarlo, KeptRunsAreTheRunsTheSummariesCameFrom) {
  const auto in = korea().input("KR-NOK-04");
  SupplierAuditConfig keep;
  keep.keep_runs = true;
  const auto kept = supplier_monte_carlo(in, keep, 300, 7);
  const auto plain = supplier_monte_carlo(in, {}, 300, 7);
  EXPECT_TRUE(plain.outcomes.empty());
  EXPECT_TRUE(same(kept, plain));  // keeping the runs changes nothing else
  ASSERT_EQ(kept.outcomes.size(), 300u);
  double score = 0.0, readiness = 0.0, critical = 0.0, overstated = 0.0;
  std::size_t with_critical = 0;
  for (const SupplierRunOutcome& o : kept.outcomes) {
    score += o.score;
    readiness += o.readiness;
    critical += o.critical;
    overstated += o.overstated;
    with_critical += o.critical > 0 ? 1 : 0;
  }
  EXPECT_NEAR(kept.score.mean, score / 300.0, 1e-9);
  EXPECT_NEAR(kept.readiness.mean, readiness / 300.0, 1e-9);
  EXPECT_NEAR(kept.critical.mean, critical / 300.0, 1e-12);
  EXPECT_NEAR(kept.overstated.mean, overstated / 300.0, 1e-12);
  EXPECT_DOUBLE_EQ(kept.p_critical, static_cast<double>(with_critical) / 300.0);
  // Run i is the one-run Monte Carlo of seed S + i.
  const auto run5 = supplier_monte_carlo(in, keep, 1, 7 + 5);
  ASSERT_EQ(run5.outcomes.size(), 1u);
  EXPECT_EQ(run5.outcomes[0].score, kept.outcomes[5].score);
  EXPECT_EQ(run5.outcomes[0].overstated, kept.outcomes[5].overstated);
}

TEST(SupplierMonteCarlo, RecomputedOwnRiskMatchesTheAudit) {
  // p = 1 with steps = 0: every answer is "found" but left as it was, so every run re-scores the
  // answers and recomputes own risk; the result must equal the audit exactly.
  for (const char* id : {"KR-NOK-04", "KR-NOK-18", "KR-NOK-27", "KR-NOK-32"}) {
    const auto in = korea().input(id);
    const auto audit = supplier_audit(in);
    SupplierAuditConfig cfg;
    cfg.overstatement_probability = 1.0;
    cfg.overstatement_steps = 0;
    const auto mc = supplier_monte_carlo(in, cfg, 3, 1);
    const GradeCounts g = count_grades(audit.findings);
    EXPECT_EQ(mc.readiness.mean, audit.readiness) << id;
    EXPECT_EQ(mc.score.mean, audit.score) << id;
    EXPECT_EQ(mc.critical.mean, static_cast<double>(g.critical)) << id;
    EXPECT_EQ(mc.major.mean, static_cast<double>(g.major)) << id;
    EXPECT_EQ(mc.minor.mean, static_cast<double>(g.minor)) << id;
  }
}

// ── The korea-battery example ───────────────────────────────────────────────────────────────

TEST(SupplierAuditKorea, BusbarMakerAnsweringTheQuestionnaire) {
  // KR-NOK-04 (busbars, copper to KR-BATT, ISO 14001) answered kesg-sme: S4 = 2 (forced labour
  // only partly controlled), S3 = 3, S7 = 1, S8 = 0.
  const auto r = supplier_audit(korea().input("KR-NOK-04"));
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].obligation, "forced_labour");
  EXPECT_EQ(r.findings[0].grade, Grade::kCritical);
  EXPECT_EQ(r.fix_first[0], "forced_labour");
  EXPECT_EQ(find(r, "child_labour"), nullptr);  // S3 = 3 meets the zero-tolerance level
  EXPECT_EQ(find(r, "pollution"), nullptr);     // ISO 14001 credited
  ASSERT_NE(find(r, "grievance-mechanism"), nullptr);
  ASSERT_NE(find(r, "supplier-code-of-conduct"), nullptr);
  EXPECT_EQ(find(r, "supplier-code-of-conduct")->grade, Grade::kMajor);  // KR-NOK-03 upstream
  // KR-BATT has a code of conduct; the link KR-NOK-04 → KR-BATT states no contract terms.
  const Finding* code = find(r, "buyer-code-of-conduct");
  ASSERT_NE(code, nullptr);
  EXPECT_NE(code->message.find("Haneul Energy Solutions"), std::string::npos);
  EXPECT_EQ(find(r, "self-assessment"), nullptr);  // all 27 items answered
  const GradeCounts g = count_grades(r.findings);
  EXPECT_EQ(g.critical, 1u);
  EXPECT_EQ(g.major, 8u);
  EXPECT_EQ(g.minor, 4u);
  // 17 checks, stakes summing to 33; passed: child labour 3, pollution 2, incidents 3,
  // self-assessment 2 = 10. Readiness 100 · 10/33 − 10 · 1 critical.
  EXPECT_EQ(r.checks, 17u);
  EXPECT_EQ(r.failed, 13u);
  EXPECT_NEAR(r.readiness, 100.0 * 10.0 / 33.0 - 10.0, 1e-12);
  for (const auto& f : r.findings) {
    EXPECT_FALSE(f.corrective_action.empty()) << f.obligation;
    ASSERT_TRUE(f.deadline) << f.obligation;
    EXPECT_GT(*f.deadline, korea().scenario.as_of);
  }
}

TEST(SupplierAuditKorea, OtherTenants) {
  // KR-NOK-03 (plating): the unreported chemical-burns incident is a critical finding.
  const auto plating = supplier_audit(korea().input("KR-NOK-03"));
  bool incident = false;
  for (const auto& f : plating.findings)
    if (f.obligation == "health_safety" && f.grade == Grade::kCritical &&
        f.message.find("not reported to buyers") != std::string::npos)
      incident = true;
  EXPECT_TRUE(incident);
  // KR-NOK-01 with --buyer KR-AUTO: code of conduct and audit rights on the link.
  const auto rubber = supplier_audit(korea().input("KR-NOK-01", "KR-AUTO"));
  EXPECT_TRUE(check(rubber, "buyer-code-of-conduct")->passed);
  EXPECT_TRUE(check(rubber, "audit-rights")->passed);
  EXPECT_NE(find(rubber, "self-assessment"), nullptr);  // pillar scores only
  // KR-NOK-30 with --buyer DE-AUTO (a direct SME supplier of the carmaker, ISO 45001).
  const auto parts = supplier_audit(korea().input("KR-NOK-30", "DE-AUTO"));
  EXPECT_TRUE(check(parts, "buyer-code-of-conduct")->passed);
  EXPECT_EQ(find(parts, "health_safety"), nullptr);
  // KR-NOK-25 sells to DE-AUTO-BS, bound by its parent DE-AUTO's code: not signed on the link.
  const auto thermal = supplier_audit(korea().input("KR-NOK-25", "DE-AUTO-BS"));
  ASSERT_NE(find(thermal, "buyer-code-of-conduct"), nullptr);
  // KR-NOK-23 has no self-assessment: a major finding, and no evidence of zero-tolerance controls.
  const auto tool = supplier_audit(korea().input("KR-NOK-23"));
  ASSERT_NE(find(tool, "self-assessment"), nullptr);
  EXPECT_EQ(find(tool, "self-assessment")->grade, Grade::kMajor);
  ASSERT_NE(find(tool, "forced_labour"), nullptr);
  EXPECT_EQ(find(tool, "forced_labour")->grade, Grade::kMajor);  // no evidence, no shown gap
  // The more mature tenant scores higher.
  EXPECT_GT(parts.readiness, supplier_audit(korea().input("KR-NOK-32")).readiness);
}

TEST(SupplierAuditKorea, MonteCarloOnTheBusbarMaker) {
  const auto mc = supplier_monte_carlo(korea().input("KR-NOK-04"), {}, 400, 2029);
  const auto audit = supplier_audit(korea().input("KR-NOK-04"));
  EXPECT_EQ(mc.items_at_risk, 24u);  // 27 answers, three of them (E7, S8, G5) at 0
  EXPECT_EQ(mc.p_critical, 1.0);     // forced labour fails in every run
  EXPECT_GT(mc.p_overstated, 0.9);
  EXPECT_NEAR(mc.overstated_share, 0.2, 0.03);
  // Here overstated answers only add findings: readiness never rises above the audit's.
  EXPECT_LE(mc.readiness.p95, audit.readiness + 1e-12);
  EXPECT_LE(mc.readiness.mean, audit.readiness);
}

}  // namespace
}  // namespace diligence::audit
