#!/bin/sh
# submit.sh: counts a corpus on a Slurm cluster: a job array of SHARDS shards, then a merge job
# that runs only when every shard has succeeded. Run it on the login node, from this directory:
#
#   CORPUS=/shared/ungdc/texts META=/shared/ungdc/metadata.csv \
#   PHRASES=/shared/diplomatic.csv BY=country SHARDS=16 \
#   WORK=/scratch/$USER/ungdc-parts COUNTS=/shared/ungdc.rhc ./submit.sh
#
# Then analyse anywhere: rhetor freq --counts /shared/ungdc.rhc -o out
set -eu
: "${CORPUS:?set CORPUS}" "${SHARDS:?set SHARDS}" "${WORK:?set WORK}" "${COUNTS:?set COUNTS}"
export RHETOR="${RHETOR:-rhetor}" CORPUS SHARDS WORK COUNTS
export META="${META:-}" PHRASES="${PHRASES:-}" BY="${BY:-}" WHERE="${WHERE:-}"

array=$(sbatch --parsable --array="1-$SHARDS" --export=ALL shard.sbatch)
merge=$(sbatch --parsable --dependency="afterok:${array%%;*}" --export=ALL merge.sbatch)
echo "shards: job array $array; merge: job $merge (runs when every shard has succeeded)"
