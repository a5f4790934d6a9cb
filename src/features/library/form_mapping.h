#pragma once
// The submission form and the use-case document, both ways. The form has a fixed number of rows
// for KPIs, Hürden, Projektweg and contacts (one more than filled, at least a default), so it
// works without JavaScript; "Vorschau" re-renders the same form with the rendered text above it.
#include <nlohmann/json.hpp>

#include "common/result.h"
#include "http/form.h"

namespace opgv::library {

nlohmann::json documentFromForm(const http::FormData& form);
// Template model of the form (FIELD_*_VALUE, checked/selected flags, row sections, errors).
nlohmann::json formModel(const nlohmann::json& document, const std::vector<FieldError>& errors);

}  // namespace opgv::library
