// Self-assessment questionnaires: items grouped by pillar, answered on a scale, scored into E, S,
// G pillar scores in [0,1], a maturity stage and per-item improvement advice. The shipped SME
// questionnaire (data/questionnaires/kesg-sme.yaml) follows the shape of the Korean K-ESG SME
// subset; its item texts are our own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <diligence/model/firm.hpp>
#include <diligence/risk/risk_model.hpp>

namespace diligence::risk {

/// One question.
struct QuestionnaireItem {
  std::string id;              ///< `E3`
  std::string area;            ///< `disclosure`, `environment`, `social`, `governance`
  Pillar pillar = Pillar::kG;  ///< the pillar score the item counts toward
  double weight = 1.0;
  std::string text;    ///< the question
  std::string advice;  ///< what to do when the answer is low
};

/// A maturity stage: overall score below `below` (the last stage has no bound).
struct MaturityStage {
  std::string id;  ///< `beginner`, `developing`, `established`, `leading`
  std::optional<double> below;
};

struct Questionnaire {
  std::string id;
  std::string title;
  std::string source;
  int scale_min = 0;  ///< answers are integers in [scale_min, scale_max]; yes = max, no = min
  int scale_max = 4;
  /// Optional names of scale points (`0: none`, ..., `4: fully`), ascending by value; for reports.
  std::vector<std::pair<int, std::string>> scale_labels;
  std::vector<MaturityStage> stages;  ///< ordered by `below`
  std::vector<QuestionnaireItem> items;

  [[nodiscard]] const QuestionnaireItem* item(std::string_view id_) const {
    for (const auto& i : items)
      if (i.id == id_) return &i;
    return nullptr;
  }
};

/// Advice for one item whose answer is below the middle of the scale.
struct Advice {
  std::string item;
  std::string area;
  std::string text;  ///< the item's advice
  double gap = 0.0;  ///< weight × (1 − normalised answer): larger = fix first
};

/// A scored self-assessment.
struct AssessmentResult {
  model::PillarScores scores;
  double overall = 0.0;        ///< mean of E, S, G
  std::string stage;           ///< maturity stage id
  std::vector<Advice> advice;  ///< largest gap first
  std::size_t answered = 0;
  std::size_t items = 0;
};

/// The normalised value a ∈ [0,1] of one answer: (v − min)/(max − min) for an integer v on the
/// scale (blanks around it and a leading `+` are accepted), 1 for yes / true and 0 for no / false
/// (any case). Used by `score_answers` and by the scenario loader to check answers one by one.
/// @throws ValidationError `input.unknown_item` for an item the questionnaire lacks,
///   ValidationError `input.range` for an integer off the scale, ParseError `input.type` for
///   anything else; key path `answers.ITEM`, no position. UsageError `usage.parameter` (key
///   `scale`) for a questionnaire whose scale_min ≥ scale_max.
[[nodiscard]] double answer_value(const Questionnaire& questionnaire, std::string_view item,
                                  std::string_view value);

/// Scores a firm's answers (item id → scalar text as written in the scenario: an integer on the
/// questionnaire's scale, or yes / no / true / false for max / min). Unanswered items count as the
/// scale minimum. Pillar score = Σ w·a / Σ w over the pillar's items,
/// a = (answer − min)/(max − min); a pillar without items (or whose weights sum to 0) scores 0.
/// Overall = mean of E, S, G. Advice for every item with a < 0.5, largest gap w·(1 − a) first,
/// ties by item id. O(items + answers · items).
/// @throws ValidationError `input.unknown_item` for an item the questionnaire lacks,
///   `input.duplicate_key` for an item answered twice, and `input.range` / ParseError `input.type`
///   for an answer off the scale; key path `answers.ITEM`. UsageError as `answer_value`.
[[nodiscard]] AssessmentResult score_answers(
    const Questionnaire& questionnaire,
    const std::vector<std::pair<std::string, std::string>>& answers);

/// The maturity stage of an overall score: the first stage whose `below` exceeds `overall` (a stage
/// without `below` takes every score), else the last stage. A score exactly at a bound belongs to
/// the next stage. For a questionnaire without stages, a stage with an empty id.
[[nodiscard]] const MaturityStage& stage_of(const Questionnaire& questionnaire, double overall);

}  // namespace diligence::risk

#include <diligence/risk/detail/questionnaire_impl.hpp>
