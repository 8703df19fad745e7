using Runner.Text;
using Runner.Data;
using Runner.Planning;
using Runner.Progress;

namespace Runner.Sweeps;

/// <summary>
/// Loads and prepares the first run's data on a pool thread from the moment the experiment is planned, so the
/// dataset's reading, checksum checks, decoding and libtorch's own start overlap with the rest of start-up
/// (`--jobs auto`'s load sample, the results folder, the compilation of the code that opens runs) instead of
/// following it while the workers wait (docs/performance.md, "The overhead around training"). The workers
/// then take it from <see cref="Data"/>, the sweep's <see cref="PreparedDataCache"/>, as before: a failure
/// is kept there and given to every run that needs the data, with the message it always had. What the load
/// logs before the sweep's log and screen exist is held until <see cref="Attach"/>.
/// </summary>
public sealed class DataPrefetch : IDisposable
{
    readonly CancellationTokenSource _cancel;
    readonly HeldLog _log = new();
    readonly Task _loading;

    public PreparedDataCache Data { get; }

    /// <param name="first">
    /// The first run the sweep will train, found on the pool thread (it may read the results folder); null loads
    /// nothing. Not simply the plan's first run: on a resume that one may be done, and its dataset needed by no run
    /// (red team: a resumed sweep fetched a dataset none of its remaining runs use).
    /// </param>
    /// <param name="interrupted">The sweep's interruption: a fetch stops when it fires.</param>
    public DataPrefetch(LoadedExperiment experiment, Func<PlannedRun?> first, CancellationToken interrupted)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
        var context = new DataContext(Path.GetDirectoryName(Path.GetFullPath(experiment.SourcePath))!, _log.Write, _cancel.Token);
        Data = new PreparedDataCache(RunnerRegistries.LoadedDatasets, context);
        _loading = Task.Run(() =>
        {
            try { if (first() is { } run) Data.Get(run.Experiment.Data); }
            catch (Exception) { /* kept by the cache (or retried after a cancel): the run that needs it reports it */ }
            TimeTrace.Mark("data prefetched");
        });
    }

    /// <summary>
    /// Loads libtorch's native libraries on a pool thread (about 0.4-1 s of one core): started as `run` starts,
    /// before the experiment file is read, since every sweep needs them and the YAML and the plan leave the other core idle.
    /// </summary>
    public static void StartTorch() => Task.Run(() =>
    {
        TimeTrace.Mark("torch: loading");
        try { TorchSharp.torch.InitializeDeviceType(TorchSharp.DeviceType.CPU); }
        catch (Exception) { /* the first tensor a run makes reports what is wrong, as before */ }
        TimeTrace.Mark("torch: loaded");
    });

    /// <summary>From now on the load logs to <paramref name="log"/>, the lines held so far first.</summary>
    public void Attach(Action<string> log) => _log.Attach(log);

    /// <summary>Stops a load still going (a fetch stops; a file being hashed finishes first), then frees the data.</summary>
    public void Dispose()
    {
        _cancel.Cancel();
        _loading.Wait();   // never faults: the task catches what the load throws
        Data.Dispose();
        _cancel.Dispose();
    }

    /// <summary>Log lines kept until a log to write them to exists, then passed on in order.</summary>
    sealed class HeldLog
    {
        readonly object _gate = new();
        readonly List<string> _held = [];
        Action<string>? _target;

        public void Write(string line)
        {
            lock (_gate)
            {
                if (_target is null) _held.Add(line);
                else _target(line);
            }
        }

        public void Attach(Action<string> target)
        {
            lock (_gate)
            {
                foreach (var line in _held) target(line);
                _held.Clear();
                _target = target;
            }
        }
    }
}
