// The report module: building blocks of the HTML reports (an SVG writer, its colour scale, charts,
// plots and network diagrams).
#pragma once

#include <diligence/report/charts.hpp>
#include <diligence/report/diagrams.hpp>
#include <diligence/report/plots.hpp>
#include <diligence/report/svg.hpp>
