package org.csrafiji.checkpoint;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.csrafiji.core.CheckpointException;

/**
 * A pickle interpreter that builds plain Java values and executes nothing. It understands
 * the opcodes of protocols 0 to 5 that data structures need and accepts only the globals
 * {@link PickleGlobal} allows; everything else is refused with a message that names it.
 *
 * <p>Python values become: None {@code null}, bool {@link Boolean}, int {@link Long} (or
 * {@link BigInteger} beyond 64 bits), float {@link Double}, str {@link String}, bytes
 * {@code byte[]}, tuple an unmodifiable {@link List}, list an {@link ArrayList}, dict and
 * OrderedDict a {@link LinkedHashMap}, set a {@link LinkedHashSet}, a tensor a
 * {@link TensorView}, and a persistent id whatever the loader returns for it. Dict keys and
 * set elements other than strings become {@link PickleKey}s ({@link PickleKeys} says which
 * are admitted).
 *
 * <p>Work and memory are linear in the stream's length: every value costs at least one byte
 * of the stream, hashing a key costs a bounded amount, nothing recurses over values, and MARK
 * nesting, the memo and text integers are bounded ({@link #MAX_MARKS}, {@link #MAX_MEMO},
 * {@link #MAX_DIGITS}).
 */
final class StrictUnpickler {

	/** Most MARKs open at once: torch.save nests a state_dict's containers a few levels deep. */
	static final int MAX_MARKS = 1000;
	/** Most memo entries: a state_dict memoizes a handful of values per tensor. */
	static final int MAX_MEMO = 1 << 22;
	/** Most digits of a text integer, as Python's own int_max_str_digits (parsing is quadratic). */
	static final int MAX_DIGITS = 4300;

	private final PickleInput in;
	private final String source;
	private final Function<Object, Object> persistentLoad;
	private final List<Object> stack = new ArrayList<>();
	private final List<Integer> marks = new ArrayList<>();
	private final Map<Integer, Object> memo = new HashMap<>();
	private final PickleKeys keys;

	/**
	 * @param pickle the pickle stream, from its position to its limit
	 * @param source checkpoint name for messages
	 * @param persistentLoad what a persistent id (BINPERSID) stands for
	 */
	StrictUnpickler(ByteBuffer pickle, String source, Function<Object, Object> persistentLoad) {
		this.in = new PickleInput(pickle, source);
		this.source = source;
		this.persistentLoad = persistentLoad;
		this.keys = new PickleKeys(source);
	}

	/**
	 * Reads the stream up to its STOP opcode.
	 *
	 * @return the pickled value
	 * @throws CheckpointException for a damaged stream, a forbidden global or an opcode a
	 *           state_dict never uses
	 */
	Object load() {
		while (true) {
			int at = in.position();
			int op = in.u8();
			if (op == '.') {
				if (stack.isEmpty()) throw damaged("STOP with an empty stack", at);
				return pop();
			}
			try {
				step(op, at);
			}
			catch (NumberFormatException e) {
				throw damaged("a malformed number", at);
			}
		}
	}

	private void step(int op, int at) {
		switch (op) {
			case 0x80 -> { // PROTO
				int version = in.u8();
				if (version > 5) throw damaged("pickle protocol " + version + " is unknown", at);
			}
			case 0x95 -> in.u64(); // FRAME: framing changes nothing for an in-memory stream
			case '(' -> { // MARK
				if (marks.size() >= MAX_MARKS) {
					throw tooMuch("nests containers more than " + MAX_MARKS + " deep", at);
				}
				marks.add(stack.size());
			}
			case '0' -> { // POP
				if (!marks.isEmpty() && last(marks) == stack.size()) popMark(at);
				else
					pop();
			}
			case '1' -> popMark(at); // POP_MARK
			case '2' -> push(peek(at)); // DUP
			case 'N' -> push(null);
			case 0x88 -> push(Boolean.TRUE);
			case 0x89 -> push(Boolean.FALSE);
			default -> {
				if (!scalar(op, at) && !container(op, at) && !memoOrObject(op, at)) {
					throw unsupported(op, at);
				}
			}
		}
	}

	/** Numbers, strings and bytes. */
	private boolean scalar(int op, int at) {
		switch (op) {
			case 'J' -> push((long) in.s32()); // BININT
			case 'K' -> push((long) in.u8()); // BININT1
			case 'M' -> push((long) in.u16()); // BININT2
			case 0x8a -> push(in.littleEndianInteger(in.u8())); // LONG1
			case 0x8b -> push(in.littleEndianInteger(in.s32())); // LONG4
			case 'I', 'L' -> push(textInteger(in.line(), at)); // INT, LONG
			case 'G' -> push(in.bigEndianDouble()); // BINFLOAT
			case 'F' -> push(Double.parseDouble(in.line().trim())); // FLOAT
			case 'X' -> push(in.utf8(in.u32())); // BINUNICODE
			case 0x8c -> push(in.utf8(in.u8())); // SHORT_BINUNICODE
			case 0x8d -> push(in.utf8(in.u64())); // BINUNICODE8
			case 'T' -> push(new String(in.bytes(in.s32()), StandardCharsets.ISO_8859_1)); // BINSTRING
			case 'U' -> push(new String(in.bytes(in.u8()), StandardCharsets.ISO_8859_1)); // SHORT_BINSTRING
			case 'B' -> push(in.bytes(in.u32())); // BINBYTES
			case 'C' -> push(in.bytes(in.u8())); // SHORT_BINBYTES
			case 0x8e, 0x96 -> push(in.bytes(in.u64())); // BINBYTES8, BYTEARRAY8
			default -> {
				return false;
			}
		}
		return true;
	}

