#!/bin/sh
# Fails unless every language in po/LINGUAS has a .po file that msgfmt --check
# accepts and that translates every string of the current sources: the
# template is extracted afresh from POTFILES.in, so a string added to the code
# shows up here until it is translated. po/update-translations.sh merges the
# new template into the .po files.
# Usage: check-translations.sh SOURCE_ROOT
set -u
root=${1:?usage: check-translations.sh SOURCE_ROOT}
po="$root/po"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

if ! sh "$po/make-pot.sh" "$root" "$tmp/gloss.pot"; then
  echo "cannot extract the template from POTFILES.in"
  exit 1
fi
total=$(msgattrib --no-obsolete "$tmp/gloss.pot" | grep -c '^msgid ')
total=$((total - 1))
echo "template: $total strings"

langs=$(grep -v '^[[:space:]]*#' "$po/LINGUAS" | sed '/^[[:space:]]*$/d')
if [ -z "$langs" ]; then
  echo "po/LINGUAS lists no language"
  exit 1
fi

for lang in $langs; do
  before=$status
  status=0
  file="$po/$lang.po"
  if [ ! -f "$file" ]; then
    echo "$lang: po/$lang.po is missing"
    status=1
    continue
  fi
  if ! msgfmt --check --check-accelerators=_ --output-file=/dev/null "$file"; then
    echo "$lang: msgfmt --check fails"
    status=1
  fi
  # Strings of the template that the .po lacks: merged, they come out
  # untranslated or fuzzy
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "$file" "$tmp/gloss.pot"
  missing=$(msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" | grep '^msgid ' | sed 1d)
  if [ -n "$missing" ]; then
    echo "$lang: $(printf '%s\n' "$missing" | wc -l) strings of the current sources are not translated" \
         "(run po/update-translations.sh, then translate them):"
    printf '%s\n' "$missing" | head -40 | sed 's/^/  /'
    status=1
  fi
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$file" | grep -c '^msgid ')
  untranslated=$(msgattrib --untranslated --no-obsolete "$file" | grep -c '^msgid ')
  if [ "$fuzzy" -gt 0 ]; then
    echo "$lang: $((fuzzy - 1)) fuzzy entries"
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$file" | grep '^msgid ' | sed 1d | head -20 | sed 's/^/  /'
    status=1
  fi
  if [ "$untranslated" -gt 0 ]; then
    echo "$lang: $((untranslated - 1)) untranslated entries"
    msgattrib --untranslated --no-obsolete --no-wrap "$file" | grep '^msgid ' | sed 1d | head -20 | sed 's/^/  /'
    status=1
  fi
  nplurals=$(sed -n 's/.*Plural-Forms: *nplurals=\([0-9]*\).*/\1/p' "$file")
  case "$lang" in
    ar) want=6 ;;
    *)  want=2 ;;
  esac
  if [ "$nplurals" != "$want" ]; then
    echo "$lang: Plural-Forms says nplurals=$nplurals, the language has $want"
    status=1
  fi
  [ $status -eq 0 ] && echo "$lang: complete"
  [ $before -ne 0 ] && status=$before
done
exit $status
