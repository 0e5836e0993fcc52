package org.csrafiji.eval;

import static org.csrafiji.eval.LabelState.NEGATIVE;
import static org.csrafiji.eval.LabelState.POSITIVE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;
import org.junit.jupiter.api.Test;

class PredictionMatcherTest {

	private static final Dataset LABELS = new Dataset("labels.csv",
		new ClassLabels(List.of("traffic light", "cat")),
		List.of(Sample.whole(Path.of("a.jpg"), LabelRow.of(POSITIVE, NEGATIVE)),
			Sample.whole(Path.of("b.jpg"), LabelRow.of(NEGATIVE, POSITIVE))),
		IgnoredLabelCounting.DROP, List.of());

	private static Predictions predictions(List<String> classes, List<String> keys,
		double[]... rows)
	{
		return new Predictions("pred.csv", keys, new ScoreMatrix(new ClassLabels(classes), rows));
	}

	@Test
	void linesUpRowsByKeyAndColumnsByName() {
		MatchedData m = PredictionMatcher.match(LABELS, predictions(List.of("Cat", "traffic_light"),
			List.of("b", "a"), new double[]{0.9, 0.2}, new double[]{0.1, 0.8}));
		assertEquals(LABELS.classes(), m.scores().classes());
		assertArrayEquals(new double[]{0.8, 0.1}, m.scores().row(0), 0);
		assertArrayEquals(new double[]{0.2, 0.9}, m.scores().row(1), 0);
		assertEquals(LABELS.labelMatrix().row(1), m.labels().row(1));
	}

	@Test
	void missingImageIsNamed() {
		String m = assertThrows(DatasetException.class, () -> PredictionMatcher.match(LABELS,
			predictions(List.of("traffic light", "cat"), List.of("a"), new double[]{0.1, 0.2})))
			.getMessage();
		assertTrue(m.contains("'b'") && m.contains("labels.csv") && m.contains("pred.csv"), m);
	}

	@Test
	void extraImageIsNamed() {
		String m = assertThrows(DatasetException.class, () -> PredictionMatcher.match(LABELS,
			predictions(List.of("traffic light", "cat"), List.of("a", "zz", "b"),
				new double[]{0.1, 0.2},
				new double[]{0.1, 0.2}, new double[]{0.1, 0.2})))
			.getMessage();
		assertTrue(m.contains("'zz'") && m.contains("no labels"), m);
	}

	@Test
	void classMissingOnEitherSideIsNamed() {
		String missing = assertThrows(DatasetException.class, () -> PredictionMatcher.match(LABELS,
			predictions(List.of("cat"), List.of("a", "b"), new double[]{0.1}, new double[]{0.1})))
			.getMessage();
		assertTrue(missing.contains("'traffic light'"), missing);
		String extra = assertThrows(DatasetException.class, () -> PredictionMatcher.match(LABELS,
			predictions(List.of("cat", "traffic light", "dog"), List.of("a", "b"),
				new double[]{0.1, 0.2, 0.3},
				new double[]{0.1, 0.2, 0.3})))
			.getMessage();
		assertTrue(extra.contains("'dog'"), extra);
	}

	@Test
	void duplicateLabelKeyIsAnError() {
		Dataset twice = new Dataset("labels.csv", LABELS.classes(), List.of(LABELS.samples().get(0),
			Sample.whole(Path.of("other/a.png"), LabelRow.of(POSITIVE, POSITIVE))),
			IgnoredLabelCounting.DROP,
			List.of());
		String m = assertThrows(DatasetException.class, () -> PredictionMatcher.match(twice,
			predictions(List.of("traffic light", "cat"), List.of("a"), new double[]{0.1, 0.2})))
			.getMessage();
		assertTrue(m.contains("'a' appears twice in labels.csv"), m);
	}
}
