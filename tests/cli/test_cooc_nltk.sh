#!/bin/bash
# test_cooc_nltk.sh: adjacent-bigram collocates agree with NLTK (o11, G2, PMI).
# Usage: test_cooc_nltk.sh RHETOR_BIN SOURCE_DIR SCRATCH_DIR (exit 77 = skipped)
set -u
bin=$1 src=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch" || exit 1
[ -x /usr/bin/python3 ] || { echo "no /usr/bin/python3: skipped"; exit 77; }
/usr/bin/python3 "$src/tests/cooc/nltk_check.py" "$bin" "$scratch"
