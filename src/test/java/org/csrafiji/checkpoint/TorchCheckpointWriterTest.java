package org.csrafiji.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.csrafiji.core.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes checkpoints and reads them back; leaves one for PyTorch to check by hand. */
class TorchCheckpointWriterTest {

	/**
	 * Where {@link #writesTheFileThePythonScriptChecks} leaves its output; check it with
	 * {@code python3 src/test/python/make_checkpoint_fixtures.py --verify-java-written
	 * target/checkpoint-writer/written-by-java.pth}.
	 */
	static final Path FOR_PYTHON = Path.of("target", "checkpoint-writer", "written-by-java.pth");

	@TempDir
	Path dir;

	@Test
	void writesWhatTheReaderReadsBackIdentically() {
		Map<String, TensorData> tensors = new LinkedHashMap<>();
		tensors.put("w",
			TensorData.ofFloats(new long[]{2, 3}, new float[]{1, -2, 3.5f, Float.NaN, 0, -0f}));
		tensors.put("n", TensorData.ofLongs(new long[0], new long[]{Long.MIN_VALUE}));
		tensors.put("empty", TensorData.ofFloats(new long[]{0, 4}, new float[0]));
		tensors.put("wide", TensorData.ofLongs(new long[]{1, 1, 2, 1, 1}, new long[]{70_000, -3}));
		tensors.put("half", TensorData.copyOf(DType.FLOAT16, new long[]{2},
			ByteBuffer.wrap(new byte[]{0x00, 0x3c, 0x00, (byte) 0xc0})
				.order(ByteOrder.LITTLE_ENDIAN)));
		tensors.put("half_from_big_endian", TensorData.copyOf(DType.FLOAT16, new long[]{2},
			ByteBuffer.wrap(new byte[]{0x3c, 0x00, (byte) 0xc0, 0x00})
				.order(ByteOrder.BIG_ENDIAN)));
		Path file = dir.resolve("round-trip.pth");
		TorchCheckpointWriter.write(file, tensors);
		StateDict back = Checkpoints.read(file);
		assertEquals(new ArrayList<>(tensors.keySet()), new ArrayList<>(back.keys()));
		tensors.forEach((k, v) -> assertEquals(v, back.get(k), k));
		assertArrayEquals(new float[]{1, -2}, back.get("half").toFloatArray());
		assertArrayEquals(new float[]{1, -2}, back.get("half_from_big_endian").toFloatArray());
	}

	@Test
	void writesEntriesStoredAnd64ByteAlignedUnderTheFileStem() throws IOException {
		Path file = dir.resolve("resnet.pth");
		TorchCheckpointWriter.write(file, sample());
		byte[] bytes = Files.readAllBytes(file);
		List<String> names = new ArrayList<>();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			long at = 0;
			for (ZipEntry e : Collections.list(zip.entries())) {
				names.add(e.getName());
				assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
				ByteBuffer header = ByteBuffer.wrap(bytes, (int) at, 30)
					.order(ByteOrder.LITTLE_ENDIAN);
				assertEquals(0x04034b50, header.getInt((int) at), e.getName());
				long data = at + 30 + header.getShort((int) at + 26)
					+ header.getShort((int) at + 28);
				assertEquals(0, data % 64, e.getName() + " data at " + data);
				assertArrayEquals(zip.getInputStream(e).readAllBytes(),
					Arrays.copyOfRange(bytes, (int) data, (int) (data + e.getSize())), e.getName());
				at = data + e.getSize() + 16; // the data descriptor
			}
		}
		assertEquals(List.of("resnet/data.pkl", "resnet/.format_version",
			"resnet/.storage_alignment",
			"resnet/byteorder", "resnet/data/0", "resnet/data/1", "resnet/data/2", "resnet/data/3",
			"resnet/version", "resnet/.data/serialization_id"), names);
		try (ZipFile zip = new ZipFile(file.toFile())) {
			assertEquals("little", new String(zip.getInputStream(zip.getEntry("resnet/byteorder"))
				.readAllBytes(), StandardCharsets.US_ASCII));
		}
	}

	@Test
	void writesTheFileThePythonScriptChecks() throws IOException {
		Files.createDirectories(FOR_PYTHON.getParent());
		TorchCheckpointWriter.write(FOR_PYTHON, sample());
		StateDict back = Checkpoints.read(FOR_PYTHON);
		sample().forEach((k, v) -> assertEquals(v, back.get(k), k));
	}

	@Test
	void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
		Path file = dir.resolve("model.pth");
		Files.writeString(file, "old contents");
		TorchCheckpointWriter.write(file, sample());
		assertEquals(sample().keySet(), Checkpoints.read(file).keys());
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(List.of(file), files.toList());
		}
	}

	@Test
	void failureLeavesNeitherTargetNorTemporaryFile() throws IOException {
		Path occupied = Files.createDirectories(dir.resolve("taken.pth"));
		Files.writeString(occupied.resolve("inside"), "keeps the folder non-empty");
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> TorchCheckpointWriter.write(occupied, sample()));
		assertTrue(e.getMessage().contains("taken.pth"), e.getMessage());
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(List.of(occupied), files.toList());
		}
		Path nowhere = dir.resolve("missing-folder").resolve("x.pth");
		assertThrows(CheckpointException.class,
			() -> TorchCheckpointWriter.write(nowhere, sample()));
	}

	@Test
	void largeCheckpointSurvivesTheRoundTrip() {
		// 40 tensors, 12 M floats (48 MB) in all, each element a function of its tensor and index
		Map<String, TensorData> tensors = new LinkedHashMap<>();
		for (int t = 0; t < 40; t++) {
			int n = 100_000 + t * 10_000;
			float[] values = new float[n];
			for (int i = 0; i < n; i++)
				values[i] = t * 1000f + i * 0.5f;
			tensors.put("layer" + t + ".weight",
				TensorData.ofFloats(new long[]{n / 1000, 1000}, values));
		}
		Path file = dir.resolve("large.pth");
		TorchCheckpointWriter.write(file, tensors);
		StateDict back = Checkpoints.read(file);
		assertEquals(tensors.size(), back.size());
		for (int t = 0; t < 40; t++) {
			ByteBuffer b = back.get("layer" + t + ".weight").toFloat32Buffer();
			int n = 100_000 + t * 10_000;
			assertEquals(4 * n, b.limit());
			for (int i = 0; i < n; i += 997)
				assertEquals(t * 1000f + i * 0.5f, b.getFloat(4 * i));
			assertEquals(t * 1000f + (n - 1) * 0.5f, b.getFloat(4 * (n - 1)));
		}
	}

	/** The state dict java_written_expectation() in make_checkpoint_fixtures.py expects. */
	private static Map<String, TensorData> sample() {
		Map<String, TensorData> tensors = new LinkedHashMap<>();
		float[] conv = new float[48];
		for (int i = 0; i < conv.length; i++)
			conv[i] = i * 0.25f - 3f;
		tensors.put("conv.weight", TensorData.ofFloats(new long[]{4, 3, 2, 2}, conv));
		tensors.put("bn.num_batches_tracked", TensorData.ofLongs(new long[0], new long[]{42}));
		tensors.put("fc.bias", TensorData.ofFloats(new long[]{5},
			new float[]{0x1p-149f, -0f, Float.MAX_VALUE, 0.3125f, -7.5f}));
		tensors.put("ids", TensorData.ofLongs(new long[]{4},
			new long[]{(1L << 53) + 1, -(1L << 62), 0, 7}));
		return tensors;
	}
}
