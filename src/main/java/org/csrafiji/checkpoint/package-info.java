/**
 * Reads model weights from the files PyTorch users have: {@code .pth} files written by
 * {@code torch.save} (the zip container of PyTorch 1.6 and later, through a restricted
 * unpickler that executes nothing and accepts only what a state_dict needs) and
 * {@code .safetensors} files; maps the official CSRA, mmpretrain, DataParallel, torchvision
 * and timm (ViT classifier) key layouts onto one naming; and writes state dicts back in the
 * {@code torch.save} format. Plain Java: nothing here depends on DJL or ImageJ.
 *
 * <p>Entry points: {@link org.csrafiji.checkpoint.Checkpoints#read},
 * {@link org.csrafiji.checkpoint.KeyLayouts#normalize} and
 * {@link org.csrafiji.checkpoint.TorchCheckpointWriter#write}.
 */
package org.csrafiji.checkpoint;
