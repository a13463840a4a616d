# How the mutation loops (tests/mutate.sh, mkpatch/tests/mutate.sh) build
# the tools: the same sources with every sanitizer report fatal.
SANITIZE := -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all
