#!/usr/bin/env bash
# Refresh the committed Designsystemet files (Digdir, MIT) in api/static/ds/ from the npm registry.
# The pages serve these files as they are: no build toolchain at run time, nothing fetched by browsers.
# Needs npm (`apt-get install -y npm`). Bump a version here, run this, run the browser tests, commit.
set -euo pipefail
CSS_VERSION=1.22.0     # @digdir/designsystemet-css
THEME_VERSION=1.11.0   # @digdir/designsystemet-theme
cd "$(dirname "$0")/.."
out=api/static/ds
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@digdir/designsystemet-css@$CSS_VERSION" "@digdir/designsystemet-theme@$THEME_VERSION" >/dev/null)
mkdir -p "$work/css" "$work/theme" "$out"
tar xzf "$work/digdir-designsystemet-css-$CSS_VERSION.tgz" -C "$work/css"
tar xzf "$work/digdir-designsystemet-theme-$THEME_VERSION.tgz" -C "$work/theme"
cp "$work/css/package/dist/src/index.css" "$out/designsystemet.css"
cp "$work/theme/package/src/themes/designsystemet.css" "$out/theme.css"
cp "$work/css/package/LICENSE" "$out/LICENSE"
cat > "$out/VERSIONS" <<VERSIONS
@digdir/designsystemet-css $CSS_VERSION (dist/src/index.css -> designsystemet.css)
@digdir/designsystemet-theme $THEME_VERSION (src/themes/designsystemet.css -> theme.css)
Both MIT, (c) Digitaliseringsdirektoratet; see LICENSE. Refreshed by scripts/fetch_designsystemet.sh.
VERSIONS
echo "api/static/ds: designsystemet-css $CSS_VERSION, designsystemet-theme $THEME_VERSION"
