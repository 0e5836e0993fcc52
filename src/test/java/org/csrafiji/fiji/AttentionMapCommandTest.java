package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;

import org.csrafiji.fiji.command.AttentionMapCommand;
import org.csrafiji.render.AttentionOverlayWriter;
import org.csrafiji.render.AttentionStacks;
import org.csrafiji.render.ClassColours;
import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** "CSRA Attention Map" through a real SciJava Context and CommandService. */
class AttentionMapCommandTest extends ContextTestBase {

	private static Ran attention(ImagePlus imp, Object... extra) throws Exception {
		List<Object> args = new ArrayList<>(List.of("image", imp, "classes", "", "head", 1,
			"opacity", 0.4, "roi_threshold", 0.5, "show_stack", false, "use_selection", true));
		args.addAll(List.of(extra));
		Ran m = FijiFixtures.run(ctx, AttentionMapCommand.class, args.toArray());
		assertFalse(m.isCanceled(), m.getCancelReason());
		return m;
	}

	/** The outlines: neither heat maps nor the class names written beside them. */
	private static List<Roi> outlines(Overlay o) {
		List<Roi> out = of(o, ImageRoi.class, false);
		out.removeIf(r -> r instanceof TextRoi);
		return out;
	}

	private static List<Roi> of(Overlay o, Class<?> type, boolean is) {
		List<Roi> out = new ArrayList<>();
		for (Roi r : o) {
			if (type.isInstance(r) == is) {
				out.add(r);
			}
		}
		return out;
	}

