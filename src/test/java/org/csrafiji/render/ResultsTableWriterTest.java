package org.csrafiji.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.measure.ResultsTable;

import org.csrafiji.core.AttentionMaps;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.Prediction;
import org.csrafiji.core.Temperature;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.runtime.SlicePrediction;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Every score column of "CSRA Results" shows three decimals, a score of exactly 1 too. */
class ResultsTableWriterTest {

	@Test
	void aScoreOfExactlyOneReadsOnePoint000BesideItsNeighbours() {
		ClassLabels classes = new ClassLabels(List.of("a", "b"));
		float[] scores = {1.0f, 0.25f};
		float[] logits = {30f, (float) Math.log(1 / 3.0)};
		AttentionMaps maps = new AttentionMaps(List.of(new Temperature(1)), 2, 1, 1, new float[2],
			new float[2]);
		Prediction p = new Prediction(classes, logits, scores, maps);
		ResultsTable rt = new ResultsTableWriter(new ResultsTables()).write("img", List.of(
			new SlicePrediction(new SlicePosition(1, 1, 1), p)), 0.5);
		// ImageJ's automatic format writes a column holding only whole numbers without decimals.
		assertEquals("1.000", rt.getStringValue("a", 0));
		assertEquals("0.250", rt.getStringValue("b", 0));
		assertEquals("1", rt.getStringValue("Z", 0));
	}
}
