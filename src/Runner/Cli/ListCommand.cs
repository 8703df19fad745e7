using System.CommandLine;
using Runner.Devices;
using Runner.Models.Registries;
using Spectre.Console;
using Runner.Data;

namespace Runner.Cli;

/// <summary>`runner list`: every registered name, with its parameters and their defaults.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List every registered layer, activation, initializer, optimizer, loss, metric and dataset, and this build's TorchSharp backend and devices");
        command.SetAction(_ =>
        {
            Console.WriteLine(TorchBackend.Current.Describe());
            var r = RunnerRegistries.Models;
            Print("Layers", r.Layers.All);
            Print("Activations", r.Activations.All);
            Print("Initializers", r.Initializers.All);
            Print("Optimizers", r.Optimizers.All);
            Print("Losses", r.Losses.All);
            Print("Metrics", r.Metrics.All);
            Print("Datasets", RunnerRegistries.Datasets.All);
            return ExitCodes.Ok;
        });
        return command;
    }

    static void Print<T>(string title, IEnumerable<T> components) where T : IComponentType
    {
        var table = new Table().Border(TableBorder.Simple).Title($"[bold]{title}[/]");
        table.AddColumn("name");
        table.AddColumn("parameters");
        table.AddColumn("description");
        foreach (var c in components)
        {
            var parameters = string.Join("\n", c.Parameters.Select(Describe));
            table.AddRow(Markup.Escape(c.Name), Markup.Escape(parameters), Markup.Escape(c.Description));
        }
        AnsiConsole.Write(table);
    }

    /// <summary>"units: required, >= 1", "padding = valid (valid|same)", "strides: optional".</summary>
    static string Describe(ParameterInfo p)
    {
        var text = p.Default is not null ? $"{p.Name} = {p.DefaultText}" : $"{p.Name}: {(p.Required ? "required" : "optional")}";
        if (p.Choices is { Count: > 0 } choices) text += $" ({string.Join("|", choices)})";
        if (p.Range is { } range) text += $", {range}";
        return text;
    }
}
