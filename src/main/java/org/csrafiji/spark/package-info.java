/**
 * Classifying and evaluating image collections on Apache Spark: {@link
 * org.csrafiji.spark.ClassifyJob} (the job's command line), {@link
 * org.csrafiji.spark.PartitionClassifier} (the work of one partition), {@link
 * org.csrafiji.spark.ExecutorModels} (one model per executor JVM) and {@link
 * org.csrafiji.spark.ImageInputs} (folder, glob or list file on any Hadoop file system); and
 * the job's benchmark, {@link org.csrafiji.spark.SparkBench}, on a {@link
 * org.csrafiji.spark.LocalStandaloneCluster} started from the packaged jars (which the cluster
 * test uses too), whose JVMs start with class-data archives made on the machine ({@link
 * org.csrafiji.spark.ClassArchives}).
 * Spark itself is a {@code provided} dependency: the cluster (or {@code target/spark-lib})
 * supplies it.
 */
package org.csrafiji.spark;
