/**
 * The networks as DJL blocks with PyTorch's parameter names: torchvision ResNet backbones,
 * timm ViTs, TorchScript backbones, the CSRA head, the training-free head, and the loading of
 * checkpoint weights into them. {@link org.csrafiji.model.NetworkFactory} is the one place that
 * turns a spec's {@link org.csrafiji.core.Architecture} into a network.
 * Parameter names follow the official CSRA state_dict, so a checkpoint maps onto a network
 * key by key.
 */
package org.csrafiji.model;
