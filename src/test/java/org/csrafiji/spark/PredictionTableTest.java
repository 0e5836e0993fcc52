package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.spark.sql.Row;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.eval.ModelStamp;
import org.junit.jupiter.api.Test;

class PredictionTableTest {

	@Test
	void scoreColumnsAreValidParquetNamesAndUnique() {
		PredictionTable t = new PredictionTable(new ClassLabels(List.of("dining table", "a=b",
			"dining_table", "error")));
		assertEquals(List.of("score_dining_table", "score_a_b", "score_dining_table_2",
			"score_error"), t.scoreColumns());
		assertEquals(List.of("image", "slice", "labels", "score_dining_table", "score_a_b",
			"score_dining_table_2", "score_error", "model", "checkpoint_sha256", "error"),
			List.of(t
				.schema().fieldNames()));
	}

	@Test
	void aRowHoldsScoresOrTheError() {
		ModelStamp stamp = new ModelStamp("demo", "ab12");
		Row ok = PredictionTable.toRow(new ImageRow("file:/x.png", "c=1,z=1,t=1", List.of("b"),
			new float[]{0.25f, 0.75f}, null), 2, stamp);
		assertEquals("file:/x.png", ok.get(0));
		assertArrayEquals(new String[]{"b"}, (String[]) ok.get(2));
		assertEquals(0.25f, ok.get(3));
		assertEquals(0.75f, ok.get(4));
		assertEquals("demo", ok.get(5));
		assertEquals("ab12", ok.get(6));
		assertEquals(null, ok.get(7));
		Row bad = PredictionTable.toRow(new ImageRow("file:/y.png", null, List.of(), null,
			"cannot open"), 2, stamp);
		assertEquals(null, bad.get(3));
		assertEquals("cannot open", bad.get(7));
	}
}
