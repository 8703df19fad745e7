using System.Collections.Concurrent;
using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Data;

/// <summary>
/// Datasets loaded in this process, so a sweep loads each one once. Entries are read-only tensors
/// shared by every run (runs get their own handles through <see cref="DataPreparation"/>). Safe to use
/// from parallel runs: a dataset asked for twice at once is loaded once. A failed load is not kept,
/// so asking again retries.
/// </summary>
public sealed class DatasetCache(Registry<IDatasetType> registry) : IDisposable
{
    readonly ConcurrentDictionary<string, Lazy<RawDataset>> _loaded = new(StringComparer.Ordinal);

    public int Count => _loaded.Values.Count(l => l.IsValueCreated);

    /// <summary>The dataset, loaded on first use. Throws <see cref="UnknownNameException"/> for an unknown name.</summary>
    public RawDataset Get(ComponentSpec dataset, DataContext context)
    {
        var type = registry.Get(dataset.Name);
        var key = Key(type, dataset, context);
        var entry = _loaded.GetOrAdd(key, _ => new Lazy<RawDataset>(() => LoadShared(type, dataset.Arguments, context)));
        try
        {
            return entry.Value;
        }
        catch
        {
            _loaded.TryRemove(new KeyValuePair<string, Lazy<RawDataset>>(key, entry));
            throw;
        }
    }

    /// <summary>
    /// Name and arguments identify a dataset; a dataset that reads files (it has text parameters)
    /// also depends on the folder its relative paths resolve against.
    /// </summary>
    static string Key(IDatasetType type, ComponentSpec dataset, DataContext context)
    {
        var key = $"{type.Name.ToLowerInvariant()}({dataset.Arguments})";
        return type.Parameters.Any(p => p.Type == ParameterType.Text) ? $"{key}@{Path.GetFullPath(context.ConfigDirectory)}" : key;
    }

    /// <summary>Loads outside any caller's dispose scope, so the shared tensors outlive the run that asked first.</summary>
    static RawDataset LoadShared(IDatasetType type, Arguments arguments, DataContext context)
    {
        var raw = type.Load(arguments, context);
        raw.TrainImages.DetachFromDisposeScope();
        raw.TrainLabels.DetachFromDisposeScope();
        raw.TestImages.DetachFromDisposeScope();
        raw.TestLabels.DetachFromDisposeScope();
        return raw;
    }

    public void Dispose()
    {
        foreach (var entry in _loaded.Values.Where(l => l.IsValueCreated)) entry.Value.Dispose();
        _loaded.Clear();
    }
}
