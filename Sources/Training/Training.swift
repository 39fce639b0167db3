// The Training module; see DESIGN.md's module table.
