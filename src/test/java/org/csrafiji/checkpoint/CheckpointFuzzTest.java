package org.csrafiji.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer over the checkpoints real PyTorch wrote (src/test/resources/
 * checkpoint): byte flips, truncations, zip directory and local header edits, pickle edits
 * that hit sizes, strides, offsets and storage sizes (the archive rebuilt with valid CRCs, so
 * that the unpickler sees them), duplicated and overlapping entries, deflated copies and
 * deflate bombs, safetensors header edits. Every mutant must be refused with a
 * CheckpointException or read correctly (a mutant that keeps the content reads exactly the
 * original tensors); no other exception or error, no payload run, the memory the JVM measures
 * within {@link #memoryBound}, and each read within {@link #MAX_SECONDS}.
 */
class CheckpointFuzzTest {

	private static final long SEED = 0x5eed_2026_1129L;
	private static final int MUTANTS_PER_FILE = 30;
	private static final double MAX_SECONDS = 2.0;
	private static final long MIB = 1 << 20;
	/** The file the evil fixtures' payloads would create if anything executed them. */
	private static final Path MARKER = Path.of("/tmp/csra-pwned-marker");
	private static final List<String> ZIPS = List.of("official.pth", "dtypes.pth",
		"dtypes-protocol4.pth", "big-endian.pth", "dataparallel.pth", "mmpretrain.pth",
		"model-wrapped.pth", "numpy-meta.pth", "torchvision.pth", "evil-eval.pth",
		"evil-os-system.pth", "torchscript.pt");
	private static final long[] EDGE_INTS = {0, 1, -1, 2, 255, 65535, Integer.MAX_VALUE,
		Integer.MIN_VALUE, 1 << 28, 0xffffffffL, 1L << 40};

	@TempDir
	Path dir;

	/** One hostile or damaged variant of a fixture. */
	private record Mutant(String what, byte[] bytes, StateDict sameAs) {}

	@Test
	void everyMutantIsRefusedCleanlyOrReadCorrectlyWithinMemoryAndTime() throws IOException {
		Files.deleteIfExists(MARKER);
		Random random = new Random(SEED);
		List<Mutant> mutants = new ArrayList<>();
		for (String name : ZIPS)
			mutants.addAll(zipMutants(name, random));
		mutants.addAll(safetensorsMutants(random));
		List<String> failures = new ArrayList<>();
		int refused = 0;
		long start = System.nanoTime();
		long worstBytes = 0;
		double worstRatio = 0;
		String worst = "";
		for (int i = 0; i < mutants.size(); i++) {
			Mutant m = mutants.get(i);
			Path file = Files.write(dir.resolve("mutant" + i + ".pth"), m.bytes());
			ReadCost cost;
			try {
				cost = ReadCost.of(file);
			}
			catch (Throwable t) { // anything but a CheckpointException is a finding
				failures.add(m.what() + ": " + t);
				continue;
			}
			if (cost.refusal() != null) {
				refused++;
				String message = cost.refusal().getMessage();
				if (message == null || message.contains("\n") || !message.contains("mutant" + i)) {
					failures.add(m.what() + ": message not one line naming the file: " + message);
				}
			}
			else {
				String wrong = wrongContent(cost.result(), m.sameAs());
				if (wrong != null) failures.add(m.what() + ": read, but " + wrong);
			}
			if (cost.bytes() > memoryBound(m.bytes().length)) {
				failures.add(m.what() + ": read used " + cost.bytes() + " bytes, bound "
					+ memoryBound(m.bytes().length));
			}
			if (cost.nanos() > MAX_SECONDS * 1e9)
				failures.add(m.what() + ": took " + cost.nanos() / 1e9 + " s");
			worstRatio = Math.max(worstRatio, (double) cost.bytes() / m.bytes().length);
			if (cost.bytes() > worstBytes) {
				worstBytes = cost.bytes();
				worst = m.what() + " (" + m.bytes().length + " bytes)";
			}
			Files.delete(file);
		}
		System.out.printf(
			"fuzzer: %d mutants, %d refused, %d read, %.1f s; most memory %d bytes by %s;"
				+ " most per file byte %.1f%n",
			mutants.size(), refused, mutants.size() - refused,
			(System.nanoTime() - start) / 1e9, worstBytes, worst, worstRatio);
		assertFalse(Files.exists(MARKER), "a payload ran");
		assertTrue(failures.isEmpty(), failures.size() + " findings:\n" + String.join("\n",
			failures.subList(0, Math.min(20, failures.size()))));
		assertTrue(mutants.size() >= 250, "only " + mutants.size() + " mutants");
	}

	/**
	 * The bound the fuzzer holds the reader to: heap allocated plus direct memory grown, at
	 * most 4 MiB plus 16 bytes per byte of the file. A stored checkpoint's tensors take at
	 * most three times its bytes (storages read once, tensors at most twice their storages),
	 * the unpickler's values a few bytes per byte of data.pkl; a deflated entry expands at
	 * most 100 times, which no mutant other than the refused bombs has.
	 */
	static long memoryBound(long fileBytes) {
		return 4 * MIB + 16 * fileBytes;
	}

	private List<Mutant> zipMutants(String name, Random random) throws IOException {
		byte[] original = Files.readAllBytes(Fixtures.path(name));
		Map<String, byte[]> entries = entries(Fixtures.path(name));
		StateDict reference = readable(name) ? Checkpoints.read(Fixtures.path(name)) : null;
		String pickleName = entries.keySet().stream().filter(n -> n.endsWith("data.pkl"))
			.findFirst()
			.orElse(entries.keySet().iterator().next());
		List<String> storages = entries.keySet().stream().filter(n -> n.contains("/data/"))
			.toList();
		List<Mutant> out = new ArrayList<>();
		out.add(new Mutant(name + " rebuilt", rebuild(entries, false), reference));
		out.add(new Mutant(name + " deflated", rebuild(entries, true), reference));
		for (int i = 0; out.size() < MUTANTS_PER_FILE; i++) {
			int kind = i % 10;
			String what = name + " #" + i + " ";
			byte[] mutated;
			switch (kind) {
				case 0 -> {
					mutated = flip(original, random);
					what += "byte flips";
				}
				case 1 -> {
					int length = random.nextInt(original.length);
					mutated = Arrays.copyOf(original, length);
					what += "cut at " + length;
				}
				case 2, 3 -> {
					int at = pick(original, new byte[]{'P', 'K', 1, 2}, random);
					int[] fields = {10, 20, 24, 28, 30, 42};
					int field = fields[random.nextInt(fields.length)];
					mutated = put(original, at + field,
						field == 10 || field == 28 || field == 30 ? 2 : 4,
						edge(random, le(original, at + field, 4)));
					what += "directory field +" + field;
				}
				case 4 -> {
					int at = pick(original, new byte[]{'P', 'K', 5, 6}, random);
					int field = new int[]{8, 10, 12, 16}[random.nextInt(4)];
					mutated = put(original, at + field, field < 12 ? 2 : 4,
						edge(random, le(original, at + field, 4)));
					what += "end record field +" + field;
				}
				case 5, 6, 7 -> {
					Map<String, byte[]> edited = new LinkedHashMap<>(entries);
					edited.put(pickleName, mutatePickle(entries.get(pickleName), random));
					mutated = rebuild(edited, false);
					what += "pickle edit";
				}
				case 8 -> {
					ZipBytes zip = new ZipBytes();
					entries.forEach(zip::stored);
					String twice = random.nextBoolean() || storages.isEmpty()
						? pickleName
						: storages.get(random.nextInt(storages.size()));
					zip.stored(twice, entries.get(twice));
					mutated = zip.bytes();
					what += "entry " + twice + " twice";
				}
				default -> {
					ZipBytes zip = new ZipBytes();
					List<ZipBytes.Entry> written = new ArrayList<>();
					for (Map.Entry<String, byte[]> e : entries.entrySet()) {
						boolean bomb = e.getKey().equals(storages.isEmpty() ? "" : storages.get(0));
						written.add(bomb
							? zip.deflated(e.getKey(), new byte[8 << 20])
							: zip.stored(e.getKey(), e.getValue()));
					}
					if (written.size() > 2) zip.alias(written.get(0).name + "x", written.get(1));
					mutated = zip.bytes();
					what += "deflate bomb or shared bytes";
				}
			}
			// a mutant that leaves data.pkl and the storages intact must read as the original
			out.add(new Mutant(what, mutated, kind <= 4 ? reference : null));
		}
		return out;
	}

	private byte[] mutatePickle(byte[] pickle, Random random) {
		byte[] p = pickle.clone();
		switch (random.nextInt(6)) {
			case 0 -> {
				return flip(p, random);
			}
			case 1 -> { // a BININT1 argument: sizes, strides, offsets, storage sizes
				int at = pickAny(p, (byte) 'K', random);
				p[at + 1] = (byte) random.nextInt(256);
				return p;
			}
			case 2 -> { // a small int becomes an extreme 32- or 64-bit one
				int at = pickAny(p, (byte) 'K', random);
				long v = EDGE_INTS[random.nextInt(EDGE_INTS.length)];
				byte[] wide = v == (int) v
					? ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'J')
						.putInt((int) v).array()
					: ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x8a)
						.put((byte) 8)
						.putLong(v).array();
				return splice(p, at, 2, wide);
			}
			case 3 -> { // delete a short run
				int at = random.nextInt(p.length);
				return splice(p, at, Math.min(p.length - at, 1 + random.nextInt(8)), new byte[0]);
			}
			case 4 -> { // repeat a run
				int at = random.nextInt(p.length);
				int n = Math.min(p.length - at, 1 + random.nextInt(64));
				return splice(p, at, 0, Arrays.copyOfRange(p, at, at + n));
			}
			default -> {
				return Arrays.copyOf(p, random.nextInt(p.length));
			}
		}
	}

	private List<Mutant> safetensorsMutants(Random random) throws IOException {
		Path path = Fixtures.path("tensors.safetensors");
		byte[] original = Files.readAllBytes(path);
		StateDict reference = Checkpoints.read(path);
		int headerLength = (int) le(original, 0, 8);
		JsonObject header = JsonParser.parseString(new String(original, 8, headerLength,
			StandardCharsets.UTF_8)).getAsJsonObject();
		byte[] data = Arrays.copyOfRange(original, 8 + headerLength, original.length);
		List<String> names = new ArrayList<>(header.keySet());
		names.remove("__metadata__");
		List<Mutant> out = new ArrayList<>();
		out.add(new Mutant("safetensors rewritten", safetensors(header, data), reference));
		for (int i = 0; out.size() < 3 * MUTANTS_PER_FILE; i++) {
			String what = "safetensors #" + i + " ";
			JsonObject h = header.deepCopy();
			JsonObject tensor = h.getAsJsonObject(names.get(random.nextInt(names.size())));
			byte[] mutated;
			switch (i % 8) {
				case 0 -> {
					JsonArray offsets = tensor.getAsJsonArray("data_offsets");
					long v = random.nextBoolean()
						? random.nextInt(data.length + 8)
						: EDGE_INTS[random.nextInt(EDGE_INTS.length)];
					offsets.set(random.nextInt(2), new JsonPrimitive(v));
					mutated = safetensors(h, data);
					what += "offset " + v;
				}
				case 1 -> { // shift a tensor onto its neighbour, keeping its length
					JsonArray offsets = tensor.getAsJsonArray("data_offsets");
					long shift = random.nextInt(33) - 16;
					offsets.set(0, new JsonPrimitive(offsets.get(0).getAsLong() + shift));
					offsets.set(1, new JsonPrimitive(offsets.get(1).getAsLong() + shift));
					mutated = safetensors(h, data);
					what += "shifted by " + shift;
				}
				case 2 -> {
					JsonArray shape = new JsonArray();
					shape.add(EDGE_INTS[random.nextInt(EDGE_INTS.length)]);
					tensor.add("shape", shape);
					mutated = safetensors(h, data);
					what += "shape " + shape;
				}
				case 3 -> {
					String[] types = {"F16", "BF16", "F64", "I64", "U8", "BOOL", "F8_E4M3", ""};
					String type = types[random.nextInt(types.length)];
					tensor.addProperty("dtype", type);
					mutated = safetensors(h, data);
					what += "dtype " + type;
				}
				case 4 -> {
					mutated = put(original, 0, 8, edge(random, headerLength));
					what += "header length";
				}
				case 5 -> {
					mutated = flip(original, random);
					what += "byte flips";
				}
				case 6 -> {
					mutated = Arrays.copyOf(original, random.nextInt(original.length));
					what += "cut";
				}
				default -> {
					int depth = 1 << (4 + random.nextInt(14));
					String nested = "[".repeat(depth) + "]".repeat(depth);
					byte[] json = ("{\"__metadata__\":" + nested + "," + h.toString().substring(1))
						.getBytes(StandardCharsets.UTF_8);
					mutated = safetensors(json, data);
					what += "metadata nested " + depth + " deep";
				}
			}
			out.add(new Mutant(what, mutated, null));
		}
		return out;
	}

	/** @return null when the read tensors are right, otherwise what is wrong */
	private static String wrongContent(StateDict read, StateDict sameAs) {
		for (String key : read.keys()) {
			TensorData t = read.get(key);
			if (t.toFloat32Buffer().remaining() != 4 * t.numel())
				return key + " has a short buffer";
		}
		if (sameAs == null) return null;
		if (!new ArrayList<>(read.keys()).equals(new ArrayList<>(sameAs.keys())))
			return "other keys";
		for (String key : sameAs.keys()) {
			if (!read.get(key).equals(sameAs.get(key))) return "tensor " + key + " differs";
		}
		return null;
	}

	private static boolean readable(String name) {
		return !name.startsWith("evil") && !name.endsWith(".pt");
	}

	private static Map<String, byte[]> entries(Path zip) throws IOException {
		Map<String, byte[]> out = new LinkedHashMap<>();
		try (ZipFile z = new ZipFile(zip.toFile())) {
			for (ZipEntry e : Collections.list(z.entries()))
				out.put(e.getName(), z.getInputStream(e).readAllBytes());
		}
		return out;
	}

	private static byte[] rebuild(Map<String, byte[]> entries, boolean deflate) {
		ZipBytes zip = new ZipBytes();
		entries.forEach((n, b) -> {
			if (deflate) zip.deflated(n, b);
			else
				zip.stored(n, b);
		});
		return zip.bytes();
	}

	private static byte[] safetensors(JsonObject header, byte[] data) {
		return safetensors(header.toString().getBytes(StandardCharsets.UTF_8), data);
	}

	private static byte[] safetensors(byte[] json, byte[] data) {
		return ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
			.putLong(json.length).put(json).put(data).array();
	}

	private static byte[] flip(byte[] bytes, Random random) {
		byte[] b = bytes.clone();
		for (int n = 1 + random.nextInt(4); n > 0; n--)
			b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
		return b;
	}

	private static long edge(Random random, long original) {
		return switch (random.nextInt(4)) {
			case 0 -> EDGE_INTS[random.nextInt(EDGE_INTS.length)];
			case 1 -> original + 1;
			case 2 -> original - 1;
			default -> original * 2 + random.nextInt(1 << 20);
		};
	}

	/** @return the position of a randomly chosen occurrence of the signature */
	private static int pick(byte[] bytes, byte[] signature, Random random) {
		List<Integer> found = new ArrayList<>();
		outer : for (int i = 0; i + signature.length <= bytes.length; i++) {
			for (int j = 0; j < signature.length; j++) {
				if (bytes[i + j] != signature[j]) continue outer;
			}
			found.add(i);
		}
		return found.get(random.nextInt(found.size()));
	}

	private static int pickAny(byte[] bytes, byte b, Random random) {
		List<Integer> found = new ArrayList<>();
		for (int i = 0; i + 1 < bytes.length; i++) {
			if (bytes[i] == b) found.add(i);
		}
		return found.isEmpty() ? 0 : found.get(random.nextInt(found.size()));
	}

	private static long le(byte[] b, int at, int n) {
		long v = 0;
		for (int i = n - 1; i >= 0; i--)
			v = v << 8 | (at + i < b.length ? b[at + i] & 0xff : 0);
		return v;
	}

	private static byte[] put(byte[] bytes, int at, int n, long value) {
		byte[] b = bytes.clone();
		for (int i = 0; i < n && at + i < b.length; i++)
			b[at + i] = (byte) (value >>> (8 * i));
		return b;
	}

	private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
		byte[] out = new byte[b.length - remove + insert.length];
		System.arraycopy(b, 0, out, 0, at);
		System.arraycopy(insert, 0, out, at, insert.length);
		System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
		return out;
	}

	@Test
	void memoryBoundHoldsForTheOriginalsThemselves() throws IOException {
		for (String name : ZIPS) {
			if (!readable(name)) continue;
			Checkpoints.read(Fixtures.path(name)); // class loading and first-use costs
			ReadCost cost = ReadCost.of(Fixtures.path(name));
			assertEquals(null, cost.refusal(), name);
			long size = Files.size(Fixtures.path(name));
			assertTrue(cost.bytes() <= memoryBound(size), name + " used " + cost.bytes());
		}
	}
}
