package org.csrafiji.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile checkpoints of issue #10, one test each: every one is refused with one
 * CheckpointException, within a memory bound measured by the JVM ({@link ReadCost}) and a
 * time bound.
 */
class CheckpointAttacksTest {

	private static final long MIB = 1 << 20;

	@TempDir
	Path dir;

	@Test
	void zeroStrideViewOfOneFloatIsRefusedWithoutAllocatingIt() throws IOException {
		// 2^28 floats (1 GiB) that all read element 0 of a 4-byte storage: a file of < 2 KB
		PickleBytes p = stateDict().unicode("w").tensor("0", 1, 0, new long[]{1 << 28},
			new long[]{0}).op('s', '.');
		Path file = torchZip("zero", p, new byte[4]);
		assertTrue(Files.size(file) < 2048, "the file is " + Files.size(file) + " bytes");
		ReadCost cost = refused(file, "more than twice the");
		assertTrue(cost.bytes() < 4 * MIB, "read used " + cost.bytes() + " bytes");
		System.out.printf("zero-stride %d-byte file: heap %d bytes, direct %d bytes, %.3f s%n",
			Files.size(file), cost.heapAllocated(), cost.directGrowth(), cost.nanos() / 1e9);
	}

	@Test
	void thousandsOfViewsOfOneStorageAreRefusedBeforeTheyAreCopied() throws IOException {
		int numel = 1 << 16; // a 256 KiB storage, viewed whole by 2000 tensors: 512 MiB of copies
		PickleBytes p = stateDict();
		for (int i = 0; i < 2000; i++) {
			p.unicode("w" + i).tensor("0", numel, 0, new long[]{numel}, new long[]{1}).op('s');
		}
		Path file = torchZip("views", p.op('.'), new byte[4 * numel]);
		ReadCost cost = refused(file, "more than twice the");
		assertTrue(cost.bytes() < 8 * MIB, "read used " + cost.bytes() + " bytes");
	}

