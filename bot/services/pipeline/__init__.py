"""The pipeline: moving a customer on its tier, stage and likelihood axes."""
