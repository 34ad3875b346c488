// Everything of diligence in one include.
#pragma once

#include <diligence/core/core.hpp>
#include <diligence/directive/directive.hpp>
#include <diligence/io/io.hpp>
#include <diligence/model/model.hpp>
#include <diligence/risk/risk.hpp>
