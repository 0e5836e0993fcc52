package org.csrafiji.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.eval.ModelStamp;

/**
 * The layout of the job's output: {@code image, slice, labels, score_<class>... , model,
 * checkpoint_sha256, error}, one row per image and slice position (one row with the error for an
 * image that could not be read). Score columns are named after the classes, with characters
 * Parquet does not allow in names replaced by {@code _}.
 */
public final class PredictionTable {

	/** Column names. */
	public static final String IMAGE = "image", SLICE = "slice", LABELS = "labels",
		MODEL = "model", SHA = "checkpoint_sha256", ERROR = "error";

	private final List<String> scoreColumns;

	/** @param classes the model's classes, in score order */
	public PredictionTable(ClassLabels classes) {
		this.scoreColumns = scoreColumns(classes);
	}

	/** @return one column name per class, unique */
	public List<String> scoreColumns() {
		return scoreColumns;
	}

	private static List<String> scoreColumns(ClassLabels classes) {
		List<String> out = new ArrayList<>();
		Set<String> seen = new HashSet<>(List.of(IMAGE, SLICE, LABELS, MODEL, SHA, ERROR));
		for (int c = 0; c < classes.size(); c++) {
			String name = "score_" + classes.name(c).replaceAll("[ ,;{}()\\n\\t=]", "_");
			while (!seen.add(name)) {
				name = name + "_" + c;
			}
			out.add(name);
		}
		return out;
	}

	/** @return the Spark schema */
	public StructType schema() {
		List<StructField> f = new ArrayList<>();
		f.add(DataTypes.createStructField(IMAGE, DataTypes.StringType, false));
		f.add(DataTypes.createStructField(SLICE, DataTypes.StringType, true));
		f.add(DataTypes.createStructField(LABELS, DataTypes.createArrayType(DataTypes.StringType,
			false), false));
		for (String s : scoreColumns) {
			f.add(DataTypes.createStructField(s, DataTypes.FloatType, true));
		}
		f.add(DataTypes.createStructField(MODEL, DataTypes.StringType, false));
		f.add(DataTypes.createStructField(SHA, DataTypes.StringType, false));
		f.add(DataTypes.createStructField(ERROR, DataTypes.StringType, true));
		return DataTypes.createStructType(f);
	}

	/**
	 * @param r a classified (or failed) image slice
	 * @param classes the number of classes
	 * @param stamp the model that classified it
	 * @return the Spark row
	 */
	public static Row toRow(ImageRow r, int classes, ModelStamp stamp) {
		Object[] v = new Object[classes + 6];
		v[0] = r.image();
		v[1] = r.slice();
		v[2] = r.labels().toArray(new String[0]);
		for (int c = 0; c < classes; c++) {
			v[3 + c] = r.scores() == null ? null : r.scores()[c];
		}
		v[3 + classes] = stamp.name();
		v[4 + classes] = stamp.checkpointSha256();
		v[5 + classes] = r.error();
		return RowFactory.create(v);
	}

	/**
	 * @param rows the output as read back, possibly from several runs
	 * @return one row per image and slice. Every committed copy of an image's row was computed by
	 *         the same model from the same file, so which copy is kept does not matter.
	 */
	public static Dataset<Row> distinct(Dataset<Row> rows) {
		return rows.dropDuplicates(IMAGE, SLICE);
	}

	/**
	 * @param rows output rows
	 * @return the same rows with the labels joined by {@code ;}, for CSV (which holds no lists)
	 */
	public static Dataset<Row> forCsv(Dataset<Row> rows) {
		List<Column> cols = new ArrayList<>();
		for (String c : rows.columns()) {
			cols.add(c.equals(LABELS) ? concat_ws(";", col(LABELS)).as(LABELS) : col(c));
		}
		return rows.select(cols.toArray(new Column[0]));
	}
}
