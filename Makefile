# LKHP: Linux Kernel Hot-Patcher for i386.
#
#   make kernel        build (or reuse) the cached i386 test kernel
#   make               build the tools and the runtime module
#   make check         all tests; ends with "N passed, N failed, N skipped"
#   make check-unit    host-only tests (no kernel)
#   make check-kernel  tests that boot the kernel in QEMU (test and Debian targets)
#   make debian-target fetch and prepare the Debian kernel the tests use
#                      (scripts/lkhp-target) and build its lkhp.ko
#   make demo          build everything, boot QEMU, live-patch, show the effect
#   make install       install lkhp-build and its tools under $(PREFIX) (default
#                      /usr/local); copy runtime-kmod/lkhp.ko and cli/lkhp
#                      to the target machine yourself
#   make deb           Debian packages into build/deb/: lkhp-build, lkhp, and
#                      lkhp-modules-RELEASE per DEB_TARGETS (docs/packaging.md)
#   make clean         remove build products (the kernel cache stays)

RESULTS := $(CURDIR)/build/test-results.txt
export LKHP_RESULTS := $(RESULTS)

.PHONY: all deps kernel tools runtime check check-unit check-kernel flavour-tests system-tests \
	unit-tests kernel-tests debian-target debian-tests demo install install-tools deb clean

all: tools runtime

deps:
	@scripts/lkhp-deps

kernel:
	@scripts/kernel-build

tools: deps
	@$(MAKE) --no-print-directory -C diff-object
	@$(MAKE) --no-print-directory -C diff-object/mkpatch

runtime: kernel
	@$(MAKE) --no-print-directory -C runtime-kmod

# Each suite records PASS/FAIL lines in $(RESULTS); a suite that cannot even
# be prepared (a build failed) is recorded as one failure, and the summary
# still prints.
define run-suites
	@mkdir -p build && rm -rf $(RESULTS) build/boot-retries.txt build/boot-retries
	@$(foreach s,$(1),$(MAKE) --no-print-directory $(s) || \
		echo "FAIL $(s): preparation failed (see above)" >>$(RESULTS);)
	@scripts/test-summary
endef

check:
	$(call run-suites,unit-tests kernel-tests debian-tests flavour-tests system-tests)

check-unit:
	$(call run-suites,unit-tests)

check-kernel:
	$(call run-suites,kernel-tests debian-tests flavour-tests system-tests)

