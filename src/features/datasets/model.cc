#include "features/datasets/model.h"

namespace opgv::datasets {

std::string statusLabel(const std::string& s) {
  if (s == status::kQueued) return "wartet";
  if (s == status::kRunning) return "läuft";
  if (s == status::kReview) return "Entscheidung nötig";
  if (s == status::kImported) return "übernommen";
  if (s == status::kCancelled) return "abgebrochen";
  if (s == status::kDiscarded) return "verworfen";
  if (s == status::kFailed) return "fehlgeschlagen";
  return s;
}

bool isFinished(const std::string& s) { return s != status::kQueued && s != status::kRunning; }

}  // namespace opgv::datasets
