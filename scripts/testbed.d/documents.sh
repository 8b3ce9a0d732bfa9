# shellcheck shell=bash
# Test-bed module: no server, the tools that look at the rendered reports the way a reader does
# (RenderedDocumentsIT): headless Chromium (Debian's `chromium`) for screenshots and print of the
# HTML report, poppler-utils (pdftoppm, pdftotext, pdffonts) for the PDF, and fonts-dejavu-core,
# the fonts the PDF report embeds. `start` installs what is missing; `stop` has nothing to stop.

DOCUMENTS_TOOLS="chromium pdftoppm pdftotext pdffonts"
DOCUMENTS_FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

documents_install() {
    local need=()
    command -v chromium >/dev/null 2>&1 || need+=(chromium)
    command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
    [ -f "$DOCUMENTS_FONT" ] || need+=(fonts-dejavu-core)
    [ ${#need[@]} -eq 0 ] && return 0
    if declare -F testbed_install_packages >/dev/null; then
        testbed_install_packages "${need[@]}"
    else
        apt-get install -y --no-install-recommends "${need[@]}"
    fi
}

documents_start() {
    documents_status
}

documents_stop() {
    return 0
}

documents_status() {
    local t missing=()
    for t in $DOCUMENTS_TOOLS; do
        command -v "$t" >/dev/null 2>&1 || missing+=("$t")
    done
    [ -f "$DOCUMENTS_FONT" ] || missing+=("$DOCUMENTS_FONT")
    if [ ${#missing[@]} -gt 0 ]; then
        echo "documents: missing ${missing[*]}"
        return 1
    fi
    echo "documents: up (chromium, poppler-utils, DejaVu fonts installed)"
}
