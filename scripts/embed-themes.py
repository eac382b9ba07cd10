#!/usr/bin/env python3
"""Writes Sources/ModelTopUI/Theme/Theme+BuiltIn.swift from themes/*.toml (run after editing a
theme; ThemeContrastTests fails while the two differ)."""
import glob, os
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
out = ["/// The shipped themes, compiled in (the same text as `themes/NAME.toml`, written by",
       "/// scripts/embed-themes.py; a test keeps them equal), so an installed binary has them all: a",
       "/// file of the same name in a theme directory, or `--theme PATH`, still takes precedence.",
       "extension Theme {",
       "    public static let builtIn: [String: String] = ["]
for path in sorted(glob.glob(os.path.join(root, "themes", "*.toml"))):
    name = os.path.basename(path)[:-5]
    text = open(path).read().rstrip("\n")
    assert '"""#' not in text
    out.append('        "%s": #"""' % name)
    out += [("            " + line) if line else "" for line in text.split("\n")]
    out.append('            """#,')
out += ["    ]", "}"]
open(os.path.join(root, "Sources/ModelTopUI/Theme/Theme+BuiltIn.swift"), "w").write("\n".join(out) + "\n")
