#!/usr/bin/env bash
# Renders the app icon from its master drawing, icons/kubewizard.svg, at every size the app and the installers use,
# copies the window sizes into the jar's resources, and packs the Windows .ico and the macOS .icns from the same
# PNGs. Run it after changing the drawing and commit the results; IconFilesTest checks that they agree.
# Needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin) and a JDK 17.
set -euo pipefail
cd "$(dirname "$0")/.."

for size in 16 20 24 32 40 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio icons/kubewizard.svg \
    --output "icons/png/kubewizard-$size.png"
done
# The window and taskbar icons (dev.kubewizard.ui.AppIcon).
for size in 16 24 32 48 64 128 256; do
  cp "icons/png/kubewizard-$size.png" src/main/resources/dev/kubewizard/ui/icons/
done
java src/test/java/dev/kubewizard/packaging/IconContainers.java icons
