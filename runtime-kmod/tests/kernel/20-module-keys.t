#!/bin/bash
# A patch whose code branches on a module's own static key (lkhp-keys.ko,
# on keys_target.ko's keys_target_key; /proc/cmdline says "lkhp-keys on" or
# "off"): installed before the module loads, the branch stays as built
# (off); once the module loads it follows the key both ways; the module
# goes with its key on and comes back with it off: the branch is back as
# built and follows the new key (else the kernel BUGs on an unexpected op
# when the key changes); disable, enable, remove (original back); installed
# while the module is loaded with its key on, the branch is on at once.
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 300 -- '
orig=$(cat /proc/cmdline)
k=/sys/module/keys_target/parameters/key
shows() { same "$(cat /proc/cmdline)" "$1" "$2"; }
insmod lkhp-keys.ko
shows "lkhp-keys off" "keys_target not loaded"
insmod keys_target.ko
dmesg_has "keys: 1 static branch\\(es\\) linked to the keys of module keys_target"
shows "lkhp-keys off" "keys_target loaded, its key off"
same "$(cat $k)" 0 "the parameter"
echo 1 >$k
same "$(cat $k)" 1 "the parameter"
shows "lkhp-keys on" "key on"
echo 0 >$k
shows "lkhp-keys off" "key off again"
echo 1 >$k
rmmod keys_target
shows "lkhp-keys off" "keys_target gone with its key on"
insmod keys_target.ko
same "$(dmesg | grep -c "keys: 1 static branch(es) linked to the keys of module keys_target")" 2 \
	"linked at each load"
shows "lkhp-keys off" "keys_target back, its new key off"
echo 1 >$k
shows "lkhp-keys on" "the new key on"
lkhp disable -i keys
shows "$orig" "disabled"
echo 0 >$k
lkhp enable -i keys
shows "lkhp-keys off" "re-enabled, key off"
echo 1 >$k
shows "lkhp-keys on" "re-enabled, key on"
lkhp remove -i keys
shows "$orig" "removed"
insmod lkhp-keys.ko
shows "lkhp-keys on" "installed while the key is on"
echo 0 >$k
shows "lkhp-keys off" "then key off"
lkhp remove -i keys
rmmod keys_target
echo PASS
'
