package org.csrafiji.eval;

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

class VocReaderTest {

	@TempDir
	Path root;

	private Path voc() throws IOException {
		Path voc = root.resolve("VOCdevkit").resolve("VOC2007");
		Files.createDirectories(voc.resolve("Annotations"));
		Files.createDirectories(voc.resolve("ImageSets").resolve("Main"));
		return voc;
	}

	private static String object(String name, int difficult, String extra) {
		return "  <object>\n    <name>" + name
			+ "</name>\n    <pose>Left</pose>\n    <truncated>0</truncated>\n"
			+ "    <difficult>" + difficult + "</difficult>\n" + extra
			+ "    <bndbox><xmin>1</xmin><ymin>2</ymin><xmax>30</xmax><ymax>40</ymax></bndbox>\n  </object>\n";
	}

	private static void annotation(Path voc, String id, String... objects) throws IOException {
		Files.writeString(voc.resolve("Annotations").resolve(id + ".xml"),
			"<annotation>\n  <folder>VOC2007</folder>\n"
				+ "  <filename>" + id + ".jpg</filename>\n" + String.join("", objects)
				+ "</annotation>\n");
	}

	private static void split(Path voc, String name, String... ids) throws IOException {
		Files.writeString(voc.resolve("ImageSets").resolve("Main").resolve(name + ".txt"),
			String.join("\n", ids) + "\n");
	}

	private static LabelState state(Sample s, String cls) {
		return s.labels().get(ClassLabels.VOC2007.indexOf(cls));
	}

	@Test
	void readsTheSplitWithDifficultOnlyClassesIgnored() throws IOException {
		Path voc = voc();
		annotation(voc, "000001", object("dog", 0, ""), object("person", 1, ""),
			object("person", 0, ""));
		annotation(voc, "000002", object("cat", 1, ""), object("cat", 1, ""),
			object("bicycle", 0, "    <part><name>head</name><bndbox/></part>\n"));
		annotation(voc, "000003");
		annotation(voc, "000004", object("cow", 0, ""));
		split(voc, "test", "000002", "000001", "", "000003");

		Dataset d = VocReader.read(root.resolve("VOCdevkit"), "test");
		assertEquals(new ClassLabels(ClassLabels.VOC2007), d.classes());
		assertEquals(List.of("000002", "000001", "000003"),
			d.samples().stream().map(Sample::key).toList());
		Sample first = d.samples().get(0);
		assertEquals(LabelState.IGNORED, state(first, "cat"));
		assertEquals(LabelState.POSITIVE, state(first, "bicycle"));
		assertEquals(LabelState.NEGATIVE, state(first, "person"));
		assertEquals(voc.resolve("JPEGImages").resolve("000002.jpg"), first.image());
		assertTrue(first.crop().isEmpty());
		Sample second = d.samples().get(1);
		assertEquals(LabelState.POSITIVE, state(second, "dog"));
		assertEquals(LabelState.POSITIVE, state(second, "person"));
		int positives = 0;
		for (int c = 0; c < second.labels().size(); c++) {
			positives += second.labels().get(c) == LabelState.POSITIVE ? 1 : 0;
		}
		assertEquals(2, positives);
		assertEquals(LabelRow.allNegative(20), d.samples().get(2).labels());
		assertEquals(IgnoredLabelCounting.DROP, d.ignoredCounting());
	}

	@Test
	void acceptsTheVoc2007FolderItselfAndOtherSplits() throws IOException {
		Path voc = voc();
		annotation(voc, "000004", object("cow", 0, ""));
		split(voc, "trainval", "000004");
		Dataset d = VocReader.read(voc, "trainval");
		assertEquals(LabelState.POSITIVE, state(d.samples().get(0), "cow"));
	}

	@Test
	void malformedXmlNamesTheFileAndLine() throws IOException {
		Path voc = voc();
		Files.writeString(voc.resolve("Annotations").resolve("000001.xml"),
			"<annotation>\n  <object>\n    <name>dog</name>\n  </annotation>\n");
		split(voc, "test", "000001");
		DatasetException e = assertThrows(DatasetException.class,
			() -> VocReader.read(voc, "test"));
		assertTrue(e.getMessage().contains("000001.xml line 4"), e.getMessage());
	}

	@Test
	void unknownClassNamesTheFileAndLine() throws IOException {
		Path voc = voc();
		annotation(voc, "000001", object("dog", 0, ""), object("dragon", 0, ""));
		split(voc, "test", "000001");
		DatasetException e = assertThrows(DatasetException.class,
			() -> VocReader.read(voc, "test"));
		assertTrue(
			e.getMessage().contains("000001.xml line 11") && e.getMessage().contains("'dragon'"),
			e.getMessage());
	}

	@Test
	void missingAnnotationNamesTheSplitLine() throws IOException {
		Path voc = voc();
		annotation(voc, "000001", object("dog", 0, ""));
		split(voc, "test", "000001", "000007");
		DatasetException e = assertThrows(DatasetException.class,
			() -> VocReader.read(voc, "test"));
		assertTrue(
			e.getMessage().contains("test.txt line 2") && e.getMessage().contains("'000007'"),
			e.getMessage());
	}

	@Test
	void missingSplitFileSaysSo() throws IOException {
		Path voc = voc();
		DatasetException e = assertThrows(DatasetException.class, () -> VocReader.read(voc, "val"));
		assertTrue(e.getMessage().contains("val.txt"), e.getMessage());
	}
}
