"""Team figures (docs/figures.md): one computation used by /stats, the weekly report, its
charts and the Home tab."""
