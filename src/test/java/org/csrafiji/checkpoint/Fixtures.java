package org.csrafiji.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The fixtures written by src/test/python/make_checkpoint_fixtures.py and the values PyTorch
 * reported for them in expected.json.
 */
final class Fixtures {

	private static JsonObject expected;

	private Fixtures() {}

	/** @return path of a fixture file under src/test/resources/checkpoint */
	static Path path(String name) {
		URL url = Fixtures.class.getResource("/checkpoint/" + name);
		if (url == null) throw new IllegalArgumentException("No fixture " + name);
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** @return the file names expected.json describes */
	static List<String> described() {
		return new ArrayList<>(expected().keySet());
	}

	/** @return the key order PyTorch saved for that file */
	static List<String> keys(String file) {
		List<String> keys = new ArrayList<>();
		expected().getAsJsonObject(file).getAsJsonArray("keys")
			.forEach(k -> keys.add(k.getAsString()));
		return keys;
	}

	/**
	 * Asserts that a tensor has the dtype, shape and values PyTorch recorded.
	 *
	 * @param file fixture name
	 * @param key tensor name as PyTorch saved it
	 * @param actual the tensor read
	 */
	static void assertTensor(String file, String key, TensorData actual) {
		JsonObject e = expected().getAsJsonObject(file).getAsJsonObject("tensors")
			.getAsJsonObject(key);
		String where = file + " " + key;
		assertEquals(DType.valueOf(e.get("dtype").getAsString()), actual.dtype(), where);
		assertArrayEquals(longs(e.getAsJsonArray("shape")), actual.shape(), where);
		float[] floats = actual.toFloatArray();
		if (e.has("f32bits")) {
			JsonArray bits = e.getAsJsonArray("f32bits");
			assertEquals(bits.size(), floats.length, where);
			for (int i = 0; i < floats.length; i++) {
				float want = Float.intBitsToFloat(bits.get(i).getAsInt());
				if (Float.isNaN(want)) {
					assertTrue(Float.isNaN(floats[i]), where + "[" + i + "] should be NaN");
				}
				else {
					assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(floats[i]),
						where + "[" + i + "]: want " + want + ", got " + floats[i]);
				}
			}
		}
		else {
			long[] want = longs(e.getAsJsonArray("longs"));
			assertArrayEquals(want, actual.toLongArray(), where);
			for (int i = 0; i < want.length; i++)
				assertEquals((float) want[i], floats[i], where);
		}
		assertFloat32BufferMatches(floats, actual.toFloat32Buffer(), where);
	}

	/** Asserts the buffer contract: direct, native order, position 0, the same values. */
	static void assertFloat32BufferMatches(float[] floats, ByteBuffer buffer, String where) {
		assertTrue(buffer.isDirect(), where + ": direct");
		assertEquals(ByteOrder.nativeOrder(), buffer.order(), where);
		assertEquals(0, buffer.position(), where);
		assertEquals(4L * floats.length, buffer.limit(), where);
		float[] fromBuffer = new float[floats.length];
		buffer.asFloatBuffer().get(fromBuffer);
		for (int i = 0; i < floats.length; i++) {
			assertEquals(Float.floatToRawIntBits(floats[i]), Float.floatToRawIntBits(fromBuffer[i]),
				where);
		}
	}

	private static long[] longs(JsonArray array) {
		long[] out = new long[array.size()];
		for (int i = 0; i < out.length; i++)
			out[i] = array.get(i).getAsLong();
		return out;
	}

	private static synchronized JsonObject expected() {
		if (expected == null) {
			try (Reader r = new InputStreamReader(
				Fixtures.class.getResourceAsStream("/checkpoint/expected.json"),
				StandardCharsets.UTF_8))
			{
				JsonElement json = JsonParser.parseReader(r);
				expected = json.getAsJsonObject();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return expected;
	}
}
