# scenario: patch
def plot_metric_drift(drift):
    ax = drift.plot(marker="o", title="Metrics as churners get rare")
    ax.set_xlabel("prevalence")
    ax.set_ylabel("score")
    return ax  # pandas hands back the Axes, not the Figure
