package org.csrafiji.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.csrafiji.core.CheckpointException;

/**
 * Reads a checkpoint in the zip container {@code torch.save} writes since PyTorch 1.6:
 * {@code <archive>/data.pkl} through the {@link StrictUnpickler}, then, for the tensors of
 * the state dict only, the storages {@code <archive>/data/<key>}.
 */
final class TorchZipReader {

	private static final List<String> WRAPPERS = List.of("state_dict", "model");
	/** Bytes of tensors beyond twice their storages that any checkpoint may take: 1 MiB. */
	static final long VIEW_ALLOWANCE = 1 << 20;

	private final ZipArchive zip;
	private final String source;
	private final String prefix;
	private final boolean bigEndian;
	private final Map<String, StorageRef> storages = new HashMap<>();

	private TorchZipReader(ZipArchive zip, String source, String prefix, boolean bigEndian) {
		this.zip = zip;
		this.source = source;
		this.prefix = prefix;
		this.bigEndian = bigEndian;
	}

	/**
	 * @param channel the open file, positioned anywhere; the caller closes it
	 * @param source checkpoint name for messages
	 * @return the state dict the file holds
	 */
	static StateDict read(FileChannel channel, String source) throws IOException {
		ZipArchive zip = ZipArchive.open(channel, source);
		String pickleName = findDataPickle(zip, source);
		String prefix = pickleName.substring(0, pickleName.length() - "data.pkl".length());
		ZipEntryInfo order = zip.entries().get(prefix + "byteorder");
		boolean bigEndian = order != null
			&& new String(bytes(zip.read(order, false)), StandardCharsets.US_ASCII).trim()
				.equals("big");
		TorchZipReader reader = new TorchZipReader(zip, source, prefix, bigEndian);
		ByteBuffer pickle = zip.read(zip.entries().get(pickleName), false);
		Object root = new StrictUnpickler(pickle, source, reader::persistentLoad).load();
		return reader.materialize(selectStateDict(root, source));
	}

	private static String findDataPickle(ZipArchive zip, String source) {
		String found = null;
		for (String name : zip.entries().keySet()) {
			if (name.endsWith("/constants.pkl") || name.contains("/code/")) {
				throw new CheckpointException(source
					+ " is a TorchScript model (torch.jit.save), not a"
					+ " state_dict checkpoint. Load it as a TorchScript model, or save its weights with"
					+ " torch.save(model.state_dict(), path) and use that file.");
			}
			// torch puts everything in one top folder; accept a re-zipped file without it too
			boolean topLevel = name.indexOf('/') == name.lastIndexOf('/');
			boolean pickle = name.equals("data.pkl") || (name.endsWith("/data.pkl") && topLevel);
			if (pickle && found == null) found = name;
		}
		if (found == null) {
			String names = zip.entries().keySet().stream().limit(5).map(MessageText::shorten)
				.collect(Collectors.joining(", "));
			throw new CheckpointException(
				source + " is a zip archive without data.pkl, so it is not"
					+ " a checkpoint written by torch.save (its entries: "
					+ (names.isEmpty() ? "none" : names)
					+ "). Choose the .pth file itself, not an archive that contains it.");
		}
		return found;
	}

	/** Follows {"state_dict": ...} and {"model": ...} down to the dict that holds tensors. */
	private static Map<?, ?> selectStateDict(Object root, String source) {
		if (!(root instanceof Map<?, ?> map)) {
			throw new CheckpointException("Checkpoint " + source + " holds a "
				+ pythonType(root)
				+ ", not a state_dict. Save model.state_dict() instead of the model.");
		}
		Map<?, ?> current = map;
		descend : for (int depth = 0; depth < 4; depth++) {
			for (String wrapper : WRAPPERS) {
				if (current.get(wrapper) instanceof Map<?, ?> inner) {
					current = inner;
					continue descend;
				}
			}
			break;
		}
		if (current.values().stream().noneMatch(v -> v instanceof TensorView)) {
			String keys = current.keySet().stream().limit(10).map(MessageText::shorten)
				.collect(Collectors.joining(", "));
			throw new CheckpointException("Checkpoint " + source
				+ " holds no tensors at its top level"
				+ " nor under 'state_dict' or 'model' (keys: " + keys + "). Save the weights with"
				+ " torch.save(model.state_dict(), path).");
		}
		return current;
	}

	private Object persistentLoad(Object pid) {
		// ('storage', torch.FloatStorage, key, location, numel); the location is ignored
		if (!(pid instanceof List<?> t) || t.size() < 5 || !"storage".equals(t.get(0))
			|| !(t.get(1) instanceof PickleGlobal type)
			|| type.kind() != PickleGlobal.Kind.STORAGE_TYPE
			|| !(t.get(2) instanceof String key) || !(t.get(4) instanceof Long numel) || numel < 0)
		{
			throw new CheckpointException("Checkpoint " + source + " has a damaged data.pkl: a"
				+ " persistent id is a " + pythonType(pid) + " other than ('storage', type, key,"
				+ " location, size). Save the checkpoint again.");
		}
		StorageRef ref = new StorageRef(key, type.dtype(), numel);
		StorageRef earlier = storages.putIfAbsent(key, ref);
		if (earlier != null && !earlier.equals(ref)) {
			throw new CheckpointException(
				"Checkpoint " + source + " has a damaged data.pkl: storage "
					+ MessageText.shorten(key)
					+ " is described twice differently. Save the checkpoint again.");
		}
		return ref;
	}

