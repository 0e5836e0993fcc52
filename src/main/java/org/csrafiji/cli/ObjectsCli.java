package org.csrafiji.cli;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiDecoder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.csrafiji.app.objects.ImageObject;
import org.csrafiji.app.objects.ImageObjects;
import org.csrafiji.app.objects.ObjectClassification;
import org.csrafiji.app.objects.ObjectRow;
import org.csrafiji.app.objects.ObjectTable;
import org.csrafiji.app.tiles.Progress;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.OutputFiles;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.image.ObjectCrop;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.runtime.CsraModel;

/**
 * {@code objects [model options] (--rois ROIS.zip | --labels LABEL_IMAGE) [--margin 1]
 * [--min-side PX] [--with-neighbours] [--batch N] [--channels C] [--percentiles LOW,HIGH]
 * --out FILE.csv IMAGE}: one row per object (name or label, centroid, area, top class,
 * labels, scores). Each object is shown alone (its surroundings replaced by their mean)
 * unless --with-neighbours.
 */
final class ObjectsCli {

	private ObjectsCli() {}

	static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
		Set<String> keys = new HashSet<>(ModelOptions.KEYS);
		keys.addAll(InputOptions.KEYS);
		keys.addAll(Set.of("rois", "labels", "margin", "min-side", "batch", "out"));
		Set<String> flags = new HashSet<>(ModelOptions.FLAGS);
		flags.add("with-neighbours");
		Options o = new Options(args, keys, flags);
		if (o.positional().size() != 1 || !o.has("out") || o.has("rois") == o.has("labels")) {
			throw new UsageException("objects needs one image, --out FILE.csv and either --rois"
				+ " ROIS.zip or --labels LABEL_IMAGE; e.g. objects --model models/demo/demo.json"
				+ " --rois cells.zip --out cells.csv image.tif");
		}
		Path target = Path.of(o.get("out", null));
		ImagePlus imp = ImageFiles.open(Path.of(o.positional().get(0)));
		List<ImageObject> objects;
		ObjectCrop crop;
		try {
			objects = o.has("rois")
				? ImageObjects.fromRois(rois(Path.of(o.get("rois", null))))
				: ImageObjects
					.fromLabels(labels(Path.of(o.get("labels", null)), imp).getProcessor());
			crop = new ObjectCrop(o.number("margin", 1.0), o.integer("min-side", 0));
		}
		catch (IllegalArgumentException e) {
			throw new CsraException(e.getMessage(), e);
		}
		try (CsraModel model = ModelOptions.load(o, err)) {
			int[] at = imp.convertIndexToPosition(imp.getCurrentSlice());
			List<ObjectRow> rows = new ObjectClassification(model, InputOptions.of(o), crop, !o.has(
				"with-neighbours")).run(imp, new SlicePosition(at[0], at[1], at[2]), objects, o
					.integer("batch", 8), Progress.NONE);
			OutputFiles.write(target, tmp -> Files.writeString(tmp, ObjectTable.csv(model.spec()
				.classes(), rows)));
			out.println(rows.size() + " objects -> " + target);
		}
		return 0;
	}

	/** The most ROIs and the largest ROI entry read from a set. */
	private static final int MAX_ROIS = 1_000_000;
	private static final int MAX_ROI_BYTES = 64 << 20;

	/** Reads a ROI Manager set (.zip of .roi entries) or one .roi file, headless. */
	private static List<Roi> rois(Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new CsraException("--rois " + file + " is not a file; give a ROI set saved from"
				+ " the ROI Manager (More > Save...).");
		}
		List<Roi> out = new ArrayList<>();
		if (file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".roi")) {
			add(out, Files.readAllBytes(file), file.getFileName().toString(), file);
		}
		else {
			try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
				for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
					if (out.size() >= MAX_ROIS) {
						throw new CsraException("--rois " + file + " holds more than " + MAX_ROIS
							+ " ROIs; split the set.");
					}
					byte[] bytes = zip.readNBytes(MAX_ROI_BYTES + 1);
					if (bytes.length > MAX_ROI_BYTES) {
						throw new CsraException("--rois " + file + ": entry " + e.getName()
							+ " is larger than any ROI; is this a ROI set?");
					}
					add(out, bytes, e.getName(), file);
				}
			}
		}
		if (out.isEmpty()) {
			throw new CsraException("--rois " + file + " holds no ROI; save the ROIs from the ROI"
				+ " Manager (More > Save...) as a .zip or .roi file.");
		}
		return out;
	}

	private static void add(List<Roi> out, byte[] bytes, String entry, Path file) {
		Roi roi = RoiDecoder.openFromByteArray(bytes);
		if (roi == null) {
			throw new CsraException("--rois " + file + ": " + entry + " is not an ImageJ ROI; save"
				+ " the ROIs from the ROI Manager (More > Save...).");
		}
		if (roi.getName() == null) {
			roi.setName(entry.replaceFirst("\\.roi$", ""));
		}
		out.add(roi);
	}

	private static ImagePlus labels(Path file, ImagePlus imp) {
		ImagePlus labels = ImageFiles.open(file);
		if (labels.getWidth() != imp.getWidth() || labels.getHeight() != imp.getHeight()
			|| labels.getType() == ImagePlus.COLOR_RGB)
		{
			throw new CsraException("--labels " + file + " must be a grey label image of the same"
				+ " size as the image (" + imp.getWidth() + " x " + imp.getHeight() + "), not "
				+ labels.getWidth() + " x " + labels.getHeight() + ".");
		}
		return labels;
	}
}
