package org.csrafiji.checkpoint;

/**
 * A storage a pickled tensor points at: the persistent id
 * {@code ('storage', torch.XStorage, key, location, numel)} of a torch zip checkpoint,
 * whose bytes are the archive entry {@code data/<key>}.
 *
 * @param key the storage's name inside the archive
 * @param dtype element type of the storage
 * @param numel number of elements the storage holds
 */
record StorageRef(String key, DType dtype, long numel) {}