	private StateDict materialize(Map<?, ?> dict) throws IOException {
		Map<String, TensorView> views = new LinkedHashMap<>();
		for (Map.Entry<?, ?> e : dict.entrySet()) {
			if (e.getKey() instanceof String name && e.getValue() instanceof TensorView view) {
				view.checkBounds(source, name);
				views.put(name, view); // other values are version counters or metadata
			}
		}
		Map<String, Integer> uses = new HashMap<>();
		for (TensorView view : views.values())
			uses.merge(view.storage().key(), 1, Integer::sum);
		Map<String, Integer> usesLeft = new HashMap<>(uses);
		checkMaterializedSize(views.values());
		Map<String, ByteBuffer> loaded = new HashMap<>();
		Map<String, TensorData> tensors = new LinkedHashMap<>();
		for (Map.Entry<String, TensorView> e : views.entrySet()) {
			TensorView view = e.getValue();
			String key = view.storage().key();
			ByteBuffer storage = loaded.get(key);
			if (storage == null) {
				storage = loadStorage(view.storage());
				loaded.put(key, storage);
			}
			int left = usesLeft.merge(key, -1, Integer::sum);
			if (left == 0) loaded.remove(key); // the last view: the storage is garbage after it
			boolean ownsStorage = uses.get(key) == 1 && view.coversWholeStorage();
			ByteBuffer elements = ownsStorage ? storage : view.gather(storage);
			tensors.put(e.getKey(), new TensorData(view.storage().dtype(), view.shape(), elements));
		}
		return StateDict.of(source, tensors);
	}

	/**
	 * The memory bound of a read: the tensors of a state dict may take at most twice the bytes
	 * of the storages they view, plus {@link #VIEW_ALLOWANCE}. Twice allows tied weights (two
	 * names for one storage) and slices or transposes of one storage; it refuses views that
	 * repeat elements (zero or small strides) and thousands of views of one storage, which a
	 * file of a few KB could otherwise expand to gigabytes. Checked before any storage is read.
	 */
	private void checkMaterializedSize(Collection<TensorView> views) {
		Map<String, Long> storageBytes = new HashMap<>();
		long tensorBytes = 0;
		for (TensorView view : views) {
			long elementSize = view.storage().dtype().size();
			storageEntry(view.storage()); // the storage's bytes are really in the file
			storageBytes.put(view.storage().key(), view.storage().numel() * elementSize);
			tensorBytes = Math.addExact(tensorBytes, Shapes.numel(view.shape()) * elementSize);
		}
		long stored = storageBytes.values().stream().mapToLong(Long::longValue).sum();
		if (tensorBytes > 2 * stored + VIEW_ALLOWANCE) {
			throw new CheckpointException("Checkpoint " + source + " is refused: its "
				+ views.size()
				+ " tensors would take " + tensorBytes + " bytes, more than twice the " + stored
				+ " bytes of storage they view plus 1 MiB (views that repeat storage elements or"
				+ " many tensors over one storage, which a state_dict does not need). Save it again"
				+ " from contiguous tensors: torch.save({k: v.contiguous().clone() for k, v in"
				+ " sd.items()}, path).");
		}
	}

	private ByteBuffer loadStorage(StorageRef ref) throws IOException {
		ZipEntryInfo entry = storageEntry(ref);
		ByteBuffer data = zip.read(entry, true).limit((int) (ref.numel() * ref.dtype().size()));
		if (bigEndian) ElementConversions.swapBytes(data, ref.dtype().size());
		return data;
	}

	private ZipEntryInfo storageEntry(StorageRef ref) {
		ZipEntryInfo entry = zip.entries().get(prefix + "data/" + ref.key());
		String shown = MessageText.shorten(ref.key());
		if (entry == null) {
			throw new CheckpointException("Checkpoint " + source + " is damaged: data.pkl refers to"
				+ " storage data/" + shown
				+ " but the archive has no such entry. Copy or download it"
				+ " again.");
		}
		if (entry.size() / ref.dtype().size() < ref.numel()) {
			throw new CheckpointException("Checkpoint " + source + " is damaged: storage data/"
				+ shown + " has " + entry.size() + " bytes, too few for " + ref.numel() + " "
				+ ref.dtype() + " elements. Copy or download it again.");
		}
		return entry;
	}

	private static byte[] bytes(ByteBuffer b) {
		byte[] out = new byte[b.remaining()];
		b.duplicate().get(out);
		return out;
	}

	private static String pythonType(Object value) {
		if (value == null) return "None";
		if (value instanceof TensorView) return "single tensor";
		if (value instanceof List<?>) return "list or tuple";
		return value.getClass().getSimpleName();
	}
}
