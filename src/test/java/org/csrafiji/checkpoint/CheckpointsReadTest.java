package org.csrafiji.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads files written by real torch.save and safetensors and compares with PyTorch's values. */
class CheckpointsReadTest {

	static List<String> fixtures() {
		return Fixtures.described();
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void readsEveryTensorWithPyTorchsKeysShapesAndValues(String file) {
		StateDict sd = Checkpoints.read(Fixtures.path(file));
		assertEquals(Fixtures.keys(file), new ArrayList<>(sd.keys()), file + " keys in file order");
		for (String key : sd.keys())
			Fixtures.assertTensor(file, key, sd.get(key));
		assertEquals(file, sd.source());
	}

	@Test
	void honoursTransposedStridedOffsetAndSharedViews() {
		StateDict sd = Checkpoints.read(Fixtures.path("dtypes.pth"));
		float[] base = sd.get("base").toFloatArray(); // 3 x 4, values 0, 0.5, 1, ...
		float[] transposed = sd.get("base_t").toFloatArray(); // 4 x 3
		for (int r = 0; r < 3; r++) {
			for (int c = 0; c < 4; c++)
				assertEquals(base[r * 4 + c], transposed[c * 3 + r]);
		}
		float[] cols = sd.get("cols").toFloatArray(); // base[:, 1::2]
		assertEquals(base[1], cols[0]);
		assertEquals(base[3], cols[1]);
		assertEquals(base[5], cols[2]);
		assertEquals(List.of(3L, 4L, 5L, 6L), boxed(sd.get("offset").toLongArray()));
	}

	@Test
	void tensorsOnOneStorageDoNotShareMemory() {
		StateDict sd = Checkpoints.read(Fixtures.path("dtypes.pth"));
		ByteBuffer a = sd.get("shared_a").toFloat32Buffer();
		ByteBuffer b = sd.get("shared_b").toFloat32Buffer();
		float before = b.getFloat(0);
		a.putFloat(0, 12345f);
		a.putFloat(a.limit() - 4, 12345f);
		assertEquals(before, sd.get("shared_b").toFloat32Buffer().getFloat(0));
		assertNotSame(a, b);
	}

	@Test
	void float32BufferIsTheTensorsOwnMemoryWithoutCopy() {
		TensorData t = Checkpoints.read(Fixtures.path("official.pth")).get("conv1.weight");
		ByteBuffer first = t.toFloat32Buffer();
		first.putFloat(0, 42f);
		assertEquals(42f, t.toFloat32Buffer().getFloat(0), "the same memory is handed out again");
	}

	@Test
	void detectsTheFormatFromContentNotFromTheExtension(@TempDir Path dir) throws Exception {
		Path renamedPth = dir.resolve("weights.safetensors");
		Files.copy(Fixtures.path("official.pth"), renamedPth);
		Path renamedSafetensors = dir.resolve("weights.pth");
		Files.copy(Fixtures.path("tensors.safetensors"), renamedSafetensors);
		assertEquals(Fixtures.keys("official.pth"),
			new ArrayList<>(Checkpoints.read(renamedPth).keys()));
		assertEquals(Fixtures.keys("tensors.safetensors"),
			new ArrayList<>(Checkpoints.read(renamedSafetensors).keys()));
	}

	@Test
	void unwrapsStateDictAndModelAndIgnoresOtherValues() {
		StateDict mm = Checkpoints.read(Fixtures.path("mmpretrain.pth"));
		assertTrue(
			mm.keys().stream().allMatch(k -> k.startsWith("backbone.") || k.startsWith("head.")));
		StateDict wrapped = Checkpoints.read(Fixtures.path("model-wrapped.pth"));
		assertFalse(wrapped.keys().stream().anyMatch(k -> k.contains("momentum")));
		assertEquals(Fixtures.keys("model-wrapped.pth"), new ArrayList<>(wrapped.keys()));
	}

	@ParameterizedTest
	@ValueSource(booleans = {false, true})
	void readsCheckpointRezippedWithDeflateWithOrWithoutTopFolder(boolean flatten,
		@TempDir Path dir)
		throws IOException
	{
		Path rezipped = dir.resolve("rezipped.pth");
		try (ZipFile in = new ZipFile(Fixtures.path("official.pth").toFile());
			OutputStream out = Files.newOutputStream(rezipped);
			ZipOutputStream z = new ZipOutputStream(out))
		{
			for (ZipEntry e : Collections.list(in.entries())) {
				String name = flatten
					? e.getName().substring(e.getName().indexOf('/') + 1)
					: e.getName();
				z.putNextEntry(new ZipEntry(name));
				in.getInputStream(e).transferTo(z);
				z.closeEntry();
			}
		}
		StateDict sd = Checkpoints.read(rezipped);
		assertEquals(Fixtures.keys("official.pth"), new ArrayList<>(sd.keys()));
		for (String key : sd.keys())
			Fixtures.assertTensor("official.pth", key, sd.get(key));
	}

	private static List<Long> boxed(long[] values) {
		List<Long> out = new ArrayList<>();
		for (long v : values)
			out.add(v);
		return out;
	}
}
