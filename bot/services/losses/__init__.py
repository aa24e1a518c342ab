"""Losses (docs/revisits.md, domain sections 2 and 13): why a customer was lost, asked after
every move to lost and at the win-back call; quiet customers proposed as lost each morning."""
