/**
 * The networks as DJL blocks with PyTorch's parameter names: torchvision ResNet backbones,
 * the CSRA head, the training-free head, and the loading of checkpoint weights into them.
 * Parameter names follow the official CSRA state_dict, so a checkpoint maps onto a network
 * key by key.
 */
package org.csrafiji.model;
