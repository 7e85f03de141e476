# Precursor: `make play` to play, `make test` to check everything. Both set themselves up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: play test lint format bench schema clean dist dist-check fonts i18n

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/python main.py play

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m benchmarks

schema: $(STAMP)
	$(BIN)/python main.py schema --out scenarios/scenario.schema.json
	$(BIN)/python main.py reference --write

# Interface translations: extract the marked strings, merge them into the es and zh catalogs
# (game/locale/LANG/LC_MESSAGES/precursor.po, translated by hand) and compile the .mo files.
LOCALES := game/locale
i18n: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output --project=Precursor \
		--msgid-bugs-address="" -o $(LOCALES)/precursor.pot game
	for lang in es zh; do \
		$(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete -D precursor \
			-i $(LOCALES)/precursor.pot -d $(LOCALES) -l $$lang; done
	$(BIN)/pybabel -q compile --use-fuzzy -D precursor -d $(LOCALES) --statistics

# The bundled font, subset again from Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk).
fonts: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check fonttools
	$(BIN)/python scripts/subset_fonts.py

# A one-folder standalone build for this machine's system (dist/precursor), see precursor.spec.
$(VENV)/.dist-stamp: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dist]'
	touch $@

dist: $(VENV)/.dist-stamp
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN precursor.spec

dist-check: dist
	$(BIN)/python -m benchmarks.dist

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis
