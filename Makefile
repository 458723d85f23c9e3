# Internet Desa Kaltim — developer commands. See README.md.
SHELL := /bin/bash
PLUGIN := kaltim_internet_plugin
PY := /usr/bin/python3
VENV := .venv
VPY := $(VENV)/bin/python
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
BUILD := build/plugins
ZIP := dist/$(PLUGIN)-$(VERSION).zip
QGIS_PROFILE ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup build translations test test-matrix demo bench package deploy lint sample templates model clean

help:
	@echo "make demo | test | test-matrix | bench | package | deploy | translations | lint | sample | templates | model | clean"

setup:
	@bash scripts/setup.sh

translations: setup
	$(PY) scripts/i18n.py update
	$(PY) scripts/i18n.py release

build: translations
	$(PY) scripts/build_plugin.py --out $(BUILD)

package: build
	$(PY) scripts/build_plugin.py --out $(BUILD) --zip $(ZIP)
	@ls -l $(ZIP)

deploy: build
	mkdir -p "$(QGIS_PROFILE)/python/plugins"
	rm -rf "$(QGIS_PROFILE)/python/plugins/$(PLUGIN)"
	cp -r "$(BUILD)/$(PLUGIN)" "$(QGIS_PROFILE)/python/plugins/$(PLUGIN)"
	@echo "Deployed to $(QGIS_PROFILE)/python/plugins/$(PLUGIN); enable it in Plugins > Manage and Install Plugins."

test: package
	QGIS_PLUGINPATH=$(CURDIR)/$(BUILD) $(VPY) -m pytest tests -ra

# The whole suite on QGIS 3.22 (Debian 12), 3.40 LTR (Debian 13) and 3.44 (Debian unstable), each in a cached clean
# root of Debian's packages (needs root and debootstrap; see scripts/matrix/). SUITES="trixie" runs one.
test-matrix:
	@command -v debootstrap >/dev/null && command -v rsync >/dev/null || \
	  { apt-get update -qq && apt-get install -y -qq --no-install-recommends debootstrap rsync; }
	bash scripts/matrix/run.sh $(SUITES)

demo: build
	QGIS_PLUGINPATH=$(CURDIR)/$(BUILD) $(PY) scripts/demo.py --out out

bench: build
	@test -x .venv-bench/bin/python || $(PY) -m venv --system-site-packages .venv-bench
	.venv-bench/bin/pip install -q --disable-pip-version-check -r bench/requirements-bench.txt -c bench/constraints.txt
	QGIS_PLUGINPATH=$(CURDIR)/$(BUILD) .venv-bench/bin/python bench/run_all.py

lint: setup
	$(VENV)/bin/ruff check $(PLUGIN) tests scripts bench

sample: setup
	$(PY) scripts/make_sample.py
	$(PY) scripts/make_programme_sample.py

# exportplan's default layout templates (resources/layouts/*.qpt), built in code; commit the regenerated files
templates:
	$(PY) scripts/make_templates.py resources/layouts

# the full-plan model for the Model Designer (resources/models/*.model3), built from processing/model_plan.py
model: build
	QGIS_PLUGINPATH=$(CURDIR)/$(BUILD) $(PY) scripts/make_model.py resources/models/rencana_internet_desa.model3

clean:
	rm -rf build dist out .pytest_cache
