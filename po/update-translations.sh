#!/bin/sh
# Extracts the template from the sources and merges it into each language's
# .po file, then says what is left to translate in each. Run it after strings
# changed in the code; translate the fuzzy and untranslated entries it lists
# (po/check-translations.sh, the 'translations' test, fails until they are).
# Usage: po/update-translations.sh   (from anywhere in the checkout)
set -eu
po=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$po")

sh "$po/make-pot.sh" "$root" "$po/gloss.pot"
for lang in $(grep -v '^[[:space:]]*#' "$po/LINGUAS" | sed '/^[[:space:]]*$/d'); do
  if [ ! -f "$po/$lang.po" ]; then
    msginit --no-translator --locale="$lang" --input="$po/gloss.pot" --output-file="$po/$lang.po"
  fi
  msgmerge --quiet --update --backup=none --previous "$po/$lang.po" "$po/gloss.pot"
  printf '%s: ' "$lang"
  msgfmt --statistics --output-file=/dev/null "$po/$lang.po" 2>&1
done
