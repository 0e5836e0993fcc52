package org.csrafiji.model;

import org.csrafiji.checkpoint.DType;
import org.csrafiji.core.ModelSpecException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks a TorchScript file's tensor storages before libtorch reads it: every storage its
 * pickles ({@code NAME.pkl}, their storages in {@code NAME/}) declare must be an archive
 * entry at least as long as the declared element count times the element size. libtorch
 * 2.7 trusts the declaration and reads past a shorter buffer.
 * <p>
 * The pickles are only walked, never run: the walk keeps strings, integers, tuples and
 * global names on a stack to find each persistent storage id ({@code ('storage',
 * torch.FloatStorage, key, location, numel)}) and treats every other value as opaque. Its
 * work and memory are linear in the pickle's size, and pickles are read up to
 * {@value #MAX_PICKLE} bytes.
 */
final class TorchScriptStorages {

	/** The largest pickle read (a ResNet-101's data.pkl is about 100 KB). */
	static final int MAX_PICKLE = 64 << 20;

	private static final String STORAGE_SUFFIX = "Storage";

	/** A declared storage: its key, element type and element count. */
	record Storage(String key, DType dtype, long numel) {}

	private TorchScriptStorages() {}

	/**
	 * @param file a TorchScript .pt file
	 * @throws ModelSpecException naming the storage when one is shorter than declared, or
	 *           when the file cannot be checked
	 */
	static void check(Path file) {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			List<? extends ZipEntry> pickles = zip.stream().filter(e -> e.getName().endsWith(".pkl")
				&& !e.isDirectory()).toList();
			for (ZipEntry pickle : pickles) {
				String dir = pickle.getName().substring(0, pickle.getName().length() - 4) + "/";
				String shared = sharedFolder(pickle.getName());
				for (Storage s : storages(read(zip, pickle, file), pickle.getName(), file)) {
					ZipEntry data = zip.getEntry(dir + s.key());
					if (data == null) {
						data = zip.getEntry(shared + s.key());
					}
					long needed = s.numel() * s.dtype().size();
					if (data == null || data.getSize() < needed) {
						throw refusal(file,
							pickle.getName() + " declares storage " + s.key() + " of "
								+ s.numel() + " " + s.dtype().torchName() + " elements (" + needed
								+ " bytes), but the archive " + (data == null
									? "has no such entry"
									: "holds only " + data.getSize() + " bytes for it"));
					}
				}
			}
		}
		catch (IOException e) {
			throw refusal(file, "it is not a readable zip archive (" + e.getMessage() + ")");
		}
	}

	private static String sharedFolder(String pickle) {
		int slash = pickle.indexOf('/');
		return (slash < 0 ? "" : pickle.substring(0, slash + 1)) + ".data/";
	}

	private static byte[] read(ZipFile zip, ZipEntry entry, Path file) throws IOException {
		if (entry.getSize() > MAX_PICKLE) {
			throw refusal(file,
				entry.getName() + " is " + entry.getSize() + " bytes, more than the "
					+ MAX_PICKLE + " this check reads");
		}
		try (InputStream in = zip.getInputStream(entry)) {
			byte[] bytes = in.readNBytes(MAX_PICKLE + 1);
			if (bytes.length > MAX_PICKLE) {
				throw refusal(file, entry.getName() + " unpacks to more than " + MAX_PICKLE
					+ " bytes");
			}
			return bytes;
		}
	}

	/**
	 * @param pickle a pickle's bytes
	 * @param name its entry name, for messages
	 * @param file the archive, for messages
	 * @return the storages its persistent ids declare
	 */
	static List<Storage> storages(byte[] pickle, String name, Path file) {
		return new Walk(ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN), name, file).run();
	}

	private static ModelSpecException refusal(Path file, String why) {
		return new ModelSpecException("The TorchScript backbone " + file + " is refused: " + why
			+ ". It is damaged or was altered; export it again (models/export_torchscript.py).");
	}

	/** A global name on the walk's stack. */
	private record Global(String module, String name) {}

	/** The marker MARK leaves on the walk's stack. */
	private static final Object MARK = new Object();

	/** Any value the walk does not look into. */
	private static final Object OPAQUE = new Object();

	/** One pass over a pickle's opcodes. */
	private static final class Walk {

		private final ByteBuffer in;
		private final String name;
		private final Path file;
		private final List<Object> stack = new ArrayList<>();
		private final Map<Long, Object> memo = new HashMap<>();
		private final List<Storage> found = new ArrayList<>();

		Walk(ByteBuffer in, String name, Path file) {
			this.in = in;
			this.name = name;
			this.file = file;
		}

		List<Storage> run() {
			try {
				while (true) {
					int at = in.position();
					int op = in.get() & 0xff;
					if (op == '.') {
						return found;
					}
					step(op, at);
				}
			}
			catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
				throw refusal(file, name + " ends early or is damaged");
			}
		}

		private void step(int op, int at) {
			switch (op) {
				case 0x80 -> in.get(); // PROTO
				case 0x95 -> skip(8); // FRAME
				case 'c' -> push(new Global(line(), line()));
				case 0x93 -> { // STACK_GLOBAL
					Object n = pop();
					push(new Global(String.valueOf(pop()), String.valueOf(n)));
				}
				case 'q' -> memo.put((long) (in.get() & 0xff), top());
				case 'r' -> memo.put(in.getInt() & 0xffffffffL, top());
				case 0x94 -> memo.put((long) memo.size(), top()); // MEMOIZE
				case 'h' -> push(recall(in.get() & 0xff));
				case 'j' -> push(recall(in.getInt() & 0xffffffffL));
				case '(' -> push(MARK);
				case ')' -> push(List.of());
				case '}', ']', 0x8f, 'N', 0x88, 0x89 -> push(OPAQUE);
				case 't' -> push(List.copyOf(popToMark()));
				case 0x85, 0x86, 0x87 -> push(popTuple(op - 0x84));
				case 'l', 'd', 0x91 -> { // LIST, DICT, FROZENSET
					popToMark();
					push(OPAQUE);
				}
				case 'e', 'u', 0x90, '1' -> popToMark(); // APPENDS, SETITEMS, ADDITEMS, POP_MARK
				case 'a', 'b', '0' -> pop(); // APPEND, BUILD, POP
				case 's' -> { // SETITEM
					pop();
					pop();
				}
				case '2' -> push(top()); // DUP
				case 'R', 0x81 -> { // REDUCE, NEWOBJ
					pop();
					pop();
					push(OPAQUE);
				}
				case 0x92 -> { // NEWOBJ_EX
					pop();
					pop();
					pop();
					push(OPAQUE);
				}
				case 'K' -> push((long) (in.get() & 0xff));
				case 'M' -> push((long) (in.getShort() & 0xffff));
				case 'J' -> push((long) in.getInt());
				case 0x8a -> push(longValue(in.get() & 0xff)); // LONG1
				case 0x8b -> push(longValue(length(in.getInt() & 0xffffffffL))); // LONG4
				case 'G' -> {
					skip(8);
					push(OPAQUE);
				}
				case 'X', 'T' -> push(text(length(in.getInt() & 0xffffffffL)));
				case 0x8c, 'U' -> push(text(in.get() & 0xff));
				case 0x8d -> push(text(length(in.getLong())));
				case 'B' -> bytes(length(in.getInt() & 0xffffffffL));
				case 'C' -> bytes(in.get() & 0xff);
				case 0x8e -> bytes(length(in.getLong()));
				case 'Q' -> persistentId(pop());
				default ->
					throw refusal(file, name + " holds pickle opcode 0x" + Integer.toHexString(
						op) + " at byte " + at + ", which this check does not know");
			}
		}

		private void persistentId(Object id) {
			if (id instanceof List<?> t && t.size() == 5 && "storage".equals(t.get(0))) {
				if (!(t.get(1) instanceof Global g) || !(t.get(2) instanceof String key) || !(t.get(
					4) instanceof Long numel))
				{
					throw refusal(file, name + " holds a storage id of an unexpected form");
				}
				String type = g.name();
				DType dtype = DType.ofStorageClass(type).orElseThrow(() -> refusal(file, name
					+ " declares a storage of type " + type + ", which this check does not know"));
				if (numel < 0 || numel > Long.MAX_VALUE / dtype.size()) {
					throw refusal(file, name + " declares storage " + key + " with " + numel
						+ " elements");
				}
				found.add(new Storage(key, dtype, numel));
			}
			push(OPAQUE);
		}

		private void push(Object v) {
			stack.add(v);
		}

		private Object pop() {
			Object v = stack.remove(stack.size() - 1);
			if (v == MARK) {
				throw refusal(file, name + " is damaged (a value was expected, a mark found)");
			}
			return v;
		}

		private Object top() {
			return stack.get(stack.size() - 1);
		}

		private List<Object> popTuple(int n) {
			Object[] items = new Object[n];
			for (int i = n - 1; i >= 0; i--) {
				items[i] = pop();
			}
			return List.of(items);
		}

		private List<Object> popToMark() {
			int mark = stack.lastIndexOf(MARK);
			if (mark < 0) {
				throw refusal(file, name + " is damaged (no mark to return to)");
			}
			List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
			stack.subList(mark, stack.size()).clear();
			return items;
		}

		private Object recall(long index) {
			Object v = memo.get(index);
			if (v == null) {
				throw refusal(file,
					name + " recalls memo entry " + index + ", which it never stored");
			}
			return v;
		}

		private int length(long n) {
			if (n < 0 || n > in.remaining()) {
				throw new IndexOutOfBoundsException();
			}
			return (int) n;
		}

		private void skip(int n) {
			in.position(in.position() + length(n));
		}

		private void bytes(int n) {
			skip(n);
			push(OPAQUE);
		}

		private String text(int n) {
			byte[] b = new byte[length(n)];
			in.get(b);
			return new String(b, StandardCharsets.UTF_8);
		}

		private String line() {
			StringBuilder sb = new StringBuilder();
			for (byte b = in.get(); b != '\n'; b = in.get()) {
				sb.append((char) (b & 0xff));
			}
			return sb.toString();
		}

		/** A little-endian two's-complement integer; beyond a long it is opaque. */
		private Object longValue(int n) {
			byte[] b = new byte[length(n)];
			in.get(b);
			if (n > 8) {
				return OPAQUE;
			}
			long v = n == 0 ? 0 : b[n - 1]; // sign-extended top byte
			for (int i = n - 2; i >= 0; i--) {
				v = (v << 8) | (b[i] & 0xff);
			}
			return v;
		}
	}
}
