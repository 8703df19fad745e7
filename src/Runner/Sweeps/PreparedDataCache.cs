using System.Runtime.ExceptionServices;
using Runner.Config;
using Runner.Data;
using Runner.Devices;

namespace Runner.Sweeps;

/// <summary>
/// Loads each dataset once per process and prepares each distinct split once, so the runs of a sweep
/// share the same read-only tensors instead of re-reading and re-splitting them. A dataset that could
/// not be loaded is not tried again in the same sweep: every later run gets the same error at once.
/// A GPU gets its own copy of each, made once.
/// </summary>
public sealed class PreparedDataCache(DatasetCache datasets, DataContext context) : IDisposable
{
    readonly Dictionary<string, PreparedData> _prepared = new();
    readonly Dictionary<string, ExceptionDispatchInfo> _failed = new();
    readonly object _gate = new();

    public PreparedData Get(DataSpec spec, string device = DeviceChoice.Cpu)
    {
        var key = $"{spec.Dataset}|{spec.ValidationSplit}|{spec.SplitSeed}|{spec.OneHot}|{spec.TrainLimit}|{spec.TestLimit}|{spec.ValidationLimit}";
        lock (_gate)
        {
            if (!_prepared.TryGetValue(key, out var prepared))
            {
                if (_failed.TryGetValue(key, out var failure)) failure.Throw();
                try
                {
                    prepared = DataPreparation.Prepare(datasets.Get(spec.Dataset, context), spec);
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    _failed[key] = ExceptionDispatchInfo.Capture(e);
                    throw;
                }
                _prepared[key] = prepared;
            }
            if (device == DeviceChoice.Cpu) return prepared;
            if (!_prepared.TryGetValue($"{key}|{device}", out var onDevice))
                _prepared[$"{key}|{device}"] = onDevice = prepared.To(new TorchSharp.torch.Device(device));
            return onDevice;
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
