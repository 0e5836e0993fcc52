package org.csrafiji.eval;

import static org.csrafiji.eval.Matrices.scores;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;
import org.junit.jupiter.api.Test;

class ScoreMatrixTest {

	@Test
	void keepTopZeroesAllButTheHighestScores() {
		ScoreMatrix top = scores(new double[]{0.9, 0.8, 0.7, 0.95, 0.1}).keepTop(3);
		assertArrayEquals(new double[]{0.9, 0.8, 0, 0.95, 0}, top.row(0), 0);
	}

	@Test
	void keepTopKeepsLowerClassIndexAmongTies() {
		ScoreMatrix top = scores(new double[]{0.5, 0.5, 0.5, 0.5}).keepTop(3);
		assertArrayEquals(new double[]{0.5, 0.5, 0.5, 0}, top.row(0), 0);
	}

	@Test
	void keepTopWithMoreThanTheClassCountKeepsAll() {
		ScoreMatrix top = scores(new double[]{0.2, 0.1}).keepTop(3);
		assertArrayEquals(new double[]{0.2, 0.1}, top.row(0), 0);
	}

	@Test
	void rejectsNonFiniteScoresNamingTheClass() {
		DatasetException e = assertThrows(DatasetException.class,
			() -> new ScoreMatrix(ClassLabels.generic(2), new double[][]{{0.1, Double.NaN}}));
		assertTrue(e.getMessage().contains("class1"), e.getMessage());
	}

	@Test
	void rejectsRowsOfTheWrongLength() {
		assertThrows(DatasetException.class,
			() -> new ScoreMatrix(ClassLabels.generic(3), new double[][]{{0.1, 0.2}}));
	}
}
