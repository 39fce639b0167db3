// The XMP module; see DESIGN.md's module table.