	/** Tuples, lists, dicts and sets. */
	private boolean container(int op, int at) {
		switch (op) {
			case ')' -> push(List.of()); // EMPTY_TUPLE
			case 't' -> push(tuple(popMark(at))); // TUPLE
			case 0x85 -> push(tuple(popN(1, at))); // TUPLE1
			case 0x86 -> push(tuple(popN(2, at))); // TUPLE2
			case 0x87 -> push(tuple(popN(3, at))); // TUPLE3
			case ']' -> push(new ArrayList<>()); // EMPTY_LIST
			case 'l' -> push(new ArrayList<>(popMark(at))); // LIST
			case 'a' -> { // APPEND
				Object item = pop();
				listAt(at).add(item);
			}
			case 'e' -> { // APPENDS
				List<Object> items = popMark(at);
				listAt(at).addAll(items);
			}
			case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
			case 'd' -> { // DICT
				Map<Object, Object> map = new LinkedHashMap<>();
				putPairs(map, popMark(at), at);
				push(map);
			}
			case 's' -> { // SETITEM
				List<Object> pair = popN(2, at);
				mapAt(at).put(keys.admit(pair.get(0), "dict key", at), pair.get(1));
			}
			case 'u' -> { // SETITEMS
				List<Object> items = popMark(at);
				putPairs(mapAt(at), items, at);
			}
			case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
			case 0x90 -> { // ADDITEMS
				List<Object> items = popMark(at);
				if (!(peek(at) instanceof LinkedHashSet<?>))
					throw damaged("ADDITEMS on a non-set", at);
				@SuppressWarnings("unchecked")
				Set<Object> set = (Set<Object>) peek(at);
				for (Object item : items)
					set.add(keys.admit(item, "set element", at));
			}
			case 0x91 -> { // FROZENSET
				Set<Object> set = new LinkedHashSet<>();
				for (Object item : popMark(at))
					set.add(keys.admit(item, "set element", at));
				push(Collections.unmodifiableSet(set));
			}
			default -> {
				return false;
			}
		}
		return true;
	}

	/** The memo, globals, calls and persistent ids. */
	private boolean memoOrObject(int op, int at) {
		switch (op) {
			case 'g' -> push(memoGet(Long.parseLong(in.line().trim()), at)); // GET
			case 'h' -> push(memoGet(in.u8(), at)); // BINGET
			case 'j' -> push(memoGet(in.u32(), at)); // LONG_BINGET
			case 'p' -> memoPut(Long.parseLong(in.line().trim()), at); // PUT
			case 'q' -> memoPut(in.u8(), at); // BINPUT
			case 'r' -> memoPut(in.u32(), at); // LONG_BINPUT
			case 0x94 -> memoPut(memo.size(), at); // MEMOIZE
			case 'c' -> { // GLOBAL
				String module = in.line();
				push(PickleGlobal.resolve(module, in.line(), source));
			}
			case 0x93 -> { // STACK_GLOBAL
				Object name = pop();
				Object module = pop();
				if (!(module instanceof String m) || !(name instanceof String n)) {
					throw damaged("STACK_GLOBAL without two strings", at);
				}
				push(PickleGlobal.resolve(m, n, source));
			}
			case 'i' -> { // INST
				String module = in.line();
				PickleGlobal global = PickleGlobal.resolve(module, in.line(), source);
				push(global.call(popMark(at), source, keys, at));
			}
			case 'o' -> { // OBJ
				List<Object> items = popMark(at);
				if (items.isEmpty()) throw damaged("OBJ without a class", at);
				push(global(items.get(0), at).call(items.subList(1, items.size()), source, keys,
					at));
			}
			case 'R' -> { // REDUCE
				Object args = pop();
				PickleGlobal callable = global(pop(), at);
				if (!(args instanceof List<?> list))
					throw damaged("REDUCE without an argument tuple", at);
				push(callable.call(new ArrayList<>(list), source, keys, at));
			}
			case 0x81 -> { // NEWOBJ
				pop(); // the arguments; __new__ of the allowed classes ignores them
				push(global(pop(), at).newInstance(source));
			}
			case 0x92 -> { // NEWOBJ_EX
				popN(2, at);
				push(global(pop(), at).newInstance(source));
			}
			case 'b' -> build(at); // BUILD
			case 'Q' -> push(persistentLoad.apply(pop())); // BINPERSID
			case 'P' -> push(persistentLoad.apply(in.line())); // PERSID
			default -> {
				return false;
			}
		}
		return true;
	}

