# run.sh: install into a scratch prefix, build a program against it with pkg-config and with
# find_package(rhetor), run both, and run the installed rhetor away from the source tree.
set -u
BUILD=$1 SRC=$2 TMP=$3
rm -rf "$TMP" && mkdir -p "$TMP" && cd "$TMP" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

cmake --install "$BUILD" --prefix "$TMP/prefix" >install.log 2>&1 || { cat install.log; echo "FAIL: install"; exit 1; }
P=$TMP/prefix
libdir=$(ls -d "$P"/lib*/pkgconfig | head -1); libdir=${libdir%/pkgconfig}
export PKG_CONFIG_PATH=$libdir/pkgconfig

# 1. pkg-config: static or shared, whichever was installed.
static=--static; [ -n "$(ls "$libdir"/librhetor.so* 2>/dev/null)" ] && static=
if cc -o pc_consumer "$SRC/tests/consumer/consumer.c" $(pkg-config --cflags rhetor) $(pkg-config $static --libs rhetor) \
	-Wl,-rpath,"$libdir" 2>pc.log; then
	./pc_consumer >pc.out 2>&1 && grep -q "tables, first documents.csv" pc.out || { cat pc.out; fail "pkg-config program"; }
else
	cat pc.log; fail "pkg-config build"
fi

# 2. find_package(rhetor) in a fresh CMake project.
if cmake -S "$SRC/tests/consumer" -B cm -DCMAKE_PREFIX_PATH="$P" -DCMAKE_BUILD_RPATH="$libdir" >cm.log 2>&1 &&
	cmake --build cm >>cm.log 2>&1; then
	./cm/consumer >cm.out 2>&1 && grep -q "tables, first documents.csv" cm.out || { cat cm.out; fail "find_package program"; }
else
	cat cm.log; fail "find_package build"
fi

# 3. The installed rhetor uses the installed data: a word added to the installed stop list is left
#    out, and the chart style comes from the installed copy.
mkdir -p c && printf 'Zzmarker peace and cooperation.\n' > c/a.txt
echo zzmarker >> "$P/share/rhetor/datasets/stopwords/en.txt"
echo "# installed copy" >> "$P/share/rhetor/plots/rhetor.gp"
(cd / && env -u RHETOR_DATA_DIR "$P/bin/rhetor" freq "$TMP/c" --stopwords en -o "$TMP/out" --quiet) || fail "installed rhetor freq"
grep -q '^all,zzmarker,' out/terms.csv && fail "installed rhetor read the source tree's stop list"
grep -q '^all,peace,' out/terms.csv || fail "installed rhetor: terms.csv lacks peace"
(cd / && env -u RHETOR_DATA_DIR "$P/bin/rhetor" plot "$TMP/out" --no-render --quiet) || fail "installed rhetor plot"
grep -q '^# installed copy' out/plots/rhetor.gp || fail "installed rhetor did not take the installed style"

[ $fails = 0 ] && echo "consumer: pkg-config, find_package and the installed command all work"
exit $((fails > 0))
