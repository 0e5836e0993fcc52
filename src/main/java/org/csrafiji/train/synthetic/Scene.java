package org.csrafiji.train.synthetic;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A synthetic image with its objects (no two of the same kind, none overlapping).
 *
 * @param image the RGB image, size x size
 * @param objects the objects with their masks
 */
public record Scene(BufferedImage image, List<SceneObject> objects) {

	/**
	 * @param kind a kind
	 * @return whether the scene holds an object of that kind
	 */
	public boolean contains(ShapeKind kind) {
		return objects.stream().anyMatch(o -> o.kind() == kind);
	}

	/**
	 * @param kind a kind present in the scene
	 * @return its mask, or null when absent
	 */
	public boolean[] mask(ShapeKind kind) {
		return objects.stream().filter(o -> o.kind() == kind).map(SceneObject::mask).findFirst()
			.orElse(null);
	}
}
