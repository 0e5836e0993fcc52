package org.csrafiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csrafiji.core.CsraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The training log: one format, 1-based counts, mAP in percent, also across a resume. */
class CsvTrainingLogTest {

	@TempDir
	Path dir;

	@Test
	void countsFromOneAndWritesMapInPercent() throws Exception {
		Path file = dir.resolve("train-log.csv");
		try (CsvTrainingLog log = new CsvTrainingLog(file, false)) {
			log.iteration(0, 0, 0.001, 0.5);
			log.iteration(0, 1, 0.002, 0.25);
			log.epoch(0, 2, 0.375, 0.5504);
		}
		assertEquals(List.of(CsvTrainingLog.HEADER, "iter,1,1,0.0010000000,0.500000,",
			"iter,1,2,0.0020000000,0.250000,", "epoch,1,2,,0.375000,55.0400"),
			Files.readAllLines(
				file));
	}

	@Test
	void resumingALogInTheEarlierFormatConvertsItFirst() throws Exception {
		Path file = dir.resolve("train-log.csv");
		Files.write(file, List.of("kind,epoch,iteration,lr,loss,val_map", "iter,0,0,0.0000000,0.9,",
			"iter,0,1,0.001,0.8,", "epoch,0,2,,0.85,0.5504", "epoch,1,4,,0.7,"));
		try (CsvTrainingLog log = new CsvTrainingLog(file, true)) {
			log.epoch(2, 6, 0.6, 0.75);
		}
		assertEquals(
			List.of(CsvTrainingLog.HEADER, "iter,1,1,0.0000000,0.9,", "iter,1,2,0.001,0.8,",
				"epoch,1,2,,0.85,55.0400", "epoch,2,4,,0.7,", "epoch,3,6,,0.600000,75.0000"),
			Files
				.readAllLines(file));
	}

	@Test
	void resumingIntoAFileThatIsNoTrainingLogIsRefused() throws Exception {
		Path file = dir.resolve("train-log.csv");
		Files.write(file, List.of("image,cat,dog", "a.png,1,0"));
		CsraException e = assertThrows(CsraException.class, () -> new CsvTrainingLog(file, true));
		assertTrue(
			e.getMessage().contains("image,cat,dog") && e.getMessage().contains("new folder"),
			e.getMessage());
		assertEquals(List.of("image,cat,dog", "a.png,1,0"), Files.readAllLines(file));
	}
}
