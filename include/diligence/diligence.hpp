// Everything of diligence in one include.
#pragma once

#include <diligence/audit/audit.hpp>
#include <diligence/core/core.hpp>
#include <diligence/directive/directive.hpp>
#include <diligence/generate/generate.hpp>
#include <diligence/io/io.hpp>
#include <diligence/model/model.hpp>
#include <diligence/report/report.hpp>
#include <diligence/risk/risk.hpp>
#include <diligence/support/support.hpp>
