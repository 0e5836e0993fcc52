package org.csrafiji.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.eval.ModelStamp;

/**
 * Classifies a folder, glob or list of images on Apache Spark and writes the predictions as
 * Parquet ({@code OUT/parquet}) and, on request, CSV ({@code OUT/csv}); see {@link
 * JobOptions#USAGE}.
 * <p>
 * Exactly once: each run appends its rows through Spark's file output committer (algorithm 1),
 * which writes every task attempt into its own temporary folder and publishes one attempt per
 * partition when the task commits, and the run's files when the job commits; a failed, retried
 * or speculative attempt therefore leaves nothing in the output. A run that dies leaves at most
 * uncommitted temporary files. The next run with the same output lists the images already there
 * and classifies only the rest. Readers ({@code --csv}, {@code --evaluate}) still keep one row
 * per image and slice ({@link PredictionTable#distinct}), which makes the output right even if
 * two runs were started on the same output at once.
 */
public final class ClassifyJob {

	private ClassifyJob() {}

	/**
	 * @param args see {@link JobOptions#USAGE}
	 */
	public static void main(String[] args) {
		CommandLine.exit(run(List.of(args), System.out, System.err));
	}

	/**
	 * @param args the command line
	 * @param out where the summary and evaluation go
	 * @param err where errors go
	 * @return 0 on success, 1 when the job failed, 2 for a wrong command line
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		CommandLine<JobOptions> line = CommandLine.parse(args, JobOptions.USAGE, JobOptions::parse,
			out,
			err);
		if (line.options() == null) {
			return line.exitCode();
		}
		JobOptions options = line.options();
		System.setProperty("ai.djl.offline", "true");
		// The checkpoint is added with SparkContext.addFile (ModelFiles); Spark 4 runs a classic
		// session's SQL tasks in the session's own artifact scope, whose executors fetch only
		// the session's files, unless the session shares the application's.
		SparkSession.Builder builder = SparkSession.builder().appName("CSRA classify").config(
			"spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "1").config(
				"spark.sql.artifact.isolation.enabled", "false");
		if (options.master() != null) {
			builder.master(options.master());
		}
		SparkSession spark = builder.getOrCreate();
		try {
			run(spark, options, out, err);
			return 0;
		}
		catch (CsraException e) {
			err.println("error: " + e.getMessage());
			return 1;
		}
		finally {
			spark.stop();
		}
	}

	/**
	 * @param spark the session
	 * @param options the job
	 * @param out where the summary goes
	 * @param err where notes go
	 */
	static void run(SparkSession spark, JobOptions options, PrintStream out, PrintStream err) {
		JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
		Configuration conf = jsc.hadoopConfiguration();
		ModelSpec spec = ModelSpecs.read(options.model());
		ModelFiles files = ModelFiles.ship(jsc, options.model());
		PredictionTable table = new PredictionTable(spec.classes());
		String parquet = new Path(options.output(), "parquet").toString();

		List<String> images = ImageInputs.list(options.input(), conf);
		Existing existing = existing(spark, conf, parquet, files.stamp());
		List<String> todo = new ArrayList<>();
		for (String i : images) {
			if (!existing.images().contains(i)) {
				todo.add(i);
			}
		}
		err.println("classify: " + images.size() + " images, " + (images.size() - todo.size())
			+ " already in " + parquet + ", " + todo.size() + " to classify with " + files.stamp()
				.describe());
		// Counted while the rows are written: Spark applies a result task's accumulator updates
		// once per partition, from the attempt that succeeded (the one whose files the
		// committer published), so retried and speculative attempts do not count twice.
		LongAccumulator written = jsc.sc().longAccumulator("csra rows written");
		LongAccumulator failed = jsc.sc().longAccumulator("csra error rows written");
		if (!todo.isEmpty()) {
			int cores = jsc.defaultParallelism();
			int partitions = options.tasks(todo.size(), cores);
			err.println("classify: " + partitions + (partitions == 1 ? " task" : " tasks")
				+ " of up to " + (todo.size() + partitions - 1) / partitions + " images");
			int classes = spec.classes().size();
			boolean allSlices = options.allSlices();
			HadoopConf shipped = new HadoopConf(conf);
			JavaRDD<Row> rows = jsc.parallelize(todo, partitions).mapPartitions(it -> {
				ModelStamp stamp = files.stamp();
				var results = PartitionClassifier.classify(files, allSlices, shipped, it);
				return new java.util.Iterator<Row>() {

					@Override
					public boolean hasNext() {
						return results.hasNext();
					}

					@Override
					public Row next() {
						ImageRow r = results.next();
						written.add(1);
						if (r.error() != null) {
							failed.add(1);
						}
						return PredictionTable.toRow(r, classes, stamp);
					}
				};
			});
			spark.createDataFrame(rows, table.schema()).write().mode(SaveMode.Append).parquet(
				parquet);
		}
		long total = existing.rows() + written.value();
		if (total == 0) {
			return;
		}
		long errors = existing.errors() + failed.value();
		out.println("classify: " + parquet + " holds " + total + " rows (" + errors
			+ (errors == 1 ? " image" : " images") + " could not be classified; see the error"
			+ " column)");
		if (options.csv() || options.evaluate() != null) {
			report(spark, options, spec, table, parquet, out, err);
		}
	}

