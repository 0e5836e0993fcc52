// Train a CSRA model on your own labelled images (Plugins > CSRA > CSRA Train), then use it
// at once: the command's output is the best checkpoint's spec, which CSRA Classify and
// CSRA Attention Map take as model_file.
//
// Usage: run it and choose the training labels (a CSV with header image,<class...> and
// 1/0/-1 per class; prepared JSON, COCO/WIDER JSON or a VOC folder also work), optionally the
// validation labels (cancel the dialog to skip), and an output folder. The loss of every
// iteration is on the status bar and in the "CSRA Training" plot with each epoch's val mAP;
// train-log.csv in the output folder has them all. Press Esc (or the stop button) to stop:
// the last completed epoch's checkpoint stays, and the same line with resume=true goes on
// from it. For small data, start from a checkpoint and train the head only:
//   init=file init_checkpoint=[.../resnet50.pth] head_only=true

train = File.openDialog("Choose the training labels (CSV)");
val = "";
if (getBoolean("Use a validation set?")) val = File.openDialog("Choose the validation labels");
out = getDirectory("Choose the output folder");

// Every input is named (check boxes as key=true or key=false), so no dialog opens.
run("CSRA Train", "training_labels=[" + train + "] validation_labels=[" + val + "] output_dir=[" + out + "] arch=resnet18 base_width=64 input_size=224 heads=1 lambda=0.1 epochs=8 batch_size=16 learning_rate=0.01 step_epochs=4 head_only=false init=random init_checkpoint=[] seed=0 resume=false device=auto channels=[] percentiles=[]");

spec = out + File.separator + "best.json";
print("CSRA Train: best model spec " + spec);
if (nImages > 0) run("CSRA Classify", "model=[other file] model_file=[" + spec + "] device=auto threshold=0.5 scaling=[display range] all_slices=false use_selection=true");
