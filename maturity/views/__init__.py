"""How figures are shown: number formatting, chart figures, text reports (no database, no files)."""
