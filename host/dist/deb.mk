# host/dist/deb.mk: `make deb` builds build/medskapa_$(VERSION)_$(DEB_ARCH).deb, a Debian package
# of the host (the binary, the phone page, the board's words and font list, the templates, a
# desktop entry); `make test-deb` builds it and runs tests/deb/ (installs it into a temporary
# root and starts it). Included by the top Makefile, which defines VERSION and DEB_RUN.
#
# Staging tree: build/deb/debian/medskapa (the usual debian/<package> layout, so dpkg-shlibdeps
# finds it); DEBIAN/control is written by host/dist/deb-control.sh, which computes Depends.
# dpkg-deb --root-owner-group makes every file root's without fakeroot.

DEB_ARCH  := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB_FILE  := build/medskapa_$(VERSION)_$(DEB_ARCH).deb
DEB_TOP   := build/deb
DEB_ROOT  := $(DEB_TOP)/debian/medskapa
DEB_SHARE := $(DEB_ROOT)/usr/share/medskapa
# What packing needs (dpkg-shlibdeps is in dpkg-dev, strip in binutils), and what the test
# adds: desktop-file-validate.
DEB_PACK  := dpkg-dev binutils
DEB_CHECK := desktop-file-utils nodejs
DEB_DATA  := $(shell find participant-web assets sessions/templates -type f 2>/dev/null)

.PHONY: deb test-deb setup-deb setup-test-deb

setup-deb:
	@tests/setup.sh $(DEB_RUN) $(DEB_PACK)

setup-test-deb: setup-deb
	@tests/setup.sh $(DEB_CHECK)

# Always from the normal build (build/medskapa), whatever SANITIZE says.
deb: setup-deb
	@$(MAKE) --no-print-directory SANITIZE= $(DEB_FILE)

$(DEB_FILE): build/medskapa $(DEB_DATA) host/dist/deb.mk host/dist/deb-control.sh \
             host/dist/medskapa.desktop host/dist/copyright
	rm -rf $(DEB_TOP)
	mkdir -p $(DEB_ROOT)/usr/bin $(DEB_SHARE)/sessions/templates \
		$(DEB_ROOT)/usr/share/applications $(DEB_ROOT)/usr/share/doc/medskapa
	install -m 0755 build/medskapa $(DEB_ROOT)/usr/bin/medskapa
	strip --remove-section=.comment --remove-section=.note $(DEB_ROOT)/usr/bin/medskapa
	cp -R participant-web assets $(DEB_SHARE)/
	install -m 0644 sessions/templates/*.json $(DEB_SHARE)/sessions/templates/
	install -m 0644 host/dist/medskapa.desktop $(DEB_ROOT)/usr/share/applications/
	install -m 0644 host/dist/copyright $(DEB_ROOT)/usr/share/doc/medskapa/
	chmod -R u=rwX,go=rX $(DEB_SHARE)
	host/dist/deb-control.sh $(DEB_TOP) $(VERSION) $(DEB_ARCH) assets/fonts.txt
	dpkg-deb --build --root-owner-group $(DEB_ROOT) $@.tmp >/dev/null
	mv $@.tmp $@
	@dpkg-deb -f $@ Depends | sed 's/^/Depends: /'
	@echo "$@: $$(du -k $@ | cut -f1) KiB"

test-deb: setup-test-deb deb
	node --test --test-reporter=spec tests/deb/*.test.js
