package org.csrafiji.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;
import org.csrafiji.core.OutputFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsCsvTest {

	@TempDir
	Path dir;

	private static final ClassLabels CLASSES = new ClassLabels(
		List.of("traffic light", "cat", "a,b"));

	static final ModelStamp MODEL = new ModelStamp("demo", "ab".repeat(32));

	@Test
	void writesRowsThatReadBackExactly() {
		Path csv = dir.resolve("pred.csv");
		double[] first = {0.1, 1e-7, 0.9999999403953552};
		try (PredictionsWriter w = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			assertEquals(Set.of(), w.written());
			w.append("images/000001.jpg", first);
			w.append("x, y.png", new double[]{0, 1, 0.5});
		}
		Predictions p = PredictionsCsv.read(csv);
		assertEquals(CLASSES, p.scores().classes());
		assertEquals(List.of("000001", "x, y"), p.keys());
		assertArrayEquals(first, p.scores().row(0), 0);
		assertEquals(CLASSES, PredictionsCsv.readClasses(csv));
	}

	@Test
	void resumingCutsAHalfWrittenRowAndKnowsWhatIsDone() throws IOException {
		Path csv = dir.resolve("pred.csv");
		try (PredictionsWriter w = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			w.append("a.jpg", new double[]{0.1, 0.2, 0.3});
			w.append("b.jpg", new double[]{0.4, 0.5, 0.6});
		}
		Files.writeString(csv, "c.jpg,0.7,0.", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		try (PredictionsWriter w = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			assertEquals(Set.of("a", "b"), w.written());
			w.append("c.jpg", new double[]{0.7, 0.8, 0.9});
			assertEquals(Set.of("a", "b", "c"), w.written());
		}
		Predictions p = PredictionsCsv.read(csv);
		assertEquals(List.of("a", "b", "c"), p.keys());
		assertArrayEquals(new double[]{0.7, 0.8, 0.9}, p.scores().row(2), 0);
	}

	@Test
	void refusesToAppendToAFileForOtherClasses() {
		Path csv = dir.resolve("pred.csv");
		PredictionsWriter.open(csv, CLASSES, MODEL).close();
		OutputFileException e = assertThrows(OutputFileException.class,
			() -> PredictionsWriter.open(csv, ClassLabels.generic(3), MODEL));
		assertTrue(e.getMessage().contains("other classes"), e.getMessage());
	}

	@Test
	void refusesNonFiniteScoresWithoutWritingAnything() {
		Path csv = dir.resolve("pred.csv");
		try (PredictionsWriter w = PredictionsWriter.open(csv, CLASSES, MODEL)) {
			assertThrows(DatasetException.class,
				() -> w.append("a.jpg", new double[]{0.1, Double.NaN, 0.3}));
			assertThrows(DatasetException.class, () -> w.append("a.jpg", new double[]{0.1}));
		}
		assertEquals(List.of(), PredictionsCsv.read(csv).keys());
	}

	@Test
	void badScoreNamesLineAndClass() throws IOException {
		Path csv = Files.writeString(dir.resolve("pred.csv"),
			"image,cat,dog\na.png,0.1,0.2\nb.png,0.3,high\n");
		DatasetException e = assertThrows(DatasetException.class, () -> PredictionsCsv.read(csv));
		assertTrue(e.getMessage().contains("pred.csv line 3") && e.getMessage().contains("'dog'"),
			e.getMessage());
	}

	@Test
	void duplicateImageNamesBothLines() throws IOException {
		Path csv = Files.writeString(dir.resolve("pred.csv"),
			"image,cat\na.png,0.1\nsub/a.jpg,0.3\n");
		DatasetException e = assertThrows(DatasetException.class, () -> PredictionsCsv.read(csv));
		assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("line 2"),
			e.getMessage());
	}
}
