using System.CommandLine;
using Runner.Models.Registries;
using Spectre.Console;

namespace Runner.Cli;

/// <summary>`runner list`: every registered name, with its parameters and their defaults.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List every registered layer, activation, initializer, optimizer, loss, metric and dataset");
        command.SetAction(_ =>
        {
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
        table.AddColumn("parameters (default)");
        table.AddColumn("description");
        foreach (var c in components)
        {
            var parameters = string.Join("\n", c.Parameters.Select(p => $"{p.Name} ({p.DefaultText})" + (p.Range is { } range ? $" {range}" : "")));
            table.AddRow(Markup.Escape(c.Name), Markup.Escape(parameters), Markup.Escape(c.Description));
        }
        AnsiConsole.Write(table);
    }
}
