/**
 * Building blocks shared by the benchmarks ({@code csra.jar bench} and the Spark job's
 * {@code SparkBench}): seeded synthetic JPEGs the size of photographs ({@link
 * org.csrafiji.bench.SyntheticPhotos}) and a model spec with seeded random weights written as a
 * real checkpoint ({@link org.csrafiji.bench.RandomCheckpoint}).
 */
package org.csrafiji.bench;
