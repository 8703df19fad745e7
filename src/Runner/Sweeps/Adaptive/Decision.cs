namespace Runner.Sweeps.Adaptive;

/// <summary>
/// One decision of an adaptive sweep: what (<see cref="Kind"/>: propose, prune, promote, eliminate,
/// survive, stop) about whom (<see cref="Subject"/>: a run directory or a configuration), with the
/// numbers it was made on and a sentence that says why; a proposed trial carries its axis values
/// (<see cref="Parameters"/>), from which a resumed sweep plans the same run again, and the sampler that
/// drew them (<see cref="Sampler"/>: "random" for a search's startup trials; journals before it have none).
/// </summary>
public sealed record Decision(string Kind, string Subject, string Reason, double? Value = null, double? PValue = null,
    IReadOnlyDictionary<string, string>? Parameters = null, string? Sampler = null)
{
    public const string Propose = "propose", Prune = "prune", Promote = "promote",
        Eliminate = "eliminate", Survive = "survive", Stop = "stop";
}

/// <summary>The answer to one question (e.g. "race round 3"): every decision it made, written as one journal line.</summary>
public sealed record JournalEntry(int Sequence, string Question, DateTime At, IReadOnlyList<Decision> Decisions);
