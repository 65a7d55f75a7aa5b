# Builds quire in release mode and installs it with its man page and shell completions.
#
#   make                          build into .build/ (binary, man page, completions)
#   make install PREFIX=~/.local  install under PREFIX (default /usr/local; DESTDIR too)
#   make uninstall PREFIX=…       remove what install put there
#
# The man page is generated from the command line's own definitions (swift-argument-
# parser's generate-manual), the completions by quire itself, so neither can drift.
PREFIX ?= /usr/local
SWIFT_BIN := $(wildcard /opt/swift/usr/bin)
export PATH := $(if $(SWIFT_BIN),$(SWIFT_BIN):,)$(PATH)
BIN := .build/release/quire
SHARE := .build/share

.PHONY: all build install uninstall
all: build

build:
	scripts/install-deps
	swift build -c release --static-swift-stdlib --product quire
	swift build -c release --product generate-manual
	mkdir -p $(SHARE)/man $(SHARE)/completions
	.build/release/generate-manual $(BIN) --output-directory $(SHARE)/man
	$(BIN) --generate-completion-script bash > $(SHARE)/completions/quire.bash
	$(BIN) --generate-completion-script zsh > $(SHARE)/completions/_quire
	$(BIN) --generate-completion-script fish > $(SHARE)/completions/quire.fish

install: build
	install -D -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/quire
	install -D -m 644 $(SHARE)/man/quire.1 $(DESTDIR)$(PREFIX)/share/man/man1/quire.1
	install -D -m 644 $(SHARE)/completions/quire.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/quire
	install -D -m 644 $(SHARE)/completions/_quire $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_quire
	install -D -m 644 $(SHARE)/completions/quire.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/quire.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/quire $(DESTDIR)$(PREFIX)/share/man/man1/quire.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/quire \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_quire \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/quire.fish
