using System.Reflection;

namespace Runner.Devices;

/// <summary>
/// Which TorchSharp package this Runner was built with (`-p:TorchBackend=cpu|cuda-linux|cuda-windows`,
/// recorded in the assembly at build time) and how many CUDA devices it sees.
/// </summary>
public sealed record TorchBackend(string Name, int CudaDevices)
{
    public bool HasCuda => Name.StartsWith("cuda", StringComparison.Ordinal);
    public string Package => HasCuda ? $"TorchSharp-{Name}" : "TorchSharp-cpu";

    static readonly Lazy<TorchBackend> Build = new(() =>
    {
        var name = typeof(TorchBackend).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TorchBackend")?.Value ?? "cpu";
        // Only a CUDA build asks torch: a CPU build knows without loading libtorch (validate stays fast).
        int devices = name.StartsWith("cuda", StringComparison.Ordinal) && TorchSharp.torch.cuda.is_available()
            ? TorchSharp.torch.cuda.device_count() : 0;
        return new TorchBackend(name, devices);
    });

    /// <summary>This build, on this machine.</summary>
    public static TorchBackend Current => Build.Value;

    public string Describe() =>
        $"TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3)} ({Package}); devices: cpu" +
        (HasCuda ? (CudaDevices > 0 ? string.Concat(Enumerable.Range(0, CudaDevices).Select(i => $", cuda:{i}")) : " (no CUDA device visible)")
                 : " (CUDA: not in this build; rebuild with -p:TorchBackend=cuda-linux or cuda-windows)");
}
