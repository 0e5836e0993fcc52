package org.csrafiji.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.csrafiji.core.CheckpointException;

/**
 * One of the few globals a state_dict pickle may name, and what "calling" it means here:
 * every call is implemented in Java and only builds data; nothing is looked up by name and
 * nothing is executed. {@link #resolve} refuses every other global.
 *
 * @param module the Python module, e.g. {@code torch._utils}
 * @param name the attribute, e.g. {@code _rebuild_tensor_v2}
 * @param kind what it does
 * @param dtype the element type, for storage classes and dtype objects; otherwise null
 */
record PickleGlobal(String module, String name, Kind kind, DType dtype) {

	/** What an allowed global stands for. */
	enum Kind {
		/** {@code collections.OrderedDict}: an ordered map. */
		ORDERED_DICT,
		/** {@code torch._utils._rebuild_tensor_v2}: a tensor view of a storage. */
		REBUILD_TENSOR,
		/** {@code torch._utils._rebuild_parameter[_with_state]}: its tensor argument. */
		REBUILD_PARAMETER,
		/** {@code torch.FloatStorage} and the other typed storage classes. */
		STORAGE_TYPE,
		/** {@code torch.float32} and the other dtype objects. */
		DTYPE,
		/** {@code _codecs.encode}: how protocol 2 pickles a bytes object. */
		ENCODE,
		/** {@code builtins.set} and {@code frozenset}. */
		SET,
		/**
		 * numpy's scalar, array and dtype reconstructors, which training frameworks (mmcv,
		 * mmengine) leave in a checkpoint's metadata: never called; they stand for an
		 * {@link InertValue}, which is dropped with the rest of the metadata.
		 */
		INERT
	}

	/**
	 * @param module the module a GLOBAL, STACK_GLOBAL or INST opcode names
	 * @param name the attribute it names
	 * @param source checkpoint name for messages
	 * @return the allowed global
	 * @throws CheckpointException for anything a state_dict does not need
	 */
	static PickleGlobal resolve(String module, String name, String source) {
		// protocol 2 writes Python 3's builtins under their Python 2 name, as Python maps back
		String python3Module = module.equals("__builtin__") ? "builtins" : module;
		return allowed(python3Module, name).orElseThrow(() -> refusal(python3Module, name, source));
	}

	private static Optional<PickleGlobal> allowed(String module, String name) {
		Kind kind = switch (module + "." + name) {
			case "collections.OrderedDict" -> Kind.ORDERED_DICT;
			case "torch._utils._rebuild_tensor_v2" -> Kind.REBUILD_TENSOR;
			case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" ->
				Kind.REBUILD_PARAMETER;
			case "_codecs.encode" -> Kind.ENCODE;
			case "builtins.set", "builtins.frozenset" -> Kind.SET;
			case "numpy.dtype", "numpy.ndarray", "numpy.core.multiarray.scalar",
				"numpy._core.multiarray.scalar", "numpy.core.multiarray._reconstruct",
				"numpy._core.multiarray._reconstruct" -> Kind.INERT;
			default -> null;
		};
		if (kind != null) return Optional.of(new PickleGlobal(module, name, kind, null));
		if (!module.equals("torch")) return Optional.empty();
		Optional<PickleGlobal> storage = DType.ofStorageClass(name)
			.map(t -> new PickleGlobal(module, name, Kind.STORAGE_TYPE, t));
		return storage.isPresent()
			? storage
			: DType.ofTorchName(name).map(t -> new PickleGlobal(module, name, Kind.DTYPE, t));
	}

	private static CheckpointException refusal(String module, String name, String source) {
		String global = module + "." + name;
		if (module.startsWith("torch")
			&& (name.startsWith("_rebuild") || name.endsWith("Storage")))
		{
			return new CheckpointException("Checkpoint " + source + " stores a kind of tensor this"
				+ " reader does not support ('" + global + "': quantized, sparse, complex or other"
				+ " special tensors). Save a state_dict of dense float tensors, e.g. after"
				+ " dequantizing.");
		}
		return new CheckpointException("Checkpoint " + source + " asks the unpickler for global '"
			+ global + "', which a state_dict never needs; refusing to load it (it may execute"
			+ " code). Load it only if you trust it, re-saved as a plain state_dict"
			+ " (torch.save(model.state_dict(), path)).");
	}

