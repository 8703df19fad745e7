using Runner.Data;

namespace Runner.Config.Binding;

/// <summary>An experiment bound without errors, with where its parts were written and what is known of its data.</summary>
public sealed record BoundExperiment(Experiment Experiment, ExperimentNodes Nodes, DatasetInfo? Dataset);
