package org.csrafiji.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The backbone a model is built on, as a typed description: a torchvision {@link ResNet} of
 * some depth, a timm {@link ViT} of some shape, or a {@link TorchScript} module read from a
 * file. A spec file names it with "architecture" (and "backbone" for the TorchScript file);
 * {@link #parse} reads the name, {@link #name()} gives it back.
 */
public sealed interface Architecture permits Architecture.ResNet, Architecture.ViT,
	Architecture.TorchScript
{

	/** The architecture names this version builds, for messages. */
	String SUPPORTED = "resnet18, resnet34, resnet50, resnet101, resnet152, vit_b16, vit_l16,"
		+ " vit, vit:depth=N,dim=N,heads=N,patch=N, torchscript";

	/** @return the name a spec file carries in "architecture", e.g. resnet101 or vit_b16 */
	String name();

	/**
	 * Reads an architecture name (case and, for ResNets, '-' and '_' ignored). A TorchScript
	 * backbone needs its file and is made with {@link TorchScript#TorchScript(Path, boolean)}.
	 *
	 * @param name e.g. resnet101, vit_b16, vit, vit:depth=12,dim=768,heads=12,patch=16
	 * @return the description
	 * @throws ModelSpecException when the name is none of {@link #SUPPORTED}
	 */
	static Architecture parse(String name) {
		if (name == null || name.isBlank()) {
			throw new ModelSpecException("No architecture is named; use one of " + SUPPORTED + ".",
				Setting.ARCHITECTURE, name, null);
		}
		String a = name.toLowerCase(Locale.ROOT).strip();
		if (a.equals("vit") || a.startsWith("vit_") || a.startsWith("vit:")) {
			return ViT.parse(name);
		}
		if (a.equals(TorchScript.NAME)) {
			throw new ModelSpecException(
				"Architecture torchscript needs its module file (the spec's"
					+ " \"backbone\"): a TorchScript backbone cannot be named by its architecture alone.",
				Setting.BACKBONE_FILE, name, null);
		}
		String r = a.replace("-", "").replace("_", "");
		if (r.startsWith("resnet")) {
			try {
				return new ResNet(Integer.parseInt(r.substring(6)));
			}
			catch (NumberFormatException e) {
				// falls through to the refusal below
			}
		}
		throw new ModelSpecException("Unknown architecture '" + name + "'; this version supports "
			+ SUPPORTED + ".", Setting.ARCHITECTURE, name, null);
	}

	/**
	 * A torchvision ResNet; its stem width is read from the checkpoint (64 for torchvision's).
	 *
	 * @param depth 18, 34, 50, 101 or 152
	 */
	record ResNet(int depth) implements Architecture {

		/** The depths torchvision publishes. */
		public static final List<Integer> DEPTHS = List.of(18, 34, 50, 101, 152);

		/** Checks the depth. */
		public ResNet {
			if (!DEPTHS.contains(depth)) {
				throw new ModelSpecException("There is no resnet" + depth + "; the ResNets are "
					+ "resnet18, resnet34, resnet50, resnet101 and resnet152.",
					Setting.ARCHITECTURE,
					"resnet" + depth, null);
			}
		}

		@Override
		public String name() {
			return "resnet" + depth;
		}

		@Override
		public String toString() {
			return name();
		}
	}

	/**
	 * A Vision Transformer in timm's layout. Each number is positive, or -1 where the checkpoint
	 * says (the heads then default to width / 64, the rule both published ViTs follow).
	 *
	 * @param depth transformer blocks
	 * @param width token width
	 * @param heads attention heads
	 * @param patch patch side in pixels
	 */
	record ViT(int depth, int width, int heads, int patch) implements Architecture {

		/** ViT-B/16: 12 blocks, width 768, 12 heads, patch 16. */
		public static final ViT B16 = new ViT(12, 768, 12, 16);

		/** ViT-L/16: 24 blocks, width 1024, 16 heads, patch 16. */
		public static final ViT L16 = new ViT(24, 1024, 16, 16);

		/** A ViT whose whole shape is read from its checkpoint. */
		public static final ViT FROM_CHECKPOINT = new ViT(-1, -1, -1, -1);

		private static final List<String> KEYS = List.of("depth", "dim", "heads", "patch");

		/** Checks that each number is positive or -1. */
		public ViT {
			for (int v : new int[]{depth, width, heads, patch}) {
				if (v < 1 && v != -1) {
					throw new ModelSpecException("A ViT's depth, width, heads and patch must be"
						+ " positive; " + v + " is not.", Setting.ARCHITECTURE, String.valueOf(v),
						null);
				}
			}
		}

		/**
		 * @param name vit_b16, vit_l16, vit, or vit:depth=N,dim=N,heads=N,patch=N (any left out)
		 * @return the shape it names
		 */
		public static ViT parse(String name) {
			String a = name.toLowerCase(Locale.ROOT).strip();
			switch (a) {
				case "vit_b16":
					return B16;
				case "vit_l16":
					return L16;
				case "vit":
					return FROM_CHECKPOINT;
				default:
			}
			if (!a.startsWith("vit:")) {
				throw new ModelSpecException("Unknown ViT architecture '" + name + "'; use vit_b16,"
					+ " vit_l16, vit (shape from the checkpoint) or vit:depth=12,dim=768,heads=12,patch=16.",
					Setting.ARCHITECTURE, name, null);
			}
			int[] v = {-1, -1, -1, -1};
			for (String part : a.substring(4).split(",")) {
				String[] kv = part.strip().split("=");
				int i = kv.length == 2 ? KEYS.indexOf(kv[0].strip()) : -1;
				try {
					if (i < 0) {
						throw new NumberFormatException();
					}
					v[i] = Integer.parseInt(kv[1].strip());
					if (v[i] < 1) {
						throw new NumberFormatException();
					}
				}
				catch (NumberFormatException e) {
					throw new ModelSpecException("Cannot read '" + part + "' in architecture '"
						+ name
						+ "'; write vit:depth=N,dim=N,heads=N,patch=N (positive integers, any of them"
						+ " may be left out).", Setting.ARCHITECTURE, name, null);
				}
			}
			return new ViT(v[0], v[1], v[2], v[3]);
		}

		/** @return whether depth, width and patch are all named (heads may follow from width) */
		public boolean complete() {
			return depth > 0 && width > 0 && patch > 0;
		}

		@Override
		public String name() {
			if (equals(B16)) {
				return "vit_b16";
			}
			if (equals(L16)) {
				return "vit_l16";
			}
			if (equals(FROM_CHECKPOINT)) {
				return "vit";
			}
			int[] v = {depth, width, heads, patch};
			StringBuilder s = new StringBuilder("vit:");
			for (int i = 0; i < v.length; i++) {
				if (v[i] > 0) {
					s.append(s.length() > 4 ? "," : "").append(KEYS.get(i)).append('=')
						.append(v[i]);
				}
			}
			return s.toString();
		}

		@Override
		public String toString() {
			return name();
		}

	}

	/**
	 * A backbone exported from PyTorch as TorchScript. Loading it runs the program it holds, so
	 * it is loaded only with the user's consent (spec field "trust_code").
	 *
	 * @param file the module file, absolute
	 * @param trusted whether the user trusts the code in it
	 */
	record TorchScript(Path file, boolean trusted) implements Architecture {

		/** The architecture name in spec files. */
		public static final String NAME = "torchscript";

		/** Makes the file absolute. */
		public TorchScript {
			if (file == null) {
				throw new ModelSpecException("A TorchScript backbone needs its module file.",
					Setting.BACKBONE_FILE, null, null);
			}
			file = file.toAbsolutePath().normalize();
		}

		/**
		 * @param trust whether the user trusts the module's code
		 * @return this backbone with that consent
		 */
		public TorchScript withTrust(boolean trust) {
			return new TorchScript(file, trust);
		}

		@Override
		public String name() {
			return NAME;
		}

		@Override
		public String toString() {
			return name();
		}
	}
}
