package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.csrafiji.core.ImageInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing through Hadoop's local file system, as the driver does for any URI. */
class ImageInputsTest {

	@TempDir
	Path dir;

	private final Configuration conf = new Configuration(false);

	@BeforeEach
	void files() throws IOException {
		for (String f : List.of("b.png", "a.TIF", "c.jpg", "notes.md", ".hidden.png",
			"_SUCCESS.png"))
		{
			Files.writeString(dir.resolve(f), "x");
		}
		Files.createDirectories(dir.resolve("sub"));
		Files.writeString(dir.resolve("sub/d.png"), "x");
	}

	private String uri(String name) {
		return "file:" + dir.resolve(name).toAbsolutePath();
	}

	@Test
	void aFolderGivesItsImageFilesSortedAndQualified() {
		assertEquals(List.of(uri("a.TIF"), uri("b.png"), uri("c.jpg")), ImageInputs.list(dir
			.toString(), conf));
	}

	@Test
	void aGlobGivesWhatItMatches() {
		assertEquals(List.of(uri("b.png"), uri("sub/d.png")),
			ImageInputs.list(dir + "/{b,sub/d}.png",
				conf));
		assertEquals(List.of(uri("a.TIF")), ImageInputs.list("file://" + dir + "/*.TIF", conf));
	}

	@Test
	void aListFileGivesItsLinesRelativeToItsFolderWithoutRepeats() throws IOException {
		// Relative, absolute without a scheme and with one: each file system is looked up
		// once per scheme and authority, and every line is qualified alike.
		Files.writeString(dir.resolve("list.txt"), "# images\nsub/d.png\n\n" + dir.resolve("c.jpg")
			+ "\nsub/d.png\n" + uri("e.tif") + "\n");
		assertEquals(List.of(uri("c.jpg"), uri("e.tif"), uri("sub/d.png")), ImageInputs.list(dir
			.resolve("list.txt").toString(), conf));
	}

	@Test
	void nothingToClassifyIsOneClearMessage() {
		ImageInputException missing = assertThrows(ImageInputException.class, () -> ImageInputs
			.list(dir.resolve("nope").toString(), conf));
		assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
		ImageInputException none = assertThrows(ImageInputException.class, () -> ImageInputs.list(
			dir + "/*.gif", conf));
		assertTrue(none.getMessage().contains("names no image"), none.getMessage());
	}
}
