// Definitions of the supplier mock due diligence (see supplier.hpp; the rules with worked examples
// are in docs/audits.md, "Supplier mock due diligence").
//
// The model. An EU buyer's due-diligence duties (CSDDD Art. 10: contractual assurances from its
// direct partners, verified; targeted support for SME partners) reach the SME as a supplier audit
// in the style of RBA or SMETA: one check per impact category plus a few cross-category checks,
// findings graded critical / major / minor (RBA: Priority / Major / Minor), a corrective action
// and a deadline per finding. The audit reads only what the scenario holds:
//   - own risk r_k and inherent risk of the SME per category (risk::own_risk); the site risk
//     1 − (1 − country_k)(1 − sector_k) from the risk model's rows, which leaves out the
//     commodities the SME supplies (their risk sits mostly at the mines and farms upstream);
//   - the self-assessment: questionnaire answers, mapped to categories by SupplierAuditConfig::
//     controls (control score = the items' weighted mean normalised answer), or pillar scores;
//   - certifications the risk model credits with an effect ≥ certification_min_effect;
//   - incidents at the SME, its own due_diligence evidence, the buyer's code of conduct and the
//     contract terms of the supply links.
//
// Category check k (run when r_k ≥ evidence_from, always for zero-tolerance categories):
//   required L = zero_tolerance_control (zero tolerance), control_required_high (r_k ≥ high_risk)
//   or control_required; passes with a crediting certification or a control score c ≥ L.
//   A failure is critical in a zero-tolerance category, critical in health & safety when the work
//   is hazardous (site or explicit risk ≥ high_risk, or a high/severe incident there) and
//   c < life_threatening_below, else major when r_k ≥ high_risk, else minor. Critical needs a
//   shown gap (item answers, or an incident in the category); a pillar score standing in for
//   missing answers, or no self-assessment, shows missing evidence: major at most.
// Cross-category checks: actual incidents (critical in zero-tolerance categories and for
//   high/severe health-and-safety incidents, else major); the buyer's code of conduct signed on the
//   supply link (major); audit rights on the link (minor); a grievance channel (major); a code of
//   conduct for the SME's own suppliers (major when its sourcing risk ≥ high_risk, else minor);
//   the self-assessment itself (none: major; pillar scores only or items unanswered: minor).
// Readiness = 100 · Σ w(stake)·passed / Σ w(stake) − penalty · critical findings, in [0,100].
// Fix first: grade, then risk reduction per effort (the own-risk rule recomputed as if the fix
//   were done, per answer point climbed), then the category's own risk, then obligation id.
// Monte Carlo: per run (seed + i), each answered item above the scale minimum is found overstated
//   with probability p and lowered; answers re-scored, own risk recomputed, checks re-run.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#if defined(_OPENMP)
#include <omp.h>
#endif

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/core/random.hpp>
#include <diligence/risk/tiers.hpp>

