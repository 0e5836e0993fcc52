"""Reduces the observed imagej-legacy option cases to what the Java tests check.

Input: imagej-legacy-options.json (456 cases observed with ImageJ 1.54p, imagej-legacy 2.0.3,
scijava-common 2.100.1; see the project's shared reference notes). Output:
src/test/resources/fiji/legacy-options.json, one object per case run with an option string
on one of the observed option-test commands:

  options   the option string (null for IJ.run(command) without options)
  command   the observed command (Opt Test, Opt Test NP, Opt Test Dyn, Opt Test Labels)
  mode      headless or gui
  types     input name -> Java type (in "types", once per command)
  macro     input names resolved by imagej-legacy's MacroPreprocessor
  received  input name -> value the command saw (as a string)
  prefs     input name -> stored value before the run (null: nothing stored)

Usage: python3 src/test/python/extract_legacy_options.py PATH/imagej-legacy-options.json
"""
import json
import sys

COMMANDS = {"Opt Test", "Opt Test NP", "Opt Test Dyn", "Opt Test Labels"}


def main(path):
    cases = json.load(open(path, encoding="utf-8"))
    out = []
    types = {}
    for c in cases:
        if c["command"] not in COMMANDS or "types" not in c:
            continue
        if not (c["call"].startswith("IJ.run(") or c["call"].startswith("IJ.runMacro(")):
            continue
        types[c["command"]] = c["types"]
        out.append({
            "options": c["options"],
            "command": c["command"],
            "mode": c["mode"],
            "macro": sorted(k for k, v in c["resolved_by"].items() if v == "MacroPreprocessor"),
            "received": c["received"],
            "prefs": c["prefs_before"],
        })
    with open("src/test/resources/fiji/legacy-options.json", "w", encoding="utf-8") as f:
        f.write('{"types": ' + json.dumps(types, sort_keys=True) + ',\n"cases": [\n')
        f.write(",\n".join(json.dumps(c, sort_keys=True, separators=(",", ":")) for c in out))
        f.write("\n]}\n")
    print(len(out), "cases")


if __name__ == "__main__":
    main(sys.argv[1])
