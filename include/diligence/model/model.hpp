// Umbrella header of the model module.
#pragma once

#include <diligence/model/categories.hpp>
#include <diligence/model/codes.hpp>
#include <diligence/model/firm.hpp>
#include <diligence/model/network_builder.hpp>
#include <diligence/model/scenario.hpp>
#include <diligence/model/size_class.hpp>
#include <diligence/model/structure.hpp>
#include <diligence/model/supply_link.hpp>
#include <diligence/model/supply_network.hpp>
