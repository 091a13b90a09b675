"""Statistics shared by the analyses: cluster bootstrap intervals."""

from discourse.stats.bootstrap import BootstrapResult, cluster_bootstrap

__all__ = ["BootstrapResult", "cluster_bootstrap"]
