#!/usr/bin/env bash
# Kill trials for the orphan-free FEFF runs (issue #18 point 5), counted the way OrphanTest checks them, but many
# times and also with the supervision switched off (-Daso.process.wrap=false: FEFF started directly) for comparison.
# Each trial: a JVM runs KillTrialMain slow (real feff8l on Cu with SCF, pot module runs about a minute); once a
# feff8l_* module runs in the scratch directory the JVM alone gets SIGTERM or SIGKILL; 15 s later the processes whose
# working directory lies in the scratch directory (zombies excluded) and the aso-feff-* directories are counted; then
# a second JVM (KillTrialMain fast) runs in the same scratch directory and the directories are counted again.
# Needs the classes of a build: ./mvnw -B -o -q verify -pl bundles/org.activestructopt.simulation.feff.tests -am
# Usage: orphan-trials.sh TRIALS   (prints one markdown table row per signal and mode)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
here=$(pwd)
bundles=$(dirname "$here")
. "$bundles/../releng/java-home"
n=${1:-5}
common=$(ls ~/.m2/repository/org/eclipse/platform/org.eclipse.equinox.common/3.21.0/org.eclipse.equinox.common-*.jar | head -1)
cp="$here/target/classes:$bundles/org.activestructopt.simulation.feff/target/classes:$bundles/org.activestructopt.api/target/classes"
cp="$cp:$bundles/org.activestructopt.structure/target/classes:$bundles/org.activestructopt.spectra/target/classes:$common"
tmp=$(mktemp -d /tmp/orphan-trials.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

running_in() { # processes (not zombies) whose cwd lies in $1
  local c=0 p cwd st
  for p in /proc/[0-9]*; do
    cwd=$(readlink "$p/cwd" 2>/dev/null) || continue
    [[ "$cwd" == "$1"/* ]] || continue
    st=$(sed 's/.*) //' "$p/stat" 2>/dev/null | cut -c1) || continue
    [[ "$st" == Z || "$st" == X ]] && continue
    c=$((c + 1))
  done
  echo $c
}
dirs_in() { find "$1" -maxdepth 1 -name 'aso-feff-*' | wc -l; }

for wrap in true false; do
  for sig in TERM KILL; do
    alive_before=0; orphans=0; dirs_after=0; dirs_swept_left=0; orphans_after_next=0
    for i in $(seq 1 "$n"); do
      s="$tmp/$wrap-$sig-$i"; mkdir -p "$s"
      "$JAVA_HOME/bin/java" -Daso.process.wrap=$wrap -cp "$cp" org.activestructopt.simulation.feff.KillTrialMain slow "$s" \
        >"$s.log" 2>&1 &
      jvm=$!
      for _ in $(seq 1 600); do
        if pgrep -f feff8l_ >/dev/null && [ "$(running_in "$s")" -ge 2 ]; then break; fi
        sleep 0.1
      done
      alive_before=$((alive_before + $(running_in "$s")))
      kill -$sig $jvm; wait $jvm 2>/dev/null || true
      sleep 15
      orphans=$((orphans + $(running_in "$s")))
      dirs_after=$((dirs_after + $(dirs_in "$s")))
      "$JAVA_HOME/bin/java" -Daso.process.wrap=$wrap -cp "$cp" org.activestructopt.simulation.feff.KillTrialMain fast "$s" \
        >"$s.next.log" 2>&1 || echo "next run failed: $(cat "$s.next.log")" >&2
      dirs_swept_left=$((dirs_swept_left + $(dirs_in "$s")))
      orphans_after_next=$((orphans_after_next + $(running_in "$s")))
      # what the trial left (only with wrap=false): kill it by the directory it works in, so trials stay independent
      for p in /proc/[0-9]*; do
        cwd=$(readlink "$p/cwd" 2>/dev/null) || continue
        [[ "$cwd" == "$s"/* ]] && kill -KILL "${p#/proc/}" 2>/dev/null || true
      done
    done
    echo "| $([ $wrap = true ] && echo supervised || echo 'unsupervised (wrap=false)') | SIG$sig | $n | $alive_before | $orphans | $dirs_after | $orphans_after_next | $dirs_swept_left |"
  done
done
