namespace Runner.Models.Specs;

/// <summary>
/// A tensor shape without the batch dimension, written the Keras way: images are (height, width,
/// channels). The model builder maps it to TorchSharp's channels-first layout.
/// </summary>
public sealed class Shape : IEquatable<Shape>
{
    public IReadOnlyList<int> Dims { get; }

    public Shape(params int[] dims) => Dims = dims.ToArray();

    public int Rank => Dims.Count;
    public int this[int axis] => Dims[axis];
    public long Elements => Dims.Aggregate(1L, (product, d) => product * d);

    /// <summary>The per-sample shape in TorchSharp's layout: (C, H, W) for images, unchanged otherwise.</summary>
    public long[] TorchDims => Rank == 3 ? new long[] { Dims[2], Dims[0], Dims[1] } : Dims.Select(d => (long)d).ToArray();

    /// <summary>Keras prints the batch dimension as None: (None, 28, 28, 32).</summary>
    public override string ToString() => "(None, " + string.Join(", ", Dims) + ")";

    public bool Equals(Shape? other) => other is not null && Dims.SequenceEqual(other.Dims);
    public override bool Equals(object? obj) => Equals(obj as Shape);
    public override int GetHashCode() => Dims.Aggregate(17, (h, d) => h * 31 + d);
}
