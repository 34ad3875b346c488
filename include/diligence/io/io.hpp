// Umbrella header of the io module.
#pragma once

#include <diligence/io/scenario_io.hpp>
