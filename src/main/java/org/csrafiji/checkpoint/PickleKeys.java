package org.csrafiji.checkpoint;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.csrafiji.core.CheckpointException;

/**
 * Admits the dict keys and set elements of one pickle so that hashing them costs a bounded
 * amount per use: strings stay strings (their hash is cached and a bin of colliding strings
 * is a balanced tree, as they are comparable); None, bools, ints, floats and flat tuples of
 * at most {@link #MAX_TUPLE} such values with at most {@link #MAX_CHARS} characters of text
 * become a {@link PickleKey} with a seeded hash, computed once per tuple. Anything else, such
 * as a nested tuple, a frozenset or a list, is refused: a state_dict never uses one as a key,
 * and a tuple nested through the memo could take 2^depth steps to hash.
 */
final class PickleKeys {

	/** Most values in a tuple used as a key. */
	static final int MAX_TUPLE = 16;
	/** Most characters of the strings inside one tuple key, and digits of an int key. */
	static final int MAX_CHARS = 1024;

	private static final SecureRandom SEEDS = new SecureRandom();

	private final long seed = SEEDS.nextLong();
	private final Map<Object, PickleKey> tuples = new IdentityHashMap<>();
	private final String source;

	/** @param source checkpoint name for messages */
	PickleKeys(String source) {
		this.source = source;
	}

	/**
	 * @param value a value about to become a dict key or set element
	 * @param role "dict key" or "set element", for the message
	 * @param at byte offset in data.pkl, for the message
	 * @return what to hash in its place
	 */
	Object admit(Object value, String role, int at) {
		if (value instanceof String) return value;
		if (value instanceof List<?> tuple && isTuple(tuple)) {
			PickleKey cached = tuples.get(tuple);
			if (cached != null) return cached;
			if (tuple.size() > MAX_TUPLE)
				throw refused(role, "a tuple of " + tuple.size() + " values", at);
			long h = seed;
			int chars = 0;
			for (Object item : tuple) {
				if (item instanceof String s) {
					chars += s.length();
					if (chars > MAX_CHARS) throw refused(role, "a tuple with long strings", at);
					h = mix(h ^ stringHash(s));
				}
				else if (isAtom(item)) {
					h = mix(h ^ atomHash(item));
				}
				else {
					throw refused(role, "a tuple holding a " + typeName(item), at);
				}
			}
			PickleKey key = new PickleKey(tuple, (int) h);
			tuples.put(tuple, key);
			return key;
		}
		if (isAtom(value)) return new PickleKey(value, (int) atomHash(value));
		throw refused(role, "a " + typeName(value), at);
	}

	private static boolean isTuple(List<?> list) {
		return !(list instanceof java.util.ArrayList<?>); // tuples are unmodifiable lists
	}

	private static boolean isAtom(Object v) {
		return v == null || v instanceof Boolean || v instanceof Long || v instanceof Double
			|| (v instanceof BigInteger b && b.bitLength() <= 4 * MAX_CHARS);
	}

	private long atomHash(Object v) {
		if (v == null) return mix(seed ^ 0x5bd1e995L);
		if (v instanceof Boolean b) return mix(seed ^ (b ? 0x27d4eb2dL : 0x165667b1L));
		if (v instanceof Long l) return mix(seed ^ mix(l));
		if (v instanceof Double d) return mix(seed ^ mix(Double.doubleToLongBits(d) ^ 0x9e3779b9L));
		long h = seed;
		for (byte b : ((BigInteger) v).toByteArray())
			h = mix(h ^ b);
		return h;
	}

	private long stringHash(String s) {
		long h = mix(seed ^ s.length());
		for (int i = 0; i < s.length(); i++)
			h = mix(h ^ s.charAt(i));
		return h;
	}

	/** The 64-bit finalizer of MurmurHash3: a bijection that mixes every input bit. */
	private static long mix(long x) {
		x ^= x >>> 33;
		x *= 0xff51afd7ed558ccdL;
		x ^= x >>> 33;
		x *= 0xc4ceb9fe1a85ec53L;
		return x ^ (x >>> 33);
	}

	private static String typeName(Object v) {
		if (v instanceof List<?> l) return isTuple(l) ? "tuple" : "list";
		if (v instanceof Map<?, ?>) return "dict";
		if (v instanceof java.util.Set<?>) return "set";
		if (v instanceof BigInteger) return "very large int";
		return v.getClass().getSimpleName();
	}

	private CheckpointException refused(String role, String what, int at) {
		return new CheckpointException("Checkpoint " + source + " is refused: its data.pkl uses "
			+ what + " as a " + role + " (at byte " + at + "), which a state_dict never needs and"
			+ " which could take very long to hash. Re-save it as a plain state_dict"
			+ " (torch.save(model.state_dict(), path)).");
	}
}
