using System.Globalization;

namespace Runner.Devices;

/// <summary>
/// `train.device`: cpu, cuda (the first GPU), cuda:N or auto (the first GPU when one is visible, else
/// the CPU). Pure functions of the setting and what this build and machine have, so they are testable
/// without a GPU. A GPU that isn't there is an error at validate, never a silent fall-back to the CPU.
/// </summary>
public static class DeviceChoice
{
    public const string Cpu = "cpu", Auto = "auto";

    /// <summary>Why the device can't be used here, or null when it can.</summary>
    public static string? Problem(string device, TorchBackend backend)
    {
        if (device is Cpu or Auto || !device.StartsWith("cuda", StringComparison.Ordinal)) return null;
        if (!backend.HasCuda)
            return $"'{device}' needs CUDA, but this Runner was built with the CPU package ({backend.Package}); " +
                   "rebuild with -p:TorchBackend=cuda-linux (or cuda-windows) on a machine with an NVIDIA GPU, or write `device: cpu` or `device: auto`";
        if (backend.CudaDevices == 0)
            return $"'{device}' needs CUDA, but no CUDA device is visible ({backend.Package} is in this build, " +
                   "but torch.cuda.is_available() is false: check the NVIDIA driver and CUDA_VISIBLE_DEVICES), or write `device: cpu` or `device: auto`";
        int index = Index(device);
        return index < backend.CudaDevices ? null
            : $"'{device}' does not exist: {backend.CudaDevices} CUDA device(s) are visible, cuda:0 to cuda:{backend.CudaDevices - 1}";
    }

    /// <summary>The device a run trains on, on this build and machine.</summary>
    public static string Resolve(string device) => Resolve(device, TorchBackend.Current);

    /// <summary>The device a run trains on: `auto` decided, `cuda` as `cuda:0`.</summary>
    public static string Resolve(string device, TorchBackend backend) => device switch
    {
        Auto => backend.CudaDevices > 0 ? "cuda:0" : Cpu,
        "cuda" => "cuda:0",
        _ => device,
    };

    static int Index(string device) =>
        device.Length > 5 ? int.Parse(device.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture) : 0;
}
