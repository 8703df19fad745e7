using static TorchSharp.torch;

namespace Runner.Training;

/// <summary>
/// Each run draws from its own random streams, never torch's global one, so that runs trained side by
/// side (--jobs) or resumed from a checkpoint see exactly the numbers a lone, uninterrupted run sees.
/// </summary>
public sealed class RunGenerators : IDisposable
{
    public Generator Init { get; }
    public Generator Shuffle { get; }
    public Generator Dropout { get; }

    public RunGenerators(int seed)
    {
        // Distinct, fixed offsets keep the three streams apart while depending only on the run's seed.
        Init = new Generator(Mix(seed, 1));
        Shuffle = new Generator(Mix(seed, 2));
        Dropout = new Generator(Mix(seed, 3));
    }

    static ulong Mix(int seed, ulong stream) => (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ stream * 0xBF58476D1CE4E5B9UL;

    /// <summary>The states of the streams that keep advancing during training (init is used once).</summary>
    public (Tensor Shuffle, Tensor Dropout) States() => (Shuffle.get_state(), Dropout.get_state());

    public void Restore(Tensor shuffleState, Tensor dropoutState)
    {
        Shuffle.set_state(shuffleState);
        Dropout.set_state(dropoutState);
    }

    public void Dispose()
    {
        Init.Dispose(); Shuffle.Dispose(); Dropout.Dispose();
    }
}