	/** Writes the CSV and the evaluation, both over one row per image and slice. */
	private static void report(SparkSession spark, JobOptions options, ModelSpec spec,
		PredictionTable table, String parquet, PrintStream out, PrintStream err)
	{
		Dataset<Row> all = PredictionTable.distinct(spark.read().parquet(parquet));
		if (options.csv()) {
			String csv = new Path(options.output(), "csv").toString();
			PredictionTable.forCsv(all).coalesce(1).write().mode(SaveMode.Overwrite)
				.option("header",
					"true")
				.csv(csv);
			out.println("classify: CSV in " + csv);
		}
		if (options.evaluate() != null) {
			out.print(SparkEvaluation.evaluate(all, spec, table, options.evaluate(), err));
		}
	}

	/**
	 * What an output holds before this run.
	 *
	 * @param images the images with a row there
	 * @param rows its rows, one per image and slice
	 * @param errors of those, the rows of images that could not be classified
	 */
	private record Existing(Set<String> images, long rows, long errors) {}

	/**
	 * @return what the output holds already; refuses an output written by another model
	 */
	private static Existing existing(SparkSession spark, Configuration conf, String parquet,
		ModelStamp stamp)
	{
		if (!hasRows(conf, parquet)) {
			return new Existing(Set.of(), 0, 0);
		}
		Dataset<Row> existing = spark.read().parquet(parquet);
		for (Row r : existing.select(PredictionTable.MODEL, PredictionTable.SHA).distinct()
			.collectAsList())
		{
			ModelStamp there = new ModelStamp(r.getString(0), r.getString(1));
			if (!there.equals(stamp)) {
				throw new CsraException("The output '" + parquet + "' holds scores of " + there
					.describe() + ", not of " + stamp.describe() + "; give another --output, or"
					+ " move the old one away, instead of mixing two models' scores.");
			}
		}
		// As strings, not rows: the driver holds every image name already classified (about
		// 110 bytes each), and a row wrapper per name would add half as much again.
		Set<String> done = new HashSet<>(existing.select(PredictionTable.IMAGE).distinct().as(
			Encoders.STRING()).collectAsList());
		// One job for both numbers (count of a column counts its non-null values).
		Row counts = PredictionTable.distinct(existing).agg(count(lit(1)), count(col(
			PredictionTable.ERROR))).first();
		return new Existing(done, counts.getLong(0), counts.getLong(1));
	}

	/**
	 * @return whether a run has committed rows there (a first run that died before its job
	 *         committed leaves only {@code _temporary}, which holds nothing published)
	 */
	static boolean hasRows(Configuration conf, String parquet) {
		try {
			Path p = new Path(parquet);
			FileSystem fs = p.getFileSystem(conf);
			return fs.exists(p)
				&& fs.listStatus(p, f -> f.getName().endsWith(".parquet")).length > 0;
		}
		catch (java.io.IOException e) {
			throw new CsraException(
				"Cannot look into the output '" + parquet + "': " + e.getMessage()
					+ "; check the path and that this machine can reach that file system.");
		}
	}
}
