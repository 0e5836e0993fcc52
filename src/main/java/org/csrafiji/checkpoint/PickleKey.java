package org.csrafiji.checkpoint;

import java.util.Objects;

/**
 * A dict key or set element of a pickle that is not a string: None, a bool, an int, a float
 * or a flat tuple of those and short strings. Its hash is computed once, with a secret seed
 * ({@link PickleKeys}), so that a hostile file can neither make hashing slow nor choose keys
 * that collide; equality compares at most {@link PickleKeys#MAX_TUPLE} values.
 *
 * @param value the Python value: null, Boolean, Long, BigInteger, Double or an unmodifiable
 *          List of those and Strings
 * @param hash the seeded hash of the value
 */
record PickleKey(Object value, int hash) {

	@Override
	public boolean equals(Object other) {
		return other instanceof PickleKey k && k.hash == hash && Objects.equals(k.value, value);
	}

	@Override
	public int hashCode() {
		return hash;
	}

	@Override
	public String toString() {
		return String.valueOf(value);
	}
}
