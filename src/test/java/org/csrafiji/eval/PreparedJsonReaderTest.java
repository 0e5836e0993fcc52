package org.csrafiji.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedJsonReaderTest {

	@TempDir
	Path dir;

	private static String target(int length, int fill, int... firstValues) {
		List<String> values = new ArrayList<>(Collections.nCopies(length, String.valueOf(fill)));
		for (int i = 0; i < firstValues.length; i++) {
			values.set(i, String.valueOf(firstValues[i]));
		}
		return "[" + String.join(", ", values) + "]";
	}

	@Test
	void readsTheVocTestListWithDifficultIgnored() throws IOException {
		Path json = Files.writeString(dir.resolve("test_voc07.json"), "[\n"
			+ "{\"target\": " + target(20, -1, 1, 0, -1)
			+ ", \"img_path\": \"/data/VOC2007/JPEGImages/000001.jpg\"},\n"
			+ "{\"target\": " + target(20, -1) + ", \"img_path\": \"JPEGImages/000002.jpg\"}\n]");
		Dataset d = PreparedJsonReader.read(json, null, null);
		assertEquals(ClassLabels.VOC2007, d.classes().names());
		assertEquals(List.of("000001", "000002"), d.samples().stream().map(Sample::key).toList());
		assertEquals(LabelState.POSITIVE, d.samples().get(0).labels().get(0));
		assertEquals(LabelState.IGNORED, d.samples().get(0).labels().get(1));
		assertEquals(LabelState.NEGATIVE, d.samples().get(0).labels().get(2));
		assertEquals(dir.toAbsolutePath().resolve("JPEGImages/000002.jpg"),
			d.samples().get(1).image());
		assertTrue(d.notes().get(0).contains("VOC07"), d.notes().get(0));
	}

	@Test
	void readsABinaryListAsCoco() throws IOException {
		Path json = Files.writeString(dir.resolve("val_coco2014.json"),
			"[{\"target\": " + target(80, 0, 0, 1)
				+ ", \"img_path\": \"val2014/COCO_val2014_000000000042.jpg\"}]");
		Dataset d = PreparedJsonReader.read(json, null, null);
		assertEquals(ClassLabels.COCO2014, d.classes().names());
		assertEquals(LabelState.NEGATIVE, d.samples().get(0).labels().get(0));
		assertEquals(LabelState.POSITIVE, d.samples().get(0).labels().get(1));
	}

	@Test
	void readsTheWiderListWithBoxesAndUnspecified() throws IOException {
		Path json = Files.writeString(dir.resolve("test_wider.json"), "[\n"
			+ "{\"img_path\": \"Image/a/x.jpg\", \"bbox\": [1, 2, 3, 4], \"target\": "
			+ target(14, 0, 1, 99) + "},\n"
			+ "{\"img_path\": \"Image/a/x.jpg\", \"bbox\": [5, 6, 7, 8], \"target\": "
			+ target(14, 0) + "},\n"
			+ "{\"img_path\": \"Image/b/y.jpg\", \"bbox\": [9, 9, 9, 9], \"target\": "
			+ target(14, 0) + "}\n]");
		Dataset d = PreparedJsonReader.read(json, null, null);
		assertEquals(ClassLabels.WIDER, d.classes().names());
		assertEquals(List.of("x#0", "x#1", "y#0"), d.samples().stream().map(Sample::key).toList());
		assertEquals(Optional.of(new CropBox(5, 6, 7, 8)), d.samples().get(1).crop());
		assertEquals(LabelState.IGNORED, d.samples().get(0).labels().get(1));
		assertEquals(LabelState.NEGATIVE, d.samples().get(0).labels().get(2));
		assertEquals(IgnoredLabelCounting.AS_NEGATIVE, d.ignoredCounting());
	}

	@Test
	void valueOutsideTheChosenConventionNamesLineAndClass() throws IOException {
		Path json = Files.writeString(dir.resolve("l.json"),
			"[\n{\"img_path\": \"a.jpg\", \"target\": "
				+ target(20, 0) + "},\n{\"img_path\": \"b.jpg\", \"target\": "
				+ target(20, 0, 1, 99) + "}\n]");
		DatasetException e = assertThrows(DatasetException.class,
			() -> PreparedJsonReader.read(json, LabelConvention.VOC07, null));
		assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("'bicycle'")
			&& e.getMessage().contains("99"), e.getMessage());
	}

	@Test
	void wrongClassCountIsAnError() throws IOException {
		Path json = Files.writeString(dir.resolve("l.json"),
			"[\n{\"img_path\": \"a.jpg\", \"target\": [1, 0, 0]},"
				+ "\n{\"img_path\": \"b.jpg\", \"target\": [1, 0]}\n]");
		ClassLabels three = new ClassLabels(List.of("a", "b", "c"));
		DatasetException e = assertThrows(DatasetException.class,
			() -> PreparedJsonReader.read(json, null, three));
		assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("2 values"),
			e.getMessage());
		assertThrows(DatasetException.class, () -> PreparedJsonReader.read(json, null, null));
	}

	@Test
	void malformedJsonNamesTheLine() throws IOException {
		Path json = Files.writeString(dir.resolve("l.json"),
			"[\n{\"img_path\": \"a.jpg\",\n \"target\": [1, 0 0]}\n]");
		DatasetException e = assertThrows(DatasetException.class,
			() -> PreparedJsonReader.read(json, null, null));
		assertTrue(e.getMessage().contains("l.json line 3"), e.getMessage());
	}
}
