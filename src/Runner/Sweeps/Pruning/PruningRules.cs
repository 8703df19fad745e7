using Runner.Config;

namespace Runner.Sweeps.Pruning;

/// <summary>The pruning methods by name (`pruning.method`); the binder's list of names is <see cref="Config.Binding.PruningSectionBinder.Methods"/>.</summary>
public static class PruningRules
{
    public static IPruningRule For(PruningSpec spec, int epochs) => spec.Method switch
    {
        "median" => new MedianRule(spec),
        "successive_halving" => new SuccessiveHalvingRule(spec),
        "asha" => new AshaRule(spec),
        "hyperband" => new HyperbandRule(spec, epochs),
        _ => throw new ArgumentException($"unknown pruning method '{spec.Method}'"),
    };
}