	@Test
	void tiedWeightsAndViewsOfOneStorageStillRead() throws IOException {
		// two whole views (tied weights) and a transposed one: legal, within the bound
		PickleBytes p = stateDict().unicode("a")
			.tensor("0", 6, 0, new long[]{2, 3}, new long[]{3, 1})
			.op('s').unicode("b").tensor("0", 6, 0, new long[]{2, 3}, new long[]{3, 1}).op('s')
			.unicode("t").tensor("0", 6, 0, new long[]{3, 2}, new long[]{1, 3}).op('s', '.');
		ByteBuffer storage = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < 6; i++)
			storage.putFloat(i);
		StateDict sd = Checkpoints.read(torchZip("tied", p, storage.array()));
		assertEquals(3, sd.size());
		assertEquals(java.util.List.of(0f, 3f, 1f, 4f, 2f, 5f), boxed(sd.get("t").toFloatArray()));
	}

	@Test
	void declaredSizeBeyondTheCompressedBytesIsRefusedBeforeAllocation() throws IOException {
		ZipBytes zip = new ZipBytes();
		ZipBytes.Entry pkl = zip.deflated("a/data.pkl", stateDict().op('.').bytes());
		pkl.size = 0x7ff00000L; // claims 2 GiB behind a few compressed bytes
		ReadCost cost = refused(write("liar.pth", zip.bytes()), "zip bomb");
		assertTrue(cost.bytes() < 4 * MIB, "read used " + cost.bytes() + " bytes");
		ZipBytes stored = new ZipBytes();
		stored.stored("a/data.pkl", stateDict().op('.').bytes()).size = 1 << 30;
		refused(write("stored-liar.pth", stored.bytes()), "stored entry a/data.pkl");
	}

	@Test
	void deflateBombIsRefusedBeforeInflating() throws IOException {
		int numel = 16 << 20; // 64 MiB of zero floats deflate to about 64 KiB
		PickleBytes p = stateDict().unicode("w").tensor("0", numel, 0, new long[]{numel},
			new long[]{1}).op('s', '.');
		ZipBytes zip = new ZipBytes();
		zip.stored("a/data.pkl", p.bytes());
		zip.deflated("a/data/0", new byte[4 * numel]);
		byte[] bytes = zip.bytes();
		assertTrue(bytes.length < 200_000, "bomb of " + bytes.length + " bytes");
		ReadCost cost = refused(write("bomb.pth", bytes), "zip bomb");
		assertTrue(cost.bytes() < 4 * MIB, "read used " + cost.bytes() + " bytes");
	}

	@Test
	void twoDataPklEntriesAreRefusedNotResolvedEitherWay() throws IOException {
		// torch.load reads the first entry of a name, java.util.zip and this reader's old map the last
		ZipBytes zip = new ZipBytes();
		zip.stored("a/data.pkl", stateDict().unicode("w").tensor("0", 1, 0, new long[]{1},
			new long[]{1}).op('s', '.').bytes());
		zip.stored("a/data.pkl", stateDict().unicode("v").tensor("0", 1, 0, new long[]{1},
			new long[]{1}).op('s', '.').bytes());
		zip.stored("a/data/0", new byte[4]);
		refused(write("twice.pth", zip.bytes()), "holds two entries named a/data.pkl");
	}

	@Test
	void namesAFileChoosesCannotBreakTheOneLineMessage() throws IOException {
		ZipBytes zip = new ZipBytes();
		zip.stored("a/data.pkl", stateDict().unicode("w").tensor("0", 1, 0, new long[]{1},
			new long[]{1}).op('s', '.').bytes());
		zip.stored("a/data/0", new byte[4]);
		zip.stored("a/x\nERROR: forged line" + "y".repeat(500), new byte[1]);
		zip.stored("a/x\nERROR: forged line" + "y".repeat(500), new byte[1]);
		ReadCost cost = refused(write("names.pth", zip.bytes()),
			"two entries named a/x\\u000aERROR");
		assertTrue(cost.refusal().getMessage().length() < 400, cost.refusal().getMessage());
	}

	@Test
	void entriesThatShareBytesAreRefused() throws IOException {
		ZipBytes zip = new ZipBytes();
		zip.stored("a/data.pkl", stateDict().unicode("w").tensor("0", 1, 0, new long[]{1},
			new long[]{1}).op('s').unicode("v").tensor("1", 1, 0, new long[]{1},
				new long[]{1})
			.op('s', '.').bytes());
		zip.alias("a/data/1", zip.stored("a/data/0", new byte[4]));
		refused(write("overlap.pth", zip.bytes()), "overlap");
	}

	@Test
	void safetensorsRangesThatOverlapOrLeaveTheFileAreRefused() throws IOException {
		refused(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
			+ "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", 24), "overlap");
		refused(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
			+ "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 16), "overlap");
		refused(safetensors(
			"{\"a\":{\"dtype\":\"F32\",\"shape\":[1048576],\"data_offsets\":[0,4194304]}}",
			16), "truncated");
		// one name twice: Gson's tree and others keep the last, some readers the first
		refused(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
			+ "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "twice");
	}

	@Test
	void deeplyNestedSafetensorsHeaderIsRefusedUnparsed() throws IOException {
		String nested = "[".repeat(100_000) + "]".repeat(100_000);
		ReadCost cost = refused(safetensors("{\"__metadata__\":" + nested + ",\"a\":{\"dtype\":"
			+ "\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
			"nests JSON 100001 levels deep");
		// the header's bytes and their decoded text, and no JSON tree
		assertTrue(cost.bytes() < 4 * MIB, "read used " + cost.bytes() + " bytes");
	}

	@Test
	void keyHashedThroughAMemoDagIsRefusedAtOnce() throws IOException {
		// K0 = (1,), Ki = (Ki-1, Ki-1): 40 pickle opcodes whose hash visits 2^40 tuples
		PickleBytes p = new PickleBytes().op(0x80, 2).op('}').op('K', 1).op(0x85).op('q', 0)
			.op('0');
		for (int i = 1; i <= 40; i++)
			p.op('h', i - 1).op('h', i - 1).op(0x86).op('q', i).op('0');
		p.op('h', 40).op('K', 0).op('s', '.');
		assertTimeoutPreemptively(Duration.ofSeconds(5),
			() -> refused(torchZip("dag", p, new byte[0]), "dict key"));
	}

	@Test
	void memoizedDeepKeyRehashedManyTimesIsRefusedAtOnce() throws IOException {
		// an 800-level nested tuple, memoized, then used as a dict key 60,000 times (290 KB)
		PickleBytes p = new PickleBytes().op(0x80, 2).op('}').op('K', 1);
		for (int i = 0; i < 800; i++)
			p.op(0x85);
		p.op('q', 0).op('0').op('(');
		for (int i = 0; i < 60_000; i++)
			p.op('h', 0).op('N');
		p.op('u', '.');
		assertTimeoutPreemptively(Duration.ofSeconds(5),
			() -> refused(torchZip("deepkey", p, new byte[0]), "dict key"));
	}

	@Test
	void hundredThousandNestedFrozensetsAreRefusedAtOnce() throws IOException {
		PickleBytes p = new PickleBytes().op(0x80, 4).op('(').op(0x91).op('q', 0);
		for (int i = 0; i < 100_000; i++)
			p.op('(').op('h', 0).op(0x91).op('q', 0).op('0');
		p.op('h', 0).op('.');
		ReadCost cost = assertTimeoutPreemptively(Duration.ofSeconds(5),
			() -> refused(torchZip("frozen", p, new byte[0]), "set element"));
		System.out.printf("100,000 nested frozensets: refused in %.3f s%n", cost.nanos() / 1e9);
	}

	@Test
	void hugeDecimalIntegerIsRefusedBeforeItIsParsed() throws IOException {
		PickleBytes p = new PickleBytes().op('I').text("9".repeat(300_000) + "\n").op('.');
		assertTimeoutPreemptively(Duration.ofSeconds(5),
			() -> refused(torchZip("digits", p, new byte[0]), "digits"));
	}

	@Test
	void deeplyNestedMarksAreRefused() throws IOException {
		PickleBytes p = new PickleBytes().op(0x80, 2);
		for (int i = 0; i < 200_000; i++)
			p.op('(');
		p.op('.');
		refused(torchZip("marks", p, new byte[0]), "nest");
	}

	private static PickleBytes stateDict() {
		return new PickleBytes().op(0x80, 2).global("collections", "OrderedDict").op(')').op('R');
	}

	private Path torchZip(String name, PickleBytes pickle, byte[] storage0) throws IOException {
		ZipBytes zip = new ZipBytes();
		zip.stored("a/data.pkl", pickle.bytes());
		zip.stored("a/data/0", storage0);
		return write(name + ".pth", zip.bytes());
	}

	private Path safetensors(String header, int dataBytes) throws IOException {
		byte[] json = header.getBytes(StandardCharsets.UTF_8);
		ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes)
			.order(ByteOrder.LITTLE_ENDIAN);
		b.putLong(json.length).put(json);
		return write("t" + System.nanoTime() + ".safetensors", b.array());
	}

	private Path write(String name, byte[] bytes) throws IOException {
		return Files.write(dir.resolve(name), bytes);
	}

	/** Reads a hostile file: refused, with a one-line message containing the text. */
	static ReadCost refused(Path file, String part) {
		ReadCost cost = ReadCost.of(file);
		assertNotNull(cost.refusal(), file.getFileName() + " was read: " + cost.result());
		String message = cost.refusal().getMessage();
		assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
		assertFalse(message.contains("\n"), message);
		assertTrue(message.contains(file.getFileName().toString()), message);
		return cost;
	}

	private static java.util.List<Float> boxed(float[] values) {
		java.util.List<Float> out = new java.util.ArrayList<>();
		for (float v : values)
			out.add(v);
		return out;
	}
}
