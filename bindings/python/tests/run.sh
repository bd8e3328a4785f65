#!/bin/bash
# run.sh LIB SRC SCRATCH RHETOR: installs the Python package into SCRATCH (pip, from a copy of
# the source, no download) and runs its tests against the shared library LIB and the CLI RHETOR.
set -u
LIB=$1 SRC=$2 SCRATCH=$3 RHETOR=$4
PY=/usr/bin/python3
for mod in pandas pytest setuptools pip; do
	if ! "$PY" -c "import $mod" 2>/dev/null; then
		echo "skipped: python3 module $mod is missing (scripts/install-deps --test installs it)"
		exit 77
	fi
done
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
cp -r "$SRC/bindings/python" "$SCRATCH/src"
rm -rf "$SCRATCH/src/build" "$SCRATCH/src"/*.egg-info
"$PY" -m pip install --quiet --no-index --no-build-isolation --no-deps --disable-pip-version-check \
	--target "$SCRATCH/site" "$SCRATCH/src" >"$SCRATCH/pip.log" 2>&1 || { cat "$SCRATCH/pip.log"; exit 1; }
cd "$SCRATCH" || exit 1
RHETOR_LIB=$LIB RHETOR_DATA_DIR=$SRC RHETOR_BIN=$RHETOR RHETOR_SRC=$SRC PYTHONPATH=$SCRATCH/site \
	exec "$PY" -m pytest -q -p no:cacheprovider --rootdir "$SCRATCH" "$SRC/bindings/python/tests"
