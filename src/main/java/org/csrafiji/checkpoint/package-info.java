/**
 * Reads model weights from the files PyTorch users have: {@code .pth} files written by
 * {@code torch.save} (the zip container of PyTorch 1.6 and later, through a restricted
 * unpickler that executes nothing and accepts only what a state_dict needs) and
 * {@code .safetensors} files; maps the official CSRA, mmpretrain, DataParallel, torchvision
 * and timm (ViT classifier) key layouts onto one naming; and writes state dicts back in the
 * {@code torch.save} format. Plain Java: nothing here depends on DJL or ImageJ.
 *
 * <p>A checkpoint is untrusted: every size it declares is checked against the bytes the file
 * really holds before anything is allocated, tensors may take at most twice the bytes of the
 * storages they view plus 1 MiB ({@code TorchZipReader}), zip entries must be unique and
 * disjoint and deflate at most 100:1 ({@code ZipArchive}), pickle work is linear in its size
 * ({@code StrictUnpickler}, {@code PickleKeys}), and safetensors ranges must be disjoint and
 * inside the file. Each refusal is one {@link org.csrafiji.core.CheckpointException}.
 *
 * <p>Entry points: {@link org.csrafiji.checkpoint.Checkpoints#read},
 * {@link org.csrafiji.checkpoint.KeyLayouts#normalize} and
 * {@link org.csrafiji.checkpoint.TorchCheckpointWriter#write}.
 */
package org.csrafiji.checkpoint;
