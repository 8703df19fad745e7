using Runner.Results;
using Runner.Files;
using Runner.Planning;
using Runner.Training;

namespace Runner.Progress;

/// <summary>results/&lt;name&gt;/sweep.log: the plain progress lines with timestamps, appended across invocations.</summary>
public sealed class SweepLog : IRunObserver, IDisposable
{
    readonly StreamWriter _writer;
    readonly PlainProgress _lines;

    public SweepLog(string path)
    {
        ResultsFolderGuard.CheckFile(path);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _lines = new PlainProgress(_writer, quiet: false, timestamps: true);
    }

    public void RunStarted(PlannedRun run, int index, int total, int firstEpoch, long trainSamples) =>
        _lines.RunStarted(run, index, total, firstEpoch, trainSamples);
    public void Batch(PlannedRun run, int epoch, BatchProgress progress) { }
    public void EpochEnded(PlannedRun run, EpochMetrics metrics) => _lines.EpochEnded(run, metrics);
    public void RunEnded(PlannedRun run, RunOutcome outcome) => _lines.RunEnded(run, outcome);
    public void Message(string text) => _lines.Message(text);
    public void Dispose() => _writer.Dispose();
}
