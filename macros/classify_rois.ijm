// Classify every object on its own (Plugins > CSRA > CSRA Classify ROIs): the ROIs of the ROI
// Manager (or, when it is empty or Fiji runs headless, of the image's Overlay), or every label
// of a label image. A "CSRA Objects" table gets one row per object (name, centroid, area, top
// class, labels, a score per class), and each object's outline goes on the Overlay in the
// colour of its top class. The image's pixels are not changed.
//
// Usage: open the image with its ROIs (e.g. from Analyze Particles with "Overlay"), then run
// this macro; pass the model file as the macro argument or choose it. For a label image, give
// its title or file in label_image=[...] instead of leaving it empty.

model = getArgument();
if (model == "")
	model = File.openDialog("Choose a CSRA model spec (.json) or checkpoint (.pth)");

// margin=1 adds the object's size of context on every side; the crop is padded, never
// stretched. with_neighbours=false shows each object alone. Every input is named.
run("CSRA Classify ROIs", "model=[other file] model_file=[" + model + "] device=auto threshold=0.5 scaling=[display range] all_slices=false channels=[] percentiles=[] batch=8 label_image=[] margin=1 min_side=0 with_neighbours=false");

// The table is an ordinary table window:
selectWindow("CSRA Objects");
print("Objects classified: " + Table.size);
