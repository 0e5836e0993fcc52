package org.csrafiji.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.csrafiji.checkpoint.Checkpoints;
import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.ImageInputException;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.core.Setting;
import org.csrafiji.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User errors carry the file and the setting at fault, not only a sentence. */
class ExceptionFactsTest {

	@TempDir
	Path dir;

	@Test
	void aDamagedCheckpointNamesItsFile() throws Exception {
		Path f = Files.write(dir.resolve("w.pth"), new byte[]{1, 2, 3, 4, 5});
		CsraException e = assertThrows(CheckpointException.class, () -> Checkpoints.read(f));
		assertEquals(Optional.of(f), e.file());
		assertEquals(Optional.of(Setting.CHECKPOINT), e.setting());
		assertTrue(e.getMessage().contains("w.pth"), e.getMessage());
	}

	@Test
	void aBadSpecFieldNamesTheSpecFileAndTheSetting() throws Exception {
		Path f = Files.writeString(dir.resolve("m.json"), "{\"architecture\": \"alexnet\","
			+ " \"classes\": [\"a\"]}");
		CsraException e = assertThrows(ModelSpecException.class, () -> ModelSpecs.read(f));
		assertEquals(Optional.of(f), e.file());
		assertEquals(Optional.of(Setting.ARCHITECTURE), e.setting());
		assertEquals(Optional.of("alexnet"), e.value());
	}

	@Test
	void aMissingImageNamesItsFile() {
		Path f = dir.resolve("none.tif");
		CsraException e = assertThrows(ImageInputException.class, () -> ImageFiles.open(f));
		assertEquals(Optional.of(f), e.file());
	}

	@Test
	void checkpointAndClassCountsThatDisagreeNameTheSetting() throws Exception {
		Path ckpt = Path.of("src/test/resources/model/official_r18_h1.pth").toAbsolutePath();
		Path spec = Files.writeString(dir.resolve("s.json"), "{\"architecture\": \"resnet18\","
			+ " \"input_size\": 96, \"classes\": [\"a\", \"b\"], \"checkpoint\": \""
			+ ckpt.toString()
				.replace("\\", "\\\\")
			+ "\"}");
		CsraException e = assertThrows(CheckpointException.class, () -> ModelLoader.load(ModelSpecs
			.read(spec), DeviceChoice.CPU));
		assertEquals(Optional.of(Setting.CLASSES), e.setting());
		assertEquals(Optional.of("2"), e.value());
		assertEquals(Optional.of(ckpt), e.file());
	}
}
