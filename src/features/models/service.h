#pragma once
// Everything the catalogue pages and the API do with models: list, detail, downloads (descriptor,
// blank template as CSV and XLSX, example), versions with their diff, the derived OpenAPI schema.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "common/result.h"
#include "validation/validator.h"
#include "features/models/repository.h"

namespace opgv::models {

struct Download {
  std::string filename;
  std::string content_type;
  std::string bytes;
};

// German name of a field's type with its notation, e.g. „Datum (JJJJ-MM-TT)“.
std::string typeLabel(const validation::Field& field);

class ModelService {
 public:
  // Computes the sizes of the downloads once: models change only with a release, and the detail
  // page names every size in its link texts.
  explicit ModelService(std::shared_ptr<const ModelRepository> repository);

  const std::vector<DataModel>& list() const { return repository_->all(); }
  // Bytes of a download: kind "csv" or "xlsx" (blank template), "example" (per resource) or
  // "descriptor" (resource empty). nullopt if there is no such file.
  std::optional<size_t> downloadSize(const std::string& slug, const std::string& resource, const std::string& kind) const;
  Result<const DataModel*> model(const std::string& slug) const;
  // `resource` empty: the first resource.
  Result<const validation::Resource*> resource(const DataModel& model, const std::string& resource) const;

  Result<Download> descriptor(const std::string& slug, const std::string& version) const;
  // format "csv" (header only, UTF-8 with BOM so that Excel opens it correctly) or "xlsx" (a data
  // sheet with the header and a second sheet describing every field).
  Result<Download> blankTemplate(const std::string& slug, const std::string& resource, const std::string& format) const;
  Result<Download> example(const std::string& slug, const std::string& resource) const;
  Result<ModelDiff> diff(const std::string& slug, const std::string& from, const std::string& to) const;
  // Synthetic test data (validation/synth.h) in the model's format. `rows` and `seed` are the
  // texts from the form or query ("" = 100 rows, seed 1); at most kMaxSyntheticRows rows online,
  // more with `opgv synth`.
  Result<Download> synthetic(const std::string& slug, const std::string& resource, const std::string& rows,
                             const std::string& seed) const;
  static constexpr int64_t kMaxSyntheticRows = 100'000;

  // Checks an uploaded file (CSV, XLSX, ODS) against a model resource, foreign keys to the
  // model's code lists included. Members only: the work is done on the server.
  struct UploadCheck {
    std::string model;
    std::string resource;  // empty: the first
    std::string filename;
    std::string_view bytes;
    bool germanDefaults = false;  // German notation where the model says nothing
  };
  Result<validation::Report> checkUpload(const auth::Principal& who, const UploadCheck& upload) const;

 private:
  std::shared_ptr<const ModelRepository> repository_;
  std::map<std::string, size_t> downloadSizes_;  // "slug/resource/kind"
};

}  // namespace opgv::models
