package org.csrafiji.model;

import org.csrafiji.checkpoint.StateDict;
import org.csrafiji.core.Architecture;
import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.Setting;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a Vision Transformer in timm's original layout. Architecture names:
 * <ul>
 * <li>{@code vit_b16}: 12 blocks, width 768, 12 heads, patch 16;</li>
 * <li>{@code vit_l16}: 24 blocks, width 1024, 16 heads, patch 16;</li>
 * <li>{@code vit}: depth, width and patch read from the checkpoint, heads = width / 64 (the
 * rule both published ViTs follow); {@code vit:depth=2,dim=64,heads=4,patch=16} names any of
 * them explicitly (the number of heads cannot be read from the weights).</li>
 * </ul>
 *
 * @param depth transformer blocks
 * @param width token width d
 * @param heads attention heads
 * @param patch patch side in pixels
 * @param grid side of the patch grid the positional embedding was made for
 */
public record ViTConfig(int depth, int width, int heads, int patch, int grid) {

	private static final Pattern BLOCK = Pattern.compile("^blocks\\.(\\d+)\\.norm1\\.weight$");
	private static final String POS = "pos_embed";
	private static final String PROJ = "patch_embed.proj.weight";

	/**
	 * @param named a ViT description
	 * @return its shape; -1 where the checkpoint must say (grid always -1)
	 */
	static ViTConfig of(Architecture.ViT named) {
		return new ViTConfig(named.depth(), named.width(), named.heads(), named.patch(), -1);
	}

	/**
	 * The shape of a network built without a checkpoint (random weights): everything must be
	 * named; the positional embedding is made for the input size.
	 *
	 * @param architecture the ViT's description
	 * @param size input side
	 * @return the complete shape
	 */
	public static ViTConfig forInput(Architecture.ViT architecture, int size) {
		if (!architecture.complete()) {
			throw new ModelSpecException(
				"Architecture '" + architecture.name() + "' takes its shape"
					+ " from a checkpoint; without one, name it: vit_b16, vit_l16 or"
					+ " vit:depth=N,dim=N,heads=N,patch=N.",
				Setting.ARCHITECTURE, architecture.name(),
				null);
		}
		ViTConfig c = of(architecture);
		c = c.withHeads();
		checkInput(c, size);
		return new ViTConfig(c.depth, c.width, c.heads, c.patch, size / c.patch);
	}

	/**
	 * Reads the shape from a checkpoint in the official names and checks it against the
	 * architecture's.
	 *
	 * @param architecture the ViT's description
	 * @param weights state_dict in official names
	 * @return the complete shape, grid from the positional embedding
	 */
	public static ViTConfig forCheckpoint(Architecture.ViT architecture, StateDict weights) {
		ViTConfig named = of(architecture);
		String src = weights.source();
		if (!weights.contains(POS) || !weights.contains(PROJ) || !weights.contains("cls_token")) {
			throw new CheckpointException("Checkpoint '" + src + "' is not a ViT in timm's layout"
				+ " (no pos_embed, cls_token or patch_embed.proj.weight) but the model asks for "
				+ architecture + "; choose the architecture the checkpoint was made for"
				+ (weights.contains("conv1.weight") ? " (it holds a ResNet)" : "") + ".",
				Setting.ARCHITECTURE, architecture.name(), null);
		}
		long[] pos = weights.get(POS).shape();
		long[] proj = weights.get(PROJ).shape();
		if (pos.length != 3 || pos[0] != 1 || proj.length != 4 || proj[2] != proj[3]
			|| proj[1] != 3 || proj[0] != pos[2])
		{
			throw new CheckpointException("Checkpoint '" + src + "': pos_embed " + Arrays.toString(
				pos) + " and patch_embed.proj.weight " + Arrays.toString(proj) + " are not a ViT's"
				+ " (1, 1 + g*g, d) and (d, 3, p, p).");
		}
		int grid = (int) Math.round(Math.sqrt(pos[1] - 1));
		if ((long) grid * grid + 1 != pos[1]) {
			throw new CheckpointException("Checkpoint '" + src + "': pos_embed holds " + pos[1]
				+ " positions, not a class token plus a square grid of patches; it cannot be"
				+ " interpolated to another input size.");
		}
		int depth = 0;
		for (String k : weights.keys()) {
			Matcher m = BLOCK.matcher(k);
			if (m.matches()) {
				depth = Math.max(depth, Integer.parseInt(m.group(1)) + 1);
			}
		}
		ViTConfig found = new ViTConfig(depth, (int) pos[2], named.heads, (int) proj[2], grid);
		if ((named.depth > 0 && named.depth != found.depth) || (named.width > 0
			&& named.width != found.width) || (named.patch > 0 && named.patch != found.patch))
		{
			throw new CheckpointException("Checkpoint '" + src + "' holds a ViT with " + found.depth
				+ " blocks, width " + found.width + " and patch " + found.patch + " but the"
				+ " model asks for " + architecture + " (" + named.depth + " blocks, width "
				+ named.width + ", patch " + named.patch + "); choose architecture "
				+ found.suggestion() + ".", Setting.ARCHITECTURE, architecture.name(), null);
		}
		return found.withHeads();
	}

	/** @return this with heads = width / 64 when unknown */
	private ViTConfig withHeads() {
		if (heads > 0) {
			if (width % heads != 0) {
				throw new ModelSpecException("A ViT of width " + width + " cannot have " + heads
					+ " attention heads: the width must be a multiple of the heads.");
			}
			return this;
		}
		if (width % 64 != 0) {
			throw new ModelSpecException("The ViT's width " + width + " is not a multiple of 64,"
				+ " so its number of attention heads cannot be assumed; name it: vit:heads=N.");
		}
		return new ViTConfig(depth, width, width / 64, patch, grid);
	}

	private String suggestion() {
		if (depth == 12 && width == 768 && patch == 16) {
			return "vit_b16";
		}
		if (depth == 24 && width == 1024 && patch == 16) {
			return "vit_l16";
		}
		return "vit (or vit:heads=N)";
	}

	/**
	 * @param c a shape
	 * @param size input side
	 * @throws ModelSpecException when the input does not cut into whole patches
	 */
	static void checkInput(ViTConfig c, int size) {
		if (size % c.patch != 0) {
			throw new ModelSpecException("Input size " + size + " is not a multiple of the ViT's"
				+ " patch size " + c.patch + ", so its positional embedding"
				+ (c.grid > 0
					? " (made for a " + c.grid + " x " + c.grid + " grid, " + c.grid
						* c.patch + " px)"
					: "")
				+ " cannot be interpolated to it; use a multiple of "
				+ c.patch + " (e.g. 224 or 448).");
		}
	}

	/**
	 * @param size input side
	 * @return the patch grid side at that input
	 */
	public int gridAt(int size) {
		checkInput(this, size);
		return size / patch;
	}
}
