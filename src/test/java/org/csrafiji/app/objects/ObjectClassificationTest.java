package org.csrafiji.app.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.process.ShortProcessor;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.csrafiji.app.tiles.Progress;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ObjectCrop;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.ModelLoader;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SlideObject;
import org.csrafiji.train.synthetic.SyntheticSlide;
import org.junit.jupiter.api.Test;

/** Objects from ROIs and from a label image, classified by the real demo model. */
class ObjectClassificationTest {

	@Test
	void roisGiveMaskCentroidAndArea() {
		Roi oval = new OvalRoi(10, 20, 30, 30);
		oval.setName("cell");
		ImageObject o = ImageObjects.fromRois(List.of(oval, new Roi(0, 0, 4, 2))).get(0);
		// ImageJ's 30 px oval mask: count its pixels here for the reference area
		int n = 0;
		for (int y = 0; y < 30; y++) {
			for (int x = 0; x < 30; x++) {
				n += oval.getMask().get(x, y) != 0 ? 1 : 0;
			}
		}
		assertEquals(n, o.area());
		assertEquals("cell", o.name());
		assertEquals(25.0, o.centroidX(), 1e-9);
		assertEquals(35.0, o.centroidY(), 1e-9);
		assertTrue(o.mask().contains(25, 35));
		assertTrue(!o.mask().contains(10, 20));
		assertEquals("2", ImageObjects.fromRois(List.of(oval, new Roi(0, 0, 4, 2))).get(1).name());
		assertThrows(IllegalArgumentException.class, () -> ImageObjects.fromRois(List.of(new Line(
			0, 0, 5, 5))));
	}

	@Test
	void labelImageAndRoisOfTheSameObjectsScoreAlike() {
		SyntheticSlide slide = SyntheticSlide.of(new SceneGenerator(256, 31), 2, 2);
		int w = slide.image().getWidth();
		ShortProcessor labels = new ShortProcessor(w, slide.image().getHeight());
		List<Roi> rois = new ArrayList<>();
		for (int i = 0; i < slide.objects().size(); i++) {
			SlideObject o = slide.objects().get(i);
			Rectangle b = o.bounds();
			boolean[] m = o.mask();
			for (int k = 0; k < m.length; k++) {
				if (m[k]) {
					labels.set(b.x + k % b.width, b.y + k / b.width, i + 1);
				}
			}
			rois.add(org.csrafiji.app.slide.SlideRoisAccess.of(o, String.valueOf(i + 1)));
		}
		List<ImageObject> fromLabels = ImageObjects.fromLabels(labels);
		List<ImageObject> fromRois = ImageObjects.fromRois(rois);
		assertEquals(slide.objects().size(), fromLabels.size());
		for (int i = 0; i < fromLabels.size(); i++) {
			assertEquals(fromRois.get(i).name(), fromLabels.get(i).name());
			assertEquals(fromRois.get(i).bounds(), fromLabels.get(i).bounds());
			assertEquals(slide.objects().get(i).area(), fromLabels.get(i).area());
			assertEquals(fromRois.get(i).area(), fromLabels.get(i).area());
		}
		try (CsraModel model = ModelLoader.load(ModelSpecs.read(Path.of("models", "demo",
			"demo.json")), DeviceChoice.CPU))
		{
			ObjectClassification oc = new ObjectClassification(model, ConversionOptions.defaults(),
				new ObjectCrop(1.0, 0), true);
			SlicePosition first = new SlicePosition(1, 1, 1);
			List<ObjectRow> a = oc.run(slide.image(), first, fromLabels, 4, Progress.NONE);
			List<ObjectRow> b = oc.run(slide.image(), first, fromRois, 3, Progress.NONE);
			int right = 0;
			for (int i = 0; i < a.size(); i++) {
				// same pixels and masks, batches of 4 and 3: float32 reassociation only
				assertArrayEquals(b.get(i).scores(), a.get(i).scores(), 1e-4);
				right += a.get(i).top().equals(slide.objects().get(i).kind().label()) ? 1 : 0;
			}
			// slide-report measures the rate on 527 objects; a handful must mostly be right
			assertTrue(right >= a.size() - 1, right + " of " + a.size());
		}
	}
}
