package org.csrafiji.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The Pillow resize cases written by src/test/python/make_image_fixtures.py: raw
 * little-endian inputs and Pillow's outputs, listed in image/manifest.txt.
 */
final class PilFixtures {

	/** One case: Pillow mode ("RGB", "L" or "F"), sizes, and the resource name. */
	record Case(String name, String mode, int srcWidth, int srcHeight, int dstWidth,
		int dstHeight)
	{

		/** @return the source bytes (uint8 modes: interleaved channels) */
		byte[] input() {
			return read(name + ".in.bin.gz");
		}

		/** @return Pillow's resized bytes */
		byte[] output() {
			return read(name + ".out.bin.gz");
		}

		/** @return the source as floats ('F' mode) */
		float[] inputFloats() {
			return floats(input());
		}

		/** @return Pillow's resized floats ('F' mode) */
		float[] outputFloats() {
			return floats(output());
		}

		@Override
		public String toString() {
			return name + " (" + mode + " " + srcWidth + "x" + srcHeight + " -> " + dstWidth
				+ "x" + dstHeight + ")";
		}
	}

	private PilFixtures() {}

	/** @return every case of the given Pillow mode */
	static List<Case> cases(String mode) {
		List<Case> out = new ArrayList<>();
		try (InputStream in = resource("manifest.txt");
			BufferedReader r = new BufferedReader(new InputStreamReader(in,
				StandardCharsets.UTF_8)))
		{
			String line;
			while ((line = r.readLine()) != null) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] f = line.trim().split("\\s+");
				Case c = new Case(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
					Integer.parseInt(f[4]), Integer.parseInt(f[5]));
				if (c.mode().equals(mode)) {
					out.add(c);
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out;
	}

	private static byte[] read(String name) {
		try (InputStream in = new GZIPInputStream(resource(name))) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static InputStream resource(String name) {
		InputStream in = PilFixtures.class.getResourceAsStream("/image/" + name);
		if (in == null) {
			throw new IllegalStateException("Missing test resource image/" + name
				+ "; run src/test/python/make_image_fixtures.py");
		}
		return in;
	}

	private static float[] floats(byte[] bytes) {
		float[] out = new float[bytes.length / 4];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
		return out;
	}
}
