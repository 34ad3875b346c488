// Umbrella header of the directive module: directive profiles (scope rules, application phases,
// covered chain, obligations, severities, penalty rules), evidence checks and scope decisions.
#pragma once

#include <diligence/directive/evidence.hpp>
#include <diligence/directive/profile.hpp>
#include <diligence/directive/scope.hpp>
