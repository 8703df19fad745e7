using Runner.Files;
using System.Text;

namespace Runner.Data;

/// <summary>
/// Finds the four idx files of a dataset: the cache first, then each source in order. Every file is
/// verified (SHA-256 of its decompressed content) before use; a bad cached file is deleted and
/// fetched again, and a good file found elsewhere is stored in the cache (complete or not at all).
/// </summary>
internal static class DatasetFiles
{
    /// <summary>The verified, decompressed content of every file; throws <see cref="DatasetUnavailableException"/>.</summary>
    public static IReadOnlyDictionary<IdxPart, byte[]> Load(
        IdxDatasetFiles dataset, string cacheFolder, IReadOnlyList<IIdxSource> sources, DataContext context)
    {
        var found = new Dictionary<IdxPart, byte[]>();
        var tried = new List<string>();
        var mismatches = false;

        foreach (var file in dataset.Files)
        {
            var path = FindIn(cacheFolder, file);
            if (path is null) continue;
            if (TryReadVerified(path, file, out var content, out var problem)) { found[file.Part] = content; continue; }
            context.Log($"{dataset.Name}: the cached file {path} is unusable ({problem}); deleted it, fetching again");
            File.Delete(path);
            tried.Add($"the cache: {problem}");
        }
        if (found.Count == dataset.Files.Count) return found;
        if (tried.Count == 0) tried.Add($"the cache {cacheFolder}: {Missing(dataset, found)} not there");

        var scratch = Directory.CreateTempSubdirectory("runner-data-");
        try
        {
            for (int i = 0; i < sources.Count && found.Count < dataset.Files.Count; i++)
            {
                var source = sources[i];
                if (source.Fetches) context.Log($"{dataset.Name}: fetching with {source.Description} ...");
                string folder;
                try { folder = source.Provide(Path.Combine(scratch.FullName, i.ToString(System.Globalization.CultureInfo.InvariantCulture))); }
                catch (SourceFailedException e) { tried.Add($"{source.Description}: {e.Message}"); continue; }

                var problems = new List<string>();
                int taken = 0;
                foreach (var file in dataset.Files.Where(f => !found.ContainsKey(f.Part)))
                {
                    var path = FindIn(folder, file);
                    if (path is null) { problems.Add($"no {file.FileName}[.gz]"); continue; }
                    if (!TryReadVerified(path, file, out var content, out var problem))
                    {
                        problems.Add(problem);
                        mismatches |= problem.Contains("SHA-256", StringComparison.Ordinal);
                        continue;
                    }
                    found[file.Part] = content;
                    taken++;
                    StoreInCache(Path.Combine(cacheFolder, file.FileName), content, context);
                }
                if (problems.Count > 0) tried.Add($"{source.Description}: {string.Join("; ", problems)}");
                if (taken > 0) context.Log($"{dataset.Name}: took {taken} verified file(s) from {source.Description}; cached in {cacheFolder}");
            }
        }
        finally
        {
            try { scratch.Delete(recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
        }

        if (found.Count < dataset.Files.Count)
            throw new DatasetUnavailableException(UnavailableMessage(dataset, cacheFolder, tried, mismatches));
        return found;
    }

    /// <summary>A cache that can't be written (read-only home, full disk) costs a fetch next time, not this run.</summary>
    static void StoreInCache(string path, byte[] content, DataContext context)
    {
        try { AtomicFile.WriteAllBytes(path, content); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Log($"could not store {path} in the cache ({e.Message}); it will be fetched again next time");
        }
    }

    /// <summary>The file by its canonical name, or gzipped with .gz appended; null when neither is there.</summary>
    static string? FindIn(string folder, IdxFileSpec file) =>
        new[] { file.FileName, file.FileName + ".gz" }.Select(name => Path.Combine(folder, name)).FirstOrDefault(File.Exists);

    internal static bool TryReadVerified(string path, IdxFileSpec file, out byte[] content, out string problem)
    {
        content = [];
        try
        {
            var bytes = IdxFile.ReadContent(path);
            IdxFile.ReadDimensions(bytes, file.IsImages ? IdxFile.ImagesMagic : IdxFile.LabelsMagic, file.IsImages ? "images" : "labels", path);
            var actual = Checksum.Sha256Hex(bytes);
            if (actual != file.Sha256)
            {
                problem = $"{path}: SHA-256 {actual}, expected {file.Sha256}";
                return false;
            }
            content = bytes;
            problem = "";
            return true;
        }
        catch (DataFileException e) { problem = e.Message; }
        catch (IOException e) { problem = $"{path}: {e.Message}"; }
        catch (UnauthorizedAccessException e) { problem = $"{path}: {e.Message}"; }
        return false;
    }

    static string Missing(IdxDatasetFiles dataset, Dictionary<IdxPart, byte[]> found)
    {
        var missing = dataset.Files.Where(f => !found.ContainsKey(f.Part)).ToList();
        return missing.Count == dataset.Files.Count ? "the files are" : string.Join(", ", missing.Select(f => f.FileName)) + (missing.Count == 1 ? " is" : " are");
    }

    static string UnavailableMessage(IdxDatasetFiles dataset, string cacheFolder, List<string> tried, bool mismatches)
    {
        var text = new StringBuilder($"dataset '{dataset.Name}' is not available. Tried, in order:\n");
        foreach (var attempt in tried) text.Append("  - ").Append(attempt).Append('\n');
        if (mismatches)
            text.Append("A file was found but its content differs from the published dataset (its SHA-256 does not match), ")
                .Append("even after fetching it again. The source serves different bytes (a changed package, a damaged ")
                .Append("download or disk), and Runner will not train on it because results would not be comparable.\n");
        text.Append($"To place the files by hand, put these four files, raw or gzipped (name + .gz), in {cacheFolder}/ :\n");
        foreach (var file in dataset.Files) text.Append($"  {file.FileName,-26} SHA-256 {file.Sha256}\n");
        text.Append("(The cache is $RUNNER_DATA, else $XDG_CACHE_HOME/runner/datasets, else ~/.cache/runner/datasets.)");
        return text.ToString();
    }
}
