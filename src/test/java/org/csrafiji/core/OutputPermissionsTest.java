package org.csrafiji.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.csrafiji.checkpoint.TensorData;
import org.csrafiji.checkpoint.TorchCheckpointWriter;
import org.csrafiji.eval.ModelStamp;
import org.csrafiji.eval.PredictionsWriter;
import org.csrafiji.eval.ResumableCsv;
import org.csrafiji.train.TrainingState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the plugin writes get the permissions of any file the user creates (the umask), not
 * the owner-only 0600 of {@link Files#createTempFile}: each is compared with a file made by a
 * plain {@link Files#newOutputStream} in the same folder.
 */
class OutputPermissionsTest {

	@TempDir
	Path dir;

	private Set<PosixFilePermission> usual;

	@BeforeEach
	void reference() throws IOException {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
			"POSIX permissions only");
		Path plain = dir.resolve("plain.txt");
		try (OutputStream out = Files.newOutputStream(plain)) {
			out.write('x');
		}
		usual = Files.getPosixFilePermissions(plain);
	}

	private void assertUsual(Path file) throws IOException {
		assertEquals(PosixFilePermissions.toString(usual), PosixFilePermissions.toString(Files
			.getPosixFilePermissions(file)), file.toString());
	}

	@Test
	void atomicallyWrittenFiles() throws IOException {
		Path file = dir.resolve("out.txt");
		OutputFiles.write(file, tmp -> Files.writeString(tmp, "hello"));
		assertUsual(file);
		assertEquals("hello", Files.readString(file));
		assertEquals(List.of(dir.resolve("out.txt"), dir.resolve("plain.txt")),
			Files.list(dir).sorted()
				.toList(),
			"no temporary file is left");
	}

	@Test
	void modelSpecs() throws IOException {
		ModelSpec spec = new ModelSpecBuilder().name("perm").architecture("resnet18").heads(1)
			.lambda(0.1)
			.input(InputSpec.unitRange(96)).classes(ClassLabels.generic(3)).build(3);
		Path file = dir.resolve("perm.json");
		ModelSpecs.write(spec, file);
		assertUsual(file);
	}

	@Test
	void checkpointsAndTrainingState() throws IOException {
		Path pth = dir.resolve("w.pth");
		TorchCheckpointWriter.write(pth,
			Map.of("w", TensorData.ofFloats(new long[]{2}, new float[]{1,
				2})));
		assertUsual(pth);
		new TrainingState(1, 2, 0.5, 1, 3).write(dir);
		assertUsual(dir.resolve(TrainingState.FILE));
	}

	@Test
	void predictionsAndBatchCsvs() throws IOException {
		ModelStamp model = new ModelStamp("perm", "none");
		Path pred = dir.resolve("pred.csv");
		PredictionsWriter.open(pred, ClassLabels.generic(2), model).close();
		assertUsual(pred);
		Path batch = dir.resolve("batch.csv");
		ResumableCsv.Layout layout = new ResumableCsv.Layout(List.of("file", "error"), k -> k, 1,
			false);
		try (ResumableCsv out = ResumableCsv.open(batch, model, layout)) {
			out.append(List.of(List.of("a.tif", "failed")));
		}
		ResumableCsv.open(batch, model, layout).close(); // rewritten without the error row
		assertUsual(batch);
		assertEquals(2, Files.readAllLines(batch, StandardCharsets.UTF_8).size());
	}
}
