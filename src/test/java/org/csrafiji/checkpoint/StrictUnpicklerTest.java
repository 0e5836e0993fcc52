package org.csrafiji.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.csrafiji.core.CheckpointException;
import org.junit.jupiter.api.Test;

/** The restricted unpickler on hand-written streams, opcode by opcode. */
class StrictUnpicklerTest {

	@Test
	void rejectsStackGlobalOsSystemOfProtocol4() {
		PickleBytes p = new PickleBytes().op(0x80, 4).op(0x95).u64(0).shortUnicode("os").op(0x94)
			.shortUnicode("system").op(0x94).op(0x93).shortUnicode("touch x").op(0x85).op('R')
			.op('.');
		assertContains(fail(p), "global 'os.system'");
	}

	@Test
	void rejectsInstOpcodeNamingSubprocess() {
		PickleBytes p = new PickleBytes().op('(').text("S'ls'\n").op('i')
			.text("subprocess\nPopen\n").op('.');
		// protocol 0 string opcode S is itself unsupported; INST without it:
		PickleBytes inst = new PickleBytes().op('(').op('i').text("subprocess\nPopen\n").op('.');
		assertContains(fail(inst), "global 'subprocess.Popen'");
		assertContains(fail(p), "opcode 0x53");
	}

	@Test
	void rejectsForbiddenGlobalAnywhereInTheStreamEvenBesideAStateDict() {
		PickleBytes p = new PickleBytes().op(0x80, 2).op('}').unicode("meta")
			.global("subprocess", "Popen")
			.op('s').op('.');
		assertContains(fail(p), "global 'subprocess.Popen'");
	}

	@Test
	void namesUnsupportedTensorKinds() {
		PickleBytes p = new PickleBytes().op(0x80, 2).global("torch._utils", "_rebuild_qtensor")
			.op('.');
		assertContains(fail(p), "kind of tensor this reader does not support");
		PickleBytes complex = new PickleBytes().op(0x80, 2).global("torch", "ComplexFloatStorage")
			.op('.');
		assertContains(fail(complex), "'torch.ComplexFloatStorage'");
	}

	@Test
	void rejectsOpcodesAStateDictNeverUses() {
		assertContains(fail(new PickleBytes().op(0x80, 2).op(0x82, 1).op('.')), "opcode 0x82");
		assertContains(fail(new PickleBytes().op(0x80, 5).op(0x97).op('.')), "opcode 0x97");
	}

	@Test
	void reportsCutStreamsAndHugeLengthsWithoutAllocating() {
		assertContains(fail(new PickleBytes().op(0x80, 2).op('}')), "ends at byte 3");
		assertContains(fail(new PickleBytes().op(0x80, 4).op(0x8d).u64(1L << 62).op('.')),
			"ends at byte");
		assertContains(fail(new PickleBytes().op(0x80, 2).op('h', 9).op('.')), "memo entry 9");
		assertContains(fail(new PickleBytes().op(0x80, 2).op('s').op('.')), "damaged data.pkl");
	}