	@Test
	void listedClassesGetAHeatMapAndAnOutlineEachAndAStack() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.COLOR_RGB, 120, 90, 1, 4);
		String before = FijiFixtures.checksum(imp);
		Ran m = attention(imp, "classes", "nucleus, debris", "show_stack", true);
		Overlay o = imp.getOverlay();
		assertNotNull(o);
		List<Roi> heat = of(o, ImageRoi.class, true);
		List<Roi> outlines = outlines(o);
		assertEquals(Set.of("nucleus", "debris"), FijiFixtures.names(heat));
		assertEquals(2, outlines.size());
		for (Roi r : outlines) {
			assertTrue(r.getName().matches("(nucleus|debris) \\(0\\.\\d\\d\\)"), r.getName());
			Rectangle b = r.getBounds();
			assertTrue(new Rectangle(0, 0, 120, 90).contains(b), b.toString());
		}
		for (Roi r : heat) {
			assertEquals(new Rectangle(0, 0, 120, 90), r.getBounds());
			assertEquals(0.4, ((ImageRoi) r).getOpacity(), 1e-6); // kept at float or 8-bit alpha precision
		}
		ImagePlus stack = (ImagePlus) m.getOutput("attention_stack");
		assertEquals(2, stack.getStackSize());
		assertEquals(ImagePlus.GRAY32, stack.getType());
		assertEquals(AttentionStacks.TITLE_PREFIX + imp.getTitle(), stack.getTitle());
		assertEquals("nucleus", stack.getStack().getSliceLabel(1));
		assertEquals("debris", stack.getStack().getSliceLabel(2));
		assertEquals(120, stack.getWidth());
		assertEquals(before, FijiFixtures.checksum(imp), "input pixels changed");
	}

	@Test
	void aLowThresholdShowsEveryClassWithScoresInTheOutlineNames() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 96, 96, 1, 9);
		attention(imp, "threshold", 0.001, "roi_threshold", 0.3);
		List<Roi> heat = of(imp.getOverlay(), ImageRoi.class, true);
		assertEquals(Set.copyOf(FijiFixtures.CLASSES), FijiFixtures.names(heat));
		assertEquals(5, outlines(imp.getOverlay()).size());
	}

	@Test
	void aSelectionPutsTheMapsOnItsRectangle() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY16, 100, 80, 1, 2);
		imp.setRoi(new Roi(30, 10, 50, 40));
		attention(imp, "classes", "cell");
		Roi heat = of(imp.getOverlay(), ImageRoi.class, true).get(0);
		assertEquals(new Rectangle(30, 10, 50, 40), heat.getBounds());
		Roi outline = outlines(imp.getOverlay()).get(0);
		assertTrue(new Rectangle(30, 10, 50, 40).contains(outline.getBounds()));
	}

	@Test
	void stackSlicesGetTheirPositionAndLabelledStackSlices() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 3, 5);
		String before = FijiFixtures.checksum(imp);
		Ran m = attention(imp, "classes", "cell", "all_slices", true, "show_stack",
			true);
		List<Roi> heat = of(imp.getOverlay(), ImageRoi.class, true);
		assertEquals(3, heat.size());
		for (int z = 1; z <= 3; z++) {
			assertEquals(z, heat.get(z - 1).getPosition());
		}
		ImagePlus stack = (ImagePlus) m.getOutput("attention_stack");
		assertEquals(3, stack.getStackSize());
		assertEquals("cell (c=1, z=2, t=1)", stack.getStack().getSliceLabel(2));
		assertEquals(before, FijiFixtures.checksum(imp));
	}

	@Test
	void noStackUnlessAskedFor() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 6);
		assertNull(attention(imp, "classes", "cell").getOutput("attention_stack"));
	}

	@Test
	void anUnknownClassOrHeadCancelsNamingTheChoices() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 6);
		Ran m = FijiFixtures.run(ctx, AttentionMapCommand.class, "image", imp, "classes",
			"dog", "head", 1, "opacity", 0.5, "roi_threshold", 0.5, "show_stack", false);
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("cell, nucleus"), m.getCancelReason());
		m = FijiFixtures.run(ctx, AttentionMapCommand.class, "image", imp, "classes", "", "head",
			2, "opacity", 0.5, "roi_threshold", 0.5, "show_stack", false);
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("1 head"), m.getCancelReason());
		assertNull(imp.getOverlay());
	}

	@Test
	void aSecondRunReplacesItsLayersAndKeepsTheUsersOwn() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 64, 64, 1, 8);
		Roi mine = new Roi(5, 5, 10, 10);
		mine.setName("mine");
		imp.setOverlay(new Overlay(mine));
		attention(imp, "classes", "nucleus, debris");
		int first = imp.getOverlay().size();
		assertTrue(first >= 3, "two heat maps and the user's roi");
		attention(imp, "classes", "nucleus, debris");
		assertEquals(first, imp.getOverlay().size(), "layers replaced, not stacked");
		attention(imp, "classes", "cell");
		Overlay o = imp.getOverlay();
		assertEquals(Set.of("cell"), FijiFixtures.names(of(o, ImageRoi.class, true)));
		Set<String> others = FijiFixtures.names(outlines(o));
		assertTrue(others.contains("mine"), others.toString());
		assertTrue(others.stream().allMatch(n -> n.equals("mine") || n.startsWith("cell (")),
			others.toString());
		assertNull(mine.getProperty(AttentionOverlayWriter.PROPERTY));
	}

	@Test
	void eachClassHasOneColourForHeatMapOutlineAndName() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 96, 96, 1, 9);
		attention(imp, "classes", "cell,nucleus,debris", "roi_threshold", 0.3);
		List<Roi> outlines = outlines(imp.getOverlay());
		List<Roi> names = of(imp.getOverlay(), TextRoi.class, true);
		assertEquals(3, outlines.size());
		assertEquals(3, names.size(), "a name at each outline");
		Set<java.awt.Color> colours = new java.util.HashSet<>();
		for (Roi o : outlines) {
			String cls = o.getName().substring(0, o.getName().indexOf(' '));
			java.awt.Color c = ClassColours.of(FijiFixtures.CLASSES.indexOf(cls));
			assertEquals(c, o.getStrokeColor(), cls);
			colours.add(c);
			TextRoi name = (TextRoi) names.stream().filter(t -> ((TextRoi) t).getText().strip()
				.equals(o.getName())).findFirst().orElseThrow();
			assertEquals(c, name.getStrokeColor(), cls + " name");
			Rectangle b = o.getBounds();
			Rectangle n = name.getBounds();
			assertTrue(Math.abs(n.x - b.x) <= n.width && Math.abs(n.y - b.y) <= n.height + 1,
				"name at the outline's corner: " + n + " " + b);
			ImageRoi heat = (ImageRoi) of(imp.getOverlay(), ImageRoi.class, true).stream().filter(
				h -> h.getName().equals(cls)).findFirst().orElseThrow();
			assertTrue(heat.getZeroTransparent());
			int brightest = 0;
			int[] px = (int[]) heat.getProcessor().convertToRGB().getPixels();
			for (int p : px) {
				java.awt.Color q = new java.awt.Color(p & 0xffffff);
				if (q.getRed() + q.getGreen() + q.getBlue() > sum(brightest))
					brightest = p & 0xffffff;
			}
			assertEquals(c.getRGB() & 0xffffff, brightest,
				cls + ": the heat map's maximum is the class"
					+ " colour");
		}
		assertEquals(3, colours.size(), "three classes, three colours");
	}

	@Test
	void lowAttentionLeavesTheImageAsItIs() throws Exception {
		ImagePlus imp = FijiFixtures.image(ImagePlus.GRAY8, 96, 96, 1, 9);
		attention(imp, "classes", "cell", "opacity", 1.0);
		ImagePlus flat = imp.flatten();
		ImageRoi heat = (ImageRoi) of(imp.getOverlay(), ImageRoi.class, true).get(0);
		byte[] levels = (byte[]) heat.getProcessor().convertToByte(false).getPixels();
		int transparent = 0;
		int drawn = 0;
		for (int i = 0; i < 96 * 96; i++) {
			int grey = imp.getProcessor().get(i);
			int rgb = flat.getProcessor().get(i) & 0xffffff;
			boolean unchanged = rgb == (grey << 16 | grey << 8 | grey);
			if (levels[i] == 0) {
				transparent++;
				assertTrue(unchanged || nearOverlayLine(imp, i),
					"pixel " + i + " under a transparent"
						+ " heat-map level changed");
			}
			else {
				drawn++;
			}
		}
		assertTrue(transparent > 0 && drawn > 0, transparent + " transparent, " + drawn + " drawn");
	}

	private static int sum(int rgb) {
		return (rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff);
	}

	/** Whether pixel i is under an outline or a name (drawn on top of everything). */
	private static boolean nearOverlayLine(ImagePlus imp, int i) {
		int x = i % imp.getWidth();
		int y = i / imp.getWidth();
		for (Roi r : imp.getOverlay()) {
			if (r instanceof ImageRoi) continue;
			Rectangle b = r.getBounds();
			b.grow(2, 2);
			if (b.contains(x, y)) return true;
		}
		return false;
	}
}
