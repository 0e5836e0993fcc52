package org.csrafiji.train.synthetic;

/**
 * One object of a scene and the pixels it covers.
 *
 * @param kind its kind (class)
 * @param mask row-major, true where the object is, scene size x scene size
 */
public record SceneObject(ShapeKind kind, boolean[] mask) {}
