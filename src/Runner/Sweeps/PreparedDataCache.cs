using System.Runtime.ExceptionServices;
using Runner.Config;
using Runner.Data;

namespace Runner.Sweeps;

/// <summary>
/// Loads each dataset once per process and prepares each distinct split once, so the runs of a sweep
/// share the same read-only tensors instead of re-reading and re-splitting them. A dataset that could
/// not be loaded is not tried again in the same sweep: every later run gets the same error at once.
/// </summary>
public sealed class PreparedDataCache(DatasetCache datasets, DataContext context) : IDisposable
{
    readonly Dictionary<string, PreparedData> _prepared = new();
    readonly Dictionary<string, ExceptionDispatchInfo> _failed = new();
    readonly object _gate = new();

    public PreparedData Get(DataSpec spec)
    {
        var key = $"{spec.Dataset}|{spec.ValidationSplit}|{spec.SplitSeed}|{spec.OneHot}|{spec.TrainLimit}|{spec.TestLimit}";
        lock (_gate)
        {
            if (_prepared.TryGetValue(key, out var prepared)) return prepared;
            if (_failed.TryGetValue(key, out var failure)) failure.Throw();
            try
            {
                var raw = datasets.Get(spec.Dataset, context);
                prepared = DataPreparation.Prepare(raw, spec);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                _failed[key] = ExceptionDispatchInfo.Capture(e);
                throw;
            }
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
