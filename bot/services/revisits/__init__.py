"""After-sale revisits (docs/revisits.md): plans started by a purchase or a service visit, the
sweep that turns due revisits into tasks, and recording what each call found."""
