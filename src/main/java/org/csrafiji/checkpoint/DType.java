package org.csrafiji.checkpoint;

import java.util.Optional;

/**
 * Element types a checkpoint tensor can have, with the names PyTorch's pickled storage
 * classes and safetensors headers use for them.
 */
public enum DType {

	/** IEEE 754 single precision. */
	FLOAT32(4, true, "FloatStorage", "F32", "float32"),
	/** IEEE 754 half precision. */
	FLOAT16(2, true, "HalfStorage", "F16", "float16"),
	/** bfloat16: the upper half of a float32. */
	BFLOAT16(2, true, "BFloat16Storage", "BF16", "bfloat16"),
	/** IEEE 754 double precision. */
	FLOAT64(8, true, "DoubleStorage", "F64", "float64"),
	/** Signed 64-bit integer. */
	INT64(8, false, "LongStorage", "I64", "int64"),
	/** Signed 32-bit integer. */
	INT32(4, false, "IntStorage", "I32", "int32"),
	/** Signed 16-bit integer. */
	INT16(2, false, "ShortStorage", "I16", "int16"),
	/** Signed 8-bit integer. */
	INT8(1, false, "CharStorage", "I8", "int8"),
	/** Unsigned 8-bit integer. */
	UINT8(1, false, "ByteStorage", "U8", "uint8"),
	/** Boolean, one byte per element (0 or 1). */
	BOOL(1, false, "BoolStorage", "BOOL", "bool");

	private final int size;
	private final boolean floatingPoint;
	private final String storageClass;
	private final String safetensorsName;
	private final String torchName;

	DType(int size, boolean floatingPoint, String storageClass, String safetensorsName,
		String torchName)
	{
		this.size = size;
		this.floatingPoint = floatingPoint;
		this.storageClass = storageClass;
		this.safetensorsName = safetensorsName;
		this.torchName = torchName;
	}

	/** @return bytes per element */
	public int size() {
		return size;
	}

	/** @return whether this is a floating-point type */
	public boolean isFloatingPoint() {
		return floatingPoint;
	}

	/** @return the torch storage class that holds this type, e.g. {@code FloatStorage} */
	public String storageClass() {
		return storageClass;
	}

	/** @return the name of this type in a safetensors header, e.g. {@code F32} */
	public String safetensorsName() {
		return safetensorsName;
	}

	/** @return the torch dtype attribute name, e.g. {@code float32} */
	public String torchName() {
		return torchName;
	}

	/**
	 * @param storageClass a class name in module {@code torch}, e.g. {@code HalfStorage}
	 * @return the element type of that storage class, if it is one of these
	 */
	public static Optional<DType> ofStorageClass(String storageClass) {
		for (DType t : values()) {
			if (t.storageClass.equals(storageClass)) return Optional.of(t);
		}
		return Optional.empty();
	}

	/**
	 * @param name a safetensors dtype, e.g. {@code BF16}
	 * @return the matching type, if it is one of these
	 */
	public static Optional<DType> ofSafetensorsName(String name) {
		for (DType t : values()) {
			if (t.safetensorsName.equals(name)) return Optional.of(t);
		}
		return Optional.empty();
	}

	/**
	 * @param name a torch dtype attribute, e.g. {@code float32}
	 * @return the matching type, if it is one of these
	 */
	public static Optional<DType> ofTorchName(String name) {
		for (DType t : values()) {
			if (t.torchName.equals(name)) return Optional.of(t);
		}
		return Optional.empty();
	}
}
