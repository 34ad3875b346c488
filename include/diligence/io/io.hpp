// Umbrella header of the io module.
#pragma once

#include <diligence/io/audit_config_io.hpp>
#include <diligence/io/directive_io.hpp>
#include <diligence/io/export.hpp>
#include <diligence/io/programme_io.hpp>
#include <diligence/io/questionnaire_io.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/io/scenario_io.hpp>
