#!/bin/sh
# count.sh: counts a corpus in SHARDS shards with GNU parallel, one shard a job, on the hosts of an
# --sshloginfile (one "user@host" a line; ":" is this machine), then merges them here.
#
# Each host reads the corpus at the same path CORPUS (a copy on each, or a shared file system).
# The dictionary goes to each host with --transferfile and every shard comes back with --return:
#
#   CORPUS=/data/ungdc/texts META=/data/ungdc/metadata.csv PHRASES=diplomatic.csv BY=country \
#   SHARDS=8 HOSTS=hosts.txt COUNTS=ungdc.rhc ./count.sh
#
# On a shared file system set SHARED=1: shards are written to WORK (default .) in place, with
# nothing transferred.
set -eu
: "${CORPUS:?set CORPUS}" "${SHARDS:?set SHARDS}" "${HOSTS:?set HOSTS, an --sshloginfile}" "${COUNTS:?set COUNTS}"
RHETOR=${RHETOR:-rhetor}
WORK=${WORK:-.}

# The counting settings, as one string of quoted words parallel passes to the remote shell.
settings=""
[ -n "${META:-}" ] && settings="$settings --meta '$META'"
[ -n "${PHRASES:-}" ] && settings="$settings --phrases '$PHRASES'"
[ -n "${BY:-}" ] && settings="$settings --by '$BY'"

if [ "${SHARED:-0}" = 1 ]; then
	seq 1 "$SHARDS" | parallel --sshloginfile "$HOSTS" --jobs 1 --halt now,fail=1 \
		"'$RHETOR' count '$CORPUS' $settings --shard {}/$SHARDS -o '$WORK/part-{}.rhc' -q"
	parts_dir=$WORK
else
	transfer=""
	[ -n "${PHRASES:-}" ] && transfer="--transferfile $PHRASES"
	# shellcheck disable=SC2086 # $transfer is two words or none
	seq 1 "$SHARDS" | parallel --sshloginfile "$HOSTS" --jobs 1 --halt now,fail=1 \
		$transfer --return part-{}.rhc --cleanup \
		"'$RHETOR' count '$CORPUS' $settings --shard {}/$SHARDS -o part-{}.rhc -q"
	parts_dir=.
fi

set --
k=1
while [ "$k" -le "$SHARDS" ]; do
	set -- "$@" "$parts_dir/part-$k.rhc"
	k=$((k + 1))
done
"$RHETOR" merge "$@" -o "$COUNTS"