namespace diligence::audit {

// Judgement (illustrative): which kesg-sme items show the controls of which category. The items
// are those whose text asks about the practice an auditor checks for the category (S3 age checks
// for child labour, S4 documents, fees and debts for forced labour, ...). Land rights and
// biodiversity risks of a manufacturer sit in its raw materials, so their controls are the
// supplier code (S8) and the yearly risk assessment that covers suppliers (G3). The action texts
// are ours; they are used when the evidence is a pillar score, not item answers.
inline std::vector<ControlItems> default_control_items() {
  const std::string q = "kesg-sme";
  return {
      {"child_labour",
       q,
       {"S3"},
       "Check every worker's age against an identity document before the first day (agency "
       "workers, interns and trainees included), keep the copies, and keep workers under 18 away "
       "from hazardous and night work."},
      {"forced_labour",
       q,
       {"S4"},
       "Hold no passports or identity documents, make sure no worker paid recruitment fees or "
       "deposits (repay any that were paid, brokers' fees included), tie no debt to the job, and "
       "write the freedom to resign with normal notice into every contract."},
      {"health_safety",
       q,
       {"S1", "S9"},
       "Make a written risk assessment for every workstation, guard machines, give protective "
       "equipment free of charge, train every worker in a language they understand, and record "
       "accidents and near misses with their corrective actions."},
      {"wages_hours",
       q,
       {"S2"},
       "Record the hours of every worker, keep overtime within the legal limits with a weekly rest "
       "day, and pay at least the legal minimum wage and the overtime premiums in full and on "
       "time, with an itemised payslip."},
      {"freedom_of_association",
       q,
       {"S6"},
       "State in the work rules that workers may organise and bargain collectively without "
       "reprisal; where there is no union, run a labour-management council with freely elected "
       "worker members and minute its meetings."},
      {"discrimination",
       q,
       {"S5"},
       "Adopt a written non-discrimination and anti-harassment rule covering hiring, pay, "
       "promotion and dismissal, compare pay for the same job across groups, and act on breaches."},
      {"land_rights",
       q,
       {"S8", "G3"},
       "Find out where your high-risk raw materials come from, ask those suppliers for their due "
       "diligence on land and community rights, and pass a supplier code of conduct down the "
       "chain."},
      {"pollution",
       q,
       {"E5", "E6", "E7"},
       "Measure and treat wastewater within the permit limits, keep hazardous waste separate and "
       "hand it only to licensed collectors with transfer records, and keep an inventory of "
       "hazardous chemicals with safety data sheets at the workplace."},
      {"biodiversity",
       q,
       {"S8", "G3"},
       "Ask the suppliers of raw materials linked to deforestation or habitat loss for origin and "
       "due-diligence information, and pass a supplier code of conduct down the chain."},
      {"climate",
       q,
       {"E2", "E3"},
       "Track energy use and scope 1 and 2 emissions every year, and adopt a reduction plan with "
       "dated targets and an owner for each measure."},
      {"governance",
       q,
       {"G1", "G5", "G6"},
       "Adopt a signed code of ethics and anti-corruption rule, keep a register of the laws that "
       "apply, and have compliance checked by someone independent of those checked."},
      {"grievance-mechanism",
       q,
       {"S7"},
       "Open a grievance channel that workers, agency staff and outsiders can use anonymously and "
       "without retaliation, publish it in the workers' languages, and log every complaint with "
       "its answer."},
      {"supplier-code-of-conduct",
       q,
       {"S8"},
       "Send your own suppliers a code of conduct (child and forced labour, safety, wages, "
       "environment, bribery), have them sign it, and check the riskiest ones every year."},
  };
}

namespace detail::supplier_impl {

inline constexpr double kSupplierEps = 1e-9;

// Obligation ids of the cross-category checks.
inline constexpr const char* kIncidentsCheck = "incidents";
inline constexpr const char* kBuyerCodeCheck = "buyer-code-of-conduct";
inline constexpr const char* kAuditRightsCheck = "audit-rights";
inline constexpr const char* kGrievanceCheck = "grievance-mechanism";
inline constexpr const char* kSupplierCodeCheck = "supplier-code-of-conduct";
inline constexpr const char* kSelfAssessmentCheck = "self-assessment";

[[nodiscard]] inline std::string fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

[[nodiscard]] inline double pillar_score(const model::PillarScores& p, risk::Pillar pillar) {
  return pillar == risk::Pillar::kE ? p.e : pillar == risk::Pillar::kS ? p.s : p.g;
}

inline void set_pillar_score(model::PillarScores& p, risk::Pillar pillar, double v) {
  (pillar == risk::Pillar::kE ? p.e : pillar == risk::Pillar::kS ? p.s : p.g) = v;
}

[[nodiscard]] inline double stake_weight(Grade g, const SupplierAuditConfig& c) {
  return g == Grade::kCritical ? c.readiness_weight_critical
         : g == Grade::kMajor  ? c.readiness_weight_major
                               : c.readiness_weight_minor;
}

[[nodiscard]] inline std::int32_t deadline_days(Grade g, const SupplierAuditConfig& c) {
  return g == Grade::kCritical ? c.deadline_days_critical
         : g == Grade::kMajor  ? c.deadline_days_major
                               : c.deadline_days_minor;
}

[[nodiscard]] inline bool contains_id(const std::vector<std::string>& v, std::string_view id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

/// Own risk of one firm recomputed by the rule of risk::own_risk (steps 2–4, in its order and
/// with its arithmetic, so that unchanged inputs give the same doubles), from its inherent row
/// and the given pillar scores. `skip_incidents_of`: a category whose incidents are taken as
/// remediated.
[[nodiscard]] inline std::vector<double> supplier_own_row(
    const risk::RiskModel& m, const model::Firm& f, const std::vector<double>& inherent,
    const std::optional<model::PillarScores>& pillars,
    std::optional<std::size_t> skip_incidents_of = std::nullopt) {
  std::vector<double> row = inherent;
  const std::size_t K = row.size();
  if (pillars)
    for (std::size_t k = 0; k < K; ++k)
      row[k] *= 1.0 - m.pillar_strength * pillar_score(*pillars, m.categories[k].pillar);
  for (const auto& cert : f.certifications)
    if (const risk::Certification* c = m.certification(cert))
      for (std::size_t k = 0; k < K; ++k) row[k] *= 1.0 - c->effect[k];
  for (const auto& [cat, value] : f.risk)
    if (const auto k = m.category_index(cat)) row[*k] = value;
  for (const auto& inc : f.incidents)
    if (const auto k = m.category_index(inc.category); k && k != skip_incidents_of) row[*k] = 1.0;
  return row;
}

/// The SME's self-assessment and own risk as the checks read them.
struct SupplierEvidence {
  const risk::Questionnaire* questionnaire = nullptr;        ///< when the SME answered one
  std::vector<std::pair<std::string, std::string>> answers;  ///< as written, or as lowered
  std::vector<std::optional<double>> value;  ///< per questionnaire item: normalised answer
  std::optional<model::PillarScores> pillars;
  std::vector<double> own;  ///< own risk per category
};

/// Questionnaire items of one check, resolved against the SME's questionnaire.
struct ResolvedItems {
  const ControlItems* entry = nullptr;  ///< the mapping entry for the SME's questionnaire
  std::vector<std::size_t> items;       ///< indices into the questionnaire's items
  std::string action;                   ///< generic corrective action (any questionnaire)
};

/// A buyer whose code of conduct applies, and whether the SME signed it.
struct BuyerRequirement {
  model::FirmIndex buyer = model::kNoFirm;
  model::FirmIndex code_owner = model::kNoFirm;  ///< the buyer, or its group's parent
  std::optional<model::LinkIndex> link;          ///< the direct link SME → buyer
  bool signed_code = false;
  model::FirmIndex via = model::kNoFirm;  ///< direct buyer whose link carries the signed code
  bool in_chain = true;                   ///< the SME is upstream of the buyer
  std::string evidence;
};

/// Everything the checks need that does not depend on the answers.
struct SupplierContext {
  const SupplierAuditInput* in = nullptr;
  const SupplierAuditConfig* cfg = nullptr;
  const model::SupplyNetwork* net = nullptr;
  const risk::RiskModel* model = nullptr;
  const model::Firm* firm = nullptr;
  std::size_t K = 0;
  std::vector<double> inherent;               ///< the SME's inherent risk row
  std::vector<double> site;                   ///< 1 − (1 − country)(1 − sector)
  std::vector<ResolvedItems> category_items;  ///< by category index
  ResolvedItems grievance_items;
  ResolvedItems supplier_code_items;
  double sourcing_risk = 0.0;  ///< highest risk among commodities supplied and direct suppliers
  std::string sourcing_where;
  std::vector<BuyerRequirement> buyers;  ///< buyers whose code applies
  std::vector<std::string> notes;
};

/// Fix of one finding, for the fix-first plan.
struct PendingFix {
  enum class Kind { kNone, kItems, kPillar, kIncident } kind = Kind::kNone;
  std::vector<std::size_t> items;  ///< kItems: questionnaire item indices to raise to `level`
  double level = 0.0;              ///< kItems, kPillar
  risk::Pillar pillar = risk::Pillar::kS;  ///< kPillar
  std::size_t category = 0;                ///< kIncident
};

inline void check_config(const SupplierAuditConfig& c) {
  auto unit = [](double v, const char* key) {
    if (!(v >= 0.0 && v <= 1.0))
      throw UsageError(
          errc::kParameter,
          std::string("supplier audit: ") + key + " must be in [0,1], got " + std::to_string(v),
          std::string("config.") + key);
  };
  auto non_negative = [](double v, const char* key) {
    if (!(v >= 0.0 && std::isfinite(v)))
      throw UsageError(errc::kParameter,
                       std::string("supplier audit: ") + key +
                           " must be finite and not negative, got " + std::to_string(v),
                       std::string("config.") + key);
  };
  unit(c.evidence_from, "evidence_from");
  unit(c.high_risk, "high_risk");
  unit(c.control_required, "control_required");
  unit(c.control_required_high, "control_required_high");
  unit(c.zero_tolerance_control, "zero_tolerance_control");
  unit(c.life_threatening_below, "life_threatening_below");
  unit(c.certification_min_effect, "certification_min_effect");
  unit(c.overstatement_probability, "overstatement_probability");
  non_negative(c.deadline_days_critical, "deadline_days_critical");
  non_negative(c.deadline_days_major, "deadline_days_major");
  non_negative(c.deadline_days_minor, "deadline_days_minor");
  non_negative(c.readiness_weight_critical, "readiness_weight_critical");
  non_negative(c.readiness_weight_major, "readiness_weight_major");
  non_negative(c.readiness_weight_minor, "readiness_weight_minor");
  non_negative(c.readiness_critical_penalty, "readiness_critical_penalty");
  non_negative(c.overstatement_steps, "overstatement_steps");
  non_negative(c.threads, "threads");
  if (!(c.pillar_effort_step > 0.0 && std::isfinite(c.pillar_effort_step)))
    throw UsageError(errc::kParameter,
                     "supplier audit: pillar_effort_step must be finite and positive, got " +
                         std::to_string(c.pillar_effort_step),
                     "config.pillar_effort_step");
}

[[nodiscard]] inline ResolvedItems resolve_items(const SupplierAuditConfig& cfg,
                                                 std::string_view check,
                                                 const risk::Questionnaire* q) {
  ResolvedItems r;
  for (const auto& e : cfg.controls) {
    if (e.check != check) continue;
    if (r.action.empty()) r.action = e.action;
    if (q != nullptr && r.entry == nullptr && e.questionnaire == q->id) {
      r.entry = &e;
      if (!e.action.empty()) r.action = e.action;
      for (const auto& id : e.items)
        if (const risk::QuestionnaireItem* it = q->item(id))
          r.items.push_back(static_cast<std::size_t>(it - q->items.data()));
    }
  }
  return r;
}

/// The questionnaire the SME answered (null for pillar scores or no self-assessment).
/// @throws ValidationError `input.unknown_questionnaire` when it is not among the given ones.
[[nodiscard]] inline const risk::Questionnaire* supplier_questionnaire(const SupplierAuditInput& in,
                                                                       const model::Firm& f) {
  if (!f.assessment || f.assessment->scores) return nullptr;
  if (in.questionnaires != nullptr)
    for (const auto& q : *in.questionnaires)
      if (q.id == f.assessment->questionnaire) return &q;
  throw ValidationError(errc::kUnknownQuestionnaire,
                        "no questionnaire '" + f.assessment->questionnaire + "' is loaded",
                        "firms[" + std::to_string(in.supplier) + "].assessment.questionnaire");
}

/// The code of conduct that binds suppliers of `b`: its own, else its group parent's.
[[nodiscard]] inline std::optional<model::FirmIndex> code_owner(const model::SupplyNetwork& net,
                                                                model::FirmIndex b) {
  auto has_code = [&](model::FirmIndex i) {
    const auto& dd = net.firm(i).due_diligence;
    return dd && dd->code_of_conduct && *dd->code_of_conduct;
  };
  if (has_code(b)) return b;
  const model::FirmIndex p = net.ultimate_parent(b);
  if (p != b && has_code(p)) return p;
  return std::nullopt;
}

[[nodiscard]] inline std::string contract_flag(const std::optional<bool>& v) {
  return v ? (*v ? "yes" : "no") : "not stated";
}

inline void resolve_buyers(SupplierContext& ctx) {
  const auto& net = *ctx.net;
  const model::FirmIndex s = ctx.in->supplier;
  const std::string sme = net.firm(s).id;
  auto requirement = [&](model::FirmIndex b, model::FirmIndex owner) {
    BuyerRequirement r;
    r.buyer = b;
    r.code_owner = owner;
    r.link = net.find_link(s, b);
    const std::string whose = owner == b ? "" : " (the group code of " + net.firm(owner).id + ")";
    if (r.link) {
      const auto& c = net.contract(*r.link);
      r.signed_code = c.code_of_conduct && *c.code_of_conduct;
      r.evidence = "link " + sme + " → " + net.firm(b).id + whose + ": contract.code_of_conduct " +
                   contract_flag(c.code_of_conduct) + ", audit_rights " +
                   contract_flag(c.audit_rights);
    }
    return r;
  };
  if (ctx.in->buyer) {
    const model::FirmIndex b = *ctx.in->buyer;
    const auto owner = code_owner(net, b);
    if (!owner) {
      ctx.notes.push_back("buyer " + net.firm(b).id +
                          " has no code of conduct on file (nor has its group): the "
                          "code-of-conduct and audit-rights checks were not run");
      return;
    }
    BuyerRequirement r = requirement(b, *owner);
    if (!r.link) {
      // An indirect buyer: its code reaches the SME through the direct buyers in its chain.
      const risk::Tiers t = risk::tiers(net, b);
      r.in_chain = t.tier[s] != risk::kNotUpstream;
      std::string links;
      const auto direct = net.buyers(s);
      const model::LinkIndex first = net.first_buyer_link(s);
      for (std::size_t j = 0; j < direct.size(); ++j) {
        const model::FirmIndex d = direct[j];
        if (t.tier[d] == risk::kNotUpstream) continue;
        const auto& c = net.contract(first + static_cast<model::LinkIndex>(j));
        const bool ok = c.code_of_conduct && *c.code_of_conduct;
        links +=
            (links.empty() ? "" : ", ") + net.firm(d).id + " " + contract_flag(c.code_of_conduct);
        if (ok && !r.signed_code) {
          r.signed_code = true;
          r.via = d;
        }
      }
      const std::string whose =
          *owner == b ? "" : " (its code: the group code of " + net.firm(*owner).id + ")";
      r.evidence = !r.in_chain ? sme + " is not (yet) in the supply chain of " + net.firm(b).id +
                                     whose + ": no code signed"
                               : sme + " is an indirect supplier of " + net.firm(b).id + whose +
                                     "; code of conduct on the links to its direct buyers in "
                                     "that chain: " +
                                     links;
    }
    ctx.buyers.push_back(std::move(r));
    return;
  }
  for (const model::FirmIndex b : net.buyers(s))
    if (const auto owner = code_owner(net, b)) ctx.buyers.push_back(requirement(b, *owner));
  if (ctx.buyers.empty())
    ctx.notes.push_back(net.buyers(s).empty()
                            ? "no buyer given and " + sme +
                                  " has no direct buyers: the code-of-conduct and audit-rights "
                                  "checks were not run"
                            : "no direct buyer of " + sme +
                                  " has a code of conduct on file: the code-of-conduct and "
                                  "audit-rights checks were not run");
}

/// Validates the input and gathers what does not depend on the answers.
[[nodiscard]] inline SupplierContext make_context(const SupplierAuditInput& in,
                                                  const SupplierAuditConfig& cfg) {
  if (in.network == nullptr || in.risk_model == nullptr || in.own == nullptr)
    throw UsageError(errc::kParameter,
                     "supplier audit: network, risk_model and own must all be given");
  check_config(cfg);
  const auto& net = *in.network;
  const auto& m = *in.risk_model;
  const std::size_t n = net.num_firms();
  if (in.supplier >= n)
    throw UsageError(errc::kIndexRange, "supplier audit: supplier index " +
                                            std::to_string(in.supplier) + " is out of range (" +
                                            std::to_string(n) + " firms)");
  if (in.buyer && (*in.buyer >= n || *in.buyer == in.supplier))
    throw UsageError(errc::kIndexRange, "supplier audit: buyer index " + std::to_string(*in.buyer) +
                                            (*in.buyer == in.supplier ? " is the supplier itself"
                                                                      : " is out of range"));
  const std::size_t K = m.num_categories();
  const auto rows = static_cast<std::size_t>(in.own->own.rows());
  const auto cols = static_cast<std::size_t>(in.own->own.cols());
  if (rows != n || cols != K || static_cast<std::size_t>(in.own->inherent.rows()) != n ||
      static_cast<std::size_t>(in.own->inherent.cols()) != K)
    throw UsageError(errc::kParameter, "supplier audit: the own-risk matrix is " +
                                           std::to_string(rows) + " × " + std::to_string(cols) +
                                           ", the network and risk model need " +
                                           std::to_string(n) + " × " + std::to_string(K));

  SupplierContext ctx;
  ctx.in = &in;
  ctx.cfg = &cfg;
  ctx.net = &net;
  ctx.model = &m;
  ctx.firm = &net.firm(in.supplier);
  ctx.K = K;
  const auto i = static_cast<Eigen::Index>(in.supplier);
  ctx.inherent.resize(K);
  ctx.site.resize(K);
  const risk::Indicator* country = m.country(ctx.firm->country);
  const risk::Indicator* sector = m.sector(ctx.firm->sector);
  if (country == nullptr) country = &m.country_fallback;
  if (sector == nullptr) sector = &m.sector_fallback;
  for (std::size_t k = 0; k < K; ++k) {
    ctx.inherent[k] = in.own->inherent(i, static_cast<Eigen::Index>(k));
    double keep = 1.0;
    keep *= 1.0 - country->values[k];
    keep *= 1.0 - sector->values[k];
    ctx.site[k] = 1.0 - keep;
  }
  const risk::Questionnaire* q = supplier_questionnaire(in, *ctx.firm);
  ctx.category_items.reserve(K);
  for (std::size_t k = 0; k < K; ++k)
    ctx.category_items.push_back(resolve_items(cfg, m.categories[k].id, q));
  ctx.grievance_items = resolve_items(cfg, kGrievanceCheck, q);
  ctx.supplier_code_items = resolve_items(cfg, kSupplierCodeCheck, q);

  // Sourcing risk: the commodities the SME supplies (their risk sits upstream of it) and the
  // own risk of its direct suppliers.
  const model::FirmIndex s = in.supplier;
  const model::LinkIndex first = net.first_buyer_link(s);
  for (std::size_t j = 0; j < net.buyers(s).size(); ++j)
    for (const std::string& c : net.commodities(first + static_cast<model::LinkIndex>(j)))
      if (const risk::Indicator* row = m.commodity(c))
        for (std::size_t k = 0; k < K; ++k)
          if (row->values[k] > ctx.sourcing_risk) {
            ctx.sourcing_risk = row->values[k];
            ctx.sourcing_where =
                "commodity " + c + ": " + m.categories[k].id + " " + fixed2(row->values[k]);
          }
  for (const model::FirmIndex d : net.suppliers(s))
    for (std::size_t k = 0; k < K; ++k) {
      const double v = in.own->own(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(k));
      if (v > ctx.sourcing_risk) {
        ctx.sourcing_risk = v;
        ctx.sourcing_where =
            "supplier " + net.firm(d).id + ": own " + m.categories[k].id + " risk " + fixed2(v);
      }
    }
  resolve_buyers(ctx);
  return ctx;
}

/// Scores `ev.answers` on `q`: pillar scores (as risk::own_risk gets them) and item values.
/// @throws the errors of risk::score_answers.
inline void score_evidence(SupplierEvidence& ev, const risk::Questionnaire& q) {
  ev.questionnaire = &q;
  ev.pillars = risk::score_answers(q, ev.answers).scores;
  ev.value.assign(q.items.size(), std::nullopt);
  for (const auto& [item, text] : ev.answers)
    ev.value[static_cast<std::size_t>(q.item(item) - q.items.data())] =
        risk::answer_value(q, item, text);
}

/// The self-assessment as given and the own-risk row of the input.
[[nodiscard]] inline SupplierEvidence base_evidence(const SupplierContext& ctx) {
  SupplierEvidence ev;
  const model::Firm& f = *ctx.firm;
  if (f.assessment && f.assessment->scores) ev.pillars = *f.assessment->scores;
  if (const risk::Questionnaire* q = supplier_questionnaire(*ctx.in, f)) {
    ev.answers = f.assessment->answers;
    score_evidence(ev, *q);
  }
  ev.own.resize(ctx.K);
  const auto i = static_cast<Eigen::Index>(ctx.in->supplier);
  for (std::size_t k = 0; k < ctx.K; ++k)
    ev.own[k] = ctx.in->own->own(i, static_cast<Eigen::Index>(k));
  return ev;
}

/// Evidence after the answers changed: re-scored, own risk recomputed.
[[nodiscard]] inline SupplierEvidence rescored_evidence(
    const SupplierContext& ctx, const risk::Questionnaire& q,
    std::vector<std::pair<std::string, std::string>> answers) {
  SupplierEvidence ev;
  ev.answers = std::move(answers);
  score_evidence(ev, q);
  ev.own = supplier_own_row(*ctx.model, *ctx.firm, ctx.inherent, ev.pillars);
  return ev;
}

/// The answer text of a scale point.
[[nodiscard]] inline long scale_point(const risk::Questionnaire& q, double a) {
  return std::lround(q.scale_min + a * (q.scale_max - q.scale_min));
}

[[nodiscard]] inline std::string item_text(const risk::Questionnaire& q, std::size_t idx,
                                           const std::optional<double>& a) {
  const std::string& id = q.items[idx].id;
  if (!a) return id + " unanswered";
  const long v = scale_point(q, *a);
  std::string s = id + " = " + std::to_string(v);
  for (const auto& [point, label] : q.scale_labels)
    if (point == v) s += " (" + label + ")";
  return s;
}

/// A control score and where it came from.
struct ControlScore {
  enum class Source { kItems, kPillar, kNone } source = Source::kNone;
  double score = 0.0;
  std::string text;
};

[[nodiscard]] inline ControlScore control_score(const SupplierEvidence& ev,
                                                const ResolvedItems& items, risk::Pillar pillar) {
  ControlScore c;
  if (ev.questionnaire != nullptr && !items.items.empty()) {
    const auto& q = *ev.questionnaire;
    double sum = 0.0, weights = 0.0;
    for (const std::size_t i : items.items) {
      sum += q.items[i].weight * ev.value[i].value_or(0.0);
      weights += q.items[i].weight;
      c.text += (c.text.empty() ? "" : ", ") + item_text(q, i, ev.value[i]);
    }
    if (weights > 0.0) {
      c.source = ControlScore::Source::kItems;
      c.score = sum / weights;
      return c;
    }
  }
  if (ev.pillars) {
    c.source = ControlScore::Source::kPillar;
    c.score = pillar_score(*ev.pillars, pillar);
    c.text = std::string(risk::to_string(pillar)) + " pillar score " + fixed2(c.score) +
             " (no item answers for this check)";
    return c;
  }
  c.text = "no self-assessment";
  return c;
}

/// Advice of the items below `level`, or the generic action.
[[nodiscard]] inline std::string items_action(const SupplierEvidence& ev,
                                              const ResolvedItems& items, double level,
                                              const std::string& fallback) {
  std::string out;
  if (ev.questionnaire != nullptr)
    for (const std::size_t i : items.items)
      if (ev.value[i].value_or(0.0) < level - kSupplierEps &&
          !ev.questionnaire->items[i].advice.empty())
        out += (out.empty() ? "" : " ") + ev.questionnaire->items[i].advice;
  return out.empty() ? fallback : out;
}

[[nodiscard]] inline PendingFix fix_for(const ControlScore& c, const ResolvedItems& items,
                                        double level, risk::Pillar pillar) {
  PendingFix fx;
  fx.level = level;
  if (c.source == ControlScore::Source::kItems) {
    fx.kind = PendingFix::Kind::kItems;
    fx.items = items.items;
  } else {
    fx.kind = PendingFix::Kind::kPillar;
    fx.pillar = pillar;
  }
  return fx;
}

/// Risk reduction and effort of one fix.
[[nodiscard]] inline SupplierFix plan_fix(const SupplierContext& ctx, const SupplierEvidence& ev,
                                          const PendingFix& fx) {
  SupplierFix out;
  const auto& m = *ctx.model;
  const auto& f = *ctx.firm;
  const std::vector<double> before = supplier_own_row(m, f, ctx.inherent, ev.pillars);
  std::vector<double> after = before;
  double effort = 1.0;
  switch (fx.kind) {
    case PendingFix::Kind::kNone:
      break;
    case PendingFix::Kind::kItems: {
      const auto& q = *ev.questionnaire;
      const double span = q.scale_max - q.scale_min;
      const long target =
          q.scale_min + static_cast<long>(std::ceil(fx.level * span - kSupplierEps));
      auto answers = ev.answers;
      double points = 0.0;
      for (const std::size_t i : fx.items) {
        const double a = ev.value[i].value_or(0.0);
        if (a >= fx.level - kSupplierEps) continue;
        points += static_cast<double>(target - scale_point(q, a));
        const std::string& id = q.items[i].id;
        auto it = std::find_if(answers.begin(), answers.end(),
                               [&](const auto& p) { return p.first == id; });
        if (it == answers.end())
          answers.emplace_back(id, std::to_string(target));
        else
          it->second = std::to_string(target);
      }
      effort = std::max(1.0, points);
      after = supplier_own_row(m, f, ctx.inherent, risk::score_answers(q, answers).scores);
      break;
    }
    case PendingFix::Kind::kPillar: {
      model::PillarScores p = ev.pillars.value_or(model::PillarScores{});
      const double now = pillar_score(p, fx.pillar);
      if (now < fx.level) {
        effort =
            std::max(1.0, std::ceil((fx.level - now) / ctx.cfg->pillar_effort_step - kSupplierEps));
        set_pillar_score(p, fx.pillar, fx.level);
      }
      after = supplier_own_row(m, f, ctx.inherent, p);
      break;
    }
    case PendingFix::Kind::kIncident:
      after = supplier_own_row(m, f, ctx.inherent, ev.pillars, fx.category);
      break;
  }
  double reduction = 0.0;
  for (std::size_t k = 0; k < ctx.K; ++k) reduction += std::max(0.0, before[k] - after[k]);
  out.risk_reduction = reduction;
  out.effort = effort;
  out.priority = reduction / effort;
  return out;
}

/// One run of the checks: the result being built, the fix of each finding, the readiness weights.
struct CheckRun {
  CheckRun(const SupplierContext& c, const SupplierEvidence& e) : ctx(c), ev(e) {
    res.supplier = c.in->supplier;
    res.buyer = c.in->buyer;
    res.notes = c.notes;
  }
  const SupplierContext& ctx;
  const SupplierEvidence& ev;
  SupplierAuditResult res;
  std::vector<PendingFix> fixes;  ///< parallel to res.findings
  double weight_all = 0.0;        ///< Σ w(stake) over the checks run
  double weight_passed = 0.0;     ///< Σ w(stake) over the checks passed

  void record(SupplierCheck c) {
    const double w = stake_weight(c.stake, *ctx.cfg);
    weight_all += w;
    if (c.passed)
      weight_passed += w;
    else
      ++res.failed;
    ++res.checks;
    res.check_results.push_back(std::move(c));
  }
  void add(Finding fd, PendingFix fx) {
    fd.deadline = Date::from_days(ctx.in->as_of.days() + deadline_days(fd.grade, *ctx.cfg));
    if (fd.firms.empty()) fd.firms = {ctx.in->supplier};
    res.findings.push_back(std::move(fd));
    fixes.push_back(std::move(fx));
  }
};

/// Check 1: one check per impact category.
inline void category_checks(CheckRun& run) {
  const SupplierContext& ctx = run.ctx;
  const SupplierEvidence& ev = run.ev;
  const SupplierAuditConfig& cfg = *ctx.cfg;
  const risk::RiskModel& m = *ctx.model;
  const model::Firm& f = *ctx.firm;
  for (std::size_t k = 0; k < ctx.K; ++k) {
    const risk::Category& cat = m.categories[k];
    const std::string& name = cat.name.empty() ? cat.id : cat.name;
    const double r = ev.own[k];
    const bool zero = contains_id(cfg.zero_tolerance, cat.id);
    const bool life = cat.id == cfg.life_safety_category;
    if (!zero && r < cfg.evidence_from) continue;
    const bool high = r >= cfg.high_risk;
    const double level = zero   ? cfg.zero_tolerance_control
                         : high ? cfg.control_required_high
                                : cfg.control_required;
    // Hazardous work: the site (or an explicit value) is high risk, or a serious incident.
    std::string hazard;
    if (life) {
      double site = ctx.site[k];
      for (const auto& [id, v] : f.risk)
        if (id == cat.id) site = std::max(site, v);
      if (site >= cfg.high_risk)
        hazard = "site risk " + fixed2(site) + " ≥ " + fixed2(cfg.high_risk) + " (hazardous work)";
      for (const auto& inc : f.incidents)
        if (inc.category == cat.id && inc.severity >= model::IncidentSeverity::kHigh &&
            hazard.empty())
          hazard = std::string("an incident of severity ") + model::to_string(inc.severity);
    }
    const Grade band = high ? Grade::kMajor : Grade::kMinor;
    // A certification the risk model credits here is third-party evidence of controls.
    const risk::Certification* cert = nullptr;
    for (const auto& id : f.certifications) {
      const risk::Certification* c = m.certification(id);
      if (c != nullptr && cert == nullptr && c->effect[k] >= cfg.certification_min_effect) cert = c;
    }
    const ControlScore c = control_score(ev, ctx.category_items[k], cat.pillar);
    // A gap is shown by item answers or by an incident in the category; a pillar score standing
    // in for missing item answers (or no self-assessment) shows only that evidence is missing,
    // which is never more than major.
    bool incident_here = false;
    for (const auto& inc : f.incidents) incident_here = incident_here || inc.category == cat.id;
    const bool shown = c.source == ControlScore::Source::kItems || incident_here;
    const Grade severe = shown ? Grade::kCritical : Grade::kMajor;
    SupplierCheck chk;
    chk.id = cat.id;
    chk.category = cat.id;
    chk.own_risk = r;
    chk.required = level;
    chk.control = c.score;
    chk.stake = zero || !hazard.empty() ? std::min(severe, band) : band;
    const std::string risk_text =
        "own risk " + fixed2(r) + " (inherent " + fixed2(ctx.inherent[k]) + ")";
    if (cert != nullptr) {
      chk.passed = true;
      chk.evidence = "certified " + cert->id + " (risk-model effect " + fixed2(cert->effect[k]) +
                     " ≥ " + fixed2(cfg.certification_min_effect) + "); " + risk_text;
      run.record(std::move(chk));
      continue;
    }
    chk.passed = c.score >= level - kSupplierEps;
    const std::string why = zero ? " (zero tolerance)" : high ? " (high own risk)" : "";
    chk.evidence = c.text + "; control score " + fixed2(c.score) + (chk.passed ? " ≥ " : " < ") +
                   "required " + fixed2(level) + why + "; " + risk_text +
                   (hazard.empty() ? "" : "; " + hazard);
    const bool passed = chk.passed;
    const std::string evidence = chk.evidence;
    run.record(std::move(chk));
    if (passed) continue;
    Finding fd;
    fd.obligation = cat.id;
    fd.article = cat.reference;
    fd.evidence = evidence;
    const std::string not_shown = c.source == ControlScore::Source::kPillar
                                      ? name + ": controls not evidenced item by item, and the " +
                                            risk::to_string(cat.pillar) +
                                            " pillar score standing in is below the required level"
                                      : name + ": no evidence of controls (no self-assessment)";
    if (zero) {
      fd.grade = severe;
      fd.message = shown
                       ? name + ": controls below the zero-tolerance level a buyer's code requires"
                       : not_shown;
    } else if (!hazard.empty() && c.score < cfg.life_threatening_below - kSupplierEps) {
      fd.grade = std::min(severe, band);
      fd.message = shown ? name + ": life-threatening gap: hazardous work with controls below " +
                               fixed2(cfg.life_threatening_below)
                         : not_shown + " at hazardous work";
    } else {
      fd.grade = band;
      fd.message = name + ": controls below the level its " + (high ? "high" : "medium") +
                   " own risk requires";
    }
    const ResolvedItems& items = ctx.category_items[k];
    fd.corrective_action =
        c.source == ControlScore::Source::kItems
            ? items_action(ev, items, level, items.action)
            : (items.action.empty() ? "Put controls for " + name +
                                          " in place and keep the records an auditor asks for."
                                    : items.action);
    run.add(std::move(fd), fix_for(c, items, level, cat.pillar));
  }
}

/// Check 2: actual impacts at the SME.
inline void incident_check(CheckRun& run) {
  const SupplierContext& ctx = run.ctx;
  const SupplierAuditConfig& cfg = *ctx.cfg;
  const risk::RiskModel& m = *ctx.model;
  const model::Firm& f = *ctx.firm;
  SupplierCheck chk;
  chk.id = kIncidentsCheck;
  chk.stake = Grade::kCritical;
  chk.passed = f.incidents.empty();
  chk.evidence = f.incidents.empty() ? "no incident recorded"
                                     : std::to_string(f.incidents.size()) + " incident(s)";
  run.record(std::move(chk));
  for (std::size_t j = 0; j < f.incidents.size(); ++j) {
    const model::Incident& inc = f.incidents[j];
    const auto k = m.category_index(inc.category);
    if (!k) continue;  // own_risk rejects unknown categories; nothing to grade here
    const risk::Category& cat = m.categories[*k];
    const std::string& name = cat.name.empty() ? cat.id : cat.name;
    Finding fd;
    fd.obligation = cat.id;
    fd.article = cat.reference;
    const bool zero = contains_id(cfg.zero_tolerance, cat.id);
    const bool life_threat =
        cat.id == cfg.life_safety_category && inc.severity >= model::IncidentSeverity::kHigh;
    fd.grade = zero || life_threat ? Grade::kCritical : Grade::kMajor;
    fd.message = name + ": actual impact (severity " + model::to_string(inc.severity) + ")" +
                 (inc.known ? ", known to buyers" : ", not reported to buyers");
    fd.evidence = "incidents[" + std::to_string(j) + "]: category " + cat.id + ", severity " +
                  model::to_string(inc.severity) + ", known " + (inc.known ? "yes" : "no");
    fd.corrective_action =
        "Stop the harm and remedy it for the people affected, find the root cause, record the "
        "corrective action with its evidence, and inform the buyers who rely on you. " +
        ctx.category_items[*k].action;
    PendingFix fx;
    fx.kind = PendingFix::Kind::kIncident;
    fx.category = *k;
    run.add(std::move(fd), std::move(fx));
  }
}

/// Checks 3 and 4: the buyer's code of conduct and audit rights.
inline void buyer_checks(CheckRun& run) {
  const SupplierContext& ctx = run.ctx;
  const model::Firm& f = *ctx.firm;
  const model::SupplyNetwork& net = *ctx.net;
  const model::FirmIndex s = ctx.in->supplier;
  SupplierAuditResult& res = run.res;
  if (ctx.buyers.empty()) return;
  SupplierCheck chk;
  chk.id = kBuyerCodeCheck;
  chk.stake = Grade::kMajor;
  chk.passed = true;
  std::string unsigned_names, evidence;
  Finding fd;
  for (const auto& b : ctx.buyers) {
    evidence += (evidence.empty() ? "" : "; ") + b.evidence;
    if (b.signed_code) {
      if (b.via != model::kNoFirm) evidence += " (signed through " + net.firm(b.via).id + ")";
      continue;
    }
    chk.passed = false;
    unsigned_names += (unsigned_names.empty() ? "" : ", ") + net.firm(b.buyer).display_name();
    fd.firms.push_back(b.buyer);
  }
  chk.evidence = evidence;
  const bool passed = chk.passed;
  run.record(std::move(chk));
  if (!passed) {
    fd.firms.insert(fd.firms.begin(), s);
    fd.obligation = kBuyerCodeCheck;
    fd.article = "CSDDD Art. 10 (contractual assurances from direct business partners)";
    fd.grade = Grade::kMajor;
    fd.message = "The code of conduct of " + unsigned_names + " is not signed";
    fd.evidence = evidence;
    fd.corrective_action =
        "Sign the buyer's code of conduct (or the supplier code it sends) and keep the signed "
        "copy; check your practice against each of its clauses before the buyer's audit.";
    run.add(std::move(fd), PendingFix{});
  }
  SupplierCheck rights;
  rights.id = kAuditRightsCheck;
  rights.stake = Grade::kMinor;
  rights.passed = true;
  Finding fr;
  std::string missing, rights_evidence;
  bool any_direct = false;
  for (const auto& b : ctx.buyers) {
    if (!b.link) continue;
    any_direct = true;
    const auto& c = net.contract(*b.link);
    rights_evidence += (rights_evidence.empty() ? "" : "; ") + std::string("link ") + f.id + " → " +
                       net.firm(b.buyer).id + ": contract.audit_rights " +
                       contract_flag(c.audit_rights);
    if (c.audit_rights && *c.audit_rights) continue;
    rights.passed = false;
    missing += (missing.empty() ? "" : ", ") + net.firm(b.buyer).display_name();
    fr.firms.push_back(b.buyer);
  }
  if (any_direct) {
    rights.evidence = rights_evidence;
    const bool ok = rights.passed;
    run.record(std::move(rights));
    if (!ok) {
      fr.firms.insert(fr.firms.begin(), s);
      fr.obligation = kAuditRightsCheck;
      fr.article = "CSDDD Art. 10 (verification of contractual assurances)";
      fr.grade = Grade::kMinor;
      fr.message = "No audit rights agreed with " + missing;
      fr.evidence = rights_evidence;
      fr.corrective_action =
          "Agree in the supply contract that the buyer (or an auditor it appoints) may visit the "
          "site and see the records, and keep the records an audit asks for in one place.";
      run.add(std::move(fr), PendingFix{});
    }
  } else {
    res.notes.push_back("no buyer whose code applies is a direct buyer: audit rights not checked");
  }
}

/// Checks 5 and 6: grievance channel and code of conduct for the SME's own suppliers.
inline void evidence_checks(CheckRun& run) {
  const SupplierContext& ctx = run.ctx;
  const SupplierEvidence& ev = run.ev;
  const SupplierAuditConfig& cfg = *ctx.cfg;
  const model::Firm& f = *ctx.firm;
  auto evidence_check = [&](const char* id, const std::optional<bool>& flag, const char* flag_key,
                            const ResolvedItems& items, Grade grade, const std::string& extra,
                            const char* article, const std::string& message) {
    SupplierCheck chk;
    chk.id = id;
    chk.stake = grade;
    chk.required = cfg.control_required;
    const ControlScore c = control_score(ev, items, risk::Pillar::kS);
    const bool by_flag = flag && *flag;
    const bool items_ok =
        c.source == ControlScore::Source::kItems && c.score >= cfg.control_required - kSupplierEps;
    chk.control = c.source == ControlScore::Source::kItems ? c.score : 0.0;
    chk.passed = by_flag || items_ok;
    chk.evidence = std::string("due_diligence.") + flag_key + " " + contract_flag(flag) + "; " +
                   (c.source == ControlScore::Source::kItems
                        ? c.text + " (control score " + fixed2(c.score) + ", required " +
                              fixed2(cfg.control_required) + ")"
                        : "no questionnaire item for this check") +
                   extra;
    const bool passed = chk.passed;
    const std::string evidence = chk.evidence;
    run.record(std::move(chk));
    if (passed) return;
    Finding fd;
    fd.obligation = id;
    fd.article = article;
    fd.grade = grade;
    fd.message = message;
    fd.evidence = evidence;
    fd.corrective_action = c.source == ControlScore::Source::kItems
                               ? items_action(ev, items, cfg.control_required, items.action)
                               : items.action;
    PendingFix fx;
    if (c.source == ControlScore::Source::kItems) {
      fx.kind = PendingFix::Kind::kItems;
      fx.items = items.items;
      fx.level = cfg.control_required;
    }
    run.add(std::move(fd), std::move(fx));
  };
  const std::optional<bool> no_flag;
  const auto& dd = f.due_diligence;
  evidence_check(kGrievanceCheck, dd ? dd->complaints_procedure : no_flag, "complaints_procedure",
                 ctx.grievance_items, Grade::kMajor, "",
                 "CSDDD Art. 14 (complaints procedure; buyers' codes require a grievance channel)",
                 "No grievance channel for workers and outsiders");
  const Grade sourcing_grade = ctx.sourcing_risk >= cfg.high_risk ? Grade::kMajor : Grade::kMinor;
  evidence_check(kSupplierCodeCheck, dd ? dd->code_of_conduct : no_flag, "code_of_conduct",
                 ctx.supplier_code_items, sourcing_grade,
                 "; sourcing risk " + fixed2(ctx.sourcing_risk) +
                     (ctx.sourcing_where.empty() ? "" : " (" + ctx.sourcing_where + ")"),
                 "CSDDD Art. 10 (contractual assurances cascaded down the chain)",
                 "The SME's own suppliers are not bound by a code of conduct");
}

/// Check 7: the self-assessment itself.
inline void self_assessment_check(CheckRun& run) {
  const SupplierEvidence& ev = run.ev;
  SupplierCheck chk;
  chk.id = kSelfAssessmentCheck;
  chk.stake = Grade::kMajor;
  Finding fd;
  fd.obligation = kSelfAssessmentCheck;
  fd.article = "Buyer's supplier self-assessment questionnaire (RBA / SMETA practice)";
  if (ev.questionnaire != nullptr) {
    const std::size_t items = ev.questionnaire->items.size();
    const std::size_t answered = ev.answers.size();
    chk.passed = answered >= items;
    chk.evidence = "questionnaire " + ev.questionnaire->id + ": " + std::to_string(answered) +
                   " of " + std::to_string(items) + " items answered";
    fd.grade = Grade::kMinor;
    fd.message = std::to_string(items - std::min(items, answered)) +
                 " questionnaire items unanswered (they count as the scale minimum)";
    fd.corrective_action =
        "Answer the open items, with the records behind each answer at hand; an unanswered "
        "item counts as 'none'.";
  } else if (ev.pillars) {
    chk.passed = false;
    chk.evidence = "pillar scores only (E " + fixed2(ev.pillars->e) + ", S " +
                   fixed2(ev.pillars->s) + ", G " + fixed2(ev.pillars->g) + "), no item answers";
    fd.grade = Grade::kMinor;
    fd.message = "Self-assessment given as pillar scores only: answers cannot be traced to records";
    fd.corrective_action =
        "Answer the self-assessment questionnaire item by item (kesg-sme or the buyer's own), so "
        "that an auditor can trace every answer to records.";
  } else {
    chk.passed = false;
    chk.evidence = "no self-assessment";
    fd.grade = Grade::kMajor;
    fd.message = "No self-assessment: the buyer's first request is a supplier questionnaire";
    fd.corrective_action =
        "Answer an ESG self-assessment questionnaire item by item (the industrial complex's "
        "self-diagnosis or the buyer's own), with the records behind each answer at hand.";
  }
  fd.evidence = chk.evidence;
  const bool passed = chk.passed;
  run.record(std::move(chk));
  if (!passed) run.add(std::move(fd), PendingFix{});
}

/// Runs every check on one state of the evidence. `plan`: compute the fix-first plan (the
/// Monte Carlo skips it: its findings are ordered without priorities).
[[nodiscard]] inline SupplierAuditResult run_supplier_checks(const SupplierContext& ctx,
                                                             const SupplierEvidence& ev,
                                                             bool plan) {
  const SupplierAuditConfig& cfg = *ctx.cfg;
  const risk::RiskModel& m = *ctx.model;
  CheckRun run(ctx, ev);
  category_checks(run);
  incident_check(run);
  buyer_checks(run);
  evidence_checks(run);
  self_assessment_check(run);
  SupplierAuditResult& res = run.res;

  // Readiness and score.
  const GradeCounts g = count_grades(res.findings);
  const double share = run.weight_all > 0.0 ? run.weight_passed / run.weight_all : 1.0;
  res.readiness = std::clamp(
      100.0 * share - cfg.readiness_critical_penalty * static_cast<double>(g.critical), 0.0, 100.0);
  res.score = audit_score(res.checks, res.failed, res.findings);

  // Fix-first order: grade, then risk reduction per effort, then the category's own risk, then
  // obligation id. Priorities are compared at 1e-9 (fixes that move a pillar by the same amount
  // tie exactly in arithmetic but not always in floating point); cross-category findings count
  // own risk 0.
  const std::size_t n = res.findings.size();
  std::vector<SupplierFix> plans(n);
  std::vector<long long> key(n, 0);
  std::vector<double> at_stake(n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    if (plan) plans[j] = plan_fix(ctx, ev, run.fixes[j]);
    plans[j].obligation = res.findings[j].obligation;
    plans[j].grade = res.findings[j].grade;
    key[j] = std::llround(plans[j].priority * 1e9);
    if (const auto k = m.category_index(res.findings[j].obligation)) at_stake[j] = ev.own[*k];
  }
  std::vector<std::size_t> order(n);
  for (std::size_t j = 0; j < n; ++j) order[j] = j;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = res.findings[a];
    const auto& y = res.findings[b];
    if (x.grade != y.grade) return x.grade < y.grade;
    if (key[a] != key[b]) return key[a] > key[b];
    if (at_stake[a] != at_stake[b]) return at_stake[a] > at_stake[b];
    return x.obligation < y.obligation;
  });
  std::vector<Finding> sorted;
  sorted.reserve(n);
  for (const std::size_t j : order) sorted.push_back(std::move(res.findings[j]));
  res.findings = std::move(sorted);
  if (plan) {
    res.fix_plan.reserve(n);
    for (const std::size_t j : order) res.fix_plan.push_back(plans[j]);
  }
  for (const auto& fd : res.findings)
    if (!contains_id(res.fix_first, fd.obligation)) res.fix_first.push_back(fd.obligation);
  return std::move(run.res);
}


}  // namespace detail::supplier_impl