unit-tests: tools
	@scripts/run-tests unit scripts/tests/unit/*.t
	@diff-object/tests/check
	@diff-object/mkpatch/tests/check

# lkhp-diff on objects of the built test kernel (one test per object) and
# lkhp-mkpatch against its vmlinux.
KERNEL_DIFF_OBJECTS := fs/proc/cmdline.o fs/proc/meminfo.o kernel/sys.o mm/gup.o

# One harness self-test per kernel failure class (scripts/tests/harness-failure):
# the console classes of LKHP_KERNEL_FAILURES in scripts/lib.sh, a WARNING
# printed after the guest commands ('late'), and a failure taint flag with
# nothing printed ('taint'). Written out here, apart from the table, so that
# a class taken out of the table fails unit/failure-classes instead of
# silently losing its self-test.
FAILURE_CLASSES := softlockup hardlockup hungtask rcustall rcuexpstall sanitizer \
	pagefault nx bug gpf divide doublefault stackseg panic warning oops late taint

kernel-tests: kernel runtime tools
	@scripts/run-tests --with diff-object/tests/kernel-objects.sh diff-kernel \
		$(KERNEL_DIFF_OBJECTS)
	@diff-object/mkpatch/tests/check --real
	@scripts/run-tests --with scripts/tests/harness-failure harness-failure \
		$(FAILURE_CLASSES)
	@scripts/run-tests kernel scripts/tests/kernel/*.t runtime-kmod/tests/kernel/*.t
	@scripts/run-tests --with scripts/patch-test patches test-patches/*.patch

# The Debian kernel of the tests: LKHP_DEBIAN_RELEASE of scripts/lib.sh.
# Its packages are fetched once into the cache (about 930 MB, see
# docs/targets.md); a suite of its own, so that a failed download does not
# cost the test-kernel suites.
DEBIAN_TARGET := debian:$(shell bash -c '. scripts/lib.sh && echo $$LKHP_DEBIAN_RELEASE')

debian-target: deps
	@scripts/lkhp-target prepare $(DEBIAN_TARGET)
	@$(MAKE) --no-print-directory -C runtime-kmod TARGET=$(DEBIAN_TARGET) module

# The integration suite on Debian's kernel too: every test patch whose
# .test is not for the test kernel only and that changes only .c files.
debian-tests: debian-target runtime tools
	@scripts/run-tests debian scripts/tests/debian/*.t
	@LKHP_TEST_TARGET=$(DEBIAN_TARGET) scripts/run-tests --with scripts/patch-test \
		debian-patches test-patches/*.patch

# Debian's other i386 flavours, a representative subset of the suite each:
# a vmlinux fix and a module's on 686 and rt-686-pae, and the functions
# tasks always sleep in on rt (PREEMPT_RT). Release 6.1.0-47 (Debian
# 6.1.170-3): the rt flavour needs the source package's debian/patches-rt,
# and the archive this runs against keeps that version's (docs/targets.md).
FLAVOUR_RELEASE := 6.1.0-47
FLAVOUR_TESTS := 686:cmdline-string 686:binfmt-misc-status rt-686-pae:cmdline-string \
	rt-686-pae:sleepers rt-686-pae:binfmt-misc-status
flavour-tests: runtime tools
	@set -e; for f in $(sort $(foreach t,$(FLAVOUR_TESTS),$(firstword $(subst :, ,$(t))))); do \
		t=debian:$(FLAVOUR_RELEASE)-$$f; \
		scripts/lkhp-target prepare $$t; \
		$(MAKE) --no-print-directory -C runtime-kmod TARGET=$$t module >/dev/null; \
		LKHP_TEST_TARGET=$$t scripts/run-tests --with scripts/patch-test flavour-$$f \
			$$(for p in $(FLAVOUR_TESTS); do [ "$${p%%:*}" = $$f ] && echo test-patches/$${p#*:}.patch; done); \
	done

# Debian systems (systemd, udev, apt, reboots) booted with Debian's kernel
# and its own initramfs: scripts/qemu-run --system. The system's disk is
# built once from Debian's archive into the cache (scripts/lkhp-system), as
# root; without root and a disk the tests skip.
system-tests: debian-target runtime tools
	@if [ "$$(id -u)" -eq 0 ]; then scripts/lkhp-system env $(DEBIAN_TARGET) >/dev/null; fi
	@scripts/run-tests system scripts/tests/system/*.t

demo: kernel runtime tools
	@scripts/demo/run

# The release, LKHP_VERSION of runtime-kmod/include/lkhp/consts.h: the man
# pages' footers and the Debian packages' versions (scripts/mkdeb) say it.
VERSION := $(shell bash -c '. scripts/lib.sh && lkhp_version')

build/man/%: docs/% runtime-kmod/include/lkhp/consts.h
	@mkdir -p build/man
	sed '1s/"LKHP"/"LKHP $(VERSION)"/' $< >$@

# lkhp-build finds its tools relative to itself: install the tree it needs
# under $(PREFIX)/lib/lkhp and link the command into $(PREFIX)/bin. With
# lkhp.ko's sources, it builds lkhp.ko for a Debian target itself (into the
# user's cache: an installed tree is read-only). install-tools is what the
# lkhp-build package holds; install adds the test kernel's lkhp.ko symbols
# (for -s -c -v) and lkhp(8).
PREFIX ?= /usr/local
LIBDIR := $(DESTDIR)$(PREFIX)/lib/lkhp
MANDIR := $(DESTDIR)$(PREFIX)/share/man
RUNTIME_SOURCES := runtime-kmod/Kbuild runtime-kmod/Makefile \
	$(filter-out %.mod.c,$(wildcard runtime-kmod/*.c runtime-kmod/*.S runtime-kmod/*.h))
install-tools: tools build/man/lkhp-build.1
	install -d $(LIBDIR)/build-tool $(LIBDIR)/scripts $(LIBDIR)/templates/deb \
		$(LIBDIR)/diff-object/mkpatch $(LIBDIR)/runtime-kmod \
		$(DESTDIR)$(PREFIX)/bin $(MANDIR)/man1
	install -m 755 build-tool/lkhp-build build-tool/lkhp-cc build-tool/lkhp-depscan \
		$(LIBDIR)/build-tool/
	install -m 644 scripts/lib.sh scripts/deb-lib.sh $(LIBDIR)/scripts/
	install -m 755 scripts/lkhp-target $(LIBDIR)/scripts/
	install -m 644 templates/Kbuild templates/lkhp-patch.c templates/lkhp-patch.lds \
		$(LIBDIR)/templates/
	install -m 644 templates/deb/postinst templates/deb/prerm $(LIBDIR)/templates/deb/
	install -m 755 diff-object/lkhp-diff $(LIBDIR)/diff-object/
	install -m 755 diff-object/mkpatch/lkhp-mkpatch $(LIBDIR)/diff-object/mkpatch/
	install -m 644 $(RUNTIME_SOURCES) $(LIBDIR)/runtime-kmod/
	cp -R runtime-kmod/include $(LIBDIR)/runtime-kmod/
	chmod -R u=rwX,go=rX $(LIBDIR)/runtime-kmod/include
	ln -sf ../lib/lkhp/build-tool/lkhp-build $(DESTDIR)$(PREFIX)/bin/lkhp-build
	install -m 644 build/man/lkhp-build.1 $(MANDIR)/man1/

install: all install-tools build/man/lkhp.8
	install -d $(MANDIR)/man8
	install -m 644 runtime-kmod/Module.symvers $(LIBDIR)/runtime-kmod/
	install -m 644 build/man/lkhp.8 $(MANDIR)/man8/

# Debian packages into build/deb/ (scripts/mkdeb, docs/packaging.md):
# lkhp-build, lkhp, and lkhp-modules-RELEASE for each of DEB_TARGETS
# (default: the Debian kernel of the tests); DEB_SIGN="KEY CERT" signs
# lkhp.ko for machines that check module signatures.
DEB_TARGETS ?= $(DEBIAN_TARGET)
deb: tools
	@$(MAKE) --no-print-directory -C runtime-kmod cli
	@set -e; for t in $(DEB_TARGETS); do \
		scripts/lkhp-target prepare $$t; \
		$(MAKE) --no-print-directory -C runtime-kmod TARGET=$$t module; done
	@scripts/mkdeb $(if $(DEB_SIGN),--sign $(DEB_SIGN)) $(DEB_TARGETS)

clean:
	rm -rf build
	@$(MAKE) --no-print-directory -C diff-object clean
	@$(MAKE) --no-print-directory -C diff-object/mkpatch clean
	@$(MAKE) --no-print-directory -C runtime-kmod clean