	/**
	 * What REDUCE, INST or OBJ with this global and these arguments builds.
	 *
	 * @param args the call's positional arguments
	 * @param source checkpoint name for messages
	 * @param keys admits dict keys and set elements
	 * @param at byte offset of the call in data.pkl, for messages
	 * @return the value
	 */
	Object call(List<Object> args, String source, PickleKeys keys, int at) {
		return switch (kind) {
			case ORDERED_DICT -> orderedDict(args, source, keys, at);
			case REBUILD_TENSOR -> rebuildTensor(args, source);
			case REBUILD_PARAMETER -> {
				if (args.isEmpty() || !(args.get(0) instanceof TensorView)) {
					throw malformed(source, "expects a tensor as first argument");
				}
				yield args.get(0);
			}
			case ENCODE -> encode(args, source);
			case SET -> {
				LinkedHashSet<Object> set = new LinkedHashSet<>();
				if (!args.isEmpty()) {
					for (Object item : collection(args.get(0), source)) {
						set.add(keys.admit(item, "set element", at));
					}
				}
				yield set;
			}
			case INERT -> new InertValue(module + "." + name);
			case STORAGE_TYPE, DTYPE ->
				throw malformed(source, "is called, which torch.save never does");
		};
	}

	/**
	 * What NEWOBJ builds: an empty instance, filled by later opcodes.
	 *
	 * @param source checkpoint name for messages
	 * @return an empty container
	 */
	Object newInstance(String source) {
		return switch (kind) {
			case ORDERED_DICT -> new LinkedHashMap<Object, Object>();
			case SET -> new LinkedHashSet<Object>();
			case INERT -> new InertValue(module + "." + name);
			default ->
				throw malformed(source, "is instantiated with NEWOBJ, which torch.save never does");
		};
	}

	private Object orderedDict(List<Object> args, String source, PickleKeys keys, int at) {
		Map<Object, Object> map = new LinkedHashMap<>();
		if (args.isEmpty()) return map;
		for (Object pair : collection(args.get(0), source)) {
			if (!(pair instanceof List<?> kv) || kv.size() != 2) {
				throw malformed(source, "expects (key, value) pairs");
			}
			map.put(keys.admit(kv.get(0), "dict key", at), kv.get(1));
		}
		return map;
	}

	private TensorView rebuildTensor(List<Object> args, String source) {
		// (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
		if (args.size() < 4 || !(args.get(0) instanceof StorageRef storage)) {
			throw malformed(source, "expects (storage, offset, size, stride, ...)");
		}
		long offset = integer(args.get(1), source);
		long[] shape = integers(args.get(2), source);
		long[] strides = integers(args.get(3), source);
		if (shape.length != strides.length) {
			throw malformed(source,
				"has " + shape.length + " sizes but " + strides.length + " strides");
		}
		return new TensorView(storage, offset, shape, strides);
	}

	private Object encode(List<Object> args, String source) {
		if (args.isEmpty() || !(args.get(0) instanceof String text)) {
			throw malformed(source, "expects a string");
		}
		String encoding = args.size() > 1 && args.get(1) instanceof String e ? e : "utf-8";
		return switch (encoding.toLowerCase()) {
			case "latin1", "latin-1", "iso-8859-1" -> text.getBytes(StandardCharsets.ISO_8859_1);
			case "utf-8", "utf8" -> text.getBytes(StandardCharsets.UTF_8);
			case "ascii" -> text.getBytes(StandardCharsets.US_ASCII);
			default -> throw malformed(source, "asks for encoding '" + encoding + "'");
		};
	}

	private Collection<?> collection(Object value, String source) {
		if (value instanceof Collection<?> c) return c;
		throw malformed(source, "expects a list or tuple argument");
	}

	private long integer(Object value, String source) {
		if (value instanceof Long l) return l;
		throw malformed(source, "expects an integer, got " + describe(value));
	}

	private long[] integers(Object value, String source) {
		Collection<?> items = collection(value, source);
		long[] out = new long[items.size()];
		int i = 0;
		for (Object item : items)
			out[i++] = integer(item, source);
		return out;
	}

	private CheckpointException malformed(String source, String what) {
		return new CheckpointException("Checkpoint " + source + " has a damaged data.pkl: "
			+ module + "." + name + " " + what + ". Save the checkpoint again.");
	}

	private static String describe(Object value) {
		return value == null ? "None" : value.getClass().getSimpleName();
	}
}