inline SupplierAuditResult supplier_audit(const SupplierAuditInput& input,
                                          const SupplierAuditConfig& config) {
  namespace impl = detail::supplier_impl;
  const impl::SupplierContext ctx = impl::make_context(input, config);
  return impl::run_supplier_checks(ctx, impl::base_evidence(ctx), true);
}

inline SupplierMonteCarloResult supplier_monte_carlo(const SupplierAuditInput& input,
                                                     const SupplierAuditConfig& config,
                                                     std::uint32_t runs, std::uint64_t seed) {
  namespace impl = detail::supplier_impl;
  if (runs == 0)
    throw UsageError(errc::kParameter, "supplier Monte Carlo: runs must be at least 1", "runs");
  const impl::SupplierContext ctx = impl::make_context(input, config);
  const impl::SupplierEvidence base = impl::base_evidence(ctx);
  const SupplierAuditResult base_result = impl::run_supplier_checks(ctx, base, false);

  // Answers a visit can find overstated: answered items above the scale minimum, in the order
  // the answers are given.
  std::vector<std::size_t> at_risk;
  if (base.questionnaire != nullptr)
    for (std::size_t j = 0; j < base.answers.size(); ++j) {
      const auto* item = base.questionnaire->item(base.answers[j].first);
      const auto idx = static_cast<std::size_t>(item - base.questionnaire->items.data());
      if (base.value[idx].value_or(0.0) > impl::kSupplierEps) at_risk.push_back(j);
    }

  // Obligations that may raise findings, for the per-run flags.
  std::vector<std::string> ids = input.risk_model->category_ids();
  for (const char* id : {impl::kBuyerCodeCheck, impl::kAuditRightsCheck, impl::kGrievanceCheck,
                         impl::kSupplierCodeCheck, impl::kSelfAssessmentCheck})
    ids.emplace_back(id);
  const std::size_t U = ids.size();

  std::vector<double> critical(runs), major(runs), minor(runs), readiness(runs), score(runs),
      overstated(runs);
  std::vector<std::uint8_t> flags(static_cast<std::size_t>(runs) * U, 0);

  auto run_one = [&](std::uint32_t i) {
    Rng rng(seed + i);
    std::size_t found = 0;
    auto answers = base.answers;
    if (base.questionnaire != nullptr) {
      const auto& q = *base.questionnaire;
      for (const std::size_t j : at_risk) {
        if (!rng.bernoulli(config.overstatement_probability)) continue;
        ++found;
        const auto* item = q.item(answers[j].first);
        const double a = base.value[static_cast<std::size_t>(item - q.items.data())].value_or(0.0);
        const long v =
            std::max<long>(q.scale_min, impl::scale_point(q, a) - config.overstatement_steps);
        answers[j].second = std::to_string(v);
      }
    }
    const SupplierAuditResult r =
        found == 0 ? base_result
                   : impl::run_supplier_checks(
                         ctx, impl::rescored_evidence(ctx, *base.questionnaire, std::move(answers)),
                         false);
    const GradeCounts g = count_grades(r.findings);
    critical[i] = static_cast<double>(g.critical);
    major[i] = static_cast<double>(g.major);
    minor[i] = static_cast<double>(g.minor);
    readiness[i] = r.readiness;
    score[i] = r.score;
    overstated[i] = static_cast<double>(found);
    for (const auto& fd : r.findings) {
      const auto it = std::find(ids.begin(), ids.end(), fd.obligation);
      if (it != ids.end())
        flags[static_cast<std::size_t>(i) * U + static_cast<std::size_t>(it - ids.begin())] = 1;
    }
  };

  // Blocks of about 2 % of the runs (64 to 1024): parallel inside a block, progress reported
  // between blocks from the calling thread. Blocks change neither the draws nor the results.
  const std::uint32_t block = std::clamp<std::uint32_t>(runs / 50, 64, 1024);
  std::exception_ptr error;
  for (std::uint32_t b0 = 0; b0 < runs; b0 += std::min(block, runs - b0)) {
    const std::uint32_t b1 = b0 + std::min(block, runs - b0);
#if defined(_OPENMP)
    const int threads = config.threads > 0 ? config.threads : omp_get_max_threads();
#pragma omp parallel for schedule(static) num_threads(threads)
#endif
    for (std::int64_t i = b0; i < static_cast<std::int64_t>(b1); ++i) {
      try {
        run_one(static_cast<std::uint32_t>(i));
      } catch (...) {
#if defined(_OPENMP)
#pragma omp critical(diligence_supplier_monte_carlo_error)
#endif
        {
          if (!error) error = std::current_exception();
        }
      }
    }
    if (error) std::rethrow_exception(error);
    if (config.progress) config.progress(Progress{"monte_carlo", b1, runs});
  }

  SupplierMonteCarloResult out;
  out.runs = runs;
  out.seed = seed;
  std::size_t with_critical = 0, with_overstated = 0;
  double total_overstated = 0.0;
  for (std::uint32_t i = 0; i < runs; ++i) {
    if (critical[i] > 0.0) ++with_critical;
    if (overstated[i] > 0.0) ++with_overstated;
    total_overstated += overstated[i];
  }
  const auto n = static_cast<double>(runs);
  out.p_critical = static_cast<double>(with_critical) / n;
  out.p_overstated = static_cast<double>(with_overstated) / n;
  out.items_at_risk = at_risk.size();
  out.overstated_share =
      at_risk.empty() ? 0.0 : total_overstated / (n * static_cast<double>(at_risk.size()));
  if (config.keep_runs) {
    out.outcomes.resize(runs);
    for (std::uint32_t i = 0; i < runs; ++i) {
      SupplierRunOutcome& o = out.outcomes[i];
      o.critical = static_cast<std::uint32_t>(critical[i]);
      o.major = static_cast<std::uint32_t>(major[i]);
      o.minor = static_cast<std::uint32_t>(minor[i]);
      o.overstated = static_cast<std::uint32_t>(overstated[i]);
      o.readiness = readiness[i];
      o.score = score[i];
    }
  }
  out.critical = summarise(std::move(critical));
  out.major = summarise(std::move(major));
  out.minor = summarise(std::move(minor));
  out.readiness = summarise(std::move(readiness));
  out.score = summarise(std::move(score));
  out.overstated = summarise(std::move(overstated));
  for (std::size_t u = 0; u < U; ++u) {
    std::size_t count = 0;
    for (std::uint32_t i = 0; i < runs; ++i) count += flags[static_cast<std::size_t>(i) * U + u];
    if (count > 0) out.finding_frequency.emplace_back(ids[u], static_cast<double>(count) / n);
  }
  std::stable_sort(out.finding_frequency.begin(), out.finding_frequency.end(),
                   [](const auto& a, const auto& b) {
                     if (a.second != b.second) return a.second > b.second;
                     return a.first < b.first;
                   });
  return out;
}

}  // namespace diligence::audit
