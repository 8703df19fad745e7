using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Runner.Recording;

/// <summary>What a result was measured on: reports and benchmarks state it next to the numbers.</summary>
public static class MachineInfo
{
    public static JsonObject Describe() => new()
    {
        ["cores"] = Environment.ProcessorCount,
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["cpu"] = CpuModel(),
    };

    public static JsonObject Packages() => new()
    {
        ["TorchSharp"] = Version(typeof(TorchSharp.torch)),
        ["YamlDotNet"] = Version(typeof(YamlDotNet.Core.Parser)),
        ["CsvHelper"] = Version(typeof(CsvHelper.CsvWriter)),
        ["MathNet.Numerics"] = Version(typeof(MathNet.Numerics.Statistics.Statistics)),
        ["ScottPlot"] = Version(typeof(ScottPlot.Plot)),
        ["Spectre.Console"] = Version(typeof(Spectre.Console.AnsiConsole)),
    };

    static string Version(Type type)
    {
        var info = type.Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        return (info ?? type.Assembly.GetName().Version?.ToString() ?? "?").Split('+')[0];
    }

    static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException) { return "unknown"; }
    }
}
