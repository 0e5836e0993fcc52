package org.csrafiji.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.csrafiji.core.CheckpointException;

/**
 * The tensors of one checkpoint by name, in the order the file lists them. A model takes
 * (or {@link #remove removes}) the tensors it needs; errors name the key and the file. Not
 * safe for use by several threads at once.
 */
public final class StateDict {

	private final String source;
	private final Map<String, TensorData> tensors;

	private StateDict(String source, Map<String, TensorData> tensors) {
		this.source = Objects.requireNonNull(source, "source");
		this.tensors = tensors;
	}

	/**
	 * @param source what the tensors came from, for messages (usually a file name)
	 * @param tensors name to tensor, copied in iteration order
	 * @return a state dict holding the same tensor objects
	 */
	public static StateDict of(String source, Map<String, TensorData> tensors) {
		Map<String, TensorData> copy = new LinkedHashMap<>();
		tensors.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"),
			Objects.requireNonNull(v, () -> "tensor " + k)));
		return new StateDict(source, copy);
	}

	/** @return what the tensors came from, e.g. the checkpoint's file name */
	public String source() {
		return source;
	}

	/** @return the names in file order; a live, unmodifiable view */
	public Set<String> keys() {
		return Collections.unmodifiableSet(tensors.keySet());
	}

	/** @return the tensors by name in file order; a live, unmodifiable view */
	public Map<String, TensorData> asMap() {
		return Collections.unmodifiableMap(tensors);
	}

	/**
	 * @param key a tensor name
	 * @return whether this state dict has that tensor
	 */
	public boolean contains(String key) {
		return tensors.containsKey(key);
	}

	/** @return the number of tensors */
	public int size() {
		return tensors.size();
	}

	/**
	 * @param key a tensor name
	 * @return the tensor
	 * @throws CheckpointException naming the key, the file and similar keys, when it is missing
	 */
	public TensorData get(String key) {
		TensorData t = tensors.get(key);
		if (t == null) throw missing(key);
		return t;
	}

	/**
	 * @param key a tensor name
	 * @param expectedShape the shape the model needs
	 * @return the tensor
	 * @throws CheckpointException naming the key when it is missing or has another shape
	 */
	public TensorData get(String key, long... expectedShape) {
		TensorData t = get(key);
		if (!Arrays.equals(t.shape(), expectedShape)) {
			throw new CheckpointException("Tensor '" + key + "' in " + source + " has shape "
				+ Shapes.format(t.shape()) + " but the model needs " + Shapes.format(expectedShape)
				+ ": the checkpoint was trained for another architecture or class count. Choose the"
				+ " model spec that matches this checkpoint.");
		}
		return t;
	}

	/**
	 * @param key a tensor name
	 * @return the tensor, which this state dict no longer holds
	 * @throws CheckpointException naming the key and the file when it is missing
	 */
	public TensorData remove(String key) {
		TensorData t = tensors.remove(key);
		if (t == null) throw missing(key);
		return t;
	}

	@Override
	public String toString() {
		return "StateDict[" + source + ", " + tensors.size() + " tensors]";
	}

	private CheckpointException missing(String key) {
		List<String> similar = new ArrayList<>(tensors.keySet());
		similar.sort(Comparator.comparingInt((String k) -> -commonPrefix(k, key))
			.thenComparing(Comparator.naturalOrder()));
		String nearest = similar.stream().limit(3).map(k -> "'" + MessageText.shorten(k) + "'")
			.collect(Collectors.joining(", "));
		return new CheckpointException("Checkpoint " + source + " has no tensor '" + key + "'"
			+ (tensors.isEmpty()
				? " (it has no tensors left)"
				: " (it has " + tensors.size() + "; nearest names: " + nearest + ")")
			+ ". It does not match this model: choose the model spec made for this checkpoint.");
	}

	private static int commonPrefix(String a, String b) {
		int n = Math.min(a.length(), b.length());
		int i = 0;
		while (i < n && a.charAt(i) == b.charAt(i))
			i++;
		return i;
	}
}
