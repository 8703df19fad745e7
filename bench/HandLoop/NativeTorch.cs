using System.Reflection;
using System.Runtime.InteropServices;

namespace Bench.HandLoop;

/// <summary>
/// A few libtorch switches that TorchSharp 0.107 does not expose (PyTorch's torch.backends.mkldnn,
/// torch.set_flush_denormal, torch.__config__.show()), called directly through their C++ symbols in
/// libtorch_cpu.so. Only for the benchmark's investigation; call after TorchSharp has loaded libtorch.
/// </summary>
public static unsafe class NativeTorch
{
    const string Lib = "libtorch_cpu.so";

    static NativeTorch() => NativeLibrary.SetDllImportResolver(typeof(NativeTorch).Assembly, Resolve);

    static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Lib) return IntPtr.Zero;
        foreach (var dir in new[] { AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native") })
            if (NativeLibrary.TryLoad(Path.Combine(dir, name), out var handle)) return handle;
        return IntPtr.Zero;
    }

    [DllImport(Lib, EntryPoint = "_ZN2at13globalContextEv")] static extern IntPtr GlobalContext();
    [DllImport(Lib, EntryPoint = "_ZN2at7Context9hasMKLDNNEv")] static extern byte HasMkldnnNative();
    [DllImport(Lib, EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")] static extern byte UserEnabledMkldnn(IntPtr context);
    [DllImport(Lib, EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")] static extern void SetUserEnabledMkldnn(IntPtr context, byte enabled);
    [DllImport(Lib, EntryPoint = "_ZN2at7Context16setFlushDenormalEb")] static extern byte SetFlushDenormalNative(byte on);
    // Both return a std::string by value: the caller passes a 32-byte buffer for it (SysV x86-64 ABI).
    [DllImport(Lib, EntryPoint = "_ZN2at11show_configB5cxx11Ev")] static extern IntPtr ShowConfigNative(byte* result);
    [DllImport(Lib, EntryPoint = "_ZN2at17get_parallel_infoB5cxx11Ev")] static extern IntPtr ParallelInfoNative(byte* result);

    public static bool HasMkldnn => HasMkldnnNative() != 0;

    /// <summary>torch.backends.mkldnn.enabled: whether convolutions may use oneDNN.</summary>
    public static bool MkldnnEnabled
    {
        get => UserEnabledMkldnn(GlobalContext()) != 0;
        set => SetUserEnabledMkldnn(GlobalContext(), value ? (byte)1 : (byte)0);
    }

    /// <summary>torch.set_flush_denormal: true when the CPU supports it.</summary>
    public static bool SetFlushDenormal(bool on) => SetFlushDenormalNative(on ? (byte)1 : (byte)0) != 0;

    public static string ShowConfig()
    {
        var buffer = stackalloc byte[32];
        ShowConfigNative(buffer);
        return ReadStdString(buffer);
    }

    public static string ParallelInfo()
    {
        var buffer = stackalloc byte[32];
        ParallelInfoNative(buffer);
        return ReadStdString(buffer);
    }

    /// <summary>Reads a libstdc++ std::string {char* data; size_t length; ...}. The string's heap buffer
    /// is leaked on purpose: a few hundred bytes once per process.</summary>
    static string ReadStdString(byte* buffer)
    {
        var data = *(byte**)buffer;
        var length = *(long*)(buffer + 8);
        return System.Text.Encoding.UTF8.GetString(data, (int)length);
    }
}
