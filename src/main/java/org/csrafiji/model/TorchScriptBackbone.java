package org.csrafiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.Setting;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A backbone exported from PyTorch as TorchScript: a module mapping an image batch
 * (B, 3, S, S) to a feature map (B, d, h, w). Its weights live inside the .pt file, so it
 * contributes no state_dict keys: the checkpoint then holds only the head (CSRA heads, or
 * fc.weight and fc.bias for the training-free head).
 * <p>
 * In a spec the architecture is "torchscript" with "backbone": "FILE.pt"; in memory it is an
 * {@link org.csrafiji.core.Architecture.TorchScript} holding the resolved file.
 */
public final class TorchScriptBackbone extends TorchBlock implements Backbone {

	private final Path file;
	private final PtSymbolBlock module;
	private final int width;

	private TorchScriptBackbone(Path file, PtSymbolBlock module, int width) {
		this.file = file;
		this.module = module;
		this.width = width;
	}

	/**
	 * Loads the module onto the manager's device and runs it once on a zero batch to learn
	 * (and check) its output.
	 *
	 * @param file the .pt file
	 * @param manager owner of the module (the model's manager)
	 * @param size input side
	 * @return the backbone
	 */
	public static TorchScriptBackbone load(Path file, NDManager manager, int size) {
		if (!Files.isRegularFile(file)) {
			throw new ModelSpecException("The TorchScript backbone " + file + " does not exist;"
				+ " export one with models/export_torchscript.py and give its path.",
				Setting.BACKBONE_FILE, file.toString(), file);
		}
		if (!(manager instanceof PtNDManager pt)) {
			throw new ModelSpecException("TorchScript backbones need the PyTorch engine.");
		}
		TorchScriptStorages.check(file);
		PtSymbolBlock module;
		try {
			module = JniUtils.loadModule(pt, file, true, new String[0], new String[0], false);
		}
		catch (RuntimeException e) {
			throw new ModelSpecException("Cannot read " + file + " as a TorchScript module: "
				+ e.getMessage() + ". Save it with torch.jit.script or torch.jit.trace and"
				+ " torch.jit.save, with PyTorch 2.7 or older (the engine runs libtorch 2.7.1).",
				e);
		}
		try (NDManager probe = manager.newSubManager()) {
			NDArray x = probe.zeros(new Shape(1, 3, size, size));
			NDList out = module.forward(new ParameterStore(probe, false), new NDList(x), false);
			Shape s = check(file, out, 1, size);
			return new TorchScriptBackbone(file, module, (int) s.get(1));
		}
		catch (RuntimeException e) {
			module.close();
			throw e;
		}
	}

	/**
	 * The module's output, checked before it reaches the head and a table: one feature map of
	 * shape (batch, d, h, w) with d, h, w at least 1, all values finite.
	 */
	private static Shape check(Path file, NDList out, long batch, int size) {
		if (out.size() != 1 || out.get(0).getShape().dimension() != 4 || out.get(0).getShape().get(
			0) != batch || out.get(0).getShape().size() == 0)
		{
			StringBuilder got = new StringBuilder();
			for (NDArray a : out) {
				got.append(got.length() == 0 ? "" : ", ").append(a.getShape());
			}
			throw new ModelSpecException("The TorchScript backbone " + file.getFileName()
				+ " maps a (" + batch + ", 3, " + size + ", " + size + ") batch to "
				+ (out.size() == 1
					? "shape "
					: out.size() + " outputs ")
				+ got + ", not to one feature map (B, d, h, w)."
				+ " Export the network up to its last feature map, without pooling, flattening or"
				+ " classifier (models/export_torchscript.py does).");
		}
		NDArray features = out.get(0);
		if (!features.getDataType().isFloating() || !FiniteValues.allFinite(features)) {
			throw new ModelSpecException("The TorchScript backbone " + file.getFileName() + " gave "
				+ (features.getDataType().isFloating()
					? "NaN or infinite values in its feature map"
					: features.getDataType() + " features instead of floating-point ones")
				+ " for a (" + batch + ", 3, " + size + ", " + size
				+ ") batch, so no score computed"
				+ " from it would mean anything. The module is damaged or not a feature extractor;"
				+ " export it again (models/export_torchscript.py).");
		}
		return features.getShape();
	}

	/** @return the module file */
	public Path file() {
		return file;
	}

	@Override
	public int featureWidth() {
		return width;
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDList out = module.forward(store, inputs, training);
		Shape in = inputs.get(0).getShape();
		Shape s = check(file, out, in.get(0), (int) in.get(2));
		if (s.get(1) != width) {
			throw new ModelSpecException("The TorchScript backbone " + file.getFileName() + " gave "
				+ s.get(1) + " features per location, but " + width + " when it was loaded; a"
				+ " feature extractor gives one width. Export it again (models/export_torchscript.py).");
		}
		return out;
	}

	/** A module's intermediates are its own. */
	@Override
	public long largestActivationBytes(int size) {
		return -1;
	}

	@Override
	public void prepareInference() {
		// The module's weights are fixed inside the file.
	}
}
