using System.Text.Json;
using Runner.Files;
using static TorchSharp.torch;

namespace Runner.Training;

/// <summary>
/// Everything needed to continue a run bit-identically after its last completed epoch: model weights,
/// optimizer state, the shuffle and dropout random streams, and early-stopping bookkeeping.
/// A checkpoint is a folder `checkpoint-&lt;epoch&gt;/`; the file `checkpoint.json` names the current one
/// and is replaced atomically, so a crash at any moment leaves the previous checkpoint in force.
/// </summary>
public sealed class Checkpoint(string runDirectory)
{
    /// <summary>Bumped when the layout changes; an older checkpoint is refused with a clear message.
    /// 2: adam's state is saved by FusedAdam, which TorchSharp's Adam state files don't load into.</summary>
    public const int FormatVersion = 2;

    const string PointerFile = "checkpoint.json";

    /// <param name="Stop">
    /// Set when early stopping or pruning ended the run at this epoch: the decision is part of the epoch's
    /// checkpoint, so a run killed before it wrote its result ends the same way when resumed.
    /// </param>
    public sealed record State(
        int FormatVersion,
        int Epoch,
        string Folder,
        string ShuffleState,
        string DropoutState,
        double? BestValue,
        int BestEpoch,
        int EpochsWithoutImprovement,
        StopDecision? Stop = null);

    /// <summary>Why a run stops after its checkpoint's epoch: a status (done or pruned) and the reason.</summary>
    public sealed record StopDecision(string Status, string Reason);

    string Pointer => Path.Combine(runDirectory, PointerFile);

    /// <summary>
    /// Writes the epoch's checkpoint folder and returns its state, without putting it in force: until
    /// <see cref="Commit"/>, a crash resumes from the previous checkpoint, and the folder is stale.
    /// </summary>
    public State Write(int epoch, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer, RunGenerators generators,
        double? bestValue, int bestEpoch, int epochsWithoutImprovement, StopDecision? stop)
    {
        var folder = $"checkpoint-{epoch}";
        var path = Path.Combine(runDirectory, folder);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
        model.save(Path.Combine(path, "model.bin"));
        optimizer.save_state_dict(Path.Combine(path, "optimizer.bin"));
        var (shuffle, dropout) = generators.States();
        var state = new State(FormatVersion, epoch, folder, Encode(shuffle), Encode(dropout),
            bestValue, bestEpoch, epochsWithoutImprovement, stop);
        shuffle.Dispose();
        dropout.Dispose();
        return state;
    }

    /// <summary>Puts a written checkpoint in force (the pointer, replaced atomically), then removes the one it replaces.</summary>
    public void Commit(State state)
    {
        var previous = TryReadState();
        AtomicFile.WriteAllText(Pointer, JsonSerializer.Serialize(state));
        if (previous is not null && previous.Folder != state.Folder)
            Directory.Delete(Path.Combine(runDirectory, previous.Folder), recursive: true);
    }

    /// <summary>The current checkpoint's state, or null when the run has none.</summary>
    public State? TryReadState()
    {
        if (!File.Exists(Pointer)) return null;
        State? state;
        try { state = JsonSerializer.Deserialize<State>(BoundedRead.Text(Pointer, 1 << 20) ?? ""); }
        catch (JsonException) { throw new CheckpointException($"{Pointer} is damaged (not a Runner checkpoint)") { Damaged = true }; }
        if (state is null || state.FormatVersion != FormatVersion)
            throw new CheckpointException(
                $"{Pointer} was written by a different Runner version (checkpoint format {state?.FormatVersion}, " +
                $"this Runner reads {FormatVersion}); run with --fresh to archive the old results and start again");
        return state;
    }

    /// <summary>Loads the weights, optimizer and random streams; returns the state for the caller's bookkeeping.</summary>
    public State Restore(State state, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer, RunGenerators generators)
    {
        var path = Path.Combine(runDirectory, state.Folder);
        try
        {
            if (state.Folder.Contains('/') || state.Folder.Contains("..")) throw new InvalidDataException("a folder outside the run");
            model.load(Path.Combine(path, "model.bin"));
            optimizer.load_state_dict(Path.Combine(path, "optimizer.bin"));
            using var shuffle = Decode(state.ShuffleState);
            using var dropout = Decode(state.DropoutState);
            generators.Restore(shuffle, dropout);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // Truncated or altered files surface as end-of-stream, format or native errors; which one
            // doesn't matter to the user, only that this checkpoint can't be trusted.
            throw new CheckpointException($"{path} is damaged ({e.GetType().Name})") { Damaged = true };
        }
        return state;
    }

    /// <summary>
    /// Moves an unusable checkpoint out of the way (checkpoint.json -> checkpoint.json.unreadable), so the run
    /// can start from scratch; nothing is deleted.
    /// </summary>
    public void SetAside()
    {
        if (File.Exists(Pointer)) File.Move(Pointer, Pointer + ".unreadable", overwrite: true);
    }

    /// <summary>Forgets a damaged checkpoint: the pointer and every checkpoint folder.</summary>
    public void Discard()
    {
        ResultsFolderGuard.DeleteFile(Pointer);
        RemoveStale();
    }

    /// <summary>
    /// Removes checkpoint folders the pointer doesn't name: those a killed process left between writing
    /// a new checkpoint and deleting the previous one, or all of them once the run has ended.
    /// </summary>
    public void RemoveStale()
    {
        if (!Directory.Exists(runDirectory)) return;
        string? current = null;
        try { current = TryReadState()?.Folder; } catch (CheckpointException) { }
        foreach (var folder in Directory.EnumerateDirectories(runDirectory, "checkpoint-*"))
            if (Path.GetFileName(folder) != current && FileKind.Of(folder) == FileType.Directory)
                Directory.Delete(folder, recursive: true);
    }

    /// <summary>Removes the checkpoint of a finished run (its final weights are kept in model.bin).</summary>
    public void Delete()
    {
        var state = TryReadState();
        if (state is not null) Directory.Delete(Path.Combine(runDirectory, state.Folder), recursive: true);
        File.Delete(Pointer);
    }

    static string Encode(Tensor state) => Convert.ToBase64String(state.data<byte>().ToArray());
    static Tensor Decode(string state) => tensor(Convert.FromBase64String(state));
}

/// <summary>A checkpoint that can't be used; the message says why and what to do.</summary>
public sealed class CheckpointException(string message) : Exception(message)
{
    /// <summary>True when the files are damaged (train the run again), false when they are from another version.</summary>
    public bool Damaged { get; init; }
}
