// DESIGN.md 2.1: a placeholder that hostgraft is meant to replace (the
// Intercom Service's Redis TLS values, 5.10) never reaches the output. The
// guard reads the finished texts just before the stream is written: a
// substring search over each document, a parse only where it hits.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeline.h"

namespace hostgraft {

// What operators set the chart's Redis TLS values to (docs/ics.md).
constexpr std::string_view kPlaceholder = "hostgraft-placeholder";

// A scalar that holds the placeholder, as text or base64-encoded (a chart
// that writes the value into a Secret's `data`).
bool HoldsPlaceholder(std::string_view value);

// Every value of the output that still holds the placeholder, in input
// documents (the edited text, or the text as it came when not edited) and
// generated ones: an error (exit 2) naming the document, YAML path and line.
// In lint (options.check_findings) a placeholder left in an Intercom Service
// resource because its Redis material is missing (--secrets none, or a
// secret lint already reports) is a warning. False when an error was added.
bool RefusePlaceholdersLeft(const RenderContext& ctx, const RenderOptions& options,
                            const EditedTexts& edited, const std::vector<GeneratedDocument>& generated);

}  // namespace hostgraft
