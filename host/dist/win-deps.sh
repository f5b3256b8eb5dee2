#!/bin/bash
# win-deps.sh: cross-build Medskapa's Windows (x86_64) dependencies from Debian's source packages.
#
#   host/dist/win-deps.sh [PKG=VERSION ...]
#
# Each dependency is fetched with `apt-get source PKG=VERSION` from Debian bookworm (through a
# private apt configuration under the cache, so the system's apt setup is left alone), unpacked
# with Debian's patches applied, cross-compiled with mingw-w64, and installed into ONE prefix:
#
#   $MEDSKAPA_WIN_CACHE/prefix     (default ~/.cache/medskapa-win64/prefix)
#     bin/*.dll   include/   lib/*.dll.a   lib/pkgconfig/*.pc
#
# Every package is built once: a stamp per package and version records a key made of the
# version, the build recipe, the toolchain files, the compiler and the keys of the packages it
# is built against. A run where every stamp matches does no network access and takes seconds.
#
# Versions: the defaults are below (DEFAULT_WIN_DEPS). WIN_DEPS in the environment replaces the
# whole list; PKG=VERSION arguments replace single entries. Only the packages listed here have a
# build recipe.
#
# Environment:
#   MEDSKAPA_WIN_CACHE  cache directory (default ~/.cache/medskapa-win64)
#   WIN_DEPS            the pinned "pkg=version ..." list
#   JOBS                parallel compile jobs (default: nproc)
#   KEEP_BUILD=1        keep the unpacked sources and build trees under $CACHE/build
#
# Consumers: PKG_CONFIG_LIBDIR=$CACHE/prefix/lib/pkgconfig pkg-config --cflags --libs \
#   sdl2 SDL2_ttf SDL2_image libwebsockets libcjson libqrencode fribidi libuv
set -eu

# ---- the pinned versions (Debian bookworm source packages) ------------------------------------
DEFAULT_WIN_DEPS="libsdl2=2.26.5+dfsg-1
freetype=2.12.1+dfsg-5+deb12u4
harfbuzz=6.0.0+dfsg-3
libsdl2-ttf=2.20.1+dfsg-2
libsdl2-image=2.6.3+dfsg-1
libuv1=1.44.2-1+deb12u1
libwebsockets=4.1.6-3
cjson=1.7.15-1+deb12u4
fribidi=1.0.8-2.1
qrencode=4.1.1-1"

# The packages this script has a recipe for, in build order (each after what it is built against).
ORDER=(libsdl2 freetype harfbuzz libsdl2-ttf libsdl2-image libuv1 libwebsockets cjson fribidi qrencode)

# Which packages each one is built against (from the prefix). A rebuilt dependency rebuilds these.
declare -A DEPS=(
	[harfbuzz]="freetype"
	[libsdl2-ttf]="libsdl2 freetype harfbuzz"
	[libsdl2-image]="libsdl2"
	[libwebsockets]="libuv1"
)

# The Debian mirror the sources come from (the only network access, and only for missing sources).
DEBIAN_SRC="deb-src http://deb.debian.org/debian bookworm main"

HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${MEDSKAPA_WIN_CACHE:-$HOME/.cache/medskapa-win64}
PREFIX=$CACHE/prefix
JOBS=${JOBS:-$(nproc)}
TRIPLE=x86_64-w64-mingw32
START=$(date +%s.%N)

say() { printf '%s\n' "$*"; }
die() { printf 'win-deps: %s\n' "$*" >&2; exit 1; }

# ---- 1. build tools ---------------------------------------------------------------------------
# The x86-64 mingw compilers (what the metapackage mingw-w64 brings for 64-bit), build systems,
# dpkg-source, and wine for win-smoke.sh.
NEEDED="gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 meson ninja-build cmake pkg-config dpkg-dev
	xz-utils bzip2 wine64 wine"
missing=
for p in $NEEDED; do
	dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	say "Installing:$missing"
	sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
	# shellcheck disable=SC2086
	$sudo apt-get install -y --no-install-recommends $missing
fi

# Prefer the -posix compilers (C++11 threads in libstdc++); fall back to the plain names.
if command -v $TRIPLE-gcc-posix >/dev/null; then
	MINGW_CC=$TRIPLE-gcc-posix MINGW_CXX=$TRIPLE-g++-posix
else
	MINGW_CC=$TRIPLE-gcc MINGW_CXX=$TRIPLE-g++