	/** BUILD sets an object's state: kept for nothing a state_dict needs, so dropped. */
	private void build(int at) {
		pop(); // the state, e.g. an OrderedDict's _metadata or a Parameter's attributes
		Object target = peek(at);
		if (!(target instanceof Map<?, ?>) && !(target instanceof TensorView)
			&& !(target instanceof InertValue))
		{
			throw damaged(
				"BUILD on " + (target == null ? "None" : target.getClass().getSimpleName()), at);
		}
	}

	private Object textInteger(String text, int at) {
		String t = text.trim();
		if (t.length() > MAX_DIGITS) {
			throw tooMuch(
				"writes an integer of " + t.length() + " digits (Python itself refuses more"
					+ " than " + MAX_DIGITS + ")",
				at);
		}
		if (t.endsWith("L")) t = t.substring(0, t.length() - 1);
		if (t.equals("00")) return Boolean.FALSE;
		if (t.equals("01")) return Boolean.TRUE;
		return PickleInput.compact(new BigInteger(t));
	}

	private static List<Object> tuple(List<Object> items) {
		return Collections.unmodifiableList(new ArrayList<>(items));
	}

	private void putPairs(Map<Object, Object> map, List<Object> items, int at) {
		if (items.size() % 2 != 0) throw damaged("an odd number of dict items", at);
		for (int i = 0; i < items.size(); i += 2) {
			map.put(keys.admit(items.get(i), "dict key", at), items.get(i + 1));
		}
	}

	@SuppressWarnings("unchecked")
	private List<Object> listAt(int at) {
		Object top = peek(at);
		if (top instanceof ArrayList<?>) return (List<Object>) top;
		throw damaged("APPEND on a non-list", at);
	}

	@SuppressWarnings("unchecked")
	private Map<Object, Object> mapAt(int at) {
		Object top = peek(at);
		if (top instanceof LinkedHashMap<?, ?>) return (Map<Object, Object>) top;
		throw damaged("SETITEM on a non-dict", at);
	}

	private PickleGlobal global(Object value, int at) {
		if (value instanceof PickleGlobal g) return g;
		throw damaged("a call of something that is not a class or function", at);
	}

	private Object memoGet(long index, int at) {
		Object key = (int) index;
		if (index > Integer.MAX_VALUE || !memo.containsKey(key)) {
			throw damaged("memo entry " + index + " is read before it is written", at);
		}
		return memo.get(key);
	}

	private void memoPut(long index, int at) {
		if (index > Integer.MAX_VALUE) throw damaged("memo index " + index, at);
		if (memo.size() >= MAX_MEMO && !memo.containsKey((int) index)) {
			throw tooMuch("keeps more than " + MAX_MEMO + " values in its memo", at);
		}
		memo.put((int) index, peek(at));
	}

	private void push(Object value) {
		stack.add(value);
	}

	private Object pop() {
		int floor = marks.isEmpty() ? 0 : last(marks);
		if (stack.size() <= floor)
			throw damaged("a value is taken from an empty stack", in.position());
		return stack.remove(stack.size() - 1);
	}

	private Object peek(int at) {
		int floor = marks.isEmpty() ? 0 : last(marks);
		if (stack.size() <= floor) throw damaged("a value is read from an empty stack", at);
		return stack.get(stack.size() - 1);
	}

	private List<Object> popN(int n, int at) {
		int floor = marks.isEmpty() ? 0 : last(marks);
		if (stack.size() - n < floor) throw damaged("too few values on the stack", at);
		List<Object> top = stack.subList(stack.size() - n, stack.size());
		List<Object> items = new ArrayList<>(top);
		top.clear();
		return items;
	}

	private List<Object> popMark(int at) {
		if (marks.isEmpty()) throw damaged("no MARK to return to", at);
		int mark = marks.remove(marks.size() - 1);
		List<Object> top = stack.subList(mark, stack.size());
		List<Object> items = new ArrayList<>(top);
		top.clear();
		return items;
	}

	private static int last(List<Integer> list) {
		return list.get(list.size() - 1);
	}

	private CheckpointException damaged(String what, int at) {
		return new CheckpointException("Checkpoint " + source + " has a damaged data.pkl ("
			+ what + " at byte " + at + "). Copy or download the file again, or save it again.");
	}

	private CheckpointException tooMuch(String what, int at) {
		return new CheckpointException("Checkpoint " + source + " is refused: its data.pkl " + what
			+ " at byte " + at
			+ ", far beyond any state_dict (a crafted or damaged file). Re-save it"
			+ " as a plain state_dict (torch.save(model.state_dict(), path)).");
	}

	private CheckpointException unsupported(int op, int at) {
		return new CheckpointException(String.format("Checkpoint %s uses pickle opcode 0x%02x at"
			+ " byte %d of its data.pkl, which a state_dict saved by torch.save never needs; refusing"
			+ " to load it. Re-save it as a plain state_dict (torch.save(model.state_dict(), path)).",
			source, op, at));
	}
}
