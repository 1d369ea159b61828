"""Entry points: kds, kds demo, kds tail, kds doctor."""
