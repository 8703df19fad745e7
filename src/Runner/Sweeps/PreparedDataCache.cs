using Runner.Config;
using Runner.Data;

namespace Runner.Sweeps;

/// <summary>
/// Loads each dataset once per process and prepares each distinct split once, so the runs of a sweep
/// share the same read-only tensors instead of re-reading and re-splitting them.
/// </summary>
public sealed class PreparedDataCache(DatasetCache datasets, DataContext context) : IDisposable
{
    readonly Dictionary<string, PreparedData> _prepared = new();
    readonly object _gate = new();

    public PreparedData Get(DataSpec spec)
    {
        var key = $"{spec.Dataset}|{spec.ValidationSplit}|{spec.SplitSeed}|{spec.OneHot}|{spec.TrainLimit}|{spec.TestLimit}";
        lock (_gate)
        {
            if (_prepared.TryGetValue(key, out var prepared)) return prepared;
            var raw = datasets.Get(spec.Dataset, context);
            prepared = DataPreparation.Prepare(raw, spec);
            _prepared[key] = prepared;
            return prepared;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var p in _prepared.Values) p.Dispose();
            _prepared.Clear();
        }
    }
}
