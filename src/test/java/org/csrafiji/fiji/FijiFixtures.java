package org.csrafiji.fiji;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Shared fixtures: the Context, the model specs, test images and a pixel checksum. */
final class FijiFixtures {

	static final List<String> CLASSES = List.of("cell", "nucleus", "debris", "mitosis",
		"background");

	private FijiFixtures() {}

	static Context context() {
		return new Context(CommandService.class, StatusService.class, LogService.class,
			CsraService.class);
	}

	/** The command with this menu label, as imagej-legacy and RunService find it. */
	static org.scijava.command.CommandInfo command(Context ctx, String title) {
		for (org.scijava.command.CommandInfo info : ctx.service(CommandService.class)
			.getCommands())
		{
			if (title.equals(info.getTitle())) return info;
		}
		throw new AssertionError("no command is labelled " + title);
	}

	static File spec(String name) {
		try {
			return new File(FijiFixtures.class.getResource("/fiji/" + name).toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	static File checkpoint() {
		return new File(spec("r18_h1.json").getParentFile().getParentFile(),
			"model/official_r18_h1.pth");
	}

	/**
	 * Runs a command with every shared input given, so values persisted by earlier runs
	 * never leak in; extra key/value pairs override.
	 */
	static Ran run(Context ctx, Class<? extends Command> cmd, Object... extra)
		throws Exception
	{
		Map<String, Object> in = new HashMap<>();
		in.put("model", InstalledModels.FILE_CHOICE);
		in.put("model_file", spec("r18_h1.json"));
		in.put("device", "cpu");
		in.put("threshold", 0.5);
		in.put("scaling", "display range");
		in.put("all_slices", false);
		for (int i = 0; i < extra.length; i += 2) {
			in.put((String) extra[i], extra[i + 1]);
		}
		return Ran.run(ctx, cmd, in);
	}

	static ImagePlus image(int type, int w, int h, int slices, long seed) {
		Random r = new Random(seed);
		ImageStack stack = new ImageStack(w, h);
		for (int s = 0; s < slices; s++) {
			ImageProcessor ip;
			switch (type) {
				case ImagePlus.GRAY16:
					ip = new ShortProcessor(w, h);
					break;
				case ImagePlus.GRAY32:
					ip = new FloatProcessor(w, h);
					break;
				case ImagePlus.COLOR_RGB:
					ip = new ColorProcessor(w, h);
					break;
				default:
					ip = new ByteProcessor(w, h);
			}
			for (int i = 0; i < w * h; i++) {
				ip.set(i,
					type == ImagePlus.COLOR_RGB
						? r.nextInt(1 << 24)
						: type == ImagePlus.GRAY16
							? r.nextInt(4096)
							: r.nextInt(256));
			}
			stack.addSlice("s" + (s + 1), ip);
		}
		ImagePlus imp = new ImagePlus("test-" + type + "-" + slices, stack);
		imp.resetDisplayRange();
		return imp;
	}

	static String checksum(ImagePlus imp) throws NoSuchAlgorithmException {
		MessageDigest md = MessageDigest.getInstance("SHA-256");
		ImageStack st = imp.getStack();
		for (int i = 1; i <= st.getSize(); i++) {
			Object px = st.getPixels(i);
			if (px instanceof byte[] b) {
				md.update(b);
			}
			else if (px instanceof short[] s) {
				ByteBuffer bb = ByteBuffer.allocate(s.length * 2);
				bb.asShortBuffer().put(s);
				md.update(bb);
			}
			else if (px instanceof float[] f) {
				ByteBuffer bb = ByteBuffer.allocate(f.length * 4);
				bb.asFloatBuffer().put(f);
				md.update(bb);
			}
			else if (px instanceof int[] n) {
				ByteBuffer bb = ByteBuffer.allocate(n.length * 4);
				bb.asIntBuffer().put(n);
				md.update(bb);
			}
		}
		return java.util.HexFormat.of().formatHex(md.digest()) + imp.getDisplayRangeMin() + ":"
			+ imp.getDisplayRangeMax();
	}

	static Set<String> names(Iterable<? extends ij.gui.Roi> rois) {
		Set<String> s = new HashSet<>();
		rois.forEach(r -> s.add(r.getName()));
		return s;
	}
}
