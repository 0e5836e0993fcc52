package org.csrafiji.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WiderReaderTest {

	@TempDir
	Path root;

	private Path write(String json) throws IOException {
		Path dir = Files.createDirectories(root.resolve("Annotations"));
		return Files.writeString(dir.resolve("wider_attribute_test.json"), json);
	}

	private static final String FILE = """
		{"images": [
		  {"file_name": "0--Parade/0_Parade_marchingband_1_1017.jpg", "scene_id": 0, "targets": [
		    {"attribute": [1, -1, 0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1], "bbox": [10, 20, 30, 40]},
		    {"attribute": [-1, 1, -1, -1, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1], "bbox": [50.5, 60, 70, 80]}]},
		  {"file_name": "1--Handshaking/1_Handshaking_3.jpg", "scene_id": 1, "targets": [
		    {"attribute": [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1], "bbox": [1, 2, 3, 4]}]}
		 ],
		 "attribute_id_map": {"0": "Male"}, "scene_id_map": {"0": "Parade"}}
		""";

	@Test
	void readsOnePersonCropPerSampleWithUnspecifiedIgnored() throws IOException {
		Dataset d = WiderReader.read(write(FILE), null);
		assertEquals(ClassLabels.WIDER, d.classes().names());
		assertEquals(List.of("0_Parade_marchingband_1_1017#0", "0_Parade_marchingband_1_1017#1",
			"1_Handshaking_3#0"), d.samples().stream().map(Sample::key).toList());
		Sample first = d.samples().get(0);
		assertEquals(Optional.of(new CropBox(10, 20, 30, 40)), first.crop());
		assertEquals(root.resolve("Image").resolve("0--Parade/0_Parade_marchingband_1_1017.jpg"),
			first.image().toAbsolutePath());
		assertEquals(LabelState.POSITIVE, first.labels().get(0));
		assertEquals(LabelState.NEGATIVE, first.labels().get(1));
		assertEquals(LabelState.IGNORED, first.labels().get(2));
		assertEquals(Optional.of(new CropBox(50.5, 60, 70, 80)), d.samples().get(1).crop());
		assertEquals(LabelState.IGNORED,
			d.samples().get(1).labels().get(ClassLabels.WIDER.indexOf("Tshirt")));
		assertEquals(IgnoredLabelCounting.AS_NEGATIVE, d.ignoredCounting());
	}

	@Test
	void wrongAttributeCountNamesTheLine() throws IOException {
		Path json = write(
			FILE.replace("[1, -1, 0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1]", "[1, -1, 0]"));
		DatasetException e = assertThrows(DatasetException.class,
			() -> WiderReader.read(json, null));
		assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("3 attributes"),
			e.getMessage());
	}

	@Test
	void unknownAttributeValueIsAnError() throws IOException {
		Path json = write(FILE.replace("[1, -1, 0, 1,", "[1, -1, 99, 1,"));
		DatasetException e = assertThrows(DatasetException.class,
			() -> WiderReader.read(json, null));
		assertTrue(e.getMessage().contains("'sunglass'"), e.getMessage());
	}
}
