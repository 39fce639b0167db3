// The Develop module: a renderer that applies the eight settings (issue 6).
