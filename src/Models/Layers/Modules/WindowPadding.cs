namespace Runner.Models.Layers.Modules;

/// <summary>Turns Keras's per-axis padding into what TorchSharp's conv and pool calls take.</summary>
static class WindowPadding
{
    /// <summary>
    /// Symmetric padding: (the op's own [top, left] padding, null). Asymmetric: ([0, 0], the
    /// [left, right, top, bottom] for an explicit F.pad before the op).
    /// </summary>
    public static (long[] OpPadding, long[]? Explicit) Split(AxisWindow height, AxisWindow width) =>
        height.Symmetric && width.Symmetric
            ? (new long[] { height.PadBefore, width.PadBefore }, null)
            : (new long[] { 0, 0 }, new long[] { width.PadBefore, width.PadAfter, height.PadBefore, height.PadAfter });
}
