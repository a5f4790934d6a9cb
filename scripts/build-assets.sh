#!/usr/bin/env bash
# Baut die selbst gehosteten Frontend-Assets nach static/vendor/ (git-ignoriert, generiert).
#
#   npm ci                         # einmalig bzw. nach Änderungen an package-lock.json
#   bash scripts/build-assets.sh   # aus dem Repository-Wurzelverzeichnis
#
# Kopiert KERN UX (CSS, Fira-Sans-Schrift) und Swagger UI aus node_modules/ und erzeugt mit
# tools/kern-srgb-fallback.mjs die sRGB-Fallback-Schicht static/vendor/kern-fallback.css.
# Idempotent: baut in ein temporäres Verzeichnis und ersetzt static/vendor/ erst am Ende.
# Es wird nichts aus dem Netz geladen (kein CDN).
set -euo pipefail
cd "$(dirname "$0")/.."

KERN=node_modules/@kern-ux/native
SWAGGER=node_modules/swagger-ui-dist
OUT=static/vendor
TMP=static/.vendor.tmp.$$

for f in "$KERN/dist/kern.min.css" "$KERN/dist/kern.css" "$KERN/dist/fonts/fira-sans.css" \
         "$SWAGGER/swagger-ui.css" "$SWAGGER/swagger-ui-bundle.js" "$SWAGGER/swagger-ui-standalone-preset.js"; do
  if [ ! -f "$f" ]; then
    echo "build-assets: $f fehlt – bitte zuerst 'npm ci' ausführen." >&2
    exit 1
  fi
done

cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT
rm -rf "$TMP"
mkdir -p "$TMP/fonts" "$TMP/licenses"

# --- KERN UX (EUPL-1.2) -------------------------------------------------------------------
cp "$KERN/dist/kern.min.css" "$TMP/kern.min.css"
cp "$KERN/dist/fonts/fira-sans.css" "$TMP/fonts/fira-sans.css"
cp "$KERN/LICENSE.md" "$TMP/licenses/kern-ux-EUPL-1.2.md"

# Nur die Schriftschnitte kopieren, die fira-sans.css tatsächlich referenziert, und dabei prüfen,
# dass jeder relative url()-Pfad nach dem Kopieren auflöst.
missing=0
while IFS= read -r rel; do
  rel=${rel#./}
  src="$KERN/dist/fonts/$rel"
  if [ ! -f "$src" ]; then
    echo "build-assets: fira-sans.css verweist auf fehlende Datei $rel" >&2
    missing=1
    continue
  fi
  mkdir -p "$TMP/fonts/$(dirname "$rel")"
  cp "$src" "$TMP/fonts/$rel"
done < <(grep -o 'url([^)]*)' "$TMP/fonts/fira-sans.css" | sed -E "s/^url\([\"']?//; s/[\"']?\)$//" | sort -u)
[ "$missing" -eq 0 ] || exit 1

# --- Swagger UI (Apache-2.0) ---------------------------------------------------------------
for f in swagger-ui.css swagger-ui-bundle.js swagger-ui-standalone-preset.js; do
  cp "$SWAGGER/$f" "$TMP/$f"
done
cp "$SWAGGER/LICENSE" "$TMP/licenses/swagger-ui-LICENSE.txt"
cp "$SWAGGER/NOTICE" "$TMP/licenses/swagger-ui-NOTICE.txt"
for f in swagger-ui-bundle.js.LICENSE.txt swagger-ui-standalone-preset.js.LICENSE.txt; do
  [ -f "$SWAGGER/$f" ] && cp "$SWAGGER/$f" "$TMP/licenses/$f"
done

# --- sRGB-Fallback für Browser ohne oklch() ---------------------------------------------------
node tools/kern-srgb-fallback.mjs "$KERN/dist/kern.css" "$TMP/kern-fallback.css"

# --- Prüfen: alle relativen url() in den kopierten CSS-Dateien lösen auf -------------------------
for css in "$TMP"/*.css "$TMP"/fonts/*.css; do
  dir=$(dirname "$css")
  while IFS= read -r u; do
    case "$u" in data:*|http:*|https:*|//*|'#'*) continue ;; esac
    target="$dir/${u%%[?#]*}"
    if [ ! -f "$target" ]; then
      echo "build-assets: ${css#"$TMP"/} verweist auf ${u}, Datei fehlt" >&2
      exit 1
    fi
  done < <(grep -o 'url([^)]*)' "$css" | sed -E "s/^url\([\"']?//; s/[\"']?\)$//" | sort -u)
done

# --- Austauschen ------------------------------------------------------------------------------
rm -rf "$OUT"
mv "$TMP" "$OUT"
trap - EXIT

cat > "$OUT/README.txt" <<'EOF'
Generiert von scripts/build-assets.sh – nicht bearbeiten, nicht einchecken.
KERN UX (@kern-ux/native): Lizenziert unter der EUPL-1.2 (licenses/kern-ux-EUPL-1.2.md).
Fira Sans: SIL Open Font License 1.1.
Swagger UI (swagger-ui-dist): Apache License 2.0 (licenses/swagger-ui-LICENSE.txt).
EOF

echo "build-assets: $OUT aktualisiert ($(find "$OUT" -type f | wc -l) Dateien, $(du -sh "$OUT" | cut -f1))."
