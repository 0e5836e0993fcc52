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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
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
		SparkSession.Builder builder = SparkSession.builder().appName("CSRA classify").config(
			"spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "1");
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
		Set<String> done = done(spark, conf, parquet, files.stamp());
		List<String> todo = new ArrayList<>();
		for (String i : images) {
			if (!done.contains(i)) {
				todo.add(i);
			}
		}
		err.println("classify: " + images.size() + " images, " + (images.size() - todo.size())
			+ " already in " + parquet + ", " + todo.size() + " to classify with " + files.stamp()
				.describe());
		if (!todo.isEmpty()) {
			int partitions = (todo.size() + options.imagesPerTask() - 1) / options.imagesPerTask();
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
						return PredictionTable.toRow(results.next(), classes, stamp);
					}
				};
			});
			spark.createDataFrame(rows, table.schema()).write().mode(SaveMode.Append).parquet(
				parquet);
		}
		if (!hasRows(conf, parquet)) {
			return;
		}
		Dataset<Row> all = PredictionTable.distinct(spark.read().parquet(parquet));
		// One job for both numbers (count of a column counts its non-null values).
		Row counts = all.agg(count(lit(1)), count(col(PredictionTable.ERROR))).first();
		long errors = counts.getLong(1);
		out.println("classify: " + parquet + " holds " + counts.getLong(0) + " rows (" + errors
			+ (errors == 1 ? " image" : " images") + " could not be classified; see the error"
			+ " column)");
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
	 * @return the images the output holds already; refuses an output written by another model
	 */
	private static Set<String> done(SparkSession spark, Configuration conf, String parquet,
		ModelStamp stamp)
	{
		if (!hasRows(conf, parquet)) {
			return Set.of();
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
		Set<String> done = new HashSet<>();
		for (Row r : existing.select(PredictionTable.IMAGE).distinct().collectAsList()) {
			done.add(r.getString(0));
		}
		return done;
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
