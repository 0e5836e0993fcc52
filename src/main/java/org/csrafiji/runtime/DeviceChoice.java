package org.csrafiji.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;

import org.csrafiji.core.Setting;
import org.csrafiji.core.EngineException;

import java.util.Locale;

/**
 * The user's device request: auto (a CUDA GPU when the engine has one, else the CPU), cpu,
 * or gpu / gpu:N. {@link #resolve()} gives the device actually used, which is what gets
 * logged — never a GPU that is not in use.
 *
 * @param kind auto, cpu or gpu
 * @param index GPU index for gpu
 */
public record DeviceChoice(Kind kind, int index) {

	/** What was asked for. */
	public enum Kind {
		/** GPU when available, else CPU. */
		AUTO,
		/** The CPU. */
		CPU,
		/** A CUDA GPU; an error when none is available. */
		GPU
	}

	/** Automatic choice. */
	public static final DeviceChoice AUTO = new DeviceChoice(Kind.AUTO, 0);

	/** The CPU. */
	public static final DeviceChoice CPU = new DeviceChoice(Kind.CPU, 0);

	/**
	 * @param text auto, cpu, gpu or gpu:N
	 * @return the choice
	 */
	public static DeviceChoice parse(String text) {
		String t = text.strip().toLowerCase(Locale.ROOT);
		if (t.equals("auto")) {
			return AUTO;
		}
		if (t.equals("cpu")) {
			return CPU;
		}
		if (t.equals("gpu") || t.equals("cuda")) {
			return new DeviceChoice(Kind.GPU, 0);
		}
		if (t.startsWith("gpu:") || t.startsWith("cuda:")) {
			try {
				int i = Integer.parseInt(t.substring(t.indexOf(':') + 1));
				if (i >= 0) {
					return new DeviceChoice(Kind.GPU, i);
				}
			}
			catch (NumberFormatException e) {
				// reported below
			}
		}
		throw new EngineException("Unknown device '" + text + "'; use auto, cpu, gpu or gpu:N.",
			Setting.DEVICE, text, null);
	}

	/**
	 * @return the device to use
	 * @throws EngineException when a GPU was asked for and the engine has none
	 */
	public Device resolve() {
		Engine engine = Engines.pytorch();
		int gpus = engine.getGpuCount();
		switch (kind) {
			case CPU:
				return Device.cpu();
			case AUTO:
				return gpus > 0 ? Device.gpu(0) : Device.cpu();
			default:
				if (index >= gpus) {
					throw new EngineException(noGpu(index, gpus, Engines.natives()));
				}
				return Device.gpu(index);
		}
	}

	/**
	 * @param index the GPU asked for
	 * @param gpus the GPUs the engine sees
	 * @param natives what the engine loaded, against what was asked
	 * @return why {@code device=gpu} is refused rather than run on the CPU, and what to do
	 */
	static String noGpu(int index, int gpus, NativesCheck natives) {
		return "GPU " + index + " was requested but the PyTorch engine sees " + gpus + " GPU(s): "
			+ natives.whyNoGpu()
			+ ". CSRA does not fall back to the CPU when a GPU is asked for: use"
			+ " device cpu (or auto), or set PYTORCH_LIBRARY_PATH to the lib folder of a CUDA libtorch "
			+ natives.engineVersion() + " with PYTORCH_FLAVOR=cu128.";
	}

	/**
	 * @param device a DJL device
	 * @return "cpu" or "gpu:N"
	 */
	public static String describe(Device device) {
		return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
	}

	@Override
	public String toString() {
		return kind == Kind.GPU ? "gpu:" + index : kind.name().toLowerCase(Locale.ROOT);
	}
}
