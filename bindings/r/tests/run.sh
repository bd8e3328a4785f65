#!/bin/bash
# run.sh LIB SRC SCRATCH RHETOR BUILD: installs the R package into SCRATCH (from a copy of the
# source) against the shared library LIB and the headers of SRC and BUILD, then runs its tests.
set -u
LIB=$1 SRC=$2 SCRATCH=$3 RHETOR=$4 BUILD=$5
for cmd in R Rscript; do
	command -v $cmd >/dev/null || { echo "skipped: $cmd is missing (scripts/install-deps --test installs r-base-dev)"; exit 77; }
done
Rscript -e 'library(testthat)' >/dev/null 2>&1 || { echo "skipped: R package testthat is missing (r-cran-testthat)"; exit 77; }
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH/lib"
cp -r "$SRC/bindings/r" "$SCRATCH/src"
LIBDIR=$(dirname "$LIB")
export RHETOR_CFLAGS="-I$SRC/include -I$BUILD/include"
export RHETOR_LIBS="-L$LIBDIR -lrhetor -Wl,-rpath,$LIBDIR"
R CMD INSTALL --no-test-load -l "$SCRATCH/lib" "$SCRATCH/src" >"$SCRATCH/install.log" 2>&1 ||
	{ cat "$SCRATCH/install.log"; exit 1; }
cd "$SCRATCH" || exit 1
export R_LIBS="$SCRATCH/lib" RHETOR_BIN=$RHETOR RHETOR_SRC=$SRC RHETOR_DATA_DIR=$SRC
Rscript -e 'testthat::test_dir(commandArgs(TRUE)[1], package = "rhetor", load_package = "installed", reporter = "summary", stop_on_failure = TRUE)' \
	"$SRC/bindings/r/tests/testthat" || exit 1
# R CMD check, as a package repository would run it: no error and no warning.
mkdir -p check && cd check || exit 1
cp -r "$SRC/bindings/r" rhetor
R CMD build --no-build-vignettes rhetor >build.log 2>&1 || { cat build.log; exit 1; }
R CMD check --no-manual rhetor_*.tar.gz >check.log 2>&1
st=$?
grep -E "^(\* checking .*(WARNING|ERROR|NOTE)|Status:)" check.log
if [ $st != 0 ] || grep -qE "^Status:.*(WARNING|ERROR)" check.log; then
	cat check.log
	exit 1
fi
