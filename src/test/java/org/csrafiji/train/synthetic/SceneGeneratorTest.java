package org.csrafiji.train.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

class SceneGeneratorTest {

	@Test
	void sameSeedAndIndexGiveTheSameScene() {
		Scene a = new SceneGenerator(64, 4).scene(17);
		Scene b = new SceneGenerator(64, 4).scene(17);
		assertArrayEquals(pixels(a.image()), pixels(b.image()));
		assertEquals(a.objects().size(), b.objects().size());
		for (int i = 0; i < a.objects().size(); i++) {
			assertEquals(a.objects().get(i).kind(), b.objects().get(i).kind());
			assertArrayEquals(a.objects().get(i).mask(), b.objects().get(i).mask());
		}
		assertFalse(java.util.Arrays.equals(pixels(a.image()), pixels(new SceneGenerator(64, 5)
			.scene(17).image())));
	}

	@Test
	void everySceneHasObjectsWithDisjointNonEmptyMasks() {
		SceneGenerator g = new SceneGenerator(96, 1);
		for (int i = 0; i < 40; i++) {
			Scene s = g.scene(i);
			assertFalse(s.objects().isEmpty());
			int[] cover = new int[96 * 96];
			for (SceneObject o : s.objects()) {
				int area = 0;
				for (int p = 0; p < cover.length; p++) {
					if (o.mask()[p]) {
						cover[p]++;
						area++;
					}
				}
				assertTrue(area > 20, "object " + o.kind() + " of scene " + i + " covers " + area);
			}
			for (int c : cover) {
				assertTrue(c <= 1);
			}
		}
	}

	private static int[] pixels(BufferedImage img) {
		return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
	}
}
