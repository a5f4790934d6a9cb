#pragma once
// The model registry is read from files (models/ in the repository, shipped with the binary's
// resources), not from the database: a model changes only with a release, through review of its
// descriptor and changelog like code.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "features/models/model.h"

namespace opgv::models {

class ModelRepository {
 public:
  // Reads every models/<slug>/datapackage.json with its changelog and versionen/<semver>/.
  // Broken models are left out and named in `problems` (German).
  static std::shared_ptr<const ModelRepository> load(const std::filesystem::path& modelsDir,
                                                     std::vector<std::string>* problems);

  const std::vector<DataModel>& all() const { return models_; }
  const DataModel* find(const std::string& slug) const;

 private:
  std::vector<DataModel> models_;
};

}  // namespace opgv::models
