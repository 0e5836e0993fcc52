package org.csrafiji.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the data.pkl of a torch.save checkpoint: a protocol 2 pickle of an OrderedDict
 * whose values are {@code torch._utils._rebuild_tensor_v2} calls on persistent storage ids,
 * one storage per tensor, as torch.save writes a state_dict.
 */
final class PickleWriter {

	/** Python's pickler closes a SETITEMS batch every 1000 items. */
	private static final int BATCH = 1000;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final Map<String, Integer> memo = new HashMap<>();

	private PickleWriter() {}

	/**
	 * @param tensors name to tensor, in the order to write; tensor i gets storage key "i"
	 * @return the pickle bytes
	 */
	static byte[] stateDict(List<Map.Entry<String, TensorData>> tensors) {
		PickleWriter w = new PickleWriter();
		w.op(0x80).op(2); // PROTO 2
		w.global("collections", "OrderedDict").op(')').op('R'); // OrderedDict()
		for (int start = 0; start < tensors.size(); start += BATCH) {
			w.op('(');
			for (int i = start; i < Math.min(start + BATCH, tensors.size()); i++) {
				w.unicode(tensors.get(i).getKey());
				w.tensor(tensors.get(i).getValue(), Integer.toString(i));
			}
			w.op('u'); // SETITEMS
		}
		w.op('.');
		return w.out.toByteArray();
	}

	private void tensor(TensorData t, String storageKey) {
		long[] shape = t.shape();
		global("torch._utils", "_rebuild_tensor_v2");
		op('(');
		op('(').unicode("storage").global("torch", t.dtype().storageClass()).unicode(storageKey)
			.unicode("cpu").integer(t.numel()).op('t').op('Q'); // BINPERSID
		integer(0); // storage offset
		tuple(shape);
		tuple(Shapes.rowMajorStrides(shape));
		op(0x89); // requires_grad False
		global("collections", "OrderedDict").op(')').op('R'); // backward hooks
		op('t').op('R');
	}

	private PickleWriter tuple(long[] values) {
		if (values.length == 0) return op(')');
		if (values.length > 3) op('(');
		for (long v : values)
			integer(v);
		return op(switch (values.length) {
			case 1 -> 0x85;
			case 2 -> 0x86;
			case 3 -> 0x87;
			default -> 't';
		});
	}

	private PickleWriter integer(long v) {
		if (v >= 0 && v < 0x100) return op('K').op((int) v);
		if (v >= 0 && v < 0x10000) return op('M').op((int) v & 0xff).op((int) (v >>> 8));
		if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) return op('J').littleEndian(v, 4);
		return op(0x8a).op(8).littleEndian(v, 8); // LONG1, 8 bytes two's complement
	}

	private PickleWriter unicode(String s) {
		byte[] b = s.getBytes(StandardCharsets.UTF_8);
		op('X').littleEndian(b.length, 4);
		out.writeBytes(b);
		return this;
	}

	/** GLOBAL the first time, then BINGET from the memo, as Python's pickler does. */
	private PickleWriter global(String module, String name) {
		String key = module + "\n" + name + "\n";
		Integer index = memo.get(key);
		if (index != null)
			return index < 0x100 ? op('h').op(index) : op('j').littleEndian(index, 4);
		op('c');
		out.writeBytes(key.getBytes(StandardCharsets.US_ASCII));
		int next = memo.size();
		memo.put(key, next);
		return next < 0x100 ? op('q').op(next) : op('r').littleEndian(next, 4);
	}

	private PickleWriter littleEndian(long v, int bytes) {
		for (int i = 0; i < bytes; i++)
			out.write((int) (v >>> (8 * i)) & 0xff);
		return this;
	}

	private PickleWriter op(int b) {
		out.write(b);
		return this;
	}
}
