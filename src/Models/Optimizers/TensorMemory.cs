using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Optimizers;

/// <summary>
/// The address of a CPU tensor's first element, from LibTorchSharp's own THSTensor_data (what
/// Tensor.data&lt;T&gt;() uses inside TorchSharp; 0.107 exposes no pointer). The library is the one
/// TorchSharp has already loaded, found in the app's folder or its runtimes/ folder.
/// </summary>
static unsafe class TensorMemory
{
    const string Library = "libLibTorchSharp.so";

    static TensorMemory() => NativeLibrary.SetDllImportResolver(typeof(TensorMemory).Assembly, Resolve);

    static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library) return IntPtr.Zero;
        foreach (var dir in new[] { AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native") })
            if (NativeLibrary.TryLoad(Path.Combine(dir, name), out var handle)) return handle;
        return IntPtr.Zero;
    }

    [DllImport(Library, EntryPoint = "THSTensor_data")]
    static extern IntPtr TensorData(IntPtr tensor);

    public static float* Floats(Tensor tensor) => (float*)TensorData(tensor.Handle);

    /// <summary>
    /// Elementwise work over raw memory is right only when the tensors lay their elements out
    /// identically and without gaps (true for contiguous and channels-last tensors alike).
    /// </summary>
    public static bool SameDenseFloatLayout(Tensor first, params Tensor[] others)
    {
        if (first.dtype != ScalarType.Float32 || first.device_type != DeviceType.CPU) return false;
        var strides = first.stride();
        foreach (var t in others)
            if (t.dtype != ScalarType.Float32 || t.device_type != DeviceType.CPU || !strides.AsSpan().SequenceEqual(t.stride()))
                return false;
        var shape = first.shape;
        long extent = 1;
        for (int d = 0; d < shape.Length; d++) extent += (shape[d] - 1) * strides[d];
        return extent == first.numel();
    }
}
