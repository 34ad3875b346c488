// Definition of risk::own_risk (see own_risk.hpp).
#pragma once

#include <algorithm>
#include <map>

namespace diligence::risk {

namespace detail {
[[noreturn]] inline void unknown_category(const std::string& id, const std::string& key) {
  throw ValidationError(errc::kUnknownCategory, "category '" + id + "' is not in the risk model",
                        key);
}
}  // namespace detail

inline OwnRiskResult own_risk(const model::SupplyNetwork& net, const RiskModel& model,
                              const OwnRiskOptions& options) {
  const std::size_t n = net.num_firms();
  const std::size_t K = model.num_categories();
  OwnRiskResult out;
  out.categories = model.category_ids();
  out.inherent.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(K));
  out.pillar_scores.assign(n, std::nullopt);
  std::vector<Pillar> pillar_of(K);
  for (std::size_t k = 0; k < K; ++k) pillar_of[k] = model.categories[k].pillar;

  // Fallback warnings: one per missing code, naming the first firm and the count.
  struct Missing {
    model::FirmIndex first;
    std::size_t count;
  };
  std::map<std::string, Missing> missing_country, missing_sector;

  std::vector<double> keep(K);  // Π (1 − r_j) per category
  std::vector<std::uint32_t> seen_sets;
  std::vector<std::string_view> names;
  for (model::FirmIndex i = 0; i < n; ++i) {
    const model::Firm& f = net.firm(i);
    std::fill(keep.begin(), keep.end(), 1.0);
    auto apply = [&](const Indicator& ind) {
      for (std::size_t k = 0; k < K; ++k) keep[k] *= 1.0 - ind.values[k];
    };
    if (const Indicator* c = model.country(f.country)) {
      apply(*c);
    } else {
      apply(model.country_fallback);
      auto [it, inserted] = missing_country.try_emplace(f.country, Missing{i, 0});
      ++it->second.count;
    }
    if (const Indicator* s = model.sector(f.sector)) {
      apply(*s);
    } else {
      apply(model.sector_fallback);
      auto [it, inserted] = missing_sector.try_emplace(f.sector, Missing{i, 0});
      ++it->second.count;
    }
    // Distinct commodities the firm supplies.
    names.clear();
    const model::LinkIndex first = net.first_buyer_link(i);
    const std::size_t buyers = net.buyers(i).size();
    for (std::size_t j = 0; j < buyers; ++j)
      for (const std::string& c : net.commodities(first + static_cast<model::LinkIndex>(j)))
        names.push_back(c);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::vector<const Indicator*> rows;
    for (const auto name : names)
      if (const Indicator* c = model.commodity(name)) rows.push_back(c);
    // Names differing only in case or blanks map to one row: apply each row once.
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (const Indicator* c : rows) apply(*c);
    for (std::size_t k = 0; k < K; ++k)
      out.inherent(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = 1.0 - keep[k];
  }

  out.own = out.inherent;
  for (model::FirmIndex i = 0; i < n; ++i) {
    const model::Firm& f = net.firm(i);
    const std::string key = "firms[" + std::to_string(i) + "]";
    // Step 2: mitigation.
    if (f.assessment) {
      if (f.assessment->scores) {
        out.pillar_scores[i] = *f.assessment->scores;
      } else {
        const Questionnaire* q = nullptr;
        if (options.questionnaires)
          for (const auto& candidate : *options.questionnaires)
            if (candidate.id == f.assessment->questionnaire) q = &candidate;
        if (!q)
          throw ValidationError(errc::kUnknownQuestionnaire,
                                "no questionnaire '" + f.assessment->questionnaire + "' is loaded",
                                key + ".assessment.questionnaire");
        try {
          out.pillar_scores[i] = score_answers(*q, f.assessment->answers).scores;
        } catch (Error& e) {
          e.set_key_path(key + ".assessment." + e.key_path());
          throw;
        }
      }
    }
    auto row = out.own.row(static_cast<Eigen::Index>(i));
    if (const auto& p = out.pillar_scores[i]) {
      for (std::size_t k = 0; k < K; ++k) {
        const double score = pillar_of[k] == Pillar::kE   ? p->e
                             : pillar_of[k] == Pillar::kS ? p->s
                                                          : p->g;
        row(static_cast<Eigen::Index>(k)) *= 1.0 - model.pillar_strength * score;
      }
    }
    for (const auto& cert : f.certifications)
      if (const Certification* c = model.certification(cert))
        for (std::size_t k = 0; k < K; ++k) row(static_cast<Eigen::Index>(k)) *= 1.0 - c->effect[k];
    // Step 3: explicit values.
    for (const auto& [cat, value] : f.risk) {
      const auto k = model.category_index(cat);
      if (!k) detail::unknown_category(cat, key + ".risk." + cat);
      row(static_cast<Eigen::Index>(*k)) = value;
    }
    // Step 4: incidents.
    for (std::size_t j = 0; j < f.incidents.size(); ++j) {
      const auto k = model.category_index(f.incidents[j].category);
      if (!k)
        detail::unknown_category(f.incidents[j].category,
                                 key + ".incidents[" + std::to_string(j) + "].category");
      row(static_cast<Eigen::Index>(*k)) = 1.0;
    }
  }

  auto warn = [&](const std::map<std::string, Missing>& table, const char* what,
                  const char* field) {
    for (const auto& [code, m] : table) {
      Diagnostic d;
      d.id = errc::kWarnFallback;
      d.key_path = "firms[" + std::to_string(m.first) + "]." + field;
      d.message = std::string(what) + " '" + code + "' is not in risk model '" + model.id + "'; " +
                  std::to_string(m.count) + (m.count == 1 ? " firm uses" : " firms use") +
                  " the model's fallback " + what + " indicator";
      if (options.sink) options.sink(d);
      out.warnings.push_back(std::move(d));
    }
  };
  warn(missing_country, "country", "country");
  warn(missing_sector, "sector", "sector");
  return out;
}

}  // namespace diligence::risk
