# test_shard_examples.sh: the Slurm and GNU parallel recipes of examples/ count and merge a corpus
# into the counts one rhetor count writes: the Slurm scripts run as their job array would (each
# with SLURM_ARRAY_TASK_ID set, no Slurm needed), submit.sh submits the array and a merge that
# depends on it, the parallel script runs on this machine as on a host of its --sshloginfile, and
# shellcheck passes on every script.
. "$(dirname "$0")/lib.sh"

EX="$SRC/examples"
scripts="$EX/slurm/shard.sbatch $EX/slurm/merge.sbatch $EX/slurm/submit.sh $EX/parallel/count.sh"
if command -v shellcheck >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	if shellcheck $scripts >shellcheck.txt 2>&1; then ok; else fail "shellcheck:"; cat shellcheck.txt >&2; fi
else
	fail "shellcheck is not installed (scripts/install-deps --test installs it)"
fi

"$RHETOR" synth -o c --countries 4 --years 2000-2005 --doc-words 200 --seed 5 -q || fail "synth"
DICT="$SRC/datasets/phrases/diplomatic.csv"
"$RHETOR" count c/texts --meta c/metadata.csv --phrases "$DICT" --by country -o whole.rhc -q || fail "count"

# Slurm: each array task, then the merge, as the scheduler would run them.
export RHETOR CORPUS=c/texts META=c/metadata.csv PHRASES="$DICT" BY=country SHARDS=3 WORK=slurm-parts
for k in 1 2 3; do
	SLURM_ARRAY_TASK_ID=$k bash "$EX/slurm/shard.sbatch" || fail "shard.sbatch as task $k"
done
COUNTS=slurm.rhc bash "$EX/slurm/merge.sbatch" 2>err.txt || fail "merge.sbatch: $(cat err.txt)"
same_file whole.rhc slurm.rhc
# Without an array task id the shard script says how it is meant to run.
expect_status 1 bash "$EX/slurm/shard.sbatch"
expect_err "sbatch --array=1-N"

# submit.sh: the array of SHARDS tasks, and the merge after every one of them succeeded.
mkdir -p bin
cat >bin/sbatch <<'STUB'
#!/bin/sh
echo "$*" >>"$SBATCH_LOG"
n=$(wc -l <"$SBATCH_LOG")
echo "$((1000 + n))"
STUB
chmod +x bin/sbatch
(cd "$EX/slurm" && PATH="$SCRATCH/bin:$PATH" SBATCH_LOG="$SCRATCH/sbatch.log" COUNTS=x.rhc ./submit.sh) >out.txt 2>&1 ||
	fail "submit.sh: $(cat out.txt)"
if [ "$(sed -n 1p sbatch.log)" = "--parsable --array=1-3 --export=ALL shard.sbatch" ] &&
	[ "$(sed -n 2p sbatch.log)" = "--parsable --dependency=afterok:1001 --export=ALL merge.sbatch" ]; then
	ok
else
	fail "submit.sh submitted: $(cat sbatch.log)"
fi

# GNU parallel: this machine as the one host of the --sshloginfile, shards returned, then merged;
# and the same on a shared file system.
if command -v parallel >/dev/null 2>&1; then
	echo ":" >hosts.txt
	# The corpus by its absolute path, as every host names it (the file records the name).
	"$RHETOR" count "$SCRATCH/c/texts" --meta "$SCRATCH/c/metadata.csv" --phrases "$DICT" --by country -o abs.rhc -q
	mkdir -p p1 p2
	(cd p1 && HOSTS=../hosts.txt CORPUS="$SCRATCH/c/texts" META="$SCRATCH/c/metadata.csv" COUNTS=p.rhc \
		sh "$EX/parallel/count.sh") >out.txt 2>&1 || fail "parallel/count.sh: $(cat out.txt)"
	same_file abs.rhc p1/p.rhc
	(cd p2 && SHARED=1 WORK="$SCRATCH/p2" HOSTS=../hosts.txt CORPUS="$SCRATCH/c/texts" META="$SCRATCH/c/metadata.csv" \
		COUNTS=p.rhc sh "$EX/parallel/count.sh") >out.txt 2>&1 || fail "parallel/count.sh SHARED=1: $(cat out.txt)"
	same_file abs.rhc p2/p.rhc
else
	fail "GNU parallel is not installed (scripts/install-deps --test installs it)"
fi
finish
