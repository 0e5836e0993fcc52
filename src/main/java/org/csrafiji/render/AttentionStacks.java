package org.csrafiji.render;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

import java.util.List;

/**
 * A 32-bit stack of upsampled attention maps, one slice per map, labelled with the class
 * (and, when several slice positions were classified, the position).
 */
public final class AttentionStacks {

	/** The stack title is this prefix followed by the image title. */
	public static final String TITLE_PREFIX = "CSRA Attention of ";

	private AttentionStacks() {}

	/**
	 * @param imageTitle the source image's title
	 * @param maps the maps, all of one size; at least one
	 * @return the stack, titled {@link #TITLE_PREFIX} + imageTitle
	 */
	public static ImagePlus build(String imageTitle, List<ClassMap> maps) {
		ClassMap first = maps.get(0);
		boolean positions = maps.stream().map(ClassMap::position).distinct().count() > 1;
		ImageStack stack = new ImageStack(first.width(), first.height());
		for (ClassMap m : maps) {
			String label = positions ? m.className() + " (" + m.position() + ")" : m.className();
			stack.addSlice(label, new FloatProcessor(m.width(), m.height(), m.values().clone()));
		}
		ImagePlus imp = new ImagePlus(TITLE_PREFIX + imageTitle, stack);
		imp.resetDisplayRange();
		return imp;
	}
}
