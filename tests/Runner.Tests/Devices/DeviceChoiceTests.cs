using Runner.Devices;
using static Runner.Tests.TestExperiments;

namespace Runner.Tests.Devices;

/// <summary>train.device against what a build and a machine have: refused with the reason, never a silent CPU.</summary>
public class DeviceChoiceTests
{
    static readonly TorchBackend CpuBuild = new("cpu", 0);
    static readonly TorchBackend CudaBuildNoGpu = new("cuda-linux", 0);
    static readonly TorchBackend CudaBuildTwoGpus = new("cuda-linux", 2);

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    [InlineData("cuda:1")]
    public void Cuda_on_the_cpu_package_names_the_rebuild(string device)
    {
        var problem = DeviceChoice.Problem(device, CpuBuild);
        Assert.NotNull(problem);
        Assert.Contains("built with the CPU package (TorchSharp-cpu)", problem);
        Assert.Contains("-p:TorchBackend=cuda-linux", problem);
    }

    [Fact]
    public void Cuda_without_a_visible_device_says_so()
    {
        var problem = DeviceChoice.Problem("cuda", CudaBuildNoGpu);
        Assert.NotNull(problem);
        Assert.Contains("no CUDA device is visible", problem);
        Assert.Contains("TorchSharp-cuda-linux", problem);
    }

    [Fact]
    public void A_missing_device_index_names_the_ones_there_are()
    {
        Assert.Null(DeviceChoice.Problem("cuda:1", CudaBuildTwoGpus));
        Assert.Contains("cuda:0 to cuda:1", DeviceChoice.Problem("cuda:2", CudaBuildTwoGpus));
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("auto")]
    public void Cpu_and_auto_work_everywhere(string device)
    {
        foreach (var backend in new[] { CpuBuild, CudaBuildNoGpu, CudaBuildTwoGpus })
            Assert.Null(DeviceChoice.Problem(device, backend));
    }

    [Fact]
    public void Auto_takes_the_first_gpu_when_there_is_one_else_the_cpu()
    {
        Assert.Equal("cpu", DeviceChoice.Resolve("auto", CpuBuild));
        Assert.Equal("cpu", DeviceChoice.Resolve("auto", CudaBuildNoGpu));
        Assert.Equal("cuda:0", DeviceChoice.Resolve("auto", CudaBuildTwoGpus));
        Assert.Equal("cuda:0", DeviceChoice.Resolve("cuda", CudaBuildTwoGpus));
        Assert.Equal("cuda:1", DeviceChoice.Resolve("cuda:1", CudaBuildTwoGpus));
    }

    [Fact]
    public void This_build_is_the_cpu_package_and_says_so()
    {
        var backend = TorchBackend.Current;
        Assert.Equal(("cpu", 0, false), (backend.Name, backend.CudaDevices, backend.HasCuda));
        Assert.Contains("TorchSharp-cpu", backend.Describe());
        Assert.Contains("devices: cpu", backend.Describe());
    }

    [Fact]
    public void Validate_refuses_cuda_here_at_its_line_with_the_reason()
    {
        var yaml = Mlp + "\n  device: cuda\n";
        var error = ErrorAt(Errors(yaml), yaml, "cuda\n", "train.device", "built with the CPU package", "-p:TorchBackend=");
        Assert.Equal("exp.yaml", error.File);
    }

    [Fact]
    public void Validate_accepts_auto_and_rejects_unknown_names()
    {
        Valid(Mlp + "\n  device: auto\n");
        var yaml = Mlp + "\n  device: gpu\n";
        ErrorAt(Errors(yaml), yaml, "gpu", "unknown device 'gpu'", "cpu, cuda, cuda:N or auto");
    }

    [Fact]
    public void A_run_keeps_its_identity_when_only_its_device_changes()
    {
        var cpu = Valid(Mlp + "\n  device: cpu\n").Runs[0];
        var auto = Valid(Mlp + "\n  device: auto\n").Runs[0];
        var unset = Valid(Mlp).Runs[0];
        Assert.Equal(cpu.Hash, auto.Hash);
        Assert.Equal(cpu.Hash, unset.Hash);
        Assert.Contains("device: auto", auto.ResolvedYaml);
    }
}
