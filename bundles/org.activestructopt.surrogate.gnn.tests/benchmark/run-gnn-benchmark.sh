#!/bin/sh
# Runs GnnBenchmark on a plain class path. Build first (compiles every class it needs):
#   ./mvnw -o -B -q verify -pl bundles/org.activestructopt.surrogate.gnn.tests -am
# Usage: benchmark/run-gnn-benchmark.sh [report.md] [rounds]   (from the test bundle directory or anywhere)
# THREADS (default 2) pins PyTorch's intra-op threads; JAVA_HOME defaults to the project's Temurin 25.
set -e
cd "$(dirname "$0")/.."
M2=${M2_REPO:-$HOME/.m2/repository}
B=../../bundles
CP=target/classes
for b in surrogate.gnn structure spectra api simulation.pdf; do
  CP=$CP:$B/org.activestructopt.$b/target/classes
done
for j in ai/djl/api/0.36.0/api-0.36.0.jar \
         ai/djl/pytorch/pytorch-engine/0.36.0/pytorch-engine-0.36.0.jar \
         ai/djl/pytorch/pytorch-jni/2.7.1-0.36.0/pytorch-jni-2.7.1-0.36.0.jar \
         ai/djl/pytorch/pytorch-native-cpu/2.7.1/pytorch-native-cpu-2.7.1-linux-x86_64.jar \
         org/slf4j/slf4j-api/2.0.18/slf4j-api-2.0.18.jar \
         com/google/code/gson/gson/2.13.1/gson-2.13.1.jar \
         net/java/dev/jna/jna/5.18.1/jna-5.18.1.jar \
         org/apache/commons/commons-compress/1.27.1/commons-compress-1.27.1.jar \
         org/eclipse/january/org.eclipse.january/2.3.2/org.eclipse.january-2.3.2.jar \
         org/apache/commons/commons-math3/3.5/commons-math3-3.5.jar \
         org/eclipse/platform/org.eclipse.equinox.common/3.21.0/org.eclipse.equinox.common-3.21.0.jar \
         org/eclipse/platform/org.eclipse.osgi/3.24.300/org.eclipse.osgi-3.24.300.jar \
         org/junit/jupiter/junit-jupiter-api/5.14.4/junit-jupiter-api-5.14.4.jar \
         org/opentest4j/opentest4j/1.3.0/opentest4j-1.3.0.jar; do
  [ -f "$M2/$j" ] || { echo "missing $M2/$j (run the Maven build first)" >&2; exit 1; }
  CP=$CP:$M2/$j
done
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Xmx2g -Daso.threads="${THREADS:-2}" \
  -cp "$CP" org.activestructopt.surrogate.gnn.internal.GnnBenchmark "$@"