fi
# Read by mingw64.cmake (also inside CMake's try_compile projects).
export MINGW_CC MINGW_CXX MEDSKAPA_WIN_PREFIX=$PREFIX
# pkg-config sees only the prefix: never the build machine's Linux .pc files.
export PKG_CONFIG_LIBDIR=$PREFIX/lib/pkgconfig
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR CC CXX CFLAGS CXXFLAGS LDFLAGS CPPFLAGS || true

# ---- 2. the version list ----------------------------------------------------------------------
WIN_DEPS=${WIN_DEPS:-$DEFAULT_WIN_DEPS}
declare -A VER=()
for e in $WIN_DEPS "$@"; do
	p=${e%%=*}
	if [ "$p" = "$e" ] || [ -z "${e#*=}" ]; then die "not PKG=VERSION: $e"; fi
	case " ${ORDER[*]} " in *" $p "*) ;; *) die "no build recipe for $p (known: ${ORDER[*]})" ;; esac
	VER[$p]=${e#*=}
done
for p in "${ORDER[@]}"; do
	[ -n "${VER[$p]:-}" ] || die "no version given for $p"
done

mkdir -p "$CACHE"/{src,logs,build} "$PREFIX/stamps" "$PREFIX/lib/pkgconfig"
# One run at a time per cache (make -j may start two).
exec 9>"$CACHE/lock"
flock 9

say "win-deps: cache $CACHE"
say "win-deps: compilers $MINGW_CC / $MINGW_CXX ($($MINGW_CC -dumpversion)), $JOBS jobs"
say "win-deps: pinned versions:"
for p in "${ORDER[@]}"; do say "  $p=${VER[$p]}"; done

# ---- apt with a sources list of its own -------------------------------------------------------
APT_DIR=$CACHE/apt
apt_private() {
	apt-get -o Dir::Etc::SourceList="$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$APT_DIR/lists" -o Dir::Cache="$APT_DIR/cache" \
		-o APT::Sandbox::User="$(id -un)" "$@"
}
# Once per run ($$ is the script's pid, also inside the subshells the builds run in).
apt_update_once() {
	[ "$(cat "$APT_DIR/updated-by" 2>/dev/null)" != $$ ] || return 0
	mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
	say "$DEBIAN_SRC" >"$APT_DIR/sources.list"
	say "win-deps: apt-get update (private lists in $APT_DIR)"
	apt_private -q update >"$CACHE/logs/apt-update.log" 2>&1 \
		|| { tail -n 40 "$CACHE/logs/apt-update.log"; die "apt-get update failed"; }
	echo $$ >"$APT_DIR/updated-by"
}

# The .dsc's file list: "sha256 size name" lines of its Checksums-Sha256 section.
dsc_files() {
	awk '/^Checksums-Sha256:/ {s=1; next} /^[^ ]/ {s=0} s && NF==3 {print}' "$1"
}

# Fetch PKG VERSION into $CACHE/src unless every file of its .dsc is already there and intact.
fetch_source() {
	local pkg=$1 ver=$2 dsc name ok
	dsc=$CACHE/src/${pkg}_${ver#*:}.dsc
	if [ -f "$dsc" ] && (cd "$CACHE/src" && dsc_files "$dsc" | awk '{print $1"  "$3}' \
			| sha256sum -c --quiet >/dev/null 2>&1); then
		return 0
	fi
	apt_update_once
	say "apt-get source --download-only $pkg=$ver"
	ok=1
	(cd "$CACHE/src" && apt_private -q source --download-only "$pkg=$ver") || ok=
	[ -f "$dsc" ] || die "$pkg=$ver: no such source package on the mirror"
	if [ -z "$ok" ]; then
		# Tolerate only a missing .debian.tar.* (the packaging and patches): the upstream
		# tarballs must be there and intact. unpack_source then warns loudly.
		while read -r _ _ name; do
			case $name in *.debian.tar.*) continue ;; esac
			[ -f "$CACHE/src/$name" ] || die "$pkg=$ver: $name could not be fetched"
		done < <(dsc_files "$dsc")
	fi
	return 0
}

# Unpack PKG VERSION into DIR with Debian's patches applied (dpkg-source -x), checksums verified.
unpack_source() {
	local pkg=$1 ver=$2 dir=$3 dsc sum _size name debtar=
	dsc=$CACHE/src/${pkg}_${ver#*:}.dsc
	rm -rf "$dir"
	mkdir -p "$(dirname "$dir")"
	while read -r sum _size name; do
		if [ ! -f "$CACHE/src/$name" ]; then
			case $name in *.debian.tar.*) debtar=$name; continue ;; esac
			die "$pkg: $name missing"
		fi
		printf '%s  %s\n' "$sum" "$CACHE/src/$name" | sha256sum -c --quiet \
			|| die "$pkg: checksum mismatch for $name"
	done < <(dsc_files "$dsc")
	if [ -z "$debtar" ]; then
		dpkg-source --no-check -x "$dsc" "$dir"
	else
		say "WARNING: $pkg=$ver: $debtar is missing on the mirror; building the upstream"
		say "WARNING: tarball alone, WITHOUT Debian's patches."
		mkdir -p "$dir"
		tar -xf "$CACHE/src/$(dsc_files "$dsc" | awk '$3 ~ /\.orig\.tar\./ && $3 !~ /orig-/ {print $3}')" \
			-C "$dir" --strip-components=1
	fi
}

# ---- build helpers (run inside a package's build, with SRC and BLD set) ------------------------
cmake_build() {
	cmake -S "$SRC" -B "$BLD" -G Ninja \
		-DCMAKE_TOOLCHAIN_FILE="$HERE/mingw64.cmake" \
		-DCMAKE_BUILD_TYPE=Release \
		-DCMAKE_INSTALL_PREFIX="$PREFIX" \
		-DCMAKE_INSTALL_LIBDIR=lib \
		"$@"
	cmake --build "$BLD" -j "$JOBS"
	cmake --install "$BLD" --strip
}

meson_build() {
	# The compilers chosen above and the prefix's pkg-config directory, over mingw64.meson.
	cat >"$BLD.local.meson" <<-EOF
	[binaries]
	c = '$MINGW_CC'
	cpp = '$MINGW_CXX'
	[properties]
	pkg_config_libdir = '$PREFIX/lib/pkgconfig'
	EOF
	meson setup "$BLD" "$SRC" \
		--cross-file "$HERE/mingw64.meson" --cross-file "$BLD.local.meson" \
		--prefix "$PREFIX" --libdir lib --buildtype release \
		--default-library shared --wrap-mode nofallback "$@"
	ninja -C "$BLD" -j "$JOBS"
	meson install -C "$BLD" --no-rebuild --strip
}

# Fail unless DLL imports (links against) a DLL whose name matches PATTERN.
need_import() {
	$TRIPLE-objdump -p "$PREFIX/bin/$1" | grep -q "DLL Name: $2" \
		|| { echo "CHECK FAILED: $1 does not import $2"; return 1; }
	echo "check: $1 imports $2"
}

# ---- the recipes: one function per package ----------------------------------------------------
build_libsdl2() {
	# SDL2.dll with its default Windows drivers (windows + dummy video, software/D3D renderers);
	# libSDL2main.a for WinMain. No test library.
	cmake_build -DSDL_SHARED=ON -DSDL_STATIC=OFF -DSDL_TEST=OFF
	[ -f "$PREFIX/bin/SDL2.dll" ]
}

build_freetype() {
	# Shared FreeType. No system zlib: FreeType then uses its own copy for gzip-compressed fonts.
	# Without HarfBuzz (that is only for its auto-hinter; SDL_ttf shapes with HarfBuzz itself).
	cmake_build -DBUILD_SHARED_LIBS=ON -DFT_DISABLE_ZLIB=ON -DFT_DISABLE_BZIP2=ON \
		-DFT_DISABLE_PNG=ON -DFT_DISABLE_HARFBUZZ=ON -DFT_DISABLE_BROTLI=ON
}

build_harfbuzz() {
	# HarfBuzz with FreeType, nothing else. It is C++: libstdc++ and libgcc are linked in
	# statically so that no compiler runtime DLL has to be shipped for it.
	meson_build -Dfreetype=enabled -Dglib=disabled -Dgobject=disabled -Dcairo=disabled \
		-Dchafa=disabled -Dicu=disabled -Dgraphite2=disabled -Dtests=disabled \
		-Ddocs=disabled -Dintrospection=disabled -Dbenchmark=disabled \
		-Dc_link_args='-static-libgcc' -Dcpp_link_args='-static-libgcc -static-libstdc++'
	need_import libharfbuzz-0.dll 'libfreetype'
	# HarfBuzz 6.0 always builds its font subsetter too (1.1 MB); nothing here uses it.
	rm -f "$PREFIX/bin/libharfbuzz-subset-0.dll" "$PREFIX/lib/libharfbuzz-subset.dll.a" \
		"$PREFIX/lib/pkgconfig/harfbuzz-subset.pc" "$PREFIX"/include/harfbuzz/hb-subset*.h
}

build_libsdl2_ttf() {
	# SDL2_ttf against the prefix's FreeType and HarfBuzz (the dfsg tarball has no bundled
	# copies). HarfBuzz shaping is required: Arabic/Persian need it.
	cmake_build -DBUILD_SHARED_LIBS=ON -DSDL2TTF_VENDORED=OFF -DSDL2TTF_HARFBUZZ=ON \
		-DSDL2TTF_SAMPLES=OFF
	need_import SDL2_ttf.dll 'libharfbuzz'
	need_import SDL2_ttf.dll 'libfreetype'
}

build_libsdl2_image() {
	# SDL2_image with its bundled decoders only: stb_image loads PNG/JPEG, miniz writes PNG
	# (IMG_SavePNG), tiny_jpeg writes JPEG. No libpng/libjpeg/WIC, no AVIF/JXL/TIFF/WebP.
	cmake_build -DBUILD_SHARED_LIBS=ON -DSDL2IMAGE_VENDORED=OFF -DSDL2IMAGE_DEPS_SHARED=OFF \
		-DSDL2IMAGE_BACKEND_STB=ON -DSDL2IMAGE_BACKEND_WIC=OFF \
		-DSDL2IMAGE_AVIF=OFF -DSDL2IMAGE_JXL=OFF -DSDL2IMAGE_TIF=OFF -DSDL2IMAGE_WEBP=OFF \
		-DSDL2IMAGE_PNG=ON -DSDL2IMAGE_PNG_SAVE=ON -DSDL2IMAGE_SAMPLES=OFF -DSDL2IMAGE_TESTS=OFF
}

build_libuv1() {
	# libuv (the event loop libwebsockets runs on under Windows): shared libuv.dll.
	cmake_build -DLIBUV_BUILD_TESTS=OFF -DLIBUV_BUILD_BENCH=OFF
}

build_libwebsockets() {
	# libwebsockets 4.1 without TLS, with libuv linked INTO the DLL (LWS_WITH_EVLIB_PLUGINS=OFF;
	# on Linux 4.1 defaults to event libs as runtime plugins), no zlib (so no permessage-deflate),
	# no test apps or examples. IPv6 on, as in Debian's build.
	cmake_build -DLWS_WITH_SSL=OFF -DLWS_WITH_LIBUV=ON -DLWS_WITH_EVLIB_PLUGINS=OFF \
		-DLWS_LIBUV_INCLUDE_DIRS="$PREFIX/include" -DLWS_LIBUV_LIBRARIES="$PREFIX/lib/libuv.dll.a" \
		-DLWS_WITH_ZLIB=OFF -DLWS_IPV6=ON \
		-DLWS_WITH_SHARED=ON -DLWS_WITH_STATIC=OFF \
		-DLWS_WITHOUT_TESTAPPS=ON -DLWS_WITH_MINIMAL_EXAMPLES=OFF
	need_import libwebsockets.dll 'libuv'
	# lws 4.1 writes its .pc only on Unix; this one says what the Linux one says, and that
	# its headers include <uv.h> (LWS_WITH_LIBUV).
	cat >"$PREFIX/lib/pkgconfig/libwebsockets.pc" <<-EOF
	prefix=$PREFIX
	exec_prefix=\${prefix}
	libdir=\${exec_prefix}/lib
	includedir=\${prefix}/include

	Name: libwebsockets
	Description: Websockets server and client library (no TLS, libuv event loop)
	Version: ${VER[libwebsockets]%%-*}
	Requires: libuv
	Libs: -L\${libdir} -lwebsockets
	Libs.private: -lws2_32 -liphlpapi
	Cflags: -I\${includedir}
	EOF
}

build_cjson() {
	# Without cJSON's own flags: they add -fstack-protector-strong, which with mingw-w64 10
	# makes the DLL import libssp-0.dll (and -Werror, which a newer compiler may trip).
	cmake_build -DBUILD_SHARED_LIBS=ON -DENABLE_CJSON_TEST=OFF -DENABLE_CJSON_UTILS=OFF \
		-DENABLE_CUSTOM_COMPILER_FLAGS=OFF
}

build_fribidi() {
	# The library only: its meson.build always builds the fribidi tool and the tests, so those
	# two subdirs are dropped from this (private) copy of the sources.
	sed -i -e "/^subdir('bin')/d" -e "/^subdir('test')/d" "$SRC/meson.build"
	meson_build -Ddocs=false
}

build_qrencode() {
	# The library only: no qrencode tool (which would need libpng), no tests.
	# It finds pthreads (winpthreads here) and uses them to make its first use thread-safe.
	cmake_build -DBUILD_SHARED_LIBS=ON -DWITH_TOOLS=NO -DWITH_TESTS=NO -DWITHOUT_PNG=YES
	# Its install rule puts the DLL in lib/; DLLs belong in bin/ with the others.
	mv "$PREFIX/lib/libqrencode.dll" "$PREFIX/bin/"
}

# ---- 3. build what is not stamped -------------------------------------------------------------
declare -A KEY=()
TOOLING=$(cat "$HERE/mingw64.cmake" "$HERE/mingw64.meson"; declare -f cmake_build meson_build \
	need_import unpack_source; $MINGW_CC --version | head -n 1; $MINGW_CXX --version | head -n 1)
built=0
for pkg in "${ORDER[@]}"; do
	ver=${VER[$pkg]}
	fn=build_${pkg//-/_}
	KEY[$pkg]=$( { echo "$pkg=$ver"; declare -f "$fn"; echo "$TOOLING"
		for d in ${DEPS[$pkg]:-}; do echo "$d ${KEY[$d]:?$pkg needs $d built first}"; done
	} | sha256sum | cut -c1-16)
	stamp=$PREFIX/stamps/${pkg}_${ver#*:}.stamp
	if [ "$(cat "$stamp" 2>/dev/null)" = "${KEY[$pkg]}" ]; then
		say "  ok       $pkg $ver"
		continue
	fi
	log=$CACHE/logs/$pkg.log
	say "  building $pkg $ver (log: $log)"
	t0=$(date +%s)
	rm -f "$PREFIX"/stamps/"${pkg}"_*.stamp
	work=$CACHE/build/$pkg-${ver#*:}
	# Fetch and build in a subshell with errexit in force (not under `||`, which would switch
	# it off), all output to the log.
	set +e
	(
		set -e
		SRC=$work/src BLD=$work/build
		fetch_source "$pkg" "$ver"
		unpack_source "$pkg" "$ver" "$SRC"
		"$fn"
	) >"$log" 2>&1
	rc=$?
	set -e
	if [ $rc -ne 0 ]; then
		say "---- last 40 lines of $log ----"
		tail -n 40 "$log"
		die "FAILED: $pkg $ver (exit $rc; full log $log)"
	fi
	grep -h '^WARNING' "$log" || true
	[ -n "${KEEP_BUILD:-}" ] || rm -rf "$work"
	echo "${KEY[$pkg]}" >"$stamp"
	built=$((built + 1))
	say "           $pkg done in $(( $(date +%s) - t0 )) s"
done

# ---- every DLL a prefix DLL imports must be in the prefix or be part of Windows ---------------
# A DLL of the compiler's runtime (libwinpthread-1.dll: qrencode uses pthreads, which the -posix
# compilers implement with winpthreads) is copied in from the toolchain. Windows' own DLLs are
# recognised by wine shipping a builtin of the same name.
WINE_DLLS=/usr/lib/x86_64-linux-gnu/wine/x86_64-windows
for dll in "$PREFIX"/bin/*.dll; do
	$TRIPLE-objdump -p "$dll" | sed -n 's/^\s*DLL Name: //p'
done | sort -u | while read -r imp; do
	[ ! -f "$PREFIX/bin/$imp" ] || continue
	case $imp in
	libwinpthread-1.dll | libgcc_s_seh-1.dll | libstdc++-6.dll | libssp-0.dll)
		src=$($MINGW_CC -print-file-name="$imp")
		[ -f "$src" ] || src=/usr/$TRIPLE/lib/$imp
		say "win-deps: copying the compiler runtime $imp (imported by the prefix's DLLs)"
		cp "$src" "$PREFIX/bin/"
		$TRIPLE-strip --strip-unneeded "$PREFIX/bin/$imp" ;;
	*)
		[ -f "$WINE_DLLS/${imp,,}" ] || say "WARNING: $imp is imported but neither in the prefix nor a Windows DLL" ;;
	esac
done

# ---- 4. summary -------------------------------------------------------------------------------
say "win-deps: prefix $PREFIX ($(du -sh "$PREFIX" | cut -f1))"
say "win-deps: DLLs in $PREFIX/bin:"
for dll in "$PREFIX"/bin/*.dll; do
	say "  $(basename "$dll") ($(du -k "$dll" | cut -f1) KiB)"
done
say "win-deps: flags: PKG_CONFIG_LIBDIR=$PKG_CONFIG_LIBDIR pkg-config --cflags --libs sdl2 SDL2_ttf SDL2_image libwebsockets libcjson libqrencode fribidi libuv"
say "win-deps: $built package(s) built, wall time $(awk -v a="$START" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"
