using Runner.Planning;
using Runner.Results;
using static TorchSharp.torch;

namespace Runner.Training;

/// <summary>
/// What training writes about one run as it goes, and reads back to resume it. Recording implements it
/// (a run folder on disk); training knows nothing of files but these.
/// </summary>
public interface IRunRecord
{
    /// <summary>The run's own folder: its checkpoint and the temporary files of interrupted writes live here.</summary>
    string Path { get; }
    string FinalModel { get; }
    string BestModel { get; }
    IEpochLog Epochs { get; }

    void WriteStart(PlannedRun run);
    void WritePredictions(Tensor labels, Tensor predicted);
    void WriteEnd(PlannedRun run, RunOutcome outcome, string? summary);
}

/// <summary>The per-epoch record of a run, appended as epochs end and cut back to a checkpoint on resume.</summary>
public interface IEpochLog
{
    /// <param name="flush">False leaves the row in the operating system's cache (<see cref="Flush"/> makes it durable later).</param>
    void Append(EpochMetrics metrics, bool flush = true);

    /// <summary>Makes every appended row durable (fsync).</summary>
    void Flush();

    /// <summary>Every complete epoch, in order; throws <see cref="DamagedResultsFileException"/> when unreadable.</summary>
    IReadOnlyList<EpochMetrics> Read();

    /// <summary>Keeps epochs 1..<paramref name="epoch"/> (what the checkpoint holds) and drops the rest.</summary>
    void TruncateTo(int epoch);

    /// <summary>Starts the log again (a damaged one, of a run trained again from epoch 1).</summary>
    void Reset();
}
