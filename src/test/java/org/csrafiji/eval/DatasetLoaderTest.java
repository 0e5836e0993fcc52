package org.csrafiji.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

	@TempDir
	Path dir;

	@Test
	void tellsTheFormatsApart() throws IOException {
		Path csv = Files.writeString(dir.resolve("l.csv"), "image,labels\na.png,cat\n");
		assertEquals(List.of("cat", "dog"),
			DatasetLoader.load(csv, null, new ClassLabels(List.of("cat", "dog"))).classes()
				.names());

		String zeros = "[" + String.join(",", Collections.nCopies(14, "0")) + "]";
		Path list = Files.writeString(dir.resolve("test_wider.json"),
			" [{\"img_path\": \"a.jpg\", \"bbox\": [1, 1, 2, 2], \"target\": " + zeros + "}]");
		assertEquals(ClassLabels.WIDER, DatasetLoader.load(list, null, null).classes().names());

		Path coco = Files.writeString(dir.resolve("instances.json"),
			"{\"images\": [{\"id\": 1, \"file_name\":"
				+ " \"a.jpg\"}], \"annotations\": [{\"image_id\": 1, \"category_id\": 4}], \"categories\": [{\"id\": 4,"
				+ " \"name\": \"kite\"}]}");
		assertEquals(List.of("kite"), DatasetLoader.load(coco, null, null).classes().names());

		Path wider = Files.writeString(dir.resolve("wider_attribute_test.json"),
			"{\"images\": [{\"file_name\":"
				+ " \"a.jpg\", \"targets\": [{\"attribute\": " + zeros
				+ ", \"bbox\": [1, 1, 2, 2]}]}]}");
		Dataset w = DatasetLoader.load(wider, null, null);
		assertEquals(IgnoredLabelCounting.AS_NEGATIVE, w.ignoredCounting());
		assertEquals(LabelState.IGNORED, w.samples().get(0).labels().get(0));
	}

	@Test
	void rejectsWhatItCannotRead() throws IOException {
		Path text = Files.writeString(dir.resolve("labels.txt"), "a.png cat\n");
		DatasetException e = assertThrows(DatasetException.class,
			() -> DatasetLoader.load(text, null, null));
		assertTrue(e.getMessage().contains("labels.txt"), e.getMessage());
		assertThrows(DatasetException.class,
			() -> DatasetLoader.load(dir.resolve("absent.csv"), null, null));
	}

	/** A VOC2007 folder whose trainval split holds 000001 and 000002 and whose test split 000003. */
	private Path vocFolder() throws IOException {
		Path voc = dir.resolve("VOCdevkit").resolve("VOC2007");
		Path main = Files.createDirectories(voc.resolve("ImageSets").resolve("Main"));
		Files.createDirectories(voc.resolve("Annotations"));
		for (String id : List.of("000001", "000002", "000003")) {
			Files.writeString(voc.resolve("Annotations").resolve(id + ".xml"),
				"<annotation><object>"
					+ "<name>dog</name><difficult>0</difficult></object></annotation>");
		}
		Files.writeString(main.resolve("trainval.txt"), "000001\n000002\n");
		Files.writeString(main.resolve("train.txt"), "000001\n");
		Files.writeString(main.resolve("test.txt"), "000003\n");
		return dir.resolve("VOCdevkit");
	}

	private static List<String> keys(Dataset d) {
		return d.samples().stream().map(Sample::key).toList();
	}

	@Test
	void aVocFolderIsTestForEvaluationAndTrainvalForTraining() throws IOException {
		Path voc = vocFolder();
		assertEquals(List.of("000003"), keys(DatasetLoader.load(voc, null, null)));
		assertEquals(List.of("000001", "000002"), keys(DatasetLoader.forTraining(voc, null)));
	}

	@Test
	void aVocSplitFileReadsThatSplit() throws IOException {
		Path main = vocFolder().resolve("VOC2007").resolve("ImageSets").resolve("Main");
		assertEquals(List.of("000001"), keys(DatasetLoader.forTraining(main.resolve("train.txt"),
			null)));
		assertEquals(List.of("000003"), keys(DatasetLoader.load(main.resolve("test.txt"), null,
			null)));
	}

	@Test
	void trainingOnATestSplitIsRefusedWithTheReason() throws IOException {
		Path main = vocFolder().resolve("VOC2007").resolve("ImageSets").resolve("Main");
		Path prepared = Files.writeString(dir.resolve("test_voc07.json"), "[]");
		for (Path test : List.of(main.resolve("test.txt"), prepared)) {
			DatasetException e = assertThrows(DatasetException.class,
				() -> DatasetLoader.forTraining(
					test, null));
			assertTrue(e.getMessage().startsWith("Refusing to train on " + test) && e.getMessage()
				.contains("trainval"), e.getMessage());
		}
	}
}
