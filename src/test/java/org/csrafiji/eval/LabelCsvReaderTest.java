package org.csrafiji.eval;

import static org.csrafiji.eval.LabelState.IGNORED;
import static org.csrafiji.eval.LabelState.NEGATIVE;
import static org.csrafiji.eval.LabelState.POSITIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelCsvReaderTest {

	@TempDir
	Path dir;

	private Path csv(String text) throws IOException {
		return Files.writeString(dir.resolve("labels.csv"), text);
	}

	private static String message(Runnable r) {
		return assertThrows(DatasetException.class, r::run).getMessage();
	}

	@Test
	void readsClassColumnsWithEmptyCellsIgnored() throws IOException {
		Dataset d = LabelCsvReader
			.read(csv("\uFEFFimage,cat,dog,bird\nimgs/a.png,1,0,\n\n\"b, c.tif\",0, 1 ,1\n"), null);
		assertEquals(List.of("cat", "dog", "bird"), d.classes().names());
		assertEquals(List.of("a", "b, c"), d.samples().stream().map(Sample::key).toList());
		assertEquals(LabelRow.of(POSITIVE, NEGATIVE, IGNORED), d.samples().get(0).labels());
		assertEquals(LabelRow.of(NEGATIVE, POSITIVE, POSITIVE), d.samples().get(1).labels());
		assertEquals(dir.toAbsolutePath().resolve("imgs/a.png"), d.samples().get(0).image());
	}

	@Test
	void collectsListedClassesInSortedOrder() throws IOException {
		Dataset d = LabelCsvReader
			.read(csv("image,labels\na.png,dog;cat\nb.png,\nc.png, zebra ; dog\n"), null);
		assertEquals(List.of("cat", "dog", "zebra"), d.classes().names());
		assertEquals(LabelRow.of(POSITIVE, POSITIVE, NEGATIVE), d.samples().get(0).labels());
		assertEquals(LabelRow.allNegative(3), d.samples().get(1).labels());
		assertEquals(LabelRow.of(NEGATIVE, POSITIVE, POSITIVE), d.samples().get(2).labels());
	}

	@Test
	void usesTheGivenClassListForListedLabels() throws IOException {
		ClassLabels classes = new ClassLabels(List.of("zebra", "dog", "cat", "owl"));
		Dataset d = LabelCsvReader.read(csv("image,labels\na.png,dog;cat\n"), classes);
		assertEquals(classes, d.classes());
		assertEquals(LabelRow.of(NEGATIVE, POSITIVE, POSITIVE, NEGATIVE),
			d.samples().get(0).labels());
	}

	@Test
	void unknownListedClassNamesTheLine() throws IOException {
		Path file = csv("image,labels\na.png,dog\nb.png,dog;unicorn\n");
		String m = message(() -> LabelCsvReader.read(file, new ClassLabels(List.of("cat", "dog"))));
		assertTrue(m.contains("labels.csv line 3") && m.contains("'unicorn'"), m);
	}

	@Test
	void badCellNamesLineAndClass() throws IOException {
		Path file = csv("image,cat,dog\na.png,1,0\nb.png,1,2\n");
		String m = message(() -> LabelCsvReader.read(file, null));
		assertTrue(m.contains("labels.csv line 3") && m.contains("'2'") && m.contains("'dog'"), m);
	}

	@Test
	void wrongFieldCountNamesTheLine() throws IOException {
		Path file = csv("image,cat,dog\na.png,1,0\nb.png,1\n");
		String m = message(() -> LabelCsvReader.read(file, null));
		assertTrue(m.contains("labels.csv line 3 has 2 fields but the header has 3"), m);
	}

	@Test
	void duplicateClassColumnIsAnError() throws IOException {
		Path file = csv("image,cat,Cat\na.png,1,0\n");
		String m = message(() -> LabelCsvReader.read(file, null));
		assertTrue(m.contains("'Cat'") && m.contains("twice"), m);
	}

	@Test
	void unclosedQuoteNamesTheLine() throws IOException {
		Path file = csv("image,cat\n\"a.png,1\n");
		String m = message(() -> LabelCsvReader.read(file, null));
		assertTrue(m.contains("labels.csv line 2") && m.contains("quoted"), m);
	}

	@Test
	void headerMustStartWithImage() throws IOException {
		Path file = csv("file,cat\na.png,1\n");
		String m = message(() -> LabelCsvReader.read(file, null));
		assertTrue(m.contains("line 1") && m.contains("'image'"), m);
	}
}
