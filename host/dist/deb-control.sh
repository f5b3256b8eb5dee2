#!/bin/sh
# Write DEBIAN/control of the medskapa package (used by host/dist/deb.mk).
#   deb-control.sh TOP VERSION ARCH FONTS_LIST
# TOP holds debian/medskapa/ (the staged package tree, binary already in usr/bin). Depends is
# computed here, nothing in it is written by hand:
#  - the shared libraries the binary links: dpkg-shlibdeps on the staged binary (it needs a
#    debian/control beside the tree: TOP/debian/control is written for it);
#  - the libwebsockets event-lib plugin for libev, which lws dlopens at run time (the host
#    makes its lws context on a libev loop: LWS_SERVER_OPTION_LIBEV, host/net.c), so no
#    linker or dpkg-shlibdeps sees it: the package owning libwebsockets-evlib_ev.so in lws's
#    libdir, at least the installed version's upstream part;
#  - the font packages: the packages owning the absolute font files FONTS_LIST names
#    (assets/fonts.txt), which the board opens at run time.
set -eu
top=$(cd "$1" && pwd) version=$2 arch=$3 fonts=$4
root=$top/debian/medskapa
die() { echo "deb-control.sh: $*" >&2; exit 1; }
# The package owning a file, without its :arch ("pkg:amd64, pkg2: /path" gives pkg); empty if none.
owner() { dpkg -S "$1" 2>/dev/null | sed -n '1{s/: .*//;s/,.*//;s/:.*//;p}'; }

# dpkg-shlibdeps reads debian/control for the package's name (this is all it needs there) and
# finds the package's root by its DEBIAN folder.
mkdir -p "$root/DEBIAN"
printf 'Source: medskapa\n\nPackage: medskapa\nArchitecture: any\n' >"$top/debian/control"
shlibs=$(cd "$top" && dpkg-shlibdeps -O -edebian/medskapa/usr/bin/medskapa 2>"$top/shlibdeps.log") ||
	{ cat "$top/shlibdeps.log" >&2; die "dpkg-shlibdeps failed"; }
shlibs=${shlibs#shlibs:Depends=}
[ -n "$shlibs" ] || die "dpkg-shlibdeps found no libraries"

plugin="$(pkg-config --variable=libdir libwebsockets)/libwebsockets-evlib_ev.so"
evpkg=$(owner "$plugin")
[ -n "$evpkg" ] || die "no package owns $plugin (apt-get install libwebsockets-evlib-ev)"
evver=$(dpkg-query -W -f='${source:Upstream-Version}' "$evpkg")

fontpkgs=""
# shellcheck disable=SC2013 # fonts.txt is split on blanks: its paths have none
for f in $(awk '!/^#/ && $2 ~ /^\// { print $2 }' "$fonts"); do
	p=$(owner "$f")
	if [ -z "$p" ]; then echo "deb-control.sh: warning: no package owns $f" >&2; continue; fi
	case " $fontpkgs " in *" $p "*) ;; *) fontpkgs="$fontpkgs $p" ;; esac
done
[ -n "$fontpkgs" ] || die "no package owns any font file named in $fonts"

depends="$shlibs, $evpkg (>= $evver)"
for p in $fontpkgs; do depends="$depends, $p"; done
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)

cat >"$root/DEBIAN/control" <<CONTROL
Package: medskapa
Version: $version
Architecture: $arch
Maintainer: Medskapa <medskapa@localhost>
Installed-Size: $size
Depends: $depends
Section: misc
Priority: optional
Description: workshop tool for co-creation meetings (board, phones, sessions)
 Medskapa runs a co-creation meeting from one laptop with no internet: a shared
 board on the projector, a phone page every participant opens from a QR code
 (no app, no account) to post ideas, vote and answer polls, and every session
 saved as JSON for the minutes. The board and phones speak Swedish, English,
 Arabic, Persian, Tigrinya, Somali and Ukrainian.
CONTROL
