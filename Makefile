# The two commands of the README: `make run` and `make test`. Everything else is a helper.
# CARGO_TARGET_DIR may point outside the clone (CI does: see .ci/run); the scripts honour it.

.PHONY: run test setup build e2e clean-db

run: setup build
	scripts/run.sh

test: setup build
	scripts/test.sh

setup:
	scripts/setup.sh

build:
	scripts/build-site.sh

e2e:
	scripts/e2e.sh

clean-db:
	rm -f atlas.db atlas.db-shm atlas.db-wal
