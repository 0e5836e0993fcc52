package org.csrafiji.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Exact element conversions between the stored types and float32 or int64. Buffers are
 * read with absolute indices in little-endian order.
 */
final class ElementConversions {

	private ElementConversions() {}

	/**
	 * @param bits an IEEE 754 half-precision value
	 * @return the same number as a float (every half is exactly representable)
	 */
	static float halfToFloat(short bits) {
		int h = bits & 0xffff;
		int sign = (h & 0x8000) << 16;
		int exponent = (h >>> 10) & 0x1f;
		int mantissa = h & 0x3ff;
		if (exponent == 0x1f) { // infinity or NaN; keep the payload
			return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
		}
		if (exponent == 0) { // zero or subnormal: mantissa * 2^-24, exact in float
			float magnitude = mantissa * 0x1p-24f;
			return sign == 0 ? magnitude : -magnitude;
		}
		return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
	}

	/**
	 * @param bits a bfloat16 value
	 * @return the same number as a float
	 */
	static float bfloat16ToFloat(short bits) {
		return Float.intBitsToFloat((bits & 0xffff) << 16);
	}

	/**
	 * @param type element type of {@code data}
	 * @param data little-endian elements, from index 0
	 * @param count number of elements
	 * @return the elements as floats (integers rounded to nearest like torch's .float())
	 */
	static float[] toFloats(DType type, ByteBuffer data, int count) {
		ByteBuffer le = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		float[] out = new float[count];
		switch (type) {
			case FLOAT32 -> le.position(0).asFloatBuffer().get(out, 0, count);
			case FLOAT16 -> {
				for (int i = 0; i < count; i++)
					out[i] = halfToFloat(le.getShort(2 * i));
			}
			case BFLOAT16 -> {
				for (int i = 0; i < count; i++)
					out[i] = bfloat16ToFloat(le.getShort(2 * i));
			}
			case FLOAT64 -> {
				for (int i = 0; i < count; i++)
					out[i] = (float) le.getDouble(8 * i);
			}
			default -> {
				long[] integers = toLongs(type, le, count);
				for (int i = 0; i < count; i++)
					out[i] = integers[i];
			}
		}
		return out;
	}

	/**
	 * @param type an integer or bool element type
	 * @param data little-endian elements, from index 0
	 * @param count number of elements
	 * @return the elements as longs
	 */
	static long[] toLongs(DType type, ByteBuffer data, int count) {
		ByteBuffer le = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		long[] out = new long[count];
		switch (type) {
			case INT64 -> le.position(0).asLongBuffer().get(out, 0, count);
			case INT32 -> {
				for (int i = 0; i < count; i++)
					out[i] = le.getInt(4 * i);
			}
			case INT16 -> {
				for (int i = 0; i < count; i++)
					out[i] = le.getShort(2 * i);
			}
			case INT8 -> {
				for (int i = 0; i < count; i++)
					out[i] = le.get(i);
			}
			case UINT8, BOOL -> {
				for (int i = 0; i < count; i++)
					out[i] = le.get(i) & 0xff;
			}
			default -> throw new IllegalStateException("A " + type
				+ " tensor has no exact long values; use toFloatArray() for floating-point tensors.");
		}
		return out;
	}

	/**
	 * Reverses the byte order of every element in place.
	 *
	 * @param data elements from index 0 to the limit
	 * @param elementSize bytes per element
	 */
	static void swapBytes(ByteBuffer data, int elementSize) {
		if (elementSize == 1) return;
		int limit = data.limit() - data.limit() % elementSize;
		for (int at = 0; at < limit; at += elementSize) {
			for (int i = 0, j = elementSize - 1; i < j; i++, j--) {
				byte b = data.get(at + i);
				data.put(at + i, data.get(at + j));
				data.put(at + j, b);
			}
		}
	}
}
