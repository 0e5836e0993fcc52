// Show where a CSRA model found each predicted class in the current image
// (Plugins > CSRA > CSRA Attention Map): heat maps and outlines named "class (score)" on the
// image's overlay, and a 32-bit stack of the maps, one slice per class.
//
// Usage: open an image, then run this macro; pass the model file as the macro argument or
// choose it. Leave classes empty for the predicted classes, or list some: classes=[cat,dog].

model = getArgument();
if (model == "")
	model = File.openDialog("Choose a CSRA model spec (.json) or checkpoint (.pth)");
title = getTitle();

// model=[other file] uses model_file; to use a spec installed in Fiji.app/models/csra,
// give its name instead, e.g. model=[resnet101_voc07_head1_lam0.1] (model_file is then ignored).
// Every input is named (check boxes as key=true or key=false), so no dialog opens.
run("CSRA Attention Map", "model=[other file] model_file=[" + model + "] device=auto threshold=0.5 scaling=[display range] all_slices=false use_selection=true classes=[] head=1 opacity=0.5 roi_threshold=0.5 show_stack=true");

// The stack of attention maps is an ordinary image window:
selectImage("CSRA Attention of " + title);
print("Attention slices: " + nSlices);