	@Test
	void buildsPlainValues() {
		PickleBytes p = new PickleBytes().op(0x80, 2).op('}').op('q', 0).op('(')
			.unicode("ints").op('(').op('K', 7).op('M').u16(300).op('J').s32(-5)
			.op(0x8a, 9).raw(new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 1}).op(0x8a, 0).op('t')
			.unicode("float").op('G').raw(bigEndian(94.98))
			.unicode("none").op('N')
			.unicode("flags").op(0x88).op(0x89).op(0x86)
			.unicode("bytes").global("_codecs", "encode").unicode("\u00ff\u0001").unicode("latin1")
			.op(0x86).op('R')
			.unicode("set").global("builtins", "set").op(']').op('K', 1).op('a').op(0x85).op('R')
			.unicode("again").op('h', 0).op(0x85)
			.op('u').op('.');
		Map<?, ?> map = assertInstanceOf(Map.class, load(p));
		assertEquals(List.of(7L, 300L, -5L, BigInteger.ONE.shiftLeft(64), 0L), map.get("ints"));
		assertEquals(94.98, map.get("float"));
		assertTrue(map.containsKey("none"));
		assertNull(map.get("none"));
		assertEquals(List.of(true, false), map.get("flags"));
		assertArrayEquals(new byte[]{(byte) 0xff, 1}, (byte[]) map.get("bytes"));
		Set<?> set = assertInstanceOf(Set.class, map.get("set"));
		assertEquals(List.of(1L), set.stream().map(k -> ((PickleKey) k).value()).toList());
		assertEquals(List.of(map), map.get("again"), "memo returns the same dict");
	}

	@Test
	void admitsTheKeysCheckpointsUseAndRefusesNestedOnes() {
		// {0: 'a', 1: 'b', ('x', 2): None, None: True, 2.5: 3}: an optimizer's int keys, a tuple
		PickleBytes p = new PickleBytes().op(0x80, 2).op('}').op('(').op('K', 0).unicode("a")
			.op('K', 1).unicode("b").unicode("x").op('K', 2).op(0x86).op('N').op('N').op(0x88)
			.op('G').raw(bigEndian(2.5)).op('K', 3).op('u', '.');
		Map<?, ?> map = assertInstanceOf(Map.class, load(p));
		assertEquals(List.of(0L, 1L, List.of("x", 2L), "null", 2.5),
			map.keySet().stream().map(k -> k instanceof PickleKey pk
				? pk.value() == null
					? "null"
					: pk.value()
				: k).toList());
		assertEquals(List.of("a", "b"), List.of(map.get(keyOf(map, 0L)), map.get(keyOf(map, 1L))));
		// a tuple inside a key tuple, a list as a key
		assertContains(fail(new PickleBytes().op(0x80, 2).op('}').op('K', 1).op(0x85).op(0x85)
			.op('N').op('s', '.')), "uses a tuple holding a tuple as a dict key");
		assertContains(fail(new PickleBytes().op(0x80, 2).op('}').op(']').op('N').op('s', '.')),
			"uses a list as a dict key");
	}

	private static Object keyOf(Map<?, ?> map, Object value) {
		return map.keySet().stream()
			.filter(k -> k instanceof PickleKey pk && value.equals(pk.value()))
			.findFirst().orElseThrow();
	}

	@Test
	void readsProtocolZeroTextOpcodes() {
		PickleBytes p = new PickleBytes().op('(').op('d').text("p0\n").op('V').text("x\n").op('I')
			.text("12\n").op('s').op('.');
		// V (raw-unicode-escape) is not needed by torch.save and is refused; INT/PUT/DICT work:
		assertContains(fail(p), "opcode 0x56");
		PickleBytes ok = new PickleBytes().op('(').op('d').text("p0\n").op('X').u32(1)
			.raw("x".getBytes())
			.op('I').text("12\n").op('s').op('(').op('L').text("-99999999999999999999L\n").op('F')
			.text("0.5\n").op('I').text("01\n").op('l').op('g').text("0\n").op(0x86).op('.');
		List<?> pair = assertInstanceOf(List.class, load(ok));
		assertEquals(List.of(new BigInteger("-99999999999999999999"), 0.5, true), pair.get(0));
		assertEquals(Map.of("x", 12L), pair.get(1));
	}

	@Test
	void readsTensorViewsThroughPersistentIds() {
		PickleBytes p = new PickleBytes().op(0x80, 2).global("torch._utils", "_rebuild_tensor_v2")
			.op('(')
			.op('(').unicode("storage").global("torch", "HalfStorage").unicode("3")
			.unicode("cuda:0")
			.op('K', 12).op('t').op('Q').op('K', 2).op('K', 2).op('K', 3).op(0x86).op('K', 1)
			.op('K', 2)
			.op(0x86).op(0x89).global("collections", "OrderedDict").op(')').op('R').op('t').op('R')
			.op('.');
		Object value = new StrictUnpickler(p.buffer(), "test", pid -> {
			List<?> t = (List<?>) pid;
			PickleGlobal type = (PickleGlobal) t.get(1);
			return new StorageRef((String) t.get(2), type.dtype(), (Long) t.get(4));
		}).load();
		TensorView view = assertInstanceOf(TensorView.class, value);
		assertEquals(new StorageRef("3", DType.FLOAT16, 12), view.storage());
		assertEquals(2, view.offset());
		assertArrayEquals(new long[]{2, 3}, view.shape());
		assertArrayEquals(new long[]{1, 2}, view.strides());
	}

	private static Object load(PickleBytes p) {
		return new StrictUnpickler(p.buffer(), "test", pid -> {
			throw new AssertionError("no persistent ids here");
		}).load();
	}

	private static String fail(PickleBytes p) {
		return assertThrows(CheckpointException.class, () -> load(p)).getMessage();
	}

	private static void assertContains(String message, String part) {
		assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
	}

	private static byte[] bigEndian(double d) {
		return ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(d).array();
	}
}
